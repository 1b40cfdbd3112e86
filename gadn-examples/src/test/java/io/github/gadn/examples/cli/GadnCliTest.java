package io.github.gadn.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GadnCliTest {
  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();

  private int run(String... args) {
    return Gadn.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8));
  }

  private String err() {
    return err.toString(StandardCharsets.UTF_8);
  }

  @Test
  void noCommandPrintsTheOverviewWithExitTwo() {
    assertThat(run()).isEqualTo(2);
    assertThat(out.toString(StandardCharsets.UTF_8)).contains("stage1", "demo");
  }

  @Test
  void unknownCommandIsAUsageError() {
    assertThat(run("stage3")).isEqualTo(2);
    assertThat(err()).startsWith("gadn: unknown command \"stage3\"");
  }

  @Test
  void helpShowsDefaults() {
    assertThat(run("stage1", "--help")).isZero();
    assertThat(out.toString(StandardCharsets.UTF_8))
        .contains("--cla-weight", "(default 0.2)", "--lr", "(default 5e-5)");
  }

  @Test
  void unknownOptionIsNamedWithExitTwo() {
    assertThat(run("stage1", "--data-rot", "x")).isEqualTo(2);
    assertThat(err().lines().findFirst().orElseThrow())
        .isEqualTo("gadn stage1: unknown option --data-rot for stage1 (did you mean --data-root?)");
  }

  @Test
  void badValueIsNamedWithExitTwo(@TempDir Path dir) throws Exception {
    assertThat(run("synth", "handwriting", "--out", dir.toString(), "--writers", "many")).isEqualTo(2);
    assertThat(err()).contains("option --writers takes an integer, got \"many\"");
  }

  @Test
  void snakeCaseAliasesAreAccepted(@TempDir Path dir) {
    assertThat(run("stage1", "--data_root", dir.resolve("missing").toString(), "--save_path", "x"))
        .isEqualTo(2);
    assertThat(err()).contains("--data-root " + dir.resolve("missing") + " does not exist");
  }

  @Test
  void missingRequiredOptionIsAUsageError() {
    assertThat(run("encode", "--enc-iter", "5")).isEqualTo(2);
    assertThat(err()).contains("option --data-root is required for encode");
  }

  @Test
  void synthWritesBothSets(@TempDir Path dir) throws Exception {
    assertThat(run("synth", "handwriting", "--out", dir.resolve("h").toString(), "--writers", "2",
        "--per-digit", "1")).isZero();
    assertThat(dir.resolve("h/images-idx3-ubyte")).isRegularFile();
    assertThat(dir.resolve("h/labels-idx2-int")).isRegularFile();
    assertThat(run("synth", "portraits", "--out", dir.resolve("p").toString(), "--artists", "2",
        "--per-artist", "2", "--image-size", "32")).isZero();
    assertThat(Files.readAllLines(dir.resolve("p/factors.csv"))).hasSize(5);
  }

  @Test
  void failuresOtherThanUsageExitOneWithOneLine(@TempDir Path dir) throws Exception {
    Files.createDirectories(dir.resolve("notarun"));
    assertThat(run("transfer", "--run", dir.resolve("notarun").toString(), "--input",
        dir.toString(), "--out", dir.resolve("o").toString())).isEqualTo(2);
    Path img = dir.resolve("in.png");
    javax.imageio.ImageIO.write(new java.awt.image.BufferedImage(8, 8, 2), "png", img.toFile());
    err.reset();
    assertThat(run("transfer", "--run", dir.resolve("notarun").toString(), "--input",
        img.toString(), "--out", dir.resolve("o").toString())).isEqualTo(1);
    assertThat(err()).contains("is not a run folder").contains("--verbose");
  }
}
