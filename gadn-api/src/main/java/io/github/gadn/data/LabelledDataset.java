package io.github.gadn.data;

import java.io.IOException;
import java.util.List;

/**
 * A finite, ordered set of square images of one size, each labelled with one style class.
 *
 * <p>The order is fixed (docs/method.md §2.1): the encode step stores codes in this order and stage
 * 2 pairs codes with images by index. Implementations must be safe to read from several threads at
 * once.
 */
public interface LabelledDataset {

  /** Number of images. */
  int size();

  /** Side in pixels of every image returned by {@link #sample(int)}. */
  int imageSize();

  /** Class names in class-index order. */
  List<String> classNames();

  /** Number of classes {@code K}. */
  default int classCount() {
    return classNames().size();
  }

  /**
   * The style label of one image, without decoding the image.
   *
   * @param index image index, from 0 to {@code size() - 1}
   * @return its class index
   */
  int label(int index);

  /** Whether {@link Sample#weight()} is present for every sample. */
  boolean hasWeightMaps();

  /**
   * Decodes and preprocesses one image.
   *
   * @param index image index, from 0 to {@code size() - 1}
   * @return the image at {@code imageSize()} pixels, its weight map if any, and its label
   * @throws IOException naming the file when it cannot be read or decoded
   */
  Sample sample(int index) throws IOException;

  /**
   * A short human-readable description of where the data comes from, used in messages and saved
   * run options (for example the root folder).
   */
  String description();

  /**
   * A fingerprint of the data set's identity and order (class names, per-image labels and names
   * or sizes): two data sets with the same fingerprint pair the same images with the same
   * indices. Used to refuse stored codes that no longer match the images (docs/method.md §2.1).
   */
  String fingerprint();

  /**
   * Where this data set was read from, if it was opened from a {@link DataSource}; a run records
   * it so that it can open the same data again from its folder alone.
   */
  default java.util.Optional<DataSource> source() {
    return java.util.Optional.empty();
  }

  /** Number of images of each class, index = label. */
  default int[] classCounts() {
    int[] counts = new int[classCount()];
    int n = size();
    for (int i = 0; i < n; i++) {
      counts[label(i)]++;
    }
    return counts;
  }

  /** Relative class frequencies {@code π_k} (docs/method.md §2.1), summing to 1. */
  default double[] classFrequencies() {
    int[] counts = classCounts();
    double[] out = new double[counts.length];
    for (int k = 0; k < counts.length; k++) {
      out[k] = (double) counts[k] / size();
    }
    return out;
  }
}
