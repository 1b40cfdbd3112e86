package io.github.gadn.tensorflow.nn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.github.gadn.tensorflow.loss.Losses;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.tensorflow.Operand;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.types.TFloat64;

/**
 * docs/method.md §4.3, §12, §14: the capped adversarial NLL {@code mean_n −max(ℓ[n, a_n],
 * ln π_{a_n})} and its gradient with respect to the log-probabilities.
 */
class CappedNllTest {
  private static final int N = 4;
  private static final int K = 3;
  private static final int[] LABELS = {0, 2, 1, 2};
  private static final double[] PRIOR = {0.5, 0.3, 0.2};

  /** Log-probabilities: samples 0 and 2 above their class prior, 1 and 3 below. */
  private static final double[] LOG_PROBS = {
    Math.log(0.7), Math.log(0.2), Math.log(0.1),
    Math.log(0.6), Math.log(0.3), Math.log(0.1),
    Math.log(0.1), Math.log(0.8), Math.log(0.1),
    Math.log(0.45), Math.log(0.4), Math.log(0.15)
  };

  /** Returns {loss, ∂loss/∂ℓ}. */
  private static double[][] lossAndGradient(double[] logProbs) {
    try (GraphHarness h = new GraphHarness(1)) {
      Placeholder<TFloat64> l = h.input(N, K);
      double[] logPrior = new double[K];
      for (int k = 0; k < K; k++) {
        logPrior[k] = Math.log(PRIOR[k]);
      }
      Operand<TFloat64> loss =
          Losses.cappedNll(h.nn, l, h.tf.constant(LABELS), h.nn.constant(new long[] {K}, logPrior));
      Operand<?> grad = h.tf.gradients(loss, List.of(l)).dy(0);
      List<GraphHarness.Fetched> r =
          h.run(List.of(loss, grad), List.of(GraphHarness.feed(l, logProbs, N, K)));
      return new double[][] {r.get(0).values(), r.get(1).values()};
    }
  }

  @Test
  void valueIsMinusTheMeanOfTheLogProbabilityCappedBelowAtTheLogPrior() {
    double expected =
        -(Math.log(0.7) + Math.log(PRIOR[2]) + Math.log(0.8) + Math.log(PRIOR[2])) / N;
    assertThat(lossAndGradient(LOG_PROBS)[0][0]).isCloseTo(expected, within(1e-12));
  }

  @Test
  void gradientIsZeroForSamplesBelowTheirPrior() {
    double[] g = lossAndGradient(LOG_PROBS)[1];
    for (int k = 0; k < K; k++) {
      assertThat(g[K + k]).as("sample 1, class %s", k).isCloseTo(0, within(0.0));
      assertThat(g[3 * K + k]).as("sample 3, class %s", k).isCloseTo(0, within(0.0));
    }
  }

  @Test
  void gradientIsMinusOneOverNOnTheTargetOfSamplesAboveTheirPrior() {
    double[] g = lossAndGradient(LOG_PROBS)[1];
    assertThat(g[LABELS[0]]).isCloseTo(-1.0 / N, within(1e-15));
    assertThat(g[2 * K + LABELS[2]]).isCloseTo(-1.0 / N, within(1e-15));
  }

  @Test
  void gradientIsZeroOnNonTargetClasses() {
    double[] g = lossAndGradient(LOG_PROBS)[1];
    for (int n = 0; n < N; n++) {
      for (int k = 0; k < K; k++) {
        if (k != LABELS[n]) {
          assertThat(g[n * K + k]).as("sample %s, class %s", n, k).isCloseTo(0, within(0.0));
        }
      }
    }
  }

  @Test
  void atATieTensorFlowPassesTheGradientToTheLogProbability() {
    // TF's Maximum sends the gradient to its first input where x >= y and cappedNll passes ℓ
    // first, so a sample exactly at its prior still gets −1/N. docs/method.md §4.3 only requires a
    // zero gradient strictly below the prior; this pins the tie so that a change is noticed.
    double[] tied = LOG_PROBS.clone();
    tied[K + LABELS[1]] = Math.log(PRIOR[LABELS[1]]);
    double[] g = lossAndGradient(tied)[1];
    assertThat(g[K + LABELS[1]]).isCloseTo(-1.0 / N, within(1e-15));
  }
}
