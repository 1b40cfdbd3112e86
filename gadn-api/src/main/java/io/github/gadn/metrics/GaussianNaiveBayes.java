package io.github.gadn.metrics;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;

import java.util.stream.IntStream;

/**
 * Naive Bayes with axis-aligned Gaussians (docs/method.md §10.3): for every class, per-dimension
 * maximum-likelihood mean and variance of its codes; empirical class priors {@code π_c = n_c/n};
 * the posterior over classes by Bayes' rule. Fitted and evaluated on the same samples, as in the
 * paper.
 *
 * <h2>Numerics</h2>
 *
 * <ul>
 *   <li>Everything is in {@code double} and in the log domain: {@code log p(c | x) = ℓ_c −
 *       logsumexp_c' ℓ_c'} with {@code ℓ_c = log π_c − ½ Σ_j [log(2π v_cj) + (x_j − μ_cj)² /
 *       v_cj]}, so thousands of classes (3,579 writers) and large {@code k} do not underflow.
 *   <li><b>Variance floor.</b> A class whose codes are constant in a dimension (a singleton class,
 *       or duplicated codes) has ML variance 0. Each variance is therefore replaced by {@code
 *       max(v_cj, 1e-6 · V_j)}, where {@code V_j} is the ML variance of dimension {@code j} over
 *       the whole set ({@link #VARIANCE_FLOOR}); if {@code V_j = 0} (a dimension constant over the
 *       whole set, which carries no class information) the floor is 1. The floor only affects
 *       classes that are almost degenerate, where the ML likelihood is unbounded anyway.
 *   <li><b>Ties.</b> Two classes whose log-posteriors differ by at most {@code 1e-9 · max(1,
 *       |ℓ_y|)} ({@link #TIE_TOLERANCE}) are tied. The rank of the correct class {@code y} is its
 *       mid-rank, {@code 1 + #{c : ℓ_c > ℓ_y} + ½ #{c ≠ y : ℓ_c tied with ℓ_y}}, and top-1 counts
 *       {@code 1 / (1 + #ties)} when no class is strictly better: both are the expectations under
 *       uniformly random tie-breaking, so the scores do not depend on class order (an arg-max
 *       that picks the first maximum would).
 * </ul>
 *
 * <p>Cost {@code O(n·K·k)} time and {@code O(K·d)} memory, parallel over blocks of samples with a
 * fixed block size, so results do not depend on the number of threads.
 */
public final class GaussianNaiveBayes {
  /** Relative variance floor: {@code v_cj ≥ VARIANCE_FLOOR · V_j}. */
  public static final double VARIANCE_FLOOR = 1e-6;

  /** Relative tolerance under which two log-posteriors count as tied. */
  public static final double TIE_TOLERANCE = 1e-9;

  private static final double LOG_2PI = Math.log(2 * Math.PI);
  private static final int BLOCK = 512;

  private final int d;
  private final int classCount;
  private final double[] means;
  private final double[] variances;
  private final double[] logPriors;

  private GaussianNaiveBayes(int d, int classCount, double[] means, double[] variances,
      double[] logPriors) {
    this.d = d;
    this.classCount = classCount;
    this.means = means;
    this.variances = variances;
    this.logPriors = logPriors;
  }

  /**
   * Fits per-class, per-dimension Gaussians on all {@code d} dimensions (two passes: means, then
   * squared deviations). Truncations to the first {@code k} dimensions reuse these statistics.
   *
   * @param codes row-major codes, {@code n * d} values
   * @param n number of samples
   * @param d code length
   * @param classes the class of every sample
   * @return the fitted model
   */
  public static GaussianNaiveBayes fit(float[] codes, int n, int d, ClassIndex classes) {
    double[] means = CentreDistance.centres(codes, n, d, classes);
    int kc = classes.classes();
    int[] cls = classes.denseUnsafe();
    double[] sq = new double[kc * d];
    double[] all = new double[d];
    for (int i = 0; i < n; i++) {
      int o = cls[i] * d;
      int x = i * d;
      for (int j = 0; j < d; j++) {
        double diff = codes[x + j] - means[o + j];
        sq[o + j] += diff * diff;
        all[j] += codes[x + j];
      }
    }
    double[] overallVar = new double[d];
    for (int j = 0; j < d; j++) {
      all[j] /= n;
    }
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < d; j++) {
        double diff = codes[i * d + j] - all[j];
        overallVar[j] += diff * diff;
      }
    }
    double[] floor = new double[d];
    for (int j = 0; j < d; j++) {
      overallVar[j] /= n;
      floor[j] = overallVar[j] > 0 ? VARIANCE_FLOOR * overallVar[j] : 1.0;
    }
    for (int c = 0; c < kc; c++) {
      double inv = 1.0 / classes.count(c);
      for (int j = 0; j < d; j++) {
        sq[c * d + j] = Math.max(sq[c * d + j] * inv, floor[j]);
      }
    }
    double[] priors = classes.priors();
    double[] logPriors = new double[kc];
    for (int c = 0; c < kc; c++) {
      logPriors[c] = Math.log(priors[c]);
    }
    return new GaussianNaiveBayes(d, kc, means, sq, logPriors);
  }

  /** Number of classes {@code K}. */
  public int classes() {
    return classCount;
  }

  /** Code length {@code d} the model was fitted on. */
  public int dimension() {
    return d;
  }

  /**
   * The (floored) variance of a class in a dimension.
   *
   * @param cls dense class index
   * @param j dimension
   * @return {@code v_cj}
   */
  public double variance(int cls, int j) {
    checkArgument(cls >= 0 && cls < classCount, "cls must be in [0, %s), got %s", classCount, cls);
    checkArgument(j >= 0 && j < d, "j must be in [0, %s), got %s", d, j);
    return variances[cls * d + j];
  }

  /**
   * The posterior over classes of one code, on its first {@code k} dimensions.
   *
   * @param code a code of length at least {@code k}
   * @param k number of leading dimensions used, {@code 1 ≤ k ≤ d}
   * @return {@code K} probabilities summing to 1, indexed by dense class
   */
  public double[] posterior(float[] code, int k) {
    checkNotNull(code, "code");
    checkK(k);
    checkArgument(code.length >= k, "code must have at least k = %s values, got %s", k,
        code.length);
    Truncated t = truncate(k);
    double[] ll = new double[classCount];
    t.logJoint(code, 0, ll);
    double lse = logSumExp(ll);
    for (int c = 0; c < classCount; c++) {
      ll[c] = Math.exp(ll[c] - lse);
    }
    return ll;
  }

  /**
   * Scores the classifier on the first {@code k} dimensions of the given samples.
   *
   * @param codes row-major codes, {@code n * d} values
   * @param n number of samples
   * @param classes the correct class of every sample (the labelling the model was fitted on)
   * @param k number of leading dimensions used, {@code 1 ≤ k ≤ d}
   * @return mean posterior of the correct class, mean rank, top-1 accuracy
   */
  public NaiveBayesScores evaluate(float[] codes, int n, ClassIndex classes, int k) {
    CentreDistance.checkShape(codes, n, d);
    checkNotNull(classes, "classes");
    checkArgument(classes.samples() == n, "classes must label n = %s samples, got %s", n,
        classes.samples());
    checkArgument(classes.classes() == classCount,
        "classes must have the K = %s classes of the fit, got %s", classCount, classes.classes());
    checkK(k);
    Truncated t = truncate(k);
    int[] cls = classes.denseUnsafe();
    int blocks = (n + BLOCK - 1) / BLOCK;
    double[][] partial = new double[blocks][3];
    IntStream.range(0, blocks).parallel().forEach(b -> {
      double[] ll = new double[classCount];
      double prob = 0;
      double rank = 0;
      double top1 = 0;
      for (int i = b * BLOCK, end = Math.min(n, i + BLOCK); i < end; i++) {
        t.logJoint(codes, i * d, ll);
        int y = cls[i];
        double ly = ll[y];
        double lse = logSumExp(ll);
        prob += Math.exp(ly - lse);
        double tol = TIE_TOLERANCE * Math.max(1.0, Math.abs(ly));
        int greater = 0;
        int ties = 0;
        for (int c = 0; c < classCount; c++) {
          double l = ll[c];
          if (l > ly + tol) {
            greater++;
          } else if (l >= ly - tol) {
            ties++;
          }
        }
        ties--; // y itself
        rank += 1 + greater + 0.5 * ties;
        if (greater == 0) {
          top1 += 1.0 / (1 + ties);
        }
      }
      partial[b][0] = prob;
      partial[b][1] = rank;
      partial[b][2] = top1;
    });
    double prob = 0;
    double rank = 0;
    double top1 = 0;
    for (double[] p : partial) {
      prob += p[0];
      rank += p[1];
      top1 += p[2];
    }
    return new NaiveBayesScores(prob / n, rank / n, top1 / n);
  }

  private void checkK(int k) {
    checkArgument(k >= 1 && k <= d, "k must be in [1, d = %s], got %s", d, k);
  }

  private Truncated truncate(int k) {
    double[] mu = new double[classCount * k];
    double[] halfInvVar = new double[classCount * k];
    double[] constant = new double[classCount];
    for (int c = 0; c < classCount; c++) {
      double logDet = 0;
      for (int j = 0; j < k; j++) {
        double v = variances[c * d + j];
        mu[c * k + j] = means[c * d + j];
        halfInvVar[c * k + j] = 0.5 / v;
        logDet += Math.log(v) + LOG_2PI;
      }
      constant[c] = logPriors[c] - 0.5 * logDet;
    }
    return new Truncated(k, mu, halfInvVar, constant);
  }

  static double logSumExp(double[] v) {
    double max = Double.NEGATIVE_INFINITY;
    for (double x : v) {
      max = Math.max(max, x);
    }
    double s = 0;
    for (double x : v) {
      s += Math.exp(x - max);
    }
    return max + Math.log(s);
  }

  /** Statistics restricted to the first {@code k} dimensions, contiguous per class. */
  private record Truncated(int k, double[] mu, double[] halfInvVar, double[] constant) {
    /** {@code ℓ_c = log π_c + log N(x; μ_c, diag v_c)} for every class. */
    void logJoint(float[] codes, int offset, double[] out) {
      int kc = constant.length;
      for (int c = 0; c < kc; c++) {
        int o = c * k;
        double a0 = 0;
        double a1 = 0;
        int j = 0;
        for (; j + 1 < k; j += 2) {
          double e0 = codes[offset + j] - mu[o + j];
          double e1 = codes[offset + j + 1] - mu[o + j + 1];
          a0 += e0 * e0 * halfInvVar[o + j];
          a1 += e1 * e1 * halfInvVar[o + j + 1];
        }
        if (j < k) {
          double e = codes[offset + j] - mu[o + j];
          a0 += e * e * halfInvVar[o + j];
        }
        out[c] = constant[c] - (a0 + a1);
      }
    }
  }
}
