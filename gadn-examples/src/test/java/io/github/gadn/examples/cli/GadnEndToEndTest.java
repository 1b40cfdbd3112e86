package io.github.gadn.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.gadn.metrics.EncoderScores;
import io.github.gadn.metrics.GeneratedSampleScores;
import io.github.gadn.metrics.MetricsReport;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/** Every subcommand end to end through the CLI entry point, on tiny networks and data. */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class GadnEndToEndTest {
  @TempDir static Path dir;
  static String images;
  static String labels;

  private static final String[] TINY = {"--features", "4,8,16", "--content-size", "4"};

  private static int gadn(String... args) {
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int code = Gadn.run(args, new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8));
    if (code != 0) {
      System.err.println(err.toString(StandardCharsets.UTF_8));
    }
    return code;
  }

  /** {@code command}, the tiny-network options, then {@code more}. */
  private static String[] tiny(String command, String... more) {
    List<String> all = new ArrayList<>(List.of(command));
    all.addAll(List.of(TINY));
    all.addAll(List.of(more));
    return all.toArray(new String[0]);
  }

  @BeforeAll
  static void synth() {
    assertThat(gadn("synth", "handwriting", "--out", dir.resolve("data").toString(), "--writers", "2",
        "--per-digit", "2", "--image-size", "12")).isZero();
    images = dir.resolve("data/images-idx3-ubyte").toString();
    labels = dir.resolve("data/labels-idx2-int").toString();
  }

  @Test
  @Order(1)
  void stage1ThenEncode() {
    assertThat(gadn(tiny("stage1", "--data-root", images, "--labels", labels, "--save-path",
        dir.resolve("s1").toString(), "--batch-size", "4", "--niter", "3", "--checkpoint-iter", "3",
        "--visualize-size", "1", "2"))).isZero();
    assertThat(dir.resolve("s1/models/3.ckpt")).isRegularFile();
    Map<String, ?> options = options(dir.resolve("s1"));
    assertThat(options.get("recipe")).isEqualTo("cpu");
    // auto ink weights are resolved from the data when the run starts, and recorded
    assertThat(((Number) options.get("inkWeights")).doubleValue()).isBetween(0.02, 1.0);
    assertThat(gadn("encode", "--data-root", images, "--labels", labels, "--enc-path",
        dir.resolve("s1").toString(), "--enc-iter", "3")).isZero();
    assertThat(dir.resolve("s1/codes/3_codes.ckpt")).isRegularFile();
  }

  @Test
  @Order(2)
  void resumeStage1() {
    assertThat(gadn("stage1", "--data-root", images, "--labels", labels, "--load-path",
        dir.resolve("s1").toString(), "--niter", "4", "--recipe", "paper")).isEqualTo(2);
    assertThat(gadn("stage1", "--data-root", images, "--labels", labels, "--load-path",
        dir.resolve("s1").toString(), "--niter", "4")).isZero();
  }

  @Test
  @Order(2)
  void thePaperRecipeIsOneOptionAway() {
    assertThat(gadn(tiny("stage1", "--data-root", images, "--labels", labels, "--save-path",
        dir.resolve("s1-paper").toString(), "--recipe", "paper", "--batch-size", "4", "--niter", "1",
        "--visualize-size", "1", "2"))).isZero();
    Map<String, ?> options = options(dir.resolve("s1-paper"));
    assertThat(options.get("recipe")).isEqualTo("paper");
    assertThat(((Number) options.get("lr")).doubleValue()).isEqualTo(5e-5);
    assertThat(((Number) options.get("inkWeights")).doubleValue()).isZero();
  }

  @SuppressWarnings("unchecked")
  private static Map<String, ?> options(Path run) {
    try {
      return (Map<String, ?>) io.github.gadn.json.Json.parse(Files.readString(run.resolve("options.json")));
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  @Test
  @Order(3)
  void classifierThenStage2() throws Exception {
    assertThat(gadn("classifier", "--data-root", images, "--labels", labels, "--save-path",
        dir.resolve("cla").toString(), "--features", "4,8,16", "--batch-size", "4", "--niter", "3",
        "--checkpoint-iter", "3")).isZero();
    assertThat(gadn("stage2", "--data-root", images, "--labels", labels, "--save-path",
        dir.resolve("s2").toString(), "--enc-path", dir.resolve("s1").toString(), "--enc-iter", "3",
        "--cla-path", dir.resolve("cla").toString(), "--cla-iter", "3", "--batch-size", "4",
        "--niter", "2", "--max-dis-batches", "2", "--visualize-size", "1", "2")).isZero();
    assertThat(Files.readAllLines(dir.resolve("s2/log.csv"))).hasSize(3);
  }

  @Test
  @Order(4)
  void gan() {
    assertThat(gadn(tiny("gan", "--data-root", images, "--labels", labels, "--save-path",
        dir.resolve("gan").toString(), "--batch-size", "4", "--niter", "2"))).isZero();
    assertThat(dir.resolve("gan/samples/2.png")).isRegularFile();
  }

  @Test
  @Order(5)
  void transferSampleEvaluate() throws Exception {
    Path input = dir.resolve("in.png");
    javax.imageio.ImageIO.write(new java.awt.image.BufferedImage(20, 16, 1), "png", input.toFile());
    assertThat(gadn("transfer", "--run", dir.resolve("s2").toString(), "--input", input.toString(),
        "--style", "0,7", "--out", dir.resolve("t").toString())).isZero();
    assertThat(javax.imageio.ImageIO.read(dir.resolve("t/in_7.png").toFile()).getWidth()).isEqualTo(12);
    assertThat(gadn("sample", "--run", dir.resolve("s1").toString(), "--iter", "3", "--n", "2",
        "--out", dir.resolve("smp").toString())).isZero();
    assertThat(dir.resolve("smp/samples.png")).isRegularFile();
    assertThat(gadn("evaluate", "--data-root", images, "--labels", labels, "--second-label", "writer",
        "--enc-path", dir.resolve("s1").toString(), "--enc-iter", "3",
        "--compare-path", dir.resolve("s1").toString(), "--compare-iter", "last",
        "--stage2-path", dir.resolve("s2").toString(), "--classifier-path", dir.resolve("cla").toString(),
        "--classifier-iter", "3", "--out", dir.resolve("eval").toString())).isZero();
    MetricsReport report = MetricsReport.read(dir.resolve("eval/metrics.json"));
    assertThat(report.encoders()).extracting(EncoderScores::encoder).containsExactly("GADN", "VAE");
    assertThat(report.encoder("VAE").k("2").byLabel().keySet()).containsExactly("digit", "writer");
    assertThat(report.generated()).extracting(GeneratedSampleScores::generator)
        .containsExactly("GADN stage 2", "real images (reference)");
    GeneratedSampleScores g = report.generated().get(0);
    assertThat(g.samples()).isEqualTo(40); // every image's class, as often as in the data
    assertThat(g.accuracyByClassifier().keySet()).containsExactly("stage-2 C2", "pre-trained classifier");
    assertThat(Files.readString(dir.resolve("eval/metrics.md"))).contains("## Generated-sample accuracy");
    assertThat(dir.resolve("eval/scatter-VAE-writer.png")).isRegularFile();
  }

  @Test
  @Order(6)
  void quickDemo() throws Exception {
    assertThat(gadn("demo", "--quick", "--baseline", "true", "--out", dir.resolve("demo").toString())).isZero();
    for (String f : List.of("stage1-reconstructions.png", "style-swap-stage1.png",
        "style-swap-stage2.png", "stage2-samples.png", "metrics.json", "metrics.md")) {
      assertThat(dir.resolve("demo").resolve(f)).as(f).isRegularFile();
    }
    MetricsReport report = MetricsReport.read(dir.resolve("demo/metrics.json"));
    assertThat(report.encoders()).extracting(EncoderScores::encoder).containsExactly("GADN", "VAE");
    assertThat(report.generated()).extracting(GeneratedSampleScores::generator)
        .containsExactly("GADN stage 2", "real images (reference)");
  }
}
