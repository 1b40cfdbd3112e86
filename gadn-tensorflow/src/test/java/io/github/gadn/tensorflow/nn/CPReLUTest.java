package io.github.gadn.tensorflow.nn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Arrays;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.tensorflow.Operand;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.types.TFloat64;

/** docs/method.md §3.2, §14: the centred PReLU. */
class CPReLUTest {
  private static final int SAMPLES = 200_000;

  private static double[] activateStandardNormal() {
    try (GraphHarness h = new GraphHarness(1)) {
      Placeholder<TFloat64> x = h.input(SAMPLES, 1);
      Operand<TFloat64> y = new CPReLU<>(h.nn.sub("act"), 1).apply(x);
      return h.values(y, GraphHarness.feed(x, GraphHarness.gaussian(42, SAMPLES), SAMPLES, 1));
    }
  }

  @Test
  void standardNormalInputGivesZeroMean() {
    double mean = Arrays.stream(activateStandardNormal()).average().orElseThrow();
    assertThat(mean).isCloseTo(0, within(0.01));
  }

  @Test
  void standardNormalInputGivesUnitStandardDeviation() {
    double[] y = activateStandardNormal();
    double mean = Arrays.stream(y).average().orElseThrow();
    double var = Arrays.stream(y).map(v -> (v - mean) * (v - mean)).sum() / (y.length - 1);
    assertThat(Math.sqrt(var)).isCloseTo(1, within(0.01));
  }

  @Test
  void normalisingConstantsMatchTheSpec() {
    assertThat(CPReLU.MU0).isCloseTo(0.2992067103, within(1e-10));
    assertThat(CPReLU.SIGMA0).isCloseTo(0.6646242130, within(1e-10));
  }

  @Test
  void learnedSlopesChangeOnlyTheNegativePartAndKeepTheInitialConstants() {
    try (GraphHarness h = new GraphHarness(2)) {
      Placeholder<TFloat64> x = h.input(3, 2);
      Operand<TFloat64> y = new CPReLU<>(h.nn.sub("act"), 2).apply(x);
      h.write(Map.of("act/a", new double[] {0.5, -0.1}));
      double[] in = GraphHarness.uniform(new SplittableRandom(3), 6, -2, 2);
      double[] out = h.values(y, GraphHarness.feed(x, in, 3, 2));
      double[] slopes = {0.5, -0.1};
      for (int i = 0; i < 6; i++) {
        double prelu = in[i] > 0 ? in[i] : slopes[i % 2] * in[i];
        assertThat(out[i]).isCloseTo((prelu - CPReLU.MU0) / CPReLU.SIGMA0, within(1e-12));
      }
    }
  }
}
