package io.github.gadn.tensorflow.train;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.gadn.TrainingEvent;
import io.github.gadn.config.RunOptions;
import io.github.gadn.config.Stage1Config;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tensorflow.proto.Event;
import org.tensorflow.proto.SessionLog;
import org.tensorflow.proto.Summary;

/** What a training run writes to {@code RUN/tensorboard/}, read back with the test reader. */
class TensorBoardRunTest {
  private static final ToyDataset DATA = new ToyDataset(12, 3, 60);
  private static final double LR = 2e-3;
  private static final double STYLE_LR = 1e-3;
  private static final int RAMP = 4;

  private static Stage1Config config() {
    return TinyStage1.config()
        .lr(LR)
        .styleLr(STYLE_LR)
        .lrRamp(RAMP)
        .inkWeights(0.3)
        .run(
            RunOptions.builder()
                .niter(6)
                .seed(7)
                .logIter(2)
                .visualizeIter(3)
                .saveIter(2)
                .checkpointIter(4)
                .build())
        .build();
  }

  @Test
  void scalarsComeEveryTenIterationsWhenTheLogPeriodIsLonger(@TempDir Path dir) throws Exception {
    Path run = dir.resolve("run");
    Stage1Config config =
        config().toBuilder()
            .run(
                RunOptions.builder()
                    .niter(25)
                    .seed(7)
                    .logIter(1000)
                    .visualizeIter(1000)
                    .saveIter(1000)
                    .checkpointIter(1000)
                    .build())
            .build();
    try (Stage1Run trainer = Stage1Run.start(config, DATA, run)) {
      trainer.train(event -> {});
    }
    List<Long> steps = new ArrayList<>();
    EventFiles.values(EventFiles.allEvents(run.resolve("tensorboard")), "rec")
        .forEach(v -> steps.add(v.step()));
    assertThat(steps).containsExactly(10L, 20L);
  }

  @Test
  void stage1LogsEveryLossLearningRateAndRateAtLogIterationsAndEveryGrid(@TempDir Path dir)
      throws Exception {
    Path run = dir.resolve("run");
    Path board = run.resolve("tensorboard");
    Map<Long, TrainingEvent> seen = new HashMap<>();
    List<Long> onDiskAtIteration3 = new ArrayList<>();
    try (Stage1Run trainer = Stage1Run.start(config(), DATA, run)) {
      trainer.train(
          event -> {
            seen.put(event.iteration(), event);
            if (event.iteration() == 3) {
              // Flushed at log iteration 2: a run killed now keeps it.
              try {
                EventFiles.values(EventFiles.allEvents(board), "rec")
                    .forEach(v -> onDiskAtIteration3.add(v.step()));
              } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
              }
            }
          });
    }
    assertThat(onDiskAtIteration3).containsExactly(2L);

    List<Path> files = EventFiles.files(board);
    assertThat(files).hasSize(1);
    assertThat(files.get(0).getFileName().toString()).startsWith("events.out.tfevents.");
    List<Event> events = EventFiles.events(files.get(0));
    assertThat(events.get(0).getFileVersion()).isEqualTo("brain.Event:2");
    assertThat(events.get(0).getWallTime()).isPositive();
    assertThat(events.get(1).getSessionLog().getStatus()).isEqualTo(SessionLog.SessionStatus.START);
    assertThat(events.get(1).getStep()).isEqualTo(1);

    // Every log.csv column at the log iterations 2, 4, 6: the logged value, as float.
    List<String> csv = Files.readAllLines(run.resolve("log.csv"));
    List<String> columns = Arrays.asList(csv.get(0).split(","));
    assertThat(columns.subList(1, columns.size())).isEqualTo(Stage1Graph.LOGGED);
    for (int c = 1; c < columns.size(); c++) {
      String tag = columns.get(c);
      List<EventFiles.Tagged> values = EventFiles.values(events, tag);
      assertThat(values).as(tag).extracting(EventFiles.Tagged::step).containsExactly(2L, 4L, 6L);
      for (EventFiles.Tagged v : values) {
        double fromCsv = Double.parseDouble(csv.get((int) v.step()).split(",")[c]);
        float logged = v.value().getSimpleValue();
        assertThat(logged).as("%s at %s", tag, v.step())
            .isEqualTo(seen.get(v.step()).losses().get(tag).floatValue());
        assertThat((double) logged).as("%s at %s vs log.csv", tag, v.step())
            .isCloseTo(fromCsv, org.assertj.core.data.Offset.offset(1e-5 * Math.abs(fromCsv) + 1e-12));
      }
    }
    // The ramped learning rates and the rate the listener saw.
    for (long t : List.of(2L, 4L, 6L)) {
      double ramp = Math.min((double) t / RAMP, 1);
      assertThat(EventFiles.scalarAt(events, "lr", t)).isEqualTo((float) (LR * ramp));
      assertThat(EventFiles.scalarAt(events, "style-lr", t)).isEqualTo((float) (STYLE_LR * ramp));
      assertThat(EventFiles.scalarAt(events, "iterations-per-second", t))
          .isEqualTo((float) seen.get(t).iterationsPerSecond())
          .isPositive();
    }
    int scalarEvents = 0;
    for (Event e : events) {
      if (e.getSummary().getValueCount() > 0 && e.getSummary().getValue(0).hasSimpleValue()) {
        scalarEvents++;
        assertThat(e.getSummary().getValueCount()).isEqualTo(Stage1Graph.LOGGED.size() + 3);
      }
    }
    assertThat(scalarEvents).isEqualTo(3);

    // Every grid written, as the same PNG: the targets and weights at 0, reconstructions at 0, 3, 6.
    assertImages(events, "reconstructions/target", List.of(0L), run, s -> "reconstructions/target.png");
    assertImages(events, "reconstructions/weight", List.of(0L), run, s -> "reconstructions/weight.png");
    assertImages(events, "reconstructions", List.of(0L, 3L, 6L), run, s -> "reconstructions/" + s + ".png");
    int cell = 12 + 2; // 3 items × (own, zero, next style) per row, 2 rows
    Summary.Image grid = EventFiles.values(events, "reconstructions").get(0).value().getImage();
    assertThat(grid.getWidth()).isEqualTo(3 * 3 * cell);
    assertThat(grid.getHeight()).isEqualTo(2 * cell);
  }

  @Test
  void aResumedRunAddsAFileThatReplacesWhatFollowedItsCheckpoint(@TempDir Path dir)
      throws Exception {
    Path run = dir.resolve("run");
    try (Stage1Run trainer = Stage1Run.start(config(), DATA, run)) {
      trainer.train(event -> {});
    }
    // As after a kill at iteration 6 when the newest checkpoint to resume from is 4.
    try (Stage1Run trainer = Stage1Run.resume(run, "4", false, null, DATA)) {
      trainer.train(event -> {});
    }
    List<Path> files = EventFiles.files(run.resolve("tensorboard"));
    assertThat(files).hasSize(2);
    List<Event> first = EventFiles.events(files.get(0));
    List<Event> second = EventFiles.events(files.get(1));
    assertThat(EventFiles.values(first, "rec")).extracting(EventFiles.Tagged::step)
        .containsExactly(2L, 4L, 6L);
    assertThat(second.get(0).getFileVersion()).isEqualTo("brain.Event:2");
    assertThat(second.get(1).getSessionLog().getStatus()).isEqualTo(SessionLog.SessionStatus.START);
    assertThat(second.get(1).getStep()).isEqualTo(5);
    assertThat(EventFiles.values(second, "rec")).extracting(EventFiles.Tagged::step)
        .containsExactly(6L);
    assertThat(EventFiles.values(second, "reconstructions")).extracting(EventFiles.Tagged::step)
        .containsExactly(4L, 6L);

    List<Event> all = EventFiles.allEvents(run.resolve("tensorboard"));
    assertThat(EventFiles.merged(all, "rec")).extracting(EventFiles.Tagged::step)
        .containsExactly(2L, 4L, 6L);
    assertThat(EventFiles.merged(all, "reconstructions")).extracting(EventFiles.Tagged::step)
        .containsExactly(0L, 3L, 4L, 6L);
    // The resumed run's row 6 of log.csv is the value shown at step 6.
    String row6 = Files.readAllLines(run.resolve("log.csv")).get(6);
    double rec6 = Double.parseDouble(row6.split(",")[1]);
    assertThat((double) EventFiles.merged(all, "rec").get(2).value().getSimpleValue())
        .isCloseTo(rec6, org.assertj.core.data.Offset.offset(1e-5 * Math.abs(rec6)));
  }

  /**
   * The image summaries of {@code tag} are at {@code steps}, and each holds the bytes of the PNG
   * file written at that step, with its size and RGB colour space.
   */
  static void assertImages(
      List<Event> events, String tag, List<Long> steps, Path run,
      java.util.function.LongFunction<String> file) throws Exception {
    List<EventFiles.Tagged> images = EventFiles.values(events, tag);
    assertThat(images).as(tag).extracting(EventFiles.Tagged::step).containsExactlyElementsOf(steps);
    for (EventFiles.Tagged v : images) {
      Summary.Image image = v.value().getImage();
      byte[] png = image.getEncodedImageString().toByteArray();
      BufferedImage decoded = ImageIO.read(new ByteArrayInputStream(png));
      assertThat(decoded).as("%s at %s decodes as PNG", tag, v.step()).isNotNull();
      BufferedImage onDisk = ImageIO.read(run.resolve(file.apply(v.step())).toFile());
      assertThat(decoded.getWidth()).isEqualTo(image.getWidth()).isEqualTo(onDisk.getWidth());
      assertThat(decoded.getHeight()).isEqualTo(image.getHeight()).isEqualTo(onDisk.getHeight());
      assertThat(image.getColorspace()).isEqualTo(3);
      assertThat(png).isEqualTo(Files.readAllBytes(run.resolve(file.apply(v.step()))));
    }
  }
}
