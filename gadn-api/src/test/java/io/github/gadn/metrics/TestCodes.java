package io.github.gadn.metrics;

import java.util.Random;

/** Hand-made codes for the metric tests. */
final class TestCodes {
  private TestCodes() {}

  /**
   * Gaussian blobs: sample {@code i} belongs to class {@code labels[i]}, its code is {@code
   * centreScale * centre(class) + N(0, 1)}, where the class centres are themselves standard
   * normal.
   */
  static float[] blobs(int[] labels, int d, double centreScale, long seed) {
    int classes = 0;
    for (int l : labels) {
      classes = Math.max(classes, l + 1);
    }
    Random r = new Random(seed);
    double[] centres = new double[classes * d];
    for (int i = 0; i < centres.length; i++) {
      centres[i] = r.nextGaussian() * centreScale;
    }
    float[] codes = new float[labels.length * d];
    for (int i = 0; i < labels.length; i++) {
      for (int j = 0; j < d; j++) {
        codes[i * d + j] = (float) (centres[labels[i] * d + j] + r.nextGaussian());
      }
    }
    return codes;
  }

  /** {@code n} labels cycling through {@code 0 … classes−1}. */
  static int[] cycling(int n, int classes) {
    int[] l = new int[n];
    for (int i = 0; i < n; i++) {
      l[i] = i % classes;
    }
    return l;
  }

  /** Uniformly random labels. */
  static int[] random(int n, int classes, long seed) {
    Random r = new Random(seed);
    int[] l = new int[n];
    for (int i = 0; i < n; i++) {
      l[i] = r.nextInt(classes);
    }
    return l;
  }
}
