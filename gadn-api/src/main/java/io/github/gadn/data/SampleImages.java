package io.github.gadn.data;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;

/**
 * Conversions between the normalised pixels of {@link Sample} and {@link Batch} (RGB in
 * {@code [-1, 1]}, alpha in {@code [0, 1]}, channels last) and 8-bit ARGB images, for grids,
 * style transfer and contact sheets.
 *
 * <p>The conversion is exact for 8-bit input: {@code toImage(fromImage(img))} gives back the
 * pixels of an ARGB image of the same size.
 */
public final class SampleImages {
  private SampleImages() {}

  /**
   * A sample as a {@link BufferedImage#TYPE_INT_ARGB} image.
   *
   * @param sample the sample
   * @return a new image
   */
  public static BufferedImage toImage(Sample sample) {
    checkNotNull(sample, "sample");
    return toImage(sample.rgba(), 0, sample.size());
  }

  /**
   * Image {@code i} of a batch as a {@link BufferedImage#TYPE_INT_ARGB} image.
   *
   * @param batch the batch
   * @param i position in the batch
   * @return a new image
   */
  public static BufferedImage toImage(Batch batch, int i) {
    checkNotNull(batch, "batch");
    checkArgument(i >= 0 && i < batch.size(), "i must be in [0, %s), got %s", batch.size(), i);
    int r = batch.imageSize();
    return toImage(batch.rgba(), i * r * r * 4, r);
  }

  /**
   * Normalised pixels (RGB in {@code [-1, 1]}, alpha in {@code [0, 1]}, channels last) as an
   * ARGB image; values outside the ranges are clamped.
   *
   * @param rgba the pixel array
   * @param offset index of the first value of the image in {@code rgba}
   * @param size image side
   * @return a new {@code size × size} image
   */
  public static BufferedImage toImage(float[] rgba, int offset, int size) {
    checkNotNull(rgba, "rgba");
    checkArgument(size > 0, "size must be positive, got %s", size);
    checkArgument(
        offset >= 0 && offset + size * size * 4 <= rgba.length,
        "offset %s + %s values is outside the array of %s", offset, size * size * 4, rgba.length);
    BufferedImage img = new BufferedImage(size, size, BufferedImage.TYPE_INT_ARGB);
    int[] row = new int[size];
    for (int y = 0; y < size; y++) {
      for (int x = 0; x < size; x++) {
        int o = offset + (y * size + x) * 4;
        row[x] =
            (RgbaImage.byte255(rgba[o + 3]) << 24)
                | (RgbaImage.byte255((rgba[o] + 1) / 2.0) << 16)
                | (RgbaImage.byte255((rgba[o + 1] + 1) / 2.0) << 8)
                | RgbaImage.byte255((rgba[o + 2] + 1) / 2.0);
      }
      img.setRGB(0, y, size, 1, row, 0, size);
    }
    return img;
  }

  /**
   * An image as a sample, through the training preprocessing of docs/method.md §2.2 (resize of the
   * shorter side to {@code size} with antialiasing, centre crop, normalisation).
   *
   * @param image any image (grey, RGB, RGBA, palette)
   * @param size target side, even
   * @param label class index
   * @return the sample, without weight map
   */
  public static Sample fromImage(BufferedImage image, int size, int label) {
    checkNotNull(image, "image");
    checkArgument(size > 0 && size % 2 == 0, "size must be positive and even, got %s", size);
    return Sample.of(size, RgbaImage.of(image).preprocess(0, size), null, label);
  }

  /**
   * Reads an image file as a sample (see {@link #fromImage}).
   *
   * @param file an image file
   * @param size target side, even
   * @param label class index
   * @return the sample
   * @throws DataException naming the file if it cannot be read
   */
  public static Sample read(Path file, int size, int label) throws DataException {
    checkArgument(size > 0 && size % 2 == 0, "size must be positive and even, got %s", size);
    return Sample.of(size, ImageFiles.read(file).preprocess(0, size), null, label);
  }

  /**
   * Writes a sample as an RGBA PNG.
   *
   * @param sample the sample
   * @param png the file
   * @throws IOException if it cannot be written
   */
  public static void writePng(Sample sample, Path png) throws IOException {
    ImageFiles.writePng(toImage(sample), png);
  }
}
