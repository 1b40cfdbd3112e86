package io.github.gadn.tensorflow.train;

import com.google.protobuf.ByteString;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import org.tensorflow.proto.Event;
import org.tensorflow.proto.SessionLog;
import org.tensorflow.proto.Summary;

/**
 * The TensorBoard log of a run: a new event file in {@code RUN/tensorboard/} per trainer, with
 * scalar summaries (the classic {@code simple_value} form) and PNG image summaries, the step of
 * each being the iteration. {@code tensorboard --logdir RUN/tensorboard} merges the files of a
 * run's successive sessions.
 *
 * <p>After the version event, every file starts with a session-start event at the step after the
 * iteration the trainer starts from: TensorBoard then drops what earlier files logged beyond that
 * iteration (the iterations of a killed run after its last checkpoint, which the resumed run
 * repeats), and keeps everything before it.
 */
final class TensorBoardLog implements AutoCloseable {
  /** The folder of the event files, in the run folder. */
  static final String FOLDER = "tensorboard";

  private final EventFileWriter writer;

  private TensorBoardLog(EventFileWriter writer) {
    this.writer = writer;
  }

  /**
   * Creates a new event file in {@code <runRoot>/tensorboard/} for a trainer starting at {@code
   * iteration}.
   */
  static TensorBoardLog open(Path runRoot, long iteration) throws IOException {
    EventFileWriter writer = EventFileWriter.create(runRoot.resolve(FOLDER));
    try {
      writer.write(
          event(iteration + 1)
              .setSessionLog(SessionLog.newBuilder().setStatus(SessionLog.SessionStatus.START))
              .build());
      writer.flush();
    } catch (IOException | RuntimeException e) {
      writer.close();
      throw e;
    }
    return new TensorBoardLog(writer);
  }

  /** The event file written. */
  Path file() {
    return writer.file();
  }

  /** Appends one event holding a scalar summary per entry (tag → value, as float). Buffered. */
  void scalars(long step, Map<String, Double> values) throws IOException {
    Summary.Builder summary = Summary.newBuilder();
    values.forEach(
        (tag, value) ->
            summary.addValue(Summary.Value.newBuilder().setTag(tag).setSimpleValue(value.floatValue())));
    writer.write(event(step).setSummary(summary).build());
  }

  /**
   * Appends an image summary. Buffered.
   *
   * @param step the iteration
   * @param tag the image's name in TensorBoard
   * @param image the image (its size and channel count are recorded)
   * @param png the image encoded as PNG
   */
  void image(long step, String tag, BufferedImage image, byte[] png) throws IOException {
    Summary.Image encoded =
        Summary.Image.newBuilder()
            .setHeight(image.getHeight())
            .setWidth(image.getWidth())
            .setColorspace(image.getColorModel().getNumComponents())
            .setEncodedImageString(ByteString.copyFrom(png))
            .build();
    writer.write(
        event(step)
            .setSummary(Summary.newBuilder().addValue(Summary.Value.newBuilder().setTag(tag).setImage(encoded)))
            .build());
  }

  /** Hands the buffered events to the operating system. */
  void flush() throws IOException {
    writer.flush();
  }

  @Override
  public void close() throws IOException {
    writer.close();
  }

  private static Event.Builder event(long step) {
    return Event.newBuilder().setWallTime(System.currentTimeMillis() / 1000.0).setStep(step);
  }
}
