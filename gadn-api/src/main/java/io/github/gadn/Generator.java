package io.github.gadn;

/**
 * The generator {@code G} (docs/method.md §3.8): draws a content code in a style code.
 *
 * <p>Thread-safe.
 */
public interface Generator {

  /** Side of generated images. */
  int imageSize();

  /** Content-code length {@code Cc}. */
  int contentSize();

  /** Style-code length {@code Cs}. */
  int styleSize();

  /**
   * Generates one image per (content, style) pair, without nested-dropout masks.
   *
   * @param content {@code N} content codes
   * @param style {@code N} style codes; all-zero codes give the population-average style
   * @return {@code N} images with RGB in {@code (−1, 1)} and alpha 1
   * @throws IllegalArgumentException if the counts or code lengths do not match
   */
  ImageBatch generate(CodeBatch content, CodeBatch style);
}
