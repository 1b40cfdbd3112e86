package io.github.gadn.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.gadn.json.Json;
import io.github.gadn.tensorflow.train.BenchCase;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code gadn bench} on tiny networks: the contract of bench.json, never the speed. */
class BenchCommandTest {
  private static final List<String> REQUIRED =
      List.of("secondsPerIter", "gflopPerIter", "peakRssMiB", "batch", "imageSize");

  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();

  private int run(String... args) {
    return Gadn.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8));
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Map<String, Object>> benchJson(Path dir) throws Exception {
    return (Map<String, Map<String, Object>>)
        Json.parse(Files.readString(dir.resolve("bench.json"), StandardCharsets.UTF_8));
  }

  private static void assertRequiredKeysPositive(Map<String, Object> c) {
    for (String key : REQUIRED) {
      assertThat(c).containsKey(key);
      assertThat(((Number) c.get(key)).doubleValue()).as(key).isPositive();
    }
  }

  @Test
  void everyCaseHasTheRequiredKeysWithPositiveValues(@TempDir Path dir) throws Exception {
    int code =
        run("bench", "--tiny", "--fork", "false", "--warmup", "1", "--peak-gflops", "100", "--out",
            dir.toString());
    assertThat(code).as(err.toString(StandardCharsets.UTF_8)).isZero();
    Map<String, Map<String, Object>> json = benchJson(dir);
    assertThat(json).containsKeys(BenchCase.NAMES.toArray(String[]::new));
    for (String name : BenchCase.NAMES) {
      assertRequiredKeysPositive(json.get(name));
      assertThat((List<?>) json.get(name).get("seconds")).hasSize(20);
    }
    assertThat(out.toString(StandardCharsets.UTF_8)).contains("stage2_gen_32", "GFLOP/s");
  }

  @Test
  void aForkedCaseReportsItsOwnMemory(@TempDir Path dir) throws Exception {
    int code =
        run("bench", "--tiny", "--only", "encode_32", "--warmup", "1", "--peak-gflops", "100",
            "--out", dir.toString());
    assertThat(code).as(err.toString(StandardCharsets.UTF_8)).isZero();
    Map<String, Object> c = benchJson(dir).get("encode_32");
    assertRequiredKeysPositive(c);
    assertThat(c).containsEntry("fork", true).containsEntry("peakGflops", 100.0);
    assertThat(Files.readString(dir.resolve("encode_32.log"))).isNotNull();
  }

  @Test
  void fewerThanTwentyIterationsIsAUsageError(@TempDir Path dir) {
    assertThat(run("bench", "--iterations", "5", "--out", dir.toString())).isEqualTo(2);
    assertThat(err.toString(StandardCharsets.UTF_8))
        .contains("--iterations must be at least 20");
  }

  @Test
  void anUnknownCaseIsNamed(@TempDir Path dir) {
    assertThat(run("bench", "--only", "stage3_32", "--out", dir.toString())).isEqualTo(2);
    assertThat(err.toString(StandardCharsets.UTF_8)).contains("--only: unknown case \"stage3_32\"");
  }
}
