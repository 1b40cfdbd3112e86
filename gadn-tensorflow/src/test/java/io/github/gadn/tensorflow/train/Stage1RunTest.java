package io.github.gadn.tensorflow.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.gadn.TrainingListener;
import io.github.gadn.config.RunOptions;
import io.github.gadn.config.Stage1Config;
import io.github.gadn.tensorflow.io.Checkpoint;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class Stage1RunTest {
  private static final ToyDataset DATA = new ToyDataset(12, 3, 60);

  private static Stage1Config config(long niter) {
    return TinyStage1.config()
        .lr(2e-3)
        .styleLr(2e-3)
        .lrRamp(10)
        .run(
            RunOptions.builder()
                .niter(niter)
                .seed(7)
                .saveIter(20)
                .checkpointIter(50)
                .logIter(25)
                .visualizeIter(50)
                .build())
        .build();
  }

  @Test
  void shortRunLowersReconstructionAndWritesEveryArtefact(@TempDir Path dir) throws Exception {
    Path run = dir.resolve("run");
    try (Stage1Run trainer = Stage1Run.start(config(200), DATA, run)) {
      trainer.train(TrainingListener.none());
      assertThat(trainer.iteration()).isEqualTo(200);
    }
    List<String> lines = Files.readAllLines(run.resolve("log.csv"));
    assertThat(lines.get(0)).isEqualTo("iter,rec,con,sty,cla,cla-br,rec-shift,match");
    assertThat(lines).hasSize(201);
    double first = meanRec(lines.subList(1, 11));
    double last = meanRec(lines.subList(191, 201));
    assertThat(last).as("rec: first 10 %s, last 10 %s", first, last).isLessThan(0.5 * first);

    assertThat(run.resolve("options.json")).isRegularFile();
    assertThat(run.resolve("models/last.ckpt")).isRegularFile();
    assertThat(run.resolve("models/50.ckpt")).isRegularFile();
    assertThat(run.resolve("models/200.ckpt")).isRegularFile();
    assertThat(Checkpoint.read(run.resolve("models/200.ckpt")).metadata())
        .containsEntry("iteration", "200");
    int cell = 12 + 2;
    BufferedImage target = ImageIO.read(run.resolve("reconstructions/target.png").toFile());
    assertThat(target.getWidth()).isEqualTo(3 * cell);
    assertThat(target.getHeight()).isEqualTo(2 * cell);
    for (String name : List.of("0.png", "50.png", "200.png")) {
      BufferedImage grid = ImageIO.read(run.resolve("reconstructions/" + name).toFile());
      assertThat(grid.getWidth()).as(name).isEqualTo(3 * 3 * cell);
      assertThat(grid.getHeight()).as(name).isEqualTo(2 * cell);
    }
  }

  private static double meanRec(List<String> rows) {
    return rows.stream().mapToDouble(r -> Double.parseDouble(r.split(",")[1])).average().orElseThrow();
  }

  @Test
  void resumingGivesTheSameWeightsAsAnUninterruptedRun(@TempDir Path dir) throws Exception {
    // From numbered checkpoint 50, mid-epoch (10 batches of 6 per epoch of 60 images).
    SameState.assertResumeIsExact(
        dir,
        50,
        run -> Stage1Run.start(config(65), DATA, run),
        (run, which) -> Stage1Run.resume(run, which, false, null, DATA));
  }

  @Test
  void mlpClassifierVariantTrainsOnCodes(@TempDir Path dir) throws Exception {
    Path run = dir.resolve("mlp");
    Stage1Config config = config(30).toBuilder().mlp(true).build();
    try (Stage1Run trainer = Stage1Run.start(config, DATA, run)) {
      trainer.train(TrainingListener.none());
    }
    List<String> lines = Files.readAllLines(run.resolve("log.csv"));
    assertThat(lines).hasSize(31);
    for (String row : lines.subList(1, lines.size())) {
      String[] v = row.split(",");
      assertThat(Double.parseDouble(v[4])).as("cla").isPositive();
      assertThat(Double.parseDouble(v[6])).as("rec-shift").isZero();
    }
    assertThat(Checkpoint.read(run.resolve("models/last.ckpt")).tensors())
        .containsKey("cla/fc1/fc/w")
        .doesNotContainKey("cla/L0/b0/conv/w");
  }

  @Test
  void requestStopEndsTheRunAndSavesLast(@TempDir Path dir) throws Exception {
    Path run = dir.resolve("stop");
    try (Stage1Run trainer = Stage1Run.start(config(1000), DATA, run)) {
      trainer.train(
          event -> {
            if (event.iteration() == 7) {
              trainer.requestStop();
            }
          });
      assertThat(trainer.iteration()).isEqualTo(7);
    }
    assertThat(Checkpoint.read(run.resolve("models/last.ckpt")).metadata())
        .containsEntry("iteration", "7");
  }

  @Test
  void resumeRefusesToChangeTheNetworks(@TempDir Path dir) throws Exception {
    Path run = dir.resolve("run");
    try (Stage1Run trainer = Stage1Run.start(config(2), DATA, run)) {
      trainer.train(TrainingListener.none());
    }
    assertThatThrownBy(() -> Stage1Run.resume(run, "last", false, b -> b.contentSize(9), DATA))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("contentSize");
  }

  @Test
  void aDataSetSmallerThanTheGridGetsAGridOfTheFullRows(@TempDir Path dir) throws Exception {
    Path run = dir.resolve("small");
    // 8 images for a 3 x 3 grid: two full rows of 3.
    Stage1Config config =
        TinyStage1.minimal().visRows(3).visCols(3).run(RunOptions.builder().niter(1).build()).build();
    try (Stage1Run trainer = Stage1Run.start(config, new ToyDataset(12, 3, 8), run)) {
      trainer.train(TrainingListener.none());
    }
    int cell = 12 + 2;
    BufferedImage target = ImageIO.read(run.resolve("reconstructions/target.png").toFile());
    assertThat(target.getWidth()).isEqualTo(3 * cell);
    assertThat(target.getHeight()).isEqualTo(2 * cell);
    BufferedImage grid = ImageIO.read(run.resolve("reconstructions/1.png").toFile());
    assertThat(grid.getWidth()).isEqualTo(3 * 3 * cell);
    assertThat(grid.getHeight()).isEqualTo(2 * cell);
  }

  @Test
  void startRefusesAFolderThatHoldsARun(@TempDir Path dir) throws Exception {
    Path run = dir.resolve("run");
    try (Stage1Run trainer = Stage1Run.start(config(1), DATA, run)) {
      trainer.train(TrainingListener.none());
    }
    assertThatThrownBy(() -> Stage1Run.start(config(1), DATA, run))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("already holds a run");
  }

  @Test
  void dataThatDoesNotMatchTheConfigIsRejectedByName(@TempDir Path dir) {
    assertThatThrownBy(() -> Stage1Run.start(config(1), new ToyDataset(12, 4, 30), dir.resolve("r")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("4 classes but classCount is 3");
    assertThatThrownBy(() -> Stage1Run.start(config(1), new ToyDataset(16, 3, 30), dir.resolve("r")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("16-px images but imageSize is 12");
  }
}
