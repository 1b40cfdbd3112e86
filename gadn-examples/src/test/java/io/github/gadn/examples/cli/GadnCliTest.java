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
  void helpShowsDefaults() {
    assertThat(run("stage1", "--help")).isZero();
    assertThat(out.toString(StandardCharsets.UTF_8))
        .contains("--cla-weight", "(default 0.2)", "--lr", "(default 5e-5)");
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
    assertThat(run("synth", "portraits", "--out", dir.resolve("p").toString(), "--artists", "2",
        "--per-artist", "2", "--image-size", "32")).isZero();
    assertThat(Files.readAllLines(dir.resolve("p/factors.csv"))).hasSize(5);
  }
}
