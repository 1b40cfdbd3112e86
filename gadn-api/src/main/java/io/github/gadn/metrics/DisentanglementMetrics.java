package io.github.gadn.metrics;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;

import io.github.gadn.CodeBatch;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The disentanglement metrics of docs/method.md §10.3 (paper appendix B.4) over an encoder's codes
 * — normally the posterior means {@code μ} over a whole data set — for one or more labellings:
 *
 * <ul>
 *   <li>average Euclidean distance to the class centre by each labelling and for the whole set
 *       ({@link CentreDistance});
 *   <li>naive Bayes with axis-aligned Gaussians and empirical priors: mean posterior of the correct
 *       class, its mean rank and top-1 accuracy ({@link GaussianNaiveBayes});
 *   <li>the chance level of each ({@link ChanceLevels}, whole-set distance);
 * </ul>
 *
 * each on the first {@code k} code dimensions for {@code k ∈ {2, 8, all}}. A {@code k} larger
 * than the code length {@code d} is clipped to {@code d}; truncations that clip to the same number
 * of dimensions are computed once, but every key ({@code "2"}, {@code "8"}, {@code "all"}) is
 * present in the result, with the dimensions actually used in {@link TruncationScores#dims()}.
 *
 * <pre>{@code
 * EncoderScores gadn = DisentanglementMetrics.evaluate("GADN", mu, n, d,
 *     ImmutableMap.of("writer", writers, "digit", digits));
 * MetricsReport report = MetricsReport.of(gadn, vae);
 * Files.writeString(out.resolve("metrics.json"), report.toJson());
 * }</pre>
 *
 * <p>Cost {@code O(n·d + n·K·k)} per labelling and truncation, linear in the number of samples;
 * memory {@code O(K·d)} besides the codes. Label values are arbitrary {@code int}s; results are
 * invariant to renaming or reordering the classes.
 */
public final class DisentanglementMetrics {
  /** The truncations of the paper besides "all". */
  public static final List<Integer> PAPER_K = List.of(2, 8);

  /** Key of the truncation to all {@code d} dimensions. */
  public static final String ALL = "all";

  private static final Logger log = LoggerFactory.getLogger(DisentanglementMetrics.class);

  private DisentanglementMetrics() {}

  /**
   * Metrics for {@code k ∈ {2, 8, all}} of codes given as rows.
   *
   * @param encoder display name of the encoder, e.g. {@code "GADN"}
   * @param codes {@code n} codes of equal length {@code d}
   * @param labels labellings by name, each with one label per code, in report order (use an
   *     ordered map such as {@code ImmutableMap} or {@code LinkedHashMap})
   * @return the scores
   */
  public static EncoderScores evaluate(String encoder, float[][] codes,
      Map<String, int[]> labels) {
    checkNotNull(codes, "codes");
    checkArgument(codes.length > 0, "codes must hold at least one code");
    checkNotNull(codes[0], "codes[0]");
    int d = codes[0].length;
    float[] flat = new float[Math.multiplyExact(codes.length, d)];
    for (int i = 0; i < codes.length; i++) {
      checkNotNull(codes[i], "codes[%s]", i);
      checkArgument(codes[i].length == d, "codes[%s] has length %s, codes[0] has %s", i,
          codes[i].length, d);
      System.arraycopy(codes[i], 0, flat, i * d, d);
    }
    return evaluate(encoder, flat, codes.length, d, labels);
  }

  /**
   * Metrics for {@code k ∈ {2, 8, all}} of a code batch.
   *
   * @param encoder display name of the encoder
   * @param codes the codes
   * @param labels labellings by name, in report order
   * @return the scores
   */
  public static EncoderScores evaluate(String encoder, CodeBatch codes,
      Map<String, int[]> labels) {
    checkNotNull(codes, "codes");
    return evaluate(encoder, codes.toArray(), codes.count(), codes.dimension(), labels);
  }

  /**
   * Metrics for {@code k ∈ {2, 8, all}} of row-major codes.
   *
   * @param encoder display name of the encoder
   * @param codes row-major codes, {@code n * d} values: value {@code j} of code {@code i} at
   *     {@code i * d + j}
   * @param n number of codes
   * @param d code length
   * @param labels labellings by name, in report order
   * @return the scores
   */
  public static EncoderScores evaluate(String encoder, float[] codes, int n, int d,
      Map<String, int[]> labels) {
    return evaluate(encoder, codes, n, d, labels, PAPER_K);
  }

  /**
   * Metrics for the given truncations plus "all".
   *
   * @param encoder display name of the encoder
   * @param codes row-major codes, {@code n * d} values
   * @param n number of codes
   * @param d code length
   * @param labels labellings by name, in report order
   * @param ks truncations, each positive; reported under their decimal key, clipped to {@code d}
   * @return the scores, keyed by the {@code ks} in the given order and then {@code "all"}
   */
  public static EncoderScores evaluate(String encoder, float[] codes, int n, int d,
      Map<String, int[]> labels, List<Integer> ks) {
    checkNotNull(encoder, "encoder");
    checkArgument(!encoder.isBlank(), "encoder must be a non-blank name");
    CentreDistance.checkShape(codes, n, d);
    checkNotNull(labels, "labels");
    checkNotNull(ks, "ks");
    for (int i = 0; i < codes.length; i++) {
      if (!Float.isFinite(codes[i])) {
        throw new IllegalArgumentException(String.format(
            "codes must be finite; code %d, dimension %d is %s", i / d, i % d, codes[i]));
      }
    }
    Map<String, Integer> keys = new LinkedHashMap<>();
    for (Integer k : ks) {
      checkNotNull(k, "ks holds null");
      checkArgument(k > 0, "ks must be positive, got %s", k);
      keys.put(Integer.toString(k), Math.min(k, d));
    }
    keys.put(ALL, d);
    int[] dims = new TreeSet<>(keys.values()).stream().mapToInt(Integer::intValue).toArray();

    long start = System.nanoTime();
    double[] whole = CentreDistance.meanDistances(codes, n, d, dims, ClassIndex.of(new int[n]));
    List<PerLabel> perLabel = new ArrayList<>();
    for (Map.Entry<String, int[]> e : labels.entrySet()) {
      String name = checkNotNull(e.getKey(), "labels has a null name");
      checkArgument(!name.isBlank(), "labels has a blank name");
      int[] values = checkNotNull(e.getValue(), "labels[%s] is null", name);
      checkArgument(values.length == n, "labels[%s] must hold n = %s labels, got %s", name, n,
          values.length);
      ClassIndex classes = ClassIndex.of(values);
      double[] dist = CentreDistance.meanDistances(codes, n, d, dims, classes);
      GaussianNaiveBayes nb = GaussianNaiveBayes.fit(codes, n, d, classes);
      NaiveBayesScores[] scores = new NaiveBayesScores[dims.length];
      for (int t = 0; t < dims.length; t++) {
        scores[t] = nb.evaluate(codes, n, classes, dims[t]);
      }
      perLabel.add(new PerLabel(name, ChanceLevels.of(classes), dist, scores));
      log.debug("{}: {} classes of {} evaluated", encoder, classes.classes(), name);
    }

    Map<String, TruncationScores> byK = new LinkedHashMap<>();
    for (Map.Entry<String, Integer> e : keys.entrySet()) {
      int t = java.util.Arrays.binarySearch(dims, e.getValue());
      Map<String, LabelScores> byLabel = new LinkedHashMap<>();
      for (PerLabel p : perLabel) {
        byLabel.put(p.name,
            new LabelScores(p.name, p.distance[t], p.scores[t], p.chance, whole[t]));
      }
      byK.put(e.getKey(), new TruncationScores(e.getKey(), e.getValue(), whole[t], byLabel));
    }
    log.debug("{}: metrics of {} codes x {} dims in {} ms", encoder, n, d,
        (System.nanoTime() - start) / 1_000_000);
    return new EncoderScores(encoder, n, d, byK);
  }

  private record PerLabel(String name, ChanceLevels chance, double[] distance,
      NaiveBayesScores[] scores) {}
}
