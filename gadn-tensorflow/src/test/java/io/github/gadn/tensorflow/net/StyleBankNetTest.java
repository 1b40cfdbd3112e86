package io.github.gadn.tensorflow.net;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.github.gadn.tensorflow.nn.GraphHarness;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.tensorflow.Operand;
import org.tensorflow.types.TFloat64;

/** docs/method.md §3.12, §14: the normalised style bank. */
class StyleBankNetTest {
  private static final double[] PRIOR = {0.1, 0.2, 0.3, 0.4};
  private static final int K = PRIOR.length;
  private static final int CS = 3;

  /** A bank with random M and Q; returns {M̃, σ̃, KL}. */
  private static double[][] randomBank(long seed) {
    try (GraphHarness h = new GraphHarness(1)) {
      StyleBankNet<TFloat64> bank = new StyleBankNet<>(h.nn.sub("sty"), PRIOR, CS);
      StyleBankNet.Normalized<TFloat64> t = bank.normalized();
      Operand<TFloat64> kl = bank.klVector(t);
      SplittableRandom r = new SplittableRandom(seed);
      h.write(
          Map.of(
              "sty/m", GraphHarness.uniform(r, K * CS, -3, 3),
              "sty/q", GraphHarness.uniform(r, K * CS, -2, 2)));
      var out = h.run(java.util.List.of(t.mean(), t.std(), kl), java.util.List.of());
      return new double[][] {out.get(0).values(), out.get(1).values(), out.get(2).values()};
    }
  }

  @Test
  void normalisedMeansHaveZeroPriorWeightedMeanForAnyParameters() {
    for (long seed = 0; seed < 5; seed++) {
      double[] m = randomBank(seed)[0];
      for (int j = 0; j < CS; j++) {
        double first = 0;
        for (int k = 0; k < K; k++) {
          first += PRIOR[k] * m[k * CS + j];
        }
        assertThat(first).as("seed %s, dimension %s", seed, j).isCloseTo(0, within(1e-12));
      }
    }
  }

  @Test
  void mixtureHasUnitSecondMomentForAnyParameters() {
    for (long seed = 0; seed < 5; seed++) {
      double[][] b = randomBank(seed);
      for (int j = 0; j < CS; j++) {
        double second = 0;
        for (int k = 0; k < K; k++) {
          double m = b[0][k * CS + j];
          double s = b[1][k * CS + j];
          second += PRIOR[k] * (m * m + s * s);
        }
        // 1 − O(1e-8): the 1e-8 inside the square root.
        assertThat(second).as("seed %s, dimension %s", seed, j).isCloseTo(1, within(1e-5));
      }
    }
  }

  @Test
  void klVectorIsPriorWeightedKlOfTheNormalisedGaussians() {
    double[][] b = randomBank(7);
    for (int j = 0; j < CS; j++) {
      double kl = 0;
      for (int k = 0; k < K; k++) {
        double m = b[0][k * CS + j];
        double s = b[1][k * CS + j];
        kl += PRIOR[k] * (0.5 * (m * m + s * s) - Math.log(s) - 0.5);
      }
      assertThat(b[2][j]).isCloseTo(kl, within(1e-12));
    }
  }

  @Test
  void klVectorIsZeroAtInitialisation() {
    try (GraphHarness h = new GraphHarness(1)) {
      StyleBankNet<TFloat64> bank = new StyleBankNet<>(h.nn.sub("sty"), PRIOR, CS);
      double[] kl = h.values(bank.klVector(bank.normalized()));
      assertThat(kl).hasSize(CS).containsOnly(new double[] {0}, within(1e-7));
    }
  }

  @Test
  void lookupReturnsTheRowsOfTheLabels() {
    try (GraphHarness h = new GraphHarness(1)) {
      StyleBankNet<TFloat64> bank = new StyleBankNet<>(h.nn.sub("sty"), PRIOR, CS);
      StyleBankNet.Normalized<TFloat64> t = bank.normalized();
      StyleBankNet.Normalized<TFloat64> rows = bank.lookup(t, h.tf.constant(new int[] {3, 0, 3}));
      h.write(Map.of("sty/m", GraphHarness.uniform(new SplittableRandom(8), K * CS, -1, 1)));
      double[] table = h.values(t.mean());
      double[] got = h.values(rows.mean());
      int[] labels = {3, 0, 3};
      for (int n = 0; n < 3; n++) {
        for (int j = 0; j < CS; j++) {
          assertThat(got[n * CS + j]).isEqualTo(table[labels[n] * CS + j]);
        }
      }
    }
  }
}
