package io.github.gadn.config;

import static com.google.common.base.Preconditions.checkArgument;

import com.google.common.collect.ImmutableList;
import java.util.List;

/**
 * The default-size table of docs/method.md §3.13: network widths, code sizes, batch sizes and grid
 * columns derived from the image side.
 *
 * @param features channels of each resolution level followed by the fully connected width
 * @param contentSize content-code length {@code Cc}
 * @param batchSize batch of stage 1 and stage 2
 * @param largeBatchSize batch of classifier pre-training, the GAN baseline and the encode step
 * @param visColumns columns of visualisation grids (the GAN baseline uses twice as many)
 */
public record DefaultSizes(
    List<Integer> features, int contentSize, int batchSize, int largeBatchSize, int visColumns) {

  /** Smallest image side the table covers. */
  public static final int MIN_IMAGE_SIZE = 12;

  /** Largest image side the table covers. */
  public static final int MAX_IMAGE_SIZE = 640;

  /**
   * Returns the table row for an image side.
   *
   * @param imageSize image side in pixels: even, 12 to 640
   * @return the row
   * @throws IllegalArgumentException if the size is odd or outside the table
   */
  public static DefaultSizes forImageSize(int imageSize) {
    checkArgument(imageSize % 2 == 0, "image size must be even, got %s", imageSize);
    checkArgument(
        imageSize >= MIN_IMAGE_SIZE && imageSize <= MAX_IMAGE_SIZE,
        "image size %s is outside the default-size table (%s to %s): give features, content"
            + " size and batch size explicitly",
        imageSize,
        MIN_IMAGE_SIZE,
        MAX_IMAGE_SIZE);
    if (imageSize <= 20) {
      return new DefaultSizes(ImmutableList.of(128, 256, 512), 32, 64, 128, 10);
    } else if (imageSize <= 40) {
      return new DefaultSizes(ImmutableList.of(64, 128, 256, 512), 64, 64, 128, 8);
    } else if (imageSize <= 80) {
      return new DefaultSizes(ImmutableList.of(64, 128, 256, 512, 1024), 128, 32, 64, 6);
    } else if (imageSize <= 160) {
      return new DefaultSizes(ImmutableList.of(64, 128, 256, 512, 1024, 2048), 256, 16, 32, 4);
    } else if (imageSize <= 320) {
      return new DefaultSizes(
          ImmutableList.of(32, 64, 128, 256, 512, 1024, 2048), 512, 8, 16, 3);
    }
    return new DefaultSizes(
        ImmutableList.of(16, 32, 64, 128, 256, 512, 1024, 2048), 512, 4, 8, 2);
  }

  /**
   * The style-size rule of docs/method.md §3.13: {@code min(max(min(K / 4, 256), 16), K)}.
   *
   * @param classCount number of classes {@code K}, at least 1
   * @return the style-code length {@code Cs}
   */
  public static int styleSize(int classCount) {
    checkArgument(classCount >= 1, "class count must be at least 1, got %s", classCount);
    return Math.min(Math.max(Math.min(classCount / 4, 256), 16), classCount);
  }

  /**
   * The default nested-dropout base {@code 1 − 2/C} for a code of length {@code C} (docs/method.md
   * §3.8); 1 (no dropout) for codes of length 2 or less.
   *
   * @param codeSize code length
   * @return the keep-probability base
   */
  public static double dropoutBase(int codeSize) {
    return codeSize <= 2 ? 1.0 : 1.0 - 2.0 / codeSize;
  }
}
