package io.github.gadn.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import com.google.common.collect.ImmutableMap;
import io.github.gadn.CodeBatch;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DisentanglementMetricsTest {
  /**
   * Writer × digit codes: dimensions 0–1 encode the digit (well separated), dimensions 2–9 the
   * writer (weakly), the rest noise.
   */
  static float[] writerDigitCodes(int[] writer, int[] digit, int d, long seed) {
    float[] digitPart = TestCodes.blobs(digit, 2, 8, seed);
    float[] writerPart = TestCodes.blobs(writer, 8, 0.8, seed + 1);
    float[] noise = TestCodes.blobs(new int[writer.length], d, 0, seed + 2);
    float[] codes = new float[writer.length * d];
    for (int i = 0; i < writer.length; i++) {
      for (int j = 0; j < d; j++) {
        codes[i * d + j] = j < 2 ? digitPart[i * 2 + j]
            : j < 10 ? writerPart[i * 8 + j - 2] : noise[i * d + j];
      }
    }
    return codes;
  }

  @Test
  void keysAreTwoEightAllAndSmallCodesAreClipped() {
    int n = 300;
    int[] digit = TestCodes.cycling(n, 10);
    float[] codes = TestCodes.blobs(digit, 5, 3, 1);
    EncoderScores s = DisentanglementMetrics.evaluate("GADN", codes, n, 5,
        ImmutableMap.of("digit", digit));
    assertThat(s.byK().keySet()).containsExactly("2", "8", "all");
    assertThat(s.k("2").dims()).isEqualTo(2);
    assertThat(s.k("8").dims()).isEqualTo(5);
    assertThat(s.k("all").dims()).isEqualTo(5);
    assertThat(s.k("8")).usingRecursiveComparison().ignoringFields("key")
        .isEqualTo(s.k("all"));
    assertThat(s.samples()).isEqualTo(n);
    assertThat(s.dimension()).isEqualTo(5);

    // Tiny codes: every key present, all using the single dimension.
    EncoderScores one = DisentanglementMetrics.evaluate("x", new float[] {0, 1, 5, 6}, 4, 1,
        ImmutableMap.of("c", new int[] {0, 0, 1, 1}));
    assertThat(one.byK().values()).extracting(TruncationScores::dims).containsExactly(1, 1, 1);
    LabelScores c = one.k("2").label("c");
    assertThat(c.meanDistance()).isCloseTo(0.5, within(1e-12));
    assertThat(c.naiveBayes().top1()).isEqualTo(1.0);
    assertThat(c.chanceDistance()).isCloseTo(2.5, within(1e-12));
  }

  @Test
  void agreesWithTheBuildingBlocksForEachLabelAndK() {
    int n = 2000;
    int[] writer = TestCodes.random(n, 40, 2);
    int[] digit = TestCodes.random(n, 10, 3);
    int d = 12;
    float[] codes = writerDigitCodes(writer, digit, d, 4);
    EncoderScores s = DisentanglementMetrics.evaluate("GADN", codes, n, d,
        ImmutableMap.of("writer", writer, "digit", digit));
    for (TruncationScores t : s.byK().values()) {
      assertThat(t.byLabel().keySet()).containsExactly("writer", "digit");
      assertThat(t.wholeSetDistance())
          .isCloseTo(CentreDistance.wholeSetDistance(codes, n, d, t.dims()), within(1e-12));
      for (Map.Entry<String, int[]> e : Map.of("writer", writer, "digit", digit).entrySet()) {
        ClassIndex cls = ClassIndex.of(e.getValue());
        LabelScores l = t.label(e.getKey());
        assertThat(l.meanDistance())
            .isCloseTo(CentreDistance.meanDistance(codes, n, d, t.dims(), cls), within(1e-12));
        assertThat(l.naiveBayes()).isEqualTo(
            GaussianNaiveBayes.fit(codes, n, d, cls).evaluate(codes, n, cls, t.dims()));
        assertThat(l.chance()).isEqualTo(ChanceLevels.of(cls));
        assertThat(l.chanceDistance()).isEqualTo(t.wholeSetDistance());
      }
    }
    // The designed pattern: the first two dimensions tell the digit, not the writer.
    LabelScores digit2 = s.k("2").label("digit");
    LabelScores writer2 = s.k("2").label("writer");
    assertThat(digit2.naiveBayes().top1()).isGreaterThan(0.8);
    assertThat(digit2.meanDistance()).isLessThan(0.5 * s.k("2").wholeSetDistance());
    assertThat(writer2.naiveBayes().top1()).isLessThan(0.15);
    assertThat(s.k("all").label("writer").naiveBayes().top1())
        .isGreaterThan(3 * writer2.naiveBayes().top1());
  }

  @Test
  void chanceLevels() {
    int[] labels = {4, 4, 4, 9, 9, 1};
    ChanceLevels c = ChanceLevels.of(ClassIndex.of(labels));
    assertThat(c.classes()).isEqualTo(3);
    assertThat(c.uniform()).isCloseTo(1.0 / 3, within(1e-15));
    assertThat(c.prior()).isCloseTo((9 + 4 + 1) / 36.0, within(1e-15));
    assertThat(c.rank()).isEqualTo(2.0);
    assertThat(c.majority()).isEqualTo(0.5);
    ChanceLevels writers = ChanceLevels.of(ClassIndex.of(TestCodes.cycling(3579 * 2, 3579)));
    assertThat(writers.uniform()).isCloseTo(0.000279, within(1e-6));
    assertThat(writers.rank()).isEqualTo(1790.0);
  }

  @Test
  void invariantToPermutingClassIdsAndSamples() {
    int n = 1500;
    int[] writer = TestCodes.random(n, 30, 5);
    int[] digit = TestCodes.random(n, 10, 6);
    int d = 10;
    float[] codes = writerDigitCodes(writer, digit, d, 7);
    EncoderScores a = DisentanglementMetrics.evaluate("E", codes, n, d,
        ImmutableMap.of("writer", writer, "digit", digit));

    // Rename the classes and shuffle the sample order.
    int[] order = TestCodes.random(n, Integer.MAX_VALUE, 8);
    Integer[] idx = new Integer[n];
    Arrays.setAll(idx, i -> i);
    Arrays.sort(idx, (x, y) -> Integer.compare(order[x], order[y]));
    float[] codes2 = new float[n * d];
    int[] writer2 = new int[n];
    int[] digit2 = new int[n];
    for (int i = 0; i < n; i++) {
      System.arraycopy(codes, idx[i] * d, codes2, i * d, d);
      writer2[i] = 7919 * (29 - writer[idx[i]]) - 5;
      digit2[i] = (digit[idx[i]] * 3) % 10;
    }
    EncoderScores b = DisentanglementMetrics.evaluate("E", codes2, n, d,
        ImmutableMap.of("writer", writer2, "digit", digit2));
    for (String k : List.of("2", "8", "all")) {
      assertThat(b.k(k).wholeSetDistance())
          .isCloseTo(a.k(k).wholeSetDistance(), within(1e-9));
      for (String l : List.of("writer", "digit")) {
        LabelScores x = a.k(k).label(l);
        LabelScores y = b.k(k).label(l);
        assertThat(y.meanDistance()).isCloseTo(x.meanDistance(), within(1e-9));
        assertThat(y.naiveBayes().meanProb()).isCloseTo(x.naiveBayes().meanProb(), within(1e-9));
        assertThat(y.naiveBayes().meanRank()).isCloseTo(x.naiveBayes().meanRank(), within(1e-9));
        assertThat(y.naiveBayes().top1()).isCloseTo(x.naiveBayes().top1(), within(1e-9));
        assertThat(y.chance()).isEqualTo(x.chance());
      }
    }
  }

  @Test
  void rowsFlatAndCodeBatchInputsAgree() {
    int n = 200;
    int[] labels = TestCodes.cycling(n, 4);
    float[] flat = TestCodes.blobs(labels, 3, 1, 9);
    float[][] rows = new float[n][];
    for (int i = 0; i < n; i++) {
      rows[i] = Arrays.copyOfRange(flat, i * 3, i * 3 + 3);
    }
    Map<String, int[]> l = ImmutableMap.of("c", labels);
    EncoderScores a = DisentanglementMetrics.evaluate("E", flat, n, 3, l);
    assertThat(DisentanglementMetrics.evaluate("E", rows, l)).isEqualTo(a);
    assertThat(DisentanglementMetrics.evaluate("E", CodeBatch.of(n, 3, flat), l)).isEqualTo(a);
  }

  @Test
  void customTruncations() {
    int n = 100;
    int[] labels = TestCodes.cycling(n, 2);
    EncoderScores s = DisentanglementMetrics.evaluate("E", TestCodes.blobs(labels, 6, 1, 10), n,
        6, ImmutableMap.of("c", labels), List.of(1, 4, 4, 32));
    assertThat(s.byK().keySet()).containsExactly("1", "4", "32", "all");
    assertThat(s.k("32").dims()).isEqualTo(6);
  }

  @Test
  void largeNumberOfClassesStaysFinite() {
    // 3,579 writers × 3 codes × 10 digits-ish labels, 8 dimensions.
    int classes = 3579;
    int n = 3 * classes;
    int[] writer = TestCodes.cycling(n, classes);
    int[] digit = TestCodes.random(n, 10, 11);
    float[] codes = writerDigitCodes(writer, digit, 8, 12);
    EncoderScores s = DisentanglementMetrics.evaluate("GADN", codes, n, 8,
        ImmutableMap.of("writer", writer, "digit", digit));
    for (TruncationScores t : s.byK().values()) {
      assertThat(Double.isFinite(t.wholeSetDistance())).isTrue();
      for (LabelScores l : t.byLabel().values()) {
        NaiveBayesScores nb = l.naiveBayes();
        assertThat(nb.meanProb()).isBetween(0.0, 1.0);
        assertThat(nb.top1()).isBetween(0.0, 1.0);
        assertThat(nb.meanRank()).isBetween(1.0, (double) l.chance().classes());
        assertThat(Double.isFinite(l.meanDistance())).isTrue();
      }
      assertThat(t.label("writer").chance().classes()).isEqualTo(classes);
    }
  }

  @Test
  void badInputsAreNamed() {
    float[] codes = {0, 1, 2, Float.NaN};
    Map<String, int[]> l = ImmutableMap.of("c", new int[] {0, 1});
    assertThatThrownBy(() -> DisentanglementMetrics.evaluate("E", codes, 2, 2, l))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("code 1, dimension 1 is NaN");
    assertThatThrownBy(() -> DisentanglementMetrics.evaluate("E", new float[4], 2, 2,
        ImmutableMap.of("digit", new int[3])))
        .hasMessageContaining("labels[digit] must hold n = 2 labels, got 3");
    assertThatThrownBy(() -> DisentanglementMetrics.evaluate(" ", new float[4], 2, 2, l))
        .hasMessageContaining("encoder");
    assertThatThrownBy(() -> DisentanglementMetrics.evaluate("E", new float[][] {{1, 2}, {3}}, l))
        .hasMessageContaining("codes[1] has length 1, codes[0] has 2");
    assertThatThrownBy(() -> DisentanglementMetrics.evaluate("E", new float[4], 2, 2, l,
        List.of(0))).hasMessageContaining("ks must be positive, got 0");
  }
}
