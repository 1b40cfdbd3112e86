package io.github.gadn.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.gadn.metrics.EncoderScores;
import io.github.gadn.metrics.MetricsReport;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/** {@code gadn train}: the whole pipeline in one resumable command, on tiny networks. */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class TrainCommandTest {
  @TempDir static Path dir;
  static String images;
  static String labels;

  private static CliOutcome gadn(String... args) {
    return CliOutcome.run(args);
  }

  private static CliOutcome train(String stage2Iter, String... more) {
    List<String> args = new java.util.ArrayList<>(List.of("train", "--data-root", images, "--labels",
        labels, "--out", dir.resolve("p").toString(), "--features", "4,8,16", "--content-size", "4",
        "--batch-size", "4", "--stage1-iter", "3", "--classifier-iter", "2", "--stage2-iter",
        stage2Iter, "--second-label", "writer"));
    args.addAll(List.of(more));
    return gadn(args.toArray(new String[0]));
  }

  @BeforeAll
  static void synth() {
    assertThat(gadn("synth", "handwriting", "--out", dir.resolve("data").toString(), "--writers",
        "2", "--per-digit", "2", "--image-size", "12").code()).isZero();
    images = dir.resolve("data/images-idx3-ubyte").toString();
    labels = dir.resolve("data/labels-idx2-int").toString();
  }

  @Test
  @Order(1)
  void runsEveryStepAndWritesTheReport() throws Exception {
    CliOutcome o = train("1");
    assertThat(o.code()).as(o.err()).isZero();
    assertThat(o.out()).contains("train: [1/4] stage 1: starting, 3 iterations",
        "train: [2/4] encode: 40 images with checkpoint 3",
        "train: [3/4] classifier pre-training: starting, 2 iterations",
        "train: [4/4] stage 2: starting, 1 iterations");
    for (String f : List.of("stage1-reconstructions.png", "style-swap-stage1.png",
        "style-swap-stage2.png", "stage2-samples.png", "metrics.json", "metrics.md")) {
      assertThat(dir.resolve("p").resolve(f)).as(f).isRegularFile();
    }
    MetricsReport report = MetricsReport.read(dir.resolve("p/metrics.json"));
    assertThat(report.encoders()).extracting(EncoderScores::encoder).containsExactly("GADN");
    assertThat(report.encoder("GADN").k("2").byLabel().keySet()).containsExactly("digit", "writer");
    assertThat(report.reconstructions()).hasSize(1);
  }

  @Test
  @Order(2)
  void theSameCommandContinuesWhereItStopped() {
    // As if stage 2 had been interrupted after its first iteration: asking for two continues it.
    CliOutcome o = train("2");
    assertThat(o.code()).as(o.err()).isZero();
    assertThat(o.out()).contains("train: [1/4] stage 1: done (3 iterations)",
        "train: [2/4] encode: done (checkpoint 3)",
        "train: [3/4] classifier pre-training: done (2 iterations)",
        "train: [4/4] stage 2: continuing from iteration 1, 2 iterations");
    assertThat(dir.resolve("p/stage2/models/2.ckpt")).isRegularFile();
  }

  @Test
  @Order(3)
  void theFolderAloneContinuesWithItsRecordedData() {
    CliOutcome o = gadn("train", "--out", dir.resolve("p").toString(), "--stage1-iter", "3",
        "--classifier-iter", "2", "--stage2-iter", "2");
    assertThat(o.code()).as(o.err()).isZero();
    assertThat(o.out()).contains("train: 40 images of 10 classes, 12 px", "continuing in");
  }

  @Test
  @Order(4)
  void aPipelineKeepsItsRecipe() {
    CliOutcome o = train("2", "--recipe", "paper");
    assertThat(o.code()).isEqualTo(2);
    assertThat(o.err().lines().findFirst().orElse("")).isEqualTo("gadn train: --recipe paper: "
        + dir.resolve("p") + " was started with recipe cpu (a pipeline keeps its recipe)");
  }

  @Test
  @Order(5)
  void aBadSecondLabelIsRefusedBeforeAnyTraining() {
    CliOutcome o = gadn("train", "--data-root", images, "--labels", labels, "--out",
        dir.resolve("q").toString(), "--second-label", "colour");
    assertThat(o.code()).isEqualTo(2);
    assertThat(Files.exists(dir.resolve("q/stage1"))).isFalse();
  }
}
