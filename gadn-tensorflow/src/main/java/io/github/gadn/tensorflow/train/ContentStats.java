package io.github.gadn.tensorflow.train;

import io.github.gadn.CodeBatch;
import io.github.gadn.ContentDistribution;
import io.github.gadn.tensorflow.io.Checkpoint;
import io.github.gadn.tensorflow.nn.RandomInputs;
import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Aggregate content statistics of docs/method.md §5, computed in float64: mean {@code m},
 * per-dimension std of the aggregate posterior, the eigen-decomposition of its covariance
 * (ascending eigenvalues, eigenvectors as columns) and the informative-variance fraction {@code
 * dim_weight}.
 *
 * @param mean {@code m}
 * @param std {@code √(var_means + s2)}
 * @param eigenvalues ascending
 * @param eigenvectors row-major {@code Cc × Cc}, eigenvectors as columns
 * @param dimWeight {@code var_means / full_var} in [0, 1]
 */
public record ContentStats(
    double[] mean, double[] std, double[] eigenvalues, double[] eigenvectors, double[] dimWeight) {

  /** {@code Cc}. */
  public int dimension() {
    return mean.length;
  }

  /**
   * These statistics as the public {@link ContentDistribution}; every array it returns is a copy,
   * and it samples with {@link #sample} from stratified standard normals drawn with the given
   * seed.
   */
  public ContentDistribution distribution() {
    return new ContentDistribution() {
      @Override
      public int dimension() {
        return ContentStats.this.dimension();
      }

      @Override
      public double[] mean() {
        return mean.clone();
      }

      @Override
      public double[] std() {
        return std.clone();
      }

      @Override
      public double[] dimensionWeight() {
        return dimWeight.clone();
      }

      @Override
      public CodeBatch sample(int count, long seed) {
        int d = dimension();
        return CodeBatch.of(
            count, d, ContentStats.this.sample(normals(new SplittableRandom(seed), count, d)));
      }
    };
  }

  /** The covariance {@code V Λ Vᵀ} reassembled (row-major), for checks. */
  public double[] covariance() {
    int d = dimension();
    double[] cov = new double[d * d];
    for (int i = 0; i < d; i++) {
      for (int j = 0; j < d; j++) {
        double s = 0;
        for (int k = 0; k < d; k++) {
          s += eigenvectors[i * d + k] * Math.max(eigenvalues[k], 0) * eigenvectors[j * d + k];
        }
        cov[i * d + j] = s;
      }
    }
    return cov;
  }

  /**
   * Random content codes from the aggregate Gaussian (docs/method.md §5): {@code c = (z·V ⊙ √λ)·Vᵀ
   * + m}, with standard normal noise {@code z} ({@link #normals}: stratified, docs/method.md
   * §4.2); eigenvalues are clamped at 0.
   *
   * @param normals {@code n × Cc} standard normal values (row-major)
   * @return {@code n × Cc} codes
   */
  public float[] sample(double[] normals) {
    int d = dimension();
    int n = normals.length / d;
    float[] out = new float[n * d];
    double[] coef = new double[d];
    for (int s = 0; s < n; s++) {
      for (int k = 0; k < d; k++) {
        double c = 0;
        for (int i = 0; i < d; i++) {
          c += normals[s * d + i] * eigenvectors[i * d + k];
        }
        coef[k] = c * Math.sqrt(Math.max(eigenvalues[k], 0));
      }
      for (int i = 0; i < d; i++) {
        double v = mean[i];
        for (int k = 0; k < d; k++) {
          v += coef[k] * eigenvectors[i * d + k];
        }
        out[s * d + i] = (float) v;
      }
    }
    return out;
  }

  /**
   * Stratified standard normal values from a seeded generator (docs/method.md §4.2), for
   * sampling: within the {@code n} rows, each of the {@code d} columns covers each of the {@code
   * n} normal quantile strata once.
   */
  public static double[] normals(SplittableRandom random, int n, int d) {
    return RandomInputs.stratifiedNormal(random, n, d);
  }

  void write(Path file, Map<String, String> meta) throws IOException {
    int d = dimension();
    Map<String, float[]> t = new LinkedHashMap<>();
    Map<String, long[]> s = new LinkedHashMap<>();
    put(t, s, "full_mean", mean, new long[] {d});
    put(t, s, "full_std", std, new long[] {d});
    put(t, s, "eigval", eigenvalues, new long[] {d});
    put(t, s, "eigvec", eigenvectors, new long[] {d, d});
    put(t, s, "dim_weight", dimWeight, new long[] {d});
    new Checkpoint(meta, t, s).write(file);
  }

  private static void put(
      Map<String, float[]> t, Map<String, long[]> s, String name, double[] v, long[] shape) {
    float[] f = new float[v.length];
    for (int i = 0; i < f.length; i++) {
      f[i] = (float) v[i];
    }
    t.put(name, f);
    s.put(name, shape);
  }

  static ContentStats read(Path file) throws IOException {
    Checkpoint c = Checkpoint.read(file);
    return new ContentStats(
        get(c, "full_mean", file), get(c, "full_std", file), get(c, "eigval", file),
        get(c, "eigvec", file), get(c, "dim_weight", file));
  }

  private static double[] get(Checkpoint c, String name, Path file) throws IOException {
    float[] f = c.tensors().get(name);
    if (f == null) {
      throw new IOException(file + " lacks " + name);
    }
    double[] d = new double[f.length];
    for (int i = 0; i < d.length; i++) {
      d[i] = f[i];
    }
    return d;
  }
}
