package io.github.gadn.tensorflow.nn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Arrays;
import java.util.List;
import java.util.function.IntUnaryOperator;
import org.junit.jupiter.api.Test;

/** docs/method.md §3.1, §14: rescaled initial weights and fan-bounded biases of fresh layers. */
class PrimitiveInitTest {

  /** L2 norm of each group of a flat weight. */
  private static double[] groupNorms(double[] w, int groups, IntUnaryOperator group) {
    double[] sq = new double[groups];
    for (int i = 0; i < w.length; i++) {
      sq[group.applyAsInt(i)] += w[i] * w[i];
    }
    return Arrays.stream(sq).map(Math::sqrt).toArray();
  }

  /** The value of a parameter in a freshly initialised session. */
  private static double[] initialised(GraphHarness h, String name) {
    return h.store.readDouble(h.session(), List.of(h.store.get(name))).get(name);
  }

  @Test
  void convOutputFiltersHaveUnitNorm() {
    try (GraphHarness h = new GraphHarness(1)) {
      new Conv<>(h.nn.sub("conv"), 5, 7, 3, 1, 1);
      // Filter [k, k, in, out]: an output filter is every element with the same last index.
      double[] norms = groupNorms(initialised(h, "conv/w"), 7, i -> i % 7);
      assertThat(norms).hasSize(7).containsOnly(new double[] {1}, within(1e-7));
    }
  }

  @Test
  void strideTwoConvOutputFiltersHaveUnitNorm() {
    try (GraphHarness h = new GraphHarness(2)) {
      new Conv<>(h.nn.sub("down"), 4, 6, 6, 2, 2);
      double[] norms = groupNorms(initialised(h, "down/w"), 6, i -> i % 6);
      assertThat(norms).containsOnly(new double[] {1}, within(1e-7));
    }
  }

  @Test
  void linearOutputRowsHaveUnitNorm() {
    try (GraphHarness h = new GraphHarness(3)) {
      new Linear<>(h.nn.sub("fc"), 9, 4);
      // Weight [in, out]: unit o is column o.
      double[] norms = groupNorms(initialised(h, "fc/w"), 4, i -> i % 4);
      assertThat(norms).containsOnly(new double[] {1}, within(1e-7));
    }
  }

  @Test
  void convTransposeOutputChannelsHaveNormTwo() {
    try (GraphHarness h = new GraphHarness(4)) {
      new ConvTranspose<>(h.nn.sub("up"), 6, 3, 6, 2);
      // Filter [k, k, out, in]: output channel o is every element with (i / in) % out == o.
      double[] norms = groupNorms(initialised(h, "up/w"), 3, i -> (i / 6) % 3);
      assertThat(norms).containsOnly(new double[] {2}, within(1e-7));
    }
  }

  /** Biases lie within ±bound and are spread over it (not all zero). */
  private static void assertUniformWithin(double[] b, double bound) {
    double max = Arrays.stream(b).map(Math::abs).max().orElseThrow();
    assertThat(max).isLessThanOrEqualTo(bound).isGreaterThan(bound / 4);
  }

  @Test
  void convBiasWithinOneOverRootFanIn() {
    try (GraphHarness h = new GraphHarness(5)) {
      new Conv<>(h.nn.sub("conv"), 5, 64, 3, 1, 1);
      assertUniformWithin(initialised(h, "conv/b"), 1 / Math.sqrt(5 * 9));
    }
  }

  @Test
  void linearBiasWithinOneOverRootFanIn() {
    try (GraphHarness h = new GraphHarness(6)) {
      new Linear<>(h.nn.sub("fc"), 9, 64);
      assertUniformWithin(initialised(h, "fc/b"), 1 / Math.sqrt(9));
    }
  }

  @Test
  void convTransposeBiasWithinOneOverRootOutTimesKernelArea() {
    try (GraphHarness h = new GraphHarness(7)) {
      new ConvTranspose<>(h.nn.sub("up"), 2, 64, 6, 2);
      assertUniformWithin(initialised(h, "up/b"), 1 / Math.sqrt(64 * 36));
    }
  }

  @Test
  void sessionStartsAtTheComputedInitialValues() {
    try (GraphHarness h = new GraphHarness(8)) {
      new Conv<>(h.nn.sub("conv"), 3, 4, 3, 1, 1);
      assertThat(initialised(h, "conv/w")).containsExactly(h.store.get("conv/w").initial());
    }
  }

  @Test
  void initialValuesDependOnlyOnSeedAndName() {
    try (GraphHarness a = new GraphHarness(9);
        GraphHarness b = new GraphHarness(9)) {
      new Linear<>(a.nn.sub("x"), 4, 3);
      new Linear<>(b.nn.sub("other"), 4, 3);
      new Linear<>(b.nn.sub("x"), 4, 3);
      assertThat(b.store.get("x/w").initial()).containsExactly(a.store.get("x/w").initial());
      assertThat(b.store.get("other/w").initial()).isNotEqualTo(a.store.get("x/w").initial());
    }
  }
}
