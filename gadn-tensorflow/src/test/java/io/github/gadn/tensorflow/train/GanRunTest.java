package io.github.gadn.tensorflow.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.github.gadn.TrainingListener;
import io.github.gadn.config.Recipe;
import io.github.gadn.config.GanConfig;
import io.github.gadn.config.NetworkStructure;
import io.github.gadn.config.RunOptions;
import io.github.gadn.tensorflow.io.Checkpoint;
import io.github.gadn.tensorflow.optim.Ema;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tensorflow.proto.Event;

class GanRunTest {
  private static final ToyDataset DATA = new ToyDataset(12, 3, 30);

  private static GanConfig config(long niter) {
    return GanConfig.defaults(Recipe.PAPER, 12)
        .noiseSize(6)
        .generator(NetworkStructure.defaults(NetworkStructure.Kind.GENERATOR, TinyStage1.FEATURES))
        .discriminator(NetworkStructure.defaults(NetworkStructure.Kind.ENCODER, TinyStage1.FEATURES))
        .batchSize(6)
        .visCols(4)
        .maxDisBatches(3)
        .run(RunOptions.builder().niter(niter).seed(2).visualizeIter(3).saveIter(3)
            .checkpointIter(3).logIter(3).build())
        .build();
  }

  @Test
  void theGeneratorsWeightAverageIsCheckpointedAndDroppedWithEmaBeta0(@TempDir Path dir) throws Exception {
    Path run = dir.resolve("gan-ema");
    try (GanRun t = GanRun.start(config(3).toBuilder().emaBeta(0.5).build(), DATA, run)) {
      t.train(TrainingListener.none());
    }
    java.util.Map<String, float[]> w = Checkpoint.read(run.resolve("models/last.ckpt")).tensors();
    assertThat(w.get(Ema.STEPS)).containsExactly(3f);
    // 1 − 0.1 · (2/11) · 0.25: the warm-up (1 + t) / (10 + t) stays below β 0.5 for 3 updates.
    assertThat((double) w.get(Ema.NORM)[0]).isCloseTo(1 - 0.1 * (2.0 / 11) * 0.25, within(1e-6));
    assertThat(w.keySet()).filteredOn(k -> k.startsWith("ema/gen/")).isNotEmpty()
        .allMatch(k -> w.containsKey(k.substring(Ema.PREFIX.length())));
    assertThat(w.keySet()).noneMatch(k -> k.startsWith("ema/dis/"));
    // The corrected average of weights that moved differs from the last ones.
    String name = w.keySet().stream().filter(k -> k.startsWith("ema/gen/")).findFirst()
        .orElseThrow().substring(Ema.PREFIX.length());
    assertThat(Ema.averaged(w).orElseThrow().get(name)).hasSameSizeAs(w.get(name))
        .isNotEqualTo(w.get(name));
    // Resumed with emaBeta 0, the run drops its average.
    try (GanRun t = GanRun.resume(run, "last", false, b -> b.emaBeta(0).run(config(4).run()), DATA)) {
      t.train(TrainingListener.none());
    }
    assertThat(Checkpoint.read(run.resolve("models/last.ckpt")).tensors().keySet())
        .noneMatch(k -> k.startsWith(Ema.PREFIX));
  }

  @Test
  void shortGanRunWritesSamplesAndLog(@TempDir Path dir) throws Exception {
    Path run = dir.resolve("gan");
    try (GanRun t = GanRun.start(config(6), DATA, run)) {
      t.train(TrainingListener.none());
    }
    List<String> lines = Files.readAllLines(run.resolve("log.csv"));
    assertThat(lines.get(0)).isEqualTo("iter,dis-real,dis-fake,dis-br,dis-batches,gen,gen-br");
    assertThat(lines).hasSize(7);
    for (String row : lines.subList(1, 7)) {
      double batches = Double.parseDouble(row.split(",")[4]);
      assertThat(batches).isBetween(1.0, 3.0);
    }
    BufferedImage grid = ImageIO.read(run.resolve("samples/6.png").toFile());
    assertThat(grid.getWidth()).isEqualTo(4 * 14);
    assertThat(grid.getHeight()).isEqualTo(4 * 14);

    // TensorBoard: every column, the learning rates and the rate at log iterations 3 and 6.
    GanConfig config = config(6);
    List<Event> events = EventFiles.allEvents(run.resolve("tensorboard"));
    String[] columns = lines.get(0).split(",");
    double disBatches = 0;
    for (int t = 1; t <= 6; t++) {
      String[] row = lines.get(t).split(",");
      disBatches += Double.parseDouble(row[4]);
      if (t % 3 != 0) {
        continue;
      }
      for (int c = 1; c < columns.length; c++) {
        double expected = Double.parseDouble(row[c]);
        assertThat((double) EventFiles.scalarAt(events, columns[c], t))
            .as("%s at %s", columns[c], t)
            .isCloseTo(expected, within(1e-5 * Math.abs(expected) + 1e-12));
      }
      assertThat(EventFiles.scalarAt(events, "dis-lr", t))
          .isEqualTo((float) (config.lr() * Math.min(disBatches / config.lrRamp(), 1)));
      assertThat(EventFiles.scalarAt(events, "gen-lr", t))
          .isEqualTo((float) (config.lr() * Math.min((double) t / config.lrRamp(), 1)));
      assertThat(EventFiles.scalarAt(events, "iterations-per-second", t)).isPositive();
    }
    assertThat(EventFiles.values(events, "dis-batches")).hasSize(2);
    TensorBoardRunTest.assertImages(events, "samples", List.of(0L, 3L, 6L), run, s -> "samples/" + s + ".png");
  }

  @Test
  void resumingGivesTheSameWeightsAndDBatchCountAsAnUninterruptedRun(@TempDir Path dir)
      throws Exception {
    Path resumed = SameState.assertResumeIsExact(
        dir,
        3,
        run -> GanRun.start(config(6), DATA, run),
        (run, which) -> GanRun.resume(run, which, false, null, DATA));
    assertThat(Long.parseLong(Checkpoint.read(resumed.resolve("models/last.ckpt")).metadata()
        .get("disBatches"))).as("the D loop ran extra batches").isGreaterThan(6);
  }
}
