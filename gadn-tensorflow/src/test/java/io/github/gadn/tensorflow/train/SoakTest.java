package io.github.gadn.tensorflow.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Resident memory over thousands of training iterations stays flat. The child JVM has a fixed,
 * pre-touched heap and compiles with C1 only (so the JIT settles early), so growth of its
 * resident memory after warm-up is native growth: tensors, results, sessions or graphs left
 * open. A leaked 12-px batch tensor (4 × 12 × 12 × 4 floats) per iteration would add 9 MiB per
 * 1000 iterations; the bound is a third of that. (Checked by keeping every fed tensor of {@code
 * Feeds} open: the slope was 13 MiB per 1000 iterations.)
 */
class SoakTest {
  private static final long NITER = 3000;
  private static final long WARM_UP = 1500;
  private static final double BOUND_MIB_PER_1000 = 3;

  @Test
  void residentMemoryStopsGrowingAfterWarmUp(@TempDir Path dir) throws Exception {
    assumeTrue(Files.isReadable(Path.of("/proc/self/status")), "needs Linux /proc");
    List<long[]> samples = new ArrayList<>();
    try (ChildJvm child = new ChildJvm(SoakStage1.class,
        List.of("-Xms64m", "-Xmx64m", "-XX:+AlwaysPreTouch", "-XX:+UseSerialGC",
            "-XX:TieredStopAtLevel=1"),
        dir.resolve("child.err"), dir.resolve("run").toString(), Long.toString(NITER), "50")) {
      for (String line; (line = child.nextLine(300)) != null && line.startsWith("rss "); ) {
        String[] f = line.split(" ");
        samples.add(new long[] {Long.parseLong(f[1]), Long.parseLong(f[2])});
      }
      assertThat(child.waitFor(60)).as(child.stderr()).isZero();
    }
    assertThat(samples).hasSize((int) (NITER / 50));
    List<long[]> steady = samples.stream().filter(s -> s[0] > WARM_UP).toList();
    double slope = slopeMibPer1000(steady);
    System.out.printf(
        "soak: VmRSS %.1f MiB at iteration %d, %.1f MiB at %d, %.1f MiB at %d; slope after"
            + " warm-up %.3f MiB per 1000 iterations (bound %.1f)%n",
        samples.get(0)[1] / 1024.0, samples.get(0)[0], steady.get(0)[1] / 1024.0, steady.get(0)[0],
        steady.get(steady.size() - 1)[1] / 1024.0, steady.get(steady.size() - 1)[0], slope,
        BOUND_MIB_PER_1000);
    assertThat(slope).isLessThan(BOUND_MIB_PER_1000);
  }

  /** Least-squares slope of (iteration, KiB) samples, in MiB per 1000 iterations. */
  static double slopeMibPer1000(List<long[]> samples) {
    double n = samples.size();
    double mx = samples.stream().mapToDouble(s -> s[0]).sum() / n;
    double my = samples.stream().mapToDouble(s -> s[1]).sum() / n;
    double sxy = 0;
    double sxx = 0;
    for (long[] s : samples) {
      sxy += (s[0] - mx) * (s[1] - my);
      sxx += (s[0] - mx) * (s[0] - mx);
    }
    return sxy / sxx * 1000 / 1024;
  }
}
