package io.github.gadn.tensorflow.nn;

import java.util.SplittableRandom;
import org.tensorflow.EagerSession;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat64;
import org.tensorflow.Operand;
import org.tensorflow.types.family.TFloating;

/**
 * The random inputs of a training iteration, drawn in Java from a seeded generator and fed to the
 * graph, so that a run is reproducible and resumable exactly: stratified uniforms (docs/method.md
 * §4.2, §2.6) and nested-dropout masks (docs/method.md §3.8).
 */
public final class RandomInputs {
  /** Squeeze factor of stratified normal noise: {@code r = 1.99998·u − 0.99999}. */
  public static final double SQUEEZE = 0.99999;

  private RandomInputs() {}

  /**
   * Stratified (Latin-hypercube) uniforms: for each of the {@code columns} independently a random
   * permutation {@code P} of {@code 0..rows−1} and {@code u[n] = (P[n] + U(0,1)) / rows}, so each
   * column hits each of the {@code rows} equal strata exactly once.
   *
   * @return row-major {@code rows × columns} values in {@code [0, 1)}
   */
  public static double[] stratifiedUniform(SplittableRandom random, int rows, int columns) {
    double[] out = new double[rows * columns];
    int[] perm = new int[rows];
    for (int c = 0; c < columns; c++) {
      for (int i = 0; i < rows; i++) {
        perm[i] = i;
      }
      for (int i = rows - 1; i > 0; i--) {
        int j = random.nextInt(i + 1);
        int t = perm[i];
        perm[i] = perm[j];
        perm[j] = t;
      }
      for (int n = 0; n < rows; n++) {
        out[n * columns + c] = (perm[n] + random.nextDouble()) / rows;
      }
    }
    return out;
  }

  /**
   * Nested-dropout masks (docs/method.md §3.8): one {@code u_n ~ U[0,1)} per row; {@code m[n,i] =
   * 1} iff {@code base^i ≥ u_n}, so each row keeps a prefix and dimension {@code i} survives with
   * probability {@code base^i}. {@code base = 1} keeps everything.
   *
   * @return row-major {@code rows × dimension} zeros and ones
   */
  public static float[] nestedDropoutMask(
      SplittableRandom random, int rows, int dimension, double base) {
    float[] out = new float[rows * dimension];
    for (int n = 0; n < rows; n++) {
      double u = random.nextDouble();
      double p = 1;
      for (int i = 0; i < dimension; i++) {
        out[n * dimension + i] = p >= u ? 1f : 0f;
        p *= base;
      }
    }
    return out;
  }

  /**
   * Keep probabilities {@code base^i}, {@code i = 0..dimension−1} (the KL weights of docs/method.md
   * §4.3).
   */
  public static double[] keepProbabilities(int dimension, double base) {
    double[] out = new double[dimension];
    double p = 1;
    for (int i = 0; i < dimension; i++) {
      out[i] = p;
      p *= base;
    }
    return out;
  }

  /**
   * Maps stratified uniforms to stratified standard normals in the graph: {@code z = √2 ·
   * erfinv(1.99998·u − 0.99999)}, so {@code |z| ≤ 4.41717} (docs/method.md §4.2).
   */
  public static <T extends TFloating> Operand<T> normalFromUniform(Nn<T> nn, Operand<T> u) {
    Operand<T> r = nn.add(nn.mul(u, 2 * SQUEEZE), -SQUEEZE);
    return nn.mul(nn.tf().math.erfinv(r), Math.sqrt(2));
  }

  /**
   * Stratified standard normals outside a training graph (random content codes, visualisation
   * noise): {@link #stratifiedUniform} mapped by {@code z = √2 · erfinv(1.99998·u − 0.99999)} as
   * {@link #normalFromUniform} does, in double precision (one eager TensorFlow call, since Java
   * has no inverse error function). Within the {@code rows}, each column covers each of the
   * {@code rows} normal quantile strata once (docs/method.md §4.2).
   *
   * @return row-major {@code rows × columns} values, each of magnitude at most 4.41718
   */
  public static double[] stratifiedNormal(SplittableRandom random, int rows, int columns) {
    double[] u = stratifiedUniform(random, rows, columns);
    if (u.length == 0) {
      return u;
    }
    double[] r = new double[u.length];
    for (int i = 0; i < u.length; i++) {
      r[i] = 2 * SQUEEZE * u[i] - SQUEEZE;
    }
    try (EagerSession session = EagerSession.create()) {
      Ops tf = Ops.create(session);
      TFloat64 erfinv = tf.math.erfinv(tf.constant(r)).asTensor();
      double[] z = new double[r.length];
      for (int i = 0; i < z.length; i++) {
        z[i] = Math.sqrt(2) * erfinv.getDouble(i);
      }
      return z;
    }
  }

  /** A generator for iteration {@code iteration} of stream {@code stream} of a run. */
  public static SplittableRandom forIteration(long seed, long iteration, int stream) {
    long mixed = seed * 0x9E3779B97F4A7C15L + iteration * 0xBF58476D1CE4E5B9L + stream;
    return new SplittableRandom(mixed);
  }
}
