package io.github.gadn.metrics;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;

/**
 * Average Euclidean distance to the class centre (docs/method.md §10.3): for a partition of the
 * samples, the centre of class {@code q} is the mean of its codes, and the metric is the mean over
 * all samples of {@code ‖x_i − centre(q_i)‖}, on the first {@code k} code dimensions. The whole set
 * as one class gives the chance level.
 *
 * <p>Codes are row-major {@code float[n * d]}; all arithmetic is in {@code double}. Cost {@code
 * O(n·d)}; no {@code n × n} matrix is formed. Because the mean of truncated codes is the
 * truncation of the mean, the centres are computed once on all {@code d} dimensions and reused for
 * every {@code k}.
 */
public final class CentreDistance {
  private CentreDistance() {}

  /**
   * Class centres on all {@code d} dimensions.
   *
   * @param codes row-major codes, {@code n * d} values
   * @param n number of samples
   * @param d code length
   * @param classes the partition of the {@code n} samples
   * @return {@code K * d} values, row-major: centre of class {@code c} at {@code c * d}
   */
  public static double[] centres(float[] codes, int n, int d, ClassIndex classes) {
    checkShape(codes, n, d);
    checkNotNull(classes, "classes");
    checkArgument(
        classes.samples() == n, "classes must label n = %s samples, got %s", n, classes.samples());
    int kc = classes.classes();
    double[] sum = new double[kc * d];
    int[] cls = classes.denseUnsafe();
    for (int i = 0; i < n; i++) {
      int o = cls[i] * d;
      int x = i * d;
      for (int j = 0; j < d; j++) {
        sum[o + j] += codes[x + j];
      }
    }
    for (int c = 0; c < kc; c++) {
      double inv = 1.0 / classes.count(c);
      for (int j = 0; j < d; j++) {
        sum[c * d + j] *= inv;
      }
    }
    return sum;
  }

  /**
   * Mean distance to the class centre on the first {@code k} dimensions.
   *
   * @param codes row-major codes, {@code n * d} values
   * @param n number of samples
   * @param d code length
   * @param k number of leading dimensions used, {@code 1 ≤ k ≤ d}
   * @param classes the partition of the {@code n} samples
   * @return the mean Euclidean distance
   */
  public static double meanDistance(float[] codes, int n, int d, int k, ClassIndex classes) {
    return meanDistances(codes, n, d, new int[] {k}, classes)[0];
  }

  /**
   * Mean distance to the centre of the whole set (one class) on the first {@code k} dimensions:
   * the chance level of {@link #meanDistance}.
   *
   * @param codes row-major codes, {@code n * d} values
   * @param n number of samples
   * @param d code length
   * @param k number of leading dimensions used, {@code 1 ≤ k ≤ d}
   * @return the mean Euclidean distance to the overall mean
   */
  public static double wholeSetDistance(float[] codes, int n, int d, int k) {
    checkArgument(n > 0, "n must be positive, got %s", n);
    return meanDistance(codes, n, d, k, ClassIndex.of(new int[n]));
  }

  /**
   * Mean distances to the class centre for several truncations in one pass.
   *
   * @param codes row-major codes, {@code n * d} values
   * @param n number of samples
   * @param d code length
   * @param ks numbers of leading dimensions, each in {@code [1, d]}
   * @param classes the partition of the {@code n} samples
   * @return one mean distance per entry of {@code ks}
   */
  public static double[] meanDistances(
      float[] codes, int n, int d, int[] ks, ClassIndex classes) {
    checkNotNull(ks, "ks");
    for (int k : ks) {
      checkArgument(k >= 1 && k <= d, "k must be in [1, d = %s], got %s", d, k);
    }
    double[] centres = centres(codes, n, d, classes);
    int[] cls = classes.denseUnsafe();
    double[] total = new double[ks.length];
    double[] prefix = new double[d + 1];
    for (int i = 0; i < n; i++) {
      int o = cls[i] * d;
      int x = i * d;
      double acc = 0;
      for (int j = 0; j < d; j++) {
        double diff = codes[x + j] - centres[o + j];
        acc += diff * diff;
        prefix[j + 1] = acc;
      }
      for (int t = 0; t < ks.length; t++) {
        total[t] += Math.sqrt(prefix[ks[t]]);
      }
    }
    for (int t = 0; t < ks.length; t++) {
      total[t] /= n;
    }
    return total;
  }

  static void checkShape(float[] codes, int n, int d) {
    checkNotNull(codes, "codes");
    checkArgument(n > 0, "n must be positive, got %s", n);
    checkArgument(d > 0, "d must be positive, got %s", d);
    checkArgument(
        codes.length == (long) n * d,
        "codes must hold n*d = %s values, got %s",
        (long) n * d,
        codes.length);
  }
}
