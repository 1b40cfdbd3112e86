package io.github.gadn.metrics;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkElementIndex;
import static com.google.common.base.Preconditions.checkNotNull;

import java.util.Arrays;

/**
 * A labelling of {@code n} samples mapped to dense class indices {@code 0 … K−1}, in increasing
 * order of the original label values. Label values may be any {@code int} (writer ids, digits,
 * negative numbers); only equality matters, so every metric computed from a {@code ClassIndex}
 * is invariant to renaming or reordering the classes.
 */
public final class ClassIndex {
  private final int[] values;
  private final int[] index;
  private final int[] counts;

  private ClassIndex(int[] values, int[] index, int[] counts) {
    this.values = values;
    this.index = index;
    this.counts = counts;
  }

  /**
   * Indexes a label array.
   *
   * @param labels one label per sample, at least one sample
   * @return the index
   * @throws IllegalArgumentException if {@code labels} is empty
   */
  public static ClassIndex of(int[] labels) {
    checkNotNull(labels, "labels");
    checkArgument(labels.length > 0, "labels must hold at least one sample");
    int[] sorted = labels.clone();
    Arrays.sort(sorted);
    int k = 0;
    for (int i = 0; i < sorted.length; i++) {
      if (i == 0 || sorted[i] != sorted[i - 1]) {
        sorted[k++] = sorted[i];
      }
    }
    int[] values = Arrays.copyOf(sorted, k);
    int[] index = new int[labels.length];
    int[] counts = new int[k];
    for (int i = 0; i < labels.length; i++) {
      int c = Arrays.binarySearch(values, labels[i]);
      index[i] = c;
      counts[c]++;
    }
    return new ClassIndex(values, index, counts);
  }

  /** Number of samples {@code n}. */
  public int samples() {
    return index.length;
  }

  /** Number of distinct classes {@code K}. */
  public int classes() {
    return values.length;
  }

  /**
   * The dense class of a sample.
   *
   * @param sample sample index in {@code [0, n)}
   * @return its class in {@code [0, K)}
   */
  public int classOf(int sample) {
    checkElementIndex(sample, index.length, "sample");
    return index[sample];
  }

  /**
   * The original label value of a dense class.
   *
   * @param cls class index in {@code [0, K)}
   * @return the label value
   */
  public int value(int cls) {
    checkElementIndex(cls, values.length, "cls");
    return values[cls];
  }

  /**
   * Number of samples of a dense class.
   *
   * @param cls class index in {@code [0, K)}
   * @return the count, at least 1
   */
  public int count(int cls) {
    checkElementIndex(cls, counts.length, "cls");
    return counts[cls];
  }

  /** The dense class of every sample, a new array of length {@code n}. */
  public int[] denseLabels() {
    return index.clone();
  }

  /** Empirical class priors {@code π_c = n_c / n}. */
  public double[] priors() {
    double[] p = new double[counts.length];
    for (int c = 0; c < counts.length; c++) {
      p[c] = counts[c] / (double) index.length;
    }
    return p;
  }

  int[] denseUnsafe() {
    return index;
  }
}
