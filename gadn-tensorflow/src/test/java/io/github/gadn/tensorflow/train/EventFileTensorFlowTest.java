package io.github.gadn.tensorflow.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tensorflow.Graph;
import org.tensorflow.Session;
import org.tensorflow.exceptions.TFOutOfRangeException;
import org.tensorflow.op.Ops;
import org.tensorflow.op.io.FifoQueue;
import org.tensorflow.op.io.ReaderRead;
import org.tensorflow.op.summary.SummaryWriter;
import org.tensorflow.proto.Event;
import org.tensorflow.types.TString;

/**
 * TensorFlow's own C++ record code as the reference for the framing: its event writer's file passes
 * the test reader's checksums, and its record reader (which verifies both checksums of every
 * record) reads the files {@link EventFileWriter} writes.
 */
class EventFileTensorFlowTest {

  @Test
  void theTestReaderAcceptsAnEventFileWrittenByTensorFlow(@TempDir Path dir) throws Exception {
    try (Graph g = new Graph();
        Session s = new Session(g)) {
      Ops tf = Ops.create(g);
      SummaryWriter writer = tf.summary.summaryWriter();
      s.runner()
          .addTarget(
              tf.summary.createSummaryFileWriter(
                  writer, tf.constant(dir.toString()), tf.constant(10), tf.constant(100_000),
                  tf.constant(".tf")))
          .run();
      s.runner()
          .addTarget(
              tf.summary.writeScalarSummary(
                  writer, tf.constant(7L), tf.constant("loss"), tf.constant(0.5f)))
          .run();
      s.runner().addTarget(tf.summary.flushSummaryWriter(writer)).run();
      s.runner().addTarget(tf.summary.closeSummaryWriter(writer)).run();
    }
    List<Path> files = EventFiles.files(dir);
    assertThat(files).hasSize(1);
    List<Event> events = EventFiles.events(files.get(0));
    assertThat(events.get(0).getFileVersion()).isEqualTo(EventFileWriter.FILE_VERSION);
    List<EventFiles.Tagged> loss = EventFiles.values(events, "loss");
    assertThat(loss).hasSize(1);
    assertThat(loss.get(0).step()).isEqualTo(7);
    assertThat(loss.get(0).value().getSimpleValue()).isEqualTo(0.5f);
  }

  @Test
  void tensorFlowReadsTheRecordsOfOurFilesAndRejectsACorruptedOne(@TempDir Path dir)
      throws Exception {
    Path file;
    List<byte[]> written = new ArrayList<>();
    try (EventFileWriter writer = EventFileWriter.create(dir, 1_700_000_000.0, "host")) {
      file = writer.file();
      for (int i = 0; i < 3; i++) {
        Event e = Event.newBuilder().setStep(i + 1).setWallTime(1_700_000_001.0 + i).build();
        writer.write(e);
        written.add(e.toByteArray());
      }
      byte[] big = new byte[100_000]; // larger than the writer's buffer
      for (int i = 0; i < big.length; i++) {
        big[i] = (byte) (i * 31 + 7);
      }
      writer.writeRecord(big);
      written.add(big);
    }
    // The test reader first: TensorFlow trusts a length whose checksum is right, however large.
    assertThat(EventFiles.records(Files.readAllBytes(file))).hasSize(5);
    List<byte[]> read = readWithTensorFlow(file);
    assertThat(read).hasSize(5);
    assertThat(Event.parseFrom(read.get(0)).getFileVersion()).isEqualTo("brain.Event:2");
    for (int i = 0; i < written.size(); i++) {
      assertThat(read.get(i + 1)).as("record %s", i + 1).isEqualTo(written.get(i));
    }

    byte[] bytes = Files.readAllBytes(file);
    bytes[bytes.length - 5000] ^= 0x10; // inside the last record's data
    Path corrupt = dir.resolve("corrupt").resolve(file.getFileName());
    Files.createDirectories(corrupt.getParent());
    Files.write(corrupt, bytes);
    assertThatThrownBy(() -> readWithTensorFlow(corrupt)).hasMessageContaining("corrupted record");
  }

  /**
   * Every record of a TFRecord file, as TensorFlow's record reader returns them (the queue-based
   * {@code TFRecordReaderV2}, which reads with the same C++ record reader as the data pipeline).
   */
  private static List<byte[]> readWithTensorFlow(Path file) {
    List<byte[]> out = new ArrayList<>();
    try (Graph g = new Graph();
        Session s = new Session(g)) {
      Ops tf = Ops.create(g);
      FifoQueue files = tf.io.fifoQueue(List.of(TString.class));
      s.runner().addTarget(tf.io.queueEnqueue(files, List.of(tf.constant(file.toString())))).run();
      s.runner().addTarget(tf.io.queueClose(files)).run();
      ReaderRead read = tf.io.readerRead(tf.io.tfRecordReader(), files);
      while (true) {
        try (var result = s.runner().fetch(read.value()).run()) {
          out.add(((TString) result.get(0)).asBytes().getObject());
        } catch (TFOutOfRangeException end) {
          return out;
        }
      }
    }
  }
}
