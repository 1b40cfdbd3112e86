package io.github.gadn.tensorflow.loss;

import static io.github.gadn.tensorflow.nn.GraphHarness.assertAllClose;
import static io.github.gadn.tensorflow.nn.GraphHarness.feed;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.github.gadn.tensorflow.net.StyleBankNet;
import io.github.gadn.tensorflow.nn.GraphHarness;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.tensorflow.Operand;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.types.TFloat64;
import org.tensorflow.types.TInt32;

/**
 * Every loss of {@link Losses} (and the style bank's KL vector) on tiny inputs — two images of 2×2
 * pixels, codes of length 2 or 3, three classes — against values worked out by hand in plain
 * doubles in each test.
 */
class LossesTest {
  private static final double TOLERANCE = 1e-12;

  /** {@code ln(1 + e^x)}. */
  private static double softplus(double x) {
    return Math.log(1 + Math.exp(x));
  }

  // ------------------------------------------------------------------ stage-1 reconstruction

  @Test
  void pixelWeightsAreAlphaTimesWeightMapNormalisedToSumOnePerImage() {
    double[] alpha = {1, 0.5, 0, 1, /* image 1 */ 0.2, 0.2, 0.2, 0.2};
    double[] weights = {1, 2, 3, 0.5, /* image 1 */ 1, 1, 3, 1};
    double total0 = 1 * 1 + 0.5 * 2 + 0 * 3 + 1 * 0.5; // 2.5
    double total1 = 0.2 * 1 + 0.2 * 1 + 0.2 * 3 + 0.2 * 1; // 1.2
    double[] expected = {
      1 * 1 / total0, 0.5 * 2 / total0, 0 / total0, 1 * 0.5 / total0,
      0.2 / total1, 0.2 / total1, 0.6 / total1, 0.2 / total1
    };
    try (GraphHarness h = new GraphHarness(1)) {
      Placeholder<TFloat64> a = h.input(2, 2, 2, 1);
      Placeholder<TFloat64> w = h.input(2, 2, 2);
      GraphHarness.Fetched out =
          h.run(Losses.pixelWeights(h.nn, a, w), feed(a, alpha, 2, 2, 2, 1), feed(w, weights, 2, 2, 2));
      assertThat(out.shape()).containsExactly(2, 2, 2);
      assertAllClose(out.values(), expected, TOLERANCE);
    }
  }

  @Test
  void anImageWithZeroTotalWeightGetsZeroWeightsInsteadOfNaN() {
    // Image 0 is fully transparent, image 1 opaque with an all-zero weight map: Σ α ω = 0 for
    // both, which the clamped denominator turns into all-zero weights.
    double[] alpha = {0, 0, 0, 0, 1, 1, 1, 1};
    double[] weights = {1, 2, 3, 4, 0, 0, 0, 0};
    try (GraphHarness h = new GraphHarness(1)) {
      Placeholder<TFloat64> a = h.input(2, 2, 2, 1);
      Placeholder<TFloat64> w = h.input(2, 2, 2);
      double[] out =
          h.values(Losses.pixelWeights(h.nn, a, w), feed(a, alpha, 2, 2, 2, 1), feed(w, weights, 2, 2, 2));
      assertThat(out).containsExactly(new double[8], within(0.0));
    }
  }

  /** Two 2×2 RGB images {@code u} and {@code v} whose per-pixel differences are listed below. */
  private static final double[] V = {
    0.1, 0.1, 0.1, -0.5, 0.0, 0.5, 0.2, 0.2, 0.2, 0.0, 0.3, -0.1,
    0.4, -0.4, 0.0, 0.9, 0.0, -0.3, -0.6, 0.1, 0.0, 0.7, 0.7, 0.7
  };

  private static final double[] DIFF = {
    0.3, 0.4, 0.0, /* |·| = 0.5 */ 1.0, 2.0, 2.0, /* 3 */ 0, 0, 0, /* 0 */ 0.6, 0.0, -0.8, /* 1 */
    0.0, 0.0, 0.5, /* 0.5 */ -0.2, 0.0, 0.0, /* 0.2 */ 0.1, 0.2, 0.2, /* 0.3 */ 0, 0, 0 /* 0 */
  };

  private static double[] u() {
    double[] u = new double[V.length];
    for (int i = 0; i < u.length; i++) {
      u[i] = V[i] + DIFF[i];
    }
    return u;
  }

  private static double reconstruction(double[] u, double[] v, double[] pixelWeights) {
    try (GraphHarness h = new GraphHarness(1)) {
      Placeholder<TFloat64> pu = h.input(2, 2, 2, 3);
      Placeholder<TFloat64> pv = h.input(2, 2, 2, 3);
      Placeholder<TFloat64> pw = h.input(2, 2, 2);
      GraphHarness.Fetched out =
          h.run(
              Losses.reconstruction(h.nn, pu, pv, pw),
              feed(pu, u, 2, 2, 2, 3),
              feed(pv, v, 2, 2, 2, 3),
              feed(pw, pixelWeights, 2, 2, 2));
      assertThat(out.shape()).isEmpty();
      return out.values()[0];
    }
  }

  @Test
  void reconstructionIsTheBatchMeanOfWeightedPerPixelDistances() {
    double[] w = {0.4, 0.4, 0.0, 0.2, 0.25, 0.25, 0.25, 0.25};
    double image0 =
        0.4 * Math.sqrt(0.3 * 0.3 + 0.4 * 0.4 + 1e-8)
            + 0.4 * Math.sqrt(1 * 1 + 2 * 2 + 2 * 2 + 1e-8)
            + 0.0 * Math.sqrt(1e-8)
            + 0.2 * Math.sqrt(0.6 * 0.6 + 0.8 * 0.8 + 1e-8);
    double image1 =
        0.25 * Math.sqrt(0.5 * 0.5 + 1e-8)
            + 0.25 * Math.sqrt(0.2 * 0.2 + 1e-8)
            + 0.25 * Math.sqrt(0.1 * 0.1 + 0.2 * 0.2 + 0.2 * 0.2 + 1e-8)
            + 0.25 * Math.sqrt(1e-8);
    // 1.6 and 0.250025: the per-image sums, then their mean over the batch.
    assertThat(reconstruction(u(), V, w)).isCloseTo((image0 + image1) / 2, within(TOLERANCE));
  }

  @Test
  void identicalImagesCostTheSquareRootOfTheEpsilonNotZero() {
    double[] w = {0.4, 0.4, 0.0, 0.2, 0.25, 0.25, 0.25, 0.25};
    // Each image's weights sum to 1, so each contributes √1e-8 = 1e-4.
    assertThat(reconstruction(V, V, w)).isCloseTo(1e-4, within(TOLERANCE));
  }

  @Test
  void aFullyTransparentImageAddsNothingButStillCountsInTheBatchMean() {
    // Stage-1 composition: weights from alpha and the weight map, then the weighted distance.
    double[] alpha = {0, 0, 0, 0, 1, 1, 0.5, 0};
    double[] weights = {1, 1, 1, 1, 2, 1, 2, 5};
    double total1 = 1 * 2 + 1 * 1 + 0.5 * 2 + 0 * 5; // 4
    double image1 =
        (2 / total1) * Math.sqrt(0.5 * 0.5 + 1e-8)
            + (1 / total1) * Math.sqrt(0.2 * 0.2 + 1e-8)
            + (1 / total1) * Math.sqrt(0.1 * 0.1 + 0.2 * 0.2 + 0.2 * 0.2 + 1e-8)
            + 0 * Math.sqrt(1e-8);
    try (GraphHarness h = new GraphHarness(1)) {
      Placeholder<TFloat64> pu = h.input(2, 2, 2, 3);
      Placeholder<TFloat64> pv = h.input(2, 2, 2, 3);
      Placeholder<TFloat64> a = h.input(2, 2, 2, 1);
      Placeholder<TFloat64> w = h.input(2, 2, 2);
      double loss =
          h.values(
              Losses.reconstruction(h.nn, pu, pv, Losses.pixelWeights(h.nn, a, w)),
              feed(pu, u(), 2, 2, 2, 3),
              feed(pv, V, 2, 2, 2, 3),
              feed(a, alpha, 2, 2, 2, 1),
              feed(w, weights, 2, 2, 2))[0];
      assertThat(loss).isCloseTo((0 + image1) / 2, within(TOLERANCE));
    }
  }

  // ------------------------------------------------------------------ KL terms

  private static final double[] MEAN = {0.5, -1, 0, /* sample 1 */ 1.5, 0, 2};
  private static final double[] STD = {1, 0.5, 2, /* sample 1 */ 0.25, 1, 1};

  /** {@code ½(μ² + σ²) − ln σ − ½} of one element. */
  private static double kl(double mu, double sigma) {
    return 0.5 * (mu * mu + sigma * sigma) - Math.log(sigma) - 0.5;
  }

  private static double[] contentKl(double[] mean, double[] std) {
    try (GraphHarness h = new GraphHarness(1)) {
      Placeholder<TFloat64> m = h.input(2, 3);
      Placeholder<TFloat64> s = h.input(2, 3);
      GraphHarness.Fetched out =
          h.run(Losses.gaussianKlPerDimension(h.nn, m, s), feed(m, mean, 2, 3), feed(s, std, 2, 3));
      assertThat(out.shape()).containsExactly(3);
      return out.values();
    }
  }

  @Test
  void contentKlIsThePerDimensionBatchMeanOfTheGaussianKlToTheStandardNormal() {
    double[] expected = {
      (kl(0.5, 1) + kl(1.5, 0.25)) / 2, // (0.125 + 1.1301...) / 2
      (kl(-1, 0.5) + kl(0, 1)) / 2, // (0.3181... + 0) / 2
      (kl(0, 2) + kl(2, 1)) / 2 // (0.8068... + 2) / 2
    };
    assertAllClose(contentKl(MEAN, STD), expected, TOLERANCE);
  }

  @Test
  void contentKlOfAZeroStdIsLargeButFinite() {
    // ln σ is taken of max(σ, 1e-30): σ = 0 costs −ln 1e-30 ≈ 69.08 instead of infinity.
    double[] std = STD.clone();
    std[0] = 0;
    double first = (0.5 * (0.5 * 0.5 + 0) - Math.log(1e-30) - 0.5 + kl(1.5, 0.25)) / 2;
    double[] out = contentKl(MEAN, std);
    assertThat(out[0]).isCloseTo(first, within(1e-10));
  }

  @Test
  void contentKlLossWeighsEachDimensionByItsKeepProbability() {
    double[] keep = {1, 0.5, 0.25}; // p^i for p = 0.5
    double expected =
        1 * (kl(0.5, 1) + kl(1.5, 0.25)) / 2
            + 0.5 * (kl(-1, 0.5) + kl(0, 1)) / 2
            + 0.25 * (kl(0, 2) + kl(2, 1)) / 2;
    try (GraphHarness h = new GraphHarness(1)) {
      Placeholder<TFloat64> m = h.input(2, 3);
      Placeholder<TFloat64> s = h.input(2, 3);
      Operand<TFloat64> loss =
          Losses.weightedSum(h.nn, Losses.gaussianKlPerDimension(h.nn, m, s), keep);
      double value = h.values(loss, feed(m, MEAN, 2, 3), feed(s, STD, 2, 3))[0];
      assertThat(value).isCloseTo(expected, within(TOLERANCE));
    }
  }

  /** Style bank of 2 classes with {@code π = (0.25, 0.75)} and {@code Cs = 2}. */
  private static final double[] PRIOR = {0.25, 0.75};

  private static final double[] M = {1, -0.5, /* class 1 */ 0, 0.5};
  private static final double[] Q = {0, 1, /* class 1 */ -1, 0.5};

  /** The KL vector by hand: normalise each dimension by the π-mixture, then Σ_k π_k KL. */
  private static double[] styleKlByHand() {
    double[] out = new double[2];
    for (int j = 0; j < 2; j++) {
      double m0 = M[j];
      double m1 = M[2 + j];
      double s0 = softplus(Q[j]);
      double s1 = softplus(Q[2 + j]);
      double mean = 0.25 * m0 + 0.75 * m1;
      double var = 0.25 * (m0 * m0 + s0 * s0) + 0.75 * (m1 * m1 + s1 * s1) - mean * mean;
      double std = Math.sqrt(var + 1e-8);
      out[j] =
          0.25 * kl((m0 - mean) / std, s0 / std) + 0.75 * kl((m1 - mean) / std, s1 / std);
    }
    return out;
  }

  private static double[] styleKl(double[] keep) {
    try (GraphHarness h = new GraphHarness(1)) {
      StyleBankNet<TFloat64> bank = new StyleBankNet<>(h.nn.sub("sty"), PRIOR, 2);
      Operand<TFloat64> kl = bank.klVector(bank.normalized());
      Operand<TFloat64> weighted = Losses.weightedSum(h.nn, kl, keep);
      h.write(Map.of("sty/m", M, "sty/q", Q));
      List<GraphHarness.Fetched> out = h.run(List.of(kl, weighted), List.of());
      assertThat(out.get(0).shape()).containsExactly(2);
      double[] both = {out.get(0).values()[0], out.get(0).values()[1], out.get(1).values()[0]};
      return both;
    }
  }

  @Test
  void styleKlIsThePriorWeightedKlOfTheNormalisedClassGaussians() {
    double[] expected = styleKlByHand();
    double[] out = styleKl(new double[] {1, 1});
    assertAllClose(new double[] {out[0], out[1]}, expected, TOLERANCE);
  }

  @Test
  void styleKlLossWeighsEachDimensionByItsKeepProbability() {
    double[] kl = styleKlByHand();
    assertThat(styleKl(new double[] {1, 0.3})[2])
        .isCloseTo(1 * kl[0] + 0.3 * kl[1], within(TOLERANCE));
  }

  // ------------------------------------------------------------------ stage-1 classifier C1

  /** Log-probabilities of 2 samples over 3 classes (each row sums to 1 in probability). */
  private static final double[] LOG_PROBS = {
    Math.log(0.6), Math.log(0.3), Math.log(0.1),
    Math.log(0.2), Math.log(0.7), Math.log(0.1)
  };

  private static final int[] LABELS = {0, 2};
  private static final double[] CLASS_PRIOR = {0.5, 0.3, 0.2};

  private static double classifierLoss(double[] logProbs) {
    try (GraphHarness h = new GraphHarness(1)) {
      Placeholder<TFloat64> l = h.input(2, 3);
      return h.values(
          Losses.crossEntropy(h.nn, l, h.tf.constant(LABELS)), feed(l, logProbs, 2, 3))[0];
    }
  }

  /** ln π of the three classes, as a graph constant. */
  private static Operand<TFloat64> logPrior(GraphHarness h) {
    return h.nn.constant(new long[] {3}, new double[] {
      Math.log(CLASS_PRIOR[0]), Math.log(CLASS_PRIOR[1]), Math.log(CLASS_PRIOR[2])
    });
  }

  private static double adversarialTerm(double[] logProbs) {
    try (GraphHarness h = new GraphHarness(1)) {
      Placeholder<TFloat64> l = h.input(2, 3);
      Operand<TFloat64> logPrior = logPrior(h);
      return h.values(
          Losses.cappedNll(h.nn, l, h.tf.constant(LABELS), logPrior), feed(l, logProbs, 2, 3))[0];
    }
  }

  @Test
  void classifierLossIsTheMeanNegativeLogProbabilityOfEachSamplesLabel() {
    double expected = -(Math.log(0.6) + Math.log(0.1)) / 2; // 1.4067...
    assertThat(classifierLoss(LOG_PROBS)).isCloseTo(expected, within(TOLERANCE));
  }

  @Test
  void adversarialTermCapsEachSampleAtTheLogPriorOfItsClass() {
    // Sample 0: ln 0.6 > ln 0.5, kept. Sample 1: ln 0.1 < ln 0.2, replaced by ln 0.2.
    double expected = -(Math.log(0.6) + Math.log(0.2)) / 2; // 1.0601...
    assertThat(adversarialTerm(LOG_PROBS)).isCloseTo(expected, within(TOLERANCE));
  }

  @Test
  void aboveTheirPriorsTheAdversarialTermIsTheClassifierLoss() {
    // Both labels above their prior: E and G (maximising the term) oppose C1 (minimising the
    // same value) exactly.
    double[] confident = {
      Math.log(0.6), Math.log(0.3), Math.log(0.1),
      Math.log(0.2), Math.log(0.3), Math.log(0.5)
    };
    double expected = -(Math.log(0.6) + Math.log(0.5)) / 2;
    assertThat(adversarialTerm(confident)).isCloseTo(expected, within(TOLERANCE));
    assertThat(classifierLoss(confident)).isCloseTo(expected, within(TOLERANCE));
  }

  @Test
  void encoderAndGeneratorObjectivePushesTheLabelProbabilityDownOnlyAboveThePrior() {
    // The E/G objective is −λ_cla · L_adv; its gradient on ℓ[n, a_n] is +λ/N above the prior
    // (lowering ℓ lowers the objective) and 0 below it, where C1's loss still has −1/N.
    double lambda = 0.2;
    try (GraphHarness h = new GraphHarness(1)) {
      Placeholder<TFloat64> l = h.input(2, 3);
      Operand<TFloat64> logPrior = logPrior(h);
      Operand<TInt32> labels = h.tf.constant(LABELS);
      Operand<TFloat64> objective =
          h.nn.mul(Losses.cappedNll(h.nn, l, labels, logPrior), -lambda);
      Operand<?> gAdv = h.tf.gradients(objective, List.of(l)).dy(0);
      Operand<?> gCla = h.tf.gradients(Losses.crossEntropy(h.nn, l, labels), List.of(l)).dy(0);
      List<GraphHarness.Fetched> g = h.run(List.of(gAdv, gCla), List.of(feed(l, LOG_PROBS, 2, 3)));
      assertAllClose(g.get(0).values(), new double[] {lambda / 2, 0, 0, 0, 0, 0}, TOLERANCE);
      assertAllClose(g.get(1).values(), new double[] {-0.5, 0, 0, 0, 0, -0.5}, TOLERANCE);
    }
  }

  // ------------------------------------------------------------------ stage-2 D, C2 and G

  private static double leastSquares(double[] scores, double target) {
    try (GraphHarness h = new GraphHarness(1)) {
      Placeholder<TFloat64> s = h.input(2, 1);
      return h.values(Losses.leastSquares(h.nn, s, target), feed(s, scores, 2, 1))[0];
    }
  }

  @Test
  void discriminatorRealTermPullsScoresToPlusOne() {
    double expected = ((0.5 - 1) * (0.5 - 1) + (2 - 1) * (2 - 1)) / 2; // 0.625
    assertThat(leastSquares(new double[] {0.5, 2}, 1)).isCloseTo(expected, within(TOLERANCE));
  }

  @Test
  void discriminatorFakeTermPullsScoresToMinusOne() {
    double expected = ((0.5 + 1) * (0.5 + 1) + (-2 + 1) * (-2 + 1)) / 2; // 1.625
    assertThat(leastSquares(new double[] {0.5, -2}, -1)).isCloseTo(expected, within(TOLERANCE));
  }

  @Test
  void generatorTermPullsFakeScoresToZero() {
    double expected = (0.5 * 0.5 + (-2) * (-2)) / 2; // 2.125
    assertThat(leastSquares(new double[] {0.5, -2}, 0)).isCloseTo(expected, within(TOLERANCE));
  }

  private static double negativeLogUnlikelihood(double[] logProbs, int[] labels) {
    try (GraphHarness h = new GraphHarness(1)) {
      Placeholder<TFloat64> l = h.input(2, 3);
      return h.values(
          Losses.negativeLogUnlikelihood(h.nn, l, h.tf.constant(labels)),
          feed(l, logProbs, 2, 3))[0];
    }
  }

  @Test
  void classifierOnFakesPaysMinusLogOfOneMinusTheConditionedClassProbability() {
    double[] logProbs = {
      Math.log(0.6), Math.log(0.25), Math.log(0.15),
      Math.log(0.2), Math.log(0.3), Math.log(0.5)
    };
    // Conditioned classes 1 and 2: p = 0.25 and 0.5.
    double expected = -(Math.log(1 - 0.25 + 1e-6) + Math.log(1 - 0.5 + 1e-6)) / 2; // 0.4904...
    assertThat(negativeLogUnlikelihood(logProbs, new int[] {1, 2}))
        .isCloseTo(expected, within(TOLERANCE));
  }

  @Test
  void aCertainConditionedClassCostsMinusLogEpsilonNotInfinity() {
    // p = 1 for sample 0's conditioned class: −ln(1 − 1 + 1e-6) = 13.8155... instead of ∞.
    double[] logProbs = {
      0, -50, -50,
      Math.log(0.2), Math.log(0.3), Math.log(0.5)
    };
    double expected = (-Math.log(1e-6) - Math.log(1 - 0.3 + 1e-6)) / 2;
    assertThat(negativeLogUnlikelihood(logProbs, new int[] {0, 1}))
        .isCloseTo(expected, within(1e-9));
  }

  @Test
  void aCertainConditionedClassHasAFiniteGradient() {
    // ∂/∂ℓ of −ln(1 − e^ℓ + 1e-6) is e^ℓ / (1 − e^ℓ + 1e-6): 1e6 at ℓ = 0, divided by N = 2.
    try (GraphHarness h = new GraphHarness(1)) {
      Placeholder<TFloat64> l = h.input(2, 3);
      Operand<TFloat64> loss = Losses.negativeLogUnlikelihood(h.nn, l, h.tf.constant(new int[] {0, 1}));
      Operand<?> grad = h.tf.gradients(loss, List.of(l)).dy(0);
      double[] g =
          h.values(
              grad,
              feed(l, new double[] {0, -30, -30, Math.log(0.2), Math.log(0.3), Math.log(0.5)}, 2, 3));
      assertThat(g[0]).isCloseTo(1 / 1e-6 / 2, within(1e-3));
      assertThat(g[4]).isCloseTo(0.3 / (1 - 0.3 + 1e-6) / 2, within(TOLERANCE));
    }
  }

  @Test
  void rollPairsEachSampleWithTheNextOneCyclically() {
    // Stage 2 conditions slot n on the label, style and mask of sample n+1 (mod N).
    try (GraphHarness h = new GraphHarness(1)) {
      Placeholder<TFloat64> x = h.input(3, 2);
      GraphHarness.Fetched codes =
          h.run(Losses.roll(h.tf, x, 2), feed(x, new double[] {1, 2, 3, 4, 5, 6}, 3, 2));
      double[] labels = h.values(Losses.roll(h.tf, h.tf.constant(new int[] {7, 8, 9}), 1));
      assertThat(codes.shape()).containsExactly(3, 2);
      assertThat(codes.values()).containsExactly(3, 4, 5, 6, 1, 2);
      assertThat(labels).containsExactly(8, 9, 7);
    }
  }

  // ------------------------------------------------------------------ stage-1 match loss

  @Test
  void matchLossIsTheBatchMeanOfSquaredEuclideanDistances() {
    double[] a = {1, 2, 3, /* sample 1 */ 0, -1, 0.5};
    double[] b = {1.5, 2, 1, /* sample 1 */ 0, 1, -0.5};
    double expected =
        ((1 - 1.5) * (1 - 1.5) + 0 + (3 - 1) * (3 - 1) + 0 + (-1 - 1) * (-1 - 1) + 1 * 1) / 2;
    try (GraphHarness h = new GraphHarness(1)) {
      Placeholder<TFloat64> pa = h.input(2, 3);
      Placeholder<TFloat64> pb = h.input(2, 3);
      double value =
          h.values(Losses.meanSquaredDistance(h.nn, pa, pb), feed(pa, a, 2, 3), feed(pb, b, 2, 3))[0];
      assertThat(value).isCloseTo(expected, within(TOLERANCE)); // (4.25 + 5) / 2 = 4.625
    }
  }
}
