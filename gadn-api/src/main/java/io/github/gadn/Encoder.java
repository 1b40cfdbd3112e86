package io.github.gadn;

/**
 * The content encoder {@code E} (docs/method.md §3.7): maps images to a Gaussian over content
 * codes.
 *
 * <p>Missing pixels (alpha 0) are masked the way the network was trained (docs/method.md §2.3).
 * Thread-safe.
 */
public interface Encoder {

  /** Image side the encoder expects. */
  int imageSize();

  /** Content-code length {@code Cc}. */
  int contentSize();

  /**
   * Encodes images.
   *
   * @param images a batch of {@link #imageSize()} images
   * @return the posterior mean and standard deviation of each image's content code
   * @throws IllegalArgumentException if the image size does not match
   */
  GaussianCodes encode(ImageBatch images);
}
