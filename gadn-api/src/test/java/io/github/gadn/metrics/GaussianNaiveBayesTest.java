package io.github.gadn.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

class GaussianNaiveBayesTest {
  private static NaiveBayesScores scores(float[] codes, int d, int[] labels, int k) {
    ClassIndex cls = ClassIndex.of(labels);
    return GaussianNaiveBayes.fit(codes, labels.length, d, cls)
        .evaluate(codes, labels.length, cls, k);
  }

  @Test
  void perfectlySeparatedClassesScorePerfectly() {
    int[] labels = TestCodes.cycling(400, 5);
    float[] codes = new float[400 * 3];
    Random r = new Random(1);
    for (int i = 0; i < 400; i++) {
      for (int j = 0; j < 3; j++) {
        codes[i * 3 + j] = (float) (10 * labels[i] + 0.1 * r.nextGaussian());
      }
    }
    for (int k = 1; k <= 3; k++) {
      NaiveBayesScores s = scores(codes, 3, labels, k);
      assertThat(s.top1()).isEqualTo(1.0);
      assertThat(s.meanRank()).isEqualTo(1.0);
      assertThat(s.meanProb()).isCloseTo(1.0, within(1e-9));
    }
  }

  @Test
  void identicalClassDistributionsScoreExactlyChance() {
    // Every class holds the same 30 codes: the posterior equals the (uniform) prior.
    int classes = 6;
    int m = 30;
    float[] base = TestCodes.blobs(new int[m], 4, 0, 3);
    float[] codes = new float[classes * m * 4];
    int[] labels = new int[classes * m];
    for (int i = 0; i < m; i++) {
      for (int c = 0; c < classes; c++) {
        int s = i * classes + c;
        labels[s] = c;
        System.arraycopy(base, i * 4, codes, s * 4, 4);
      }
    }
    NaiveBayesScores s = scores(codes, 4, labels, 4);
    assertThat(s.meanProb()).isCloseTo(1.0 / classes, within(1e-12));
    assertThat(s.top1()).isCloseTo(1.0 / classes, within(1e-12));
    assertThat(s.meanRank()).isCloseTo((classes + 1) / 2.0, within(1e-12));
  }

  @Test
  void identicalDistributionsWithUnequalPriorsFollowThePrior() {
    // Classes 0, 1, 2 hold the same 20 codes repeated 1, 2 and 3 times: π = 1/6, 2/6, 3/6.
    float[] base = TestCodes.blobs(new int[20], 3, 0, 4);
    int n = 20 * 6;
    float[] codes = new float[n * 3];
    int[] labels = new int[n];
    int s = 0;
    for (int c = 0; c < 3; c++) {
      for (int rep = 0; rep <= c; rep++) {
        for (int i = 0; i < 20; i++, s++) {
          labels[s] = c;
          System.arraycopy(base, i * 3, codes, s * 3, 3);
        }
      }
    }
    NaiveBayesScores r = scores(codes, 3, labels, 3);
    ChanceLevels chance = ChanceLevels.of(ClassIndex.of(labels));
    assertThat(r.meanProb()).isCloseTo(14.0 / 36, within(1e-9));
    assertThat(r.meanProb()).isCloseTo(chance.prior(), within(1e-9));
    assertThat(r.top1()).isCloseTo(0.5, within(1e-9));
    assertThat(r.top1()).isCloseTo(chance.majority(), within(1e-9));
    // Ranked by prior: class 2 first, class 0 last.
    assertThat(r.meanRank()).isCloseTo((3 + 2 * 2 + 3 * 1) / 6.0, within(1e-9));
  }

  @Test
  void tiesShareRankAndAccuracy() {
    // Class sizes 2m, 2m, m with identical distributions: classes 0 and 1 tie at the top.
    float[] base = TestCodes.blobs(new int[10], 2, 0, 5);
    int[] sizes = {2, 2, 1};
    int n = 50;
    float[] codes = new float[n * 2];
    int[] labels = new int[n];
    int s = 0;
    for (int c = 0; c < 3; c++) {
      for (int rep = 0; rep < sizes[c]; rep++) {
        for (int i = 0; i < 10; i++, s++) {
          labels[s] = c;
          System.arraycopy(base, i * 2, codes, s * 2, 2);
        }
      }
    }
    NaiveBayesScores r = scores(codes, 2, labels, 2);
    assertThat(r.meanRank()).isCloseTo(1.8, within(1e-9));
    assertThat(r.top1()).isCloseTo(0.4, within(1e-9));
    // The same with the tied classes' ids swapped.
    int[] swapped = Arrays.stream(labels).map(l -> l == 2 ? 2 : 1 - l).toArray();
    assertThat(scores(codes, 2, swapped, 2)).isEqualTo(r);
  }

  @Test
  void randomLabelsOnOneGaussianScoreNearChance() {
    int n = 6000;
    int[] labels = TestCodes.random(n, 10, 6);
    float[] codes = TestCodes.blobs(new int[n], 8, 0, 7);
    NaiveBayesScores s = scores(codes, 8, labels, 8);
    // Fitted on the same data, so slightly better than chance, but not much.
    assertThat(s.meanProb()).isBetween(0.095, 0.12);
    assertThat(s.meanRank()).isBetween(5.0, 5.6);
    assertThat(s.top1()).isBetween(0.08, 0.16);
  }

  @Test
  void invariantToRenamingAndReorderingClasses() {
    int n = 3000;
    int[] labels = TestCodes.random(n, 12, 8);
    float[] codes = TestCodes.blobs(labels, 5, 1.5, 9);
    int[] perm = {5, 11, 0, 3, 9, 1, 7, 2, 10, 4, 8, 6};
    int[] renamed = Arrays.stream(labels).map(l -> 1000 - 37 * perm[l]).toArray();
    for (int k = 1; k <= 5; k++) {
      NaiveBayesScores a = scores(codes, 5, labels, k);
      NaiveBayesScores b = scores(codes, 5, renamed, k);
      assertThat(b.meanProb()).isCloseTo(a.meanProb(), within(1e-12));
      assertThat(b.meanRank()).isCloseTo(a.meanRank(), within(1e-12));
      assertThat(b.top1()).isCloseTo(a.top1(), within(1e-12));
      // Informative codes: clearly better than chance.
      assertThat(a.top1()).isGreaterThan(2.0 / 12);
    }
  }

  @Test
  void posteriorSumsToOne() {
    int[] labels = TestCodes.random(500, 7, 10);
    float[] codes = TestCodes.blobs(labels, 3, 1, 11);
    GaussianNaiveBayes nb = GaussianNaiveBayes.fit(codes, 500, 3, ClassIndex.of(labels));
    double[] p = nb.posterior(Arrays.copyOfRange(codes, 30, 33), 3);
    assertThat(p).hasSize(7);
    assertThat(Arrays.stream(p).sum()).isCloseTo(1.0, within(1e-12));
    assertThat(Arrays.stream(p).allMatch(v -> v >= 0 && v <= 1)).isTrue();
  }

  @Test
  void thousandsOfClassesNeitherUnderflowNorOverflow() {
    // 3,579 classes × 3 codes in 16 dimensions, scaled by 2^±100: the likelihoods exp(ℓ) are far
    // outside the double range (|ℓ| > 1000), yet the scores must equal those of the unscaled codes
    // (scaling every code by s shifts every ℓ_c by the same −k·log s).
    int classes = 3579;
    int d = 16;
    int[] labels = TestCodes.cycling(3 * classes, classes);
    float[] codes = TestCodes.blobs(labels, d, 1, 12);
    NaiveBayesScores plain = scores(codes, d, labels, d);
    assertThat(plain.meanProb()).isBetween(0.0, 1.0);
    assertThat(plain.meanRank()).isBetween(1.0, (double) classes);
    assertThat(plain.top1()).isBetween(0.0, 1.0);
    for (float scale : new float[] {0x1p-100f, 0x1p100f}) {
      float[] scaled = codes.clone();
      for (int i = 0; i < scaled.length; i++) {
        scaled[i] *= scale;
      }
      NaiveBayesScores s = scores(scaled, d, labels, d);
      assertThat(s.meanProb()).isCloseTo(plain.meanProb(), within(1e-9));
      assertThat(s.meanRank()).isCloseTo(plain.meanRank(), within(1e-9));
      assertThat(s.top1()).isCloseTo(plain.top1(), within(1e-9));
    }
  }

  @Test
  void singletonAndConstantClassesAreFloored() {
    // Class 1 is a single code and dimension 1 is constant everywhere.
    float[] codes = {0, 5, 1, 5, 2, 5, 9, 5};
    int[] labels = {0, 0, 0, 1};
    ClassIndex cls = ClassIndex.of(labels);
    GaussianNaiveBayes nb = GaussianNaiveBayes.fit(codes, 4, 2, cls);
    double overall = (0 + 1 + 4 + 81) / 4.0 - 3 * 3;
    assertThat(nb.variance(1, 0)).isCloseTo(GaussianNaiveBayes.VARIANCE_FLOOR * overall,
        within(1e-15));
    assertThat(nb.variance(0, 0)).isCloseTo(2.0 / 3, within(1e-12));
    assertThat(nb.variance(0, 1)).isEqualTo(1.0);
    NaiveBayesScores s = nb.evaluate(codes, 4, cls, 2);
    assertThat(s.top1()).isEqualTo(1.0);
    assertThat(Double.isFinite(s.meanProb())).isTrue();
  }

  @Test
  void badArgumentsAreNamed() {
    int[] labels = {0, 1, 0, 1};
    float[] codes = new float[8];
    GaussianNaiveBayes nb = GaussianNaiveBayes.fit(codes, 4, 2, ClassIndex.of(labels));
    assertThatThrownBy(() -> nb.evaluate(codes, 4, ClassIndex.of(labels), 3))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("k must be in");
    assertThatThrownBy(() -> nb.evaluate(codes, 4, ClassIndex.of(new int[] {0, 1, 2, 0}), 2))
        .hasMessageContaining("classes must have the K = 2 classes");
    assertThatThrownBy(() -> nb.posterior(new float[1], 2))
        .hasMessageContaining("code must have at least k = 2 values");
  }
}
