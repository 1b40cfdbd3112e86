package io.github.gadn.tensorflow.nn;

import java.util.SplittableRandom;

/** Initial values of the primitive layers (docs/method.md §3.1), computed in Java. */
final class Init {
  private Init() {}

  /** {@code n} values uniform in {@code (−bound, bound)}. */
  static double[] uniform(SplittableRandom random, int n, double bound) {
    double[] out = new double[n];
    for (int i = 0; i < n; i++) {
      out[i] = (2 * random.nextDouble() - 1) * bound;
    }
    return out;
  }

  /**
   * Rescales a weight whose last axis indexes {@code groups} output units so that every unit's
   * weights (all elements with that last index) have L2 norm {@code target}, with {@code 1e-8}
   * inside the square root (docs/method.md §3.1).
   */
  static void normalizeLastAxis(double[] w, int groups, double target) {
    double[] sq = new double[groups];
    for (int i = 0; i < w.length; i++) {
      sq[i % groups] += w[i] * w[i];
    }
    for (int i = 0; i < w.length; i++) {
      w[i] *= target / Math.sqrt(sq[i % groups] + 1e-8);
    }
  }

  /**
   * Rescales a weight of layout {@code [..., groups, inner]} so each slice over everything but the
   * second-to-last axis has norm {@code target}; used for transposed convolutions whose filter is
   * {@code [k, k, out, in]} and whose units are the {@code out} channels.
   */
  static void normalizeSecondLastAxis(double[] w, int groups, int inner, double target) {
    double[] sq = new double[groups];
    for (int i = 0; i < w.length; i++) {
      int g = (i / inner) % groups;
      sq[g] += w[i] * w[i];
    }
    for (int i = 0; i < w.length; i++) {
      int g = (i / inner) % groups;
      w[i] *= target / Math.sqrt(sq[g] + 1e-8);
    }
  }
}
