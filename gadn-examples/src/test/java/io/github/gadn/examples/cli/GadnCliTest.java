package io.github.gadn.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.gadn.config.Recipe;
import io.github.gadn.config.Stage1Config;
import io.github.gadn.config.Stage2Config;
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
  void helpShowsTheDefaultOfEachRecipe() {
    assertThat(run("stage1", "--help")).isZero();
    assertThat(out.toString(StandardCharsets.UTF_8))
        .contains("--recipe", "--cla-weight", "(default: cpu 1, paper 0.2)")
        .contains("--lr", "(default: cpu 0.001, paper 0.00005)")
        .contains("--ink-weights", "auto");
  }

  @Test
  void helpDefaultsComeFromTheConfigs() {
    assertThat(run("stage2", "--help")).isZero();
    Stage2Config cpu = Stage2Config.defaults(Recipe.CPU, 28, "s1", 1).build();
    Stage2Config paper = Stage2Config.defaults(Recipe.PAPER, 28, "s1", 1).build();
    assertThat(out.toString(StandardCharsets.UTF_8)).contains(
        "cap on D/C2 batches per iteration (default: cpu " + cpu.maxDisBatches() + ", paper "
            + paper.maxDisBatches() + ")");
  }

  @Test
  void numbersInHelpAreWrittenAsAUserTypesThem() {
    assertThat(CommonOptions.number(100)).isEqualTo("100");
    assertThat(CommonOptions.number(0.2)).isEqualTo("0.2");
    assertThat(CommonOptions.number(5e-5)).isEqualTo("0.00005");
    assertThat(CommonOptions.number(1e-9)).isEqualTo("1.00e-09");
  }

  @Test
  void anUnknownRecipeIsAUsageError(@TempDir Path dir) throws Exception {
    Path images = dir.resolve("images");
    Files.createDirectories(images.resolve("a"));
    Files.createDirectories(images.resolve("b"));
    assertThat(run("stage1", "--data-root", images.toString(), "--save-path", "x", "--recipe", "fast"))
        .isEqualTo(2);
    assertThat(err()).contains("--recipe must be one of paper, cpu, got \"fast\"");
  }

  @Test
  void aBadInkWeightIsAUsageError() {
    assertThatThrownBy(() -> TrainingCommands.inkWeights("heavy"))
        .isInstanceOf(UsageException.class)
        .hasMessage("option --ink-weights takes auto, off, 0 or a background weight in (0,1], got \"heavy\"");
    assertThatThrownBy(() -> TrainingCommands.inkWeights("1.5")).isInstanceOf(UsageException.class);
    assertThat(TrainingCommands.inkWeights("auto")).isEqualTo(Stage1Config.INK_WEIGHTS_AUTO);
    assertThat(TrainingCommands.inkWeights("off")).isZero();
    assertThat(TrainingCommands.inkWeights("0.05")).isEqualTo(0.05);
  }

  @Test
  void snakeCaseAliasesAreAccepted(@TempDir Path dir) {
    assertThat(run("stage1", "--data_root", dir.resolve("missing").toString(), "--save_path", "x"))
        .isEqualTo(2);
    assertThat(err()).contains("--data-root " + dir.resolve("missing") + " does not exist");
  }

  @Test
  void synthWritesBothSets(@TempDir Path dir) throws Exception {
    assertThat(run("synth", "handwriting", "--out", dir.resolve("h").toString(), "--writers", "2",
        "--per-digit", "1")).isZero();
    assertThat(dir.resolve("h/images-idx3-ubyte")).isRegularFile();
    assertThat(dir.resolve("h/labels-idx2-int")).isRegularFile();
    assertThat(out.toString(StandardCharsets.UTF_8)).contains("train on it with --data-root " + dir.resolve("h/images-idx3-ubyte")
        + " --labels " + dir.resolve("h/labels-idx2-int"));
    assertThat(run("synth", "portraits", "--out", dir.resolve("p").toString(), "--artists", "2",
        "--per-artist", "2", "--image-size", "32")).isZero();
    assertThat(Files.readAllLines(dir.resolve("p/factors.csv"))).hasSize(5);
  }
}
