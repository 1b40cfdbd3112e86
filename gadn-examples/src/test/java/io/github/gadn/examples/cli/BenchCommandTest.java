package io.github.gadn.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.withinPercentage;

import io.github.gadn.json.Json;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
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

  private static double num(Map<String, Object> c, String key) {
    return ((Number) c.get(key)).doubleValue();
  }

  /**
   * The required keys are there with positive values, and they belong together: the image size is
   * the case's, the time per iteration is the median of the recorded times, and the rates are
   * derived from that median.
   */
  private static void assertRequiredKeysConsistent(String name, Map<String, Object> c) {
    for (String key : REQUIRED) {
      assertThat(c).containsKey(key);
      assertThat(num(c, key)).as(key).isPositive();
    }
    assertThat(num(c, "imageSize"))
        .as("image size of %s", name)
        .isEqualTo(Double.parseDouble(name.substring(name.lastIndexOf('_') + 1)));
    List<Double> seconds =
        ((List<?>) c.get("seconds")).stream().map(o -> ((Number) o).doubleValue()).sorted().toList();
    int n = seconds.size();
    double median = n % 2 == 1 ? seconds.get(n / 2) : (seconds.get(n / 2 - 1) + seconds.get(n / 2)) / 2;
    assertThat(num(c, "secondsPerIter")).as("median of %s", seconds).isEqualTo(median);
    assertThat(num(c, "secondsMin")).isEqualTo(seconds.get(0));
    assertThat(num(c, "secondsMax")).isEqualTo(seconds.get(n - 1));
    assertThat(num(c, "imagesPerSecond")).isCloseTo(num(c, "batch") / median, withinPercentage(1e-9));
    assertThat(num(c, "gflops")).isCloseTo(num(c, "gflopPerIter") / median, withinPercentage(1e-9));
  }

  @Test
  void everyCaseHasTheRequiredKeysWithConsistentValues(@TempDir Path dir) throws Exception {
    int code =
        run("bench", "--tiny", "--fork", "false", "--warmup", "1", "--peak-gflops", "100", "--out",
            dir.toString());
    assertThat(code).as(err.toString(StandardCharsets.UTF_8)).isZero();
    Map<String, Map<String, Object>> json = benchJson(dir);
    assertThat(json).containsKeys(BenchCase.NAMES.toArray(String[]::new));
    for (String name : BenchCase.NAMES) {
      assertRequiredKeysConsistent(name, json.get(name));
      assertThat((List<?>) json.get(name).get("seconds")).hasSize(20);
      assertThat(json.get(name)).as("bench compares with the original by default")
          .containsEntry("recipe", "paper");
    }
    assertThat(out.toString(StandardCharsets.UTF_8)).contains("stage2_gen_32", "GFLOP/s");
  }

  @Test
  void aForkedCaseReportsItsOwnMemory(@TempDir Path dir) throws Exception {
    int code =
        run("bench", "--tiny", "--only", "encode_32", "--warmup", "1", "--peak-gflops", "100",
            "--recipe", "cpu", "--out", dir.toString());
    assertThat(code).as(err.toString(StandardCharsets.UTF_8)).isZero();
    Map<String, Object> c = benchJson(dir).get("encode_32");
    assertRequiredKeysConsistent("encode_32", c);
    assertThat(c).containsEntry("fork", true).containsEntry("peakGflops", 100.0);
    // The child JVM was told the recipe, not left at bench's default.
    assertThat(c).containsEntry("recipe", "cpu");
    // Measured in a child JVM: its output went to the case's log, and the JVM options it reports
    // are the child's (started with the relaunch memory settings), not this test JVM's.
    assertThat(dir.resolve("encode_32.log")).isRegularFile();
    assertThat(c.get("jvmOptions"))
        .isNotEqualTo(String.join(" ", ManagementFactory.getRuntimeMXBean().getInputArguments()));
  }

  @Test
  void fewerThanTwentyIterationsIsAUsageError(@TempDir Path dir) {
    assertThat(run("bench", "--iterations", "5", "--out", dir.toString())).isEqualTo(2);
    assertThat(err.toString(StandardCharsets.UTF_8))
        .contains("--iterations must be at least 20");
  }

  @Test
  void anUnknownRecipeIsNamed(@TempDir Path dir) {
    assertThat(run("bench", "--recipe", "gpu", "--out", dir.toString())).isEqualTo(2);
    assertThat(err.toString(StandardCharsets.UTF_8)).contains("--recipe", "\"gpu\"");
  }

  @Test
  void anUnknownCaseIsNamed(@TempDir Path dir) {
    assertThat(run("bench", "--only", "stage3_32", "--out", dir.toString())).isEqualTo(2);
    assertThat(err.toString(StandardCharsets.UTF_8)).contains("--only: unknown case \"stage3_32\"");
  }
}
