package io.github.gadn;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkElementIndex;
import static com.google.common.base.Preconditions.checkNotNull;

import java.util.Arrays;

/**
 * A batch of square RGBA images in the network encoding: RGB in {@code [-1, 1]}, alpha in {@code
 * [0, 1]} (alpha 0 marks a missing pixel, docs/method.md §2.3).
 *
 * <p>Values are stored sample-major, then row-major, channels last: the value of channel {@code c}
 * of pixel {@code (y, x)} of image {@code n} is at {@code ((n * size + y) * size + x) * 4 + c}.
 * Instances are immutable.
 */
public final class ImageBatch {
  /** Channels per pixel (RGB plus alpha). */
  public static final int CHANNELS = 4;

  private final int count;
  private final int size;
  private final float[] data;

  private ImageBatch(int count, int size, float[] data) {
    this.count = count;
    this.size = size;
    this.data = data;
  }

  /**
   * Creates a batch from a copy of {@code rgba}.
   *
   * @param count number of images
   * @param size image side
   * @param rgba {@code count * size * size * 4} values
   * @return the batch
   */
  public static ImageBatch of(int count, int size, float[] rgba) {
    checkArgument(count >= 0, "count must be >= 0, got %s", count);
    checkArgument(size > 0, "size must be positive, got %s", size);
    checkNotNull(rgba, "rgba");
    checkArgument(
        rgba.length == (long) count * size * size * CHANNELS,
        "rgba must hold count*size*size*4 = %s values, got %s",
        (long) count * size * size * CHANNELS,
        rgba.length);
    return new ImageBatch(count, size, rgba.clone());
  }

  /** Number of images. */
  public int count() {
    return count;
  }

  /** Image side in pixels. */
  public int size() {
    return size;
  }

  /**
   * One value.
   *
   * @param n image index
   * @param y pixel row, 0 at the top
   * @param x pixel column, 0 at the left
   * @param c channel: 0–2 red, green, blue in [−1, 1]; 3 alpha in [0, 1]
   * @return the value
   * @throws IndexOutOfBoundsException naming the index that is out of range
   */
  public float get(int n, int y, int x, int c) {
    checkElementIndex(n, count, "image");
    checkElementIndex(y, size, "y");
    checkElementIndex(x, size, "x");
    checkElementIndex(c, CHANNELS, "channel");
    return data[((n * size + y) * size + x) * CHANNELS + c];
  }

  /** A copy of all values. */
  public float[] toArray() {
    return data.clone();
  }

  /**
   * The values of one image.
   *
   * @param n image index
   * @return a copy of its {@code size * size * 4} values, row-major, channels last
   */
  public float[] image(int n) {
    checkElementIndex(n, count, "image");
    int len = size * size * CHANNELS;
    return Arrays.copyOfRange(data, n * len, (n + 1) * len);
  }

  /**
   * Converts images to the network encoding: each is scaled (bilinear, with antialiasing when
   * shrinking) and centre-cropped to {@code size × size}; transparency becomes alpha.
   *
   * @param images images of any size and type
   * @param size target side
   * @return the batch
   */
  public static ImageBatch fromImages(java.util.List<java.awt.image.BufferedImage> images, int size) {
    checkArgument(size > 0 && size % 2 == 0, "size must be positive and even, got %s", size);
    float[] data = new float[images.size() * size * size * CHANNELS];
    for (int n = 0; n < images.size(); n++) {
      java.awt.image.BufferedImage src = images.get(n);
      double scale = (double) size / Math.min(src.getWidth(), src.getHeight());
      int w = Math.max(size, (int) Math.round(src.getWidth() * scale));
      int h = Math.max(size, (int) Math.round(src.getHeight() * scale));
      java.awt.image.BufferedImage scaled =
          new java.awt.image.BufferedImage(w, h, java.awt.image.BufferedImage.TYPE_INT_ARGB);
      java.awt.Image smooth =
          src.getScaledInstance(w, h, scale < 1 ? java.awt.Image.SCALE_AREA_AVERAGING : java.awt.Image.SCALE_SMOOTH);
      java.awt.Graphics2D g = scaled.createGraphics();
      g.setRenderingHint(java.awt.RenderingHints.KEY_INTERPOLATION,
          java.awt.RenderingHints.VALUE_INTERPOLATION_BILINEAR);
      g.drawImage(smooth, 0, 0, null);
      g.dispose();
      int top = (h - size) / 2;
      int left = (w - size) / 2;
      for (int y = 0; y < size; y++) {
        for (int x = 0; x < size; x++) {
          int argb = scaled.getRGB(left + x, top + y);
          int o = ((n * size + y) * size + x) * CHANNELS;
          data[o] = ((argb >> 16) & 255) / 127.5f - 1;
          data[o + 1] = ((argb >> 8) & 255) / 127.5f - 1;
          data[o + 2] = (argb & 255) / 127.5f - 1;
          data[o + 3] = ((argb >>> 24) & 255) / 255f;
        }
      }
    }
    return new ImageBatch(images.size(), size, data);
  }

  /**
   * One image as a picture.
   *
   * @param n image index
   * @return an ARGB image: RGB mapped by {@code (v+1)/2} and clamped, alpha kept
   */
  public java.awt.image.BufferedImage toImage(int n) {
    checkElementIndex(n, count, "image");
    java.awt.image.BufferedImage img =
        new java.awt.image.BufferedImage(size, size, java.awt.image.BufferedImage.TYPE_INT_ARGB);
    for (int y = 0; y < size; y++) {
      for (int x = 0; x < size; x++) {
        int o = ((n * size + y) * size + x) * CHANNELS;
        int argb = byteOf(data[o + 3]) << 24
            | byteOf((data[o] + 1) / 2) << 16
            | byteOf((data[o + 1] + 1) / 2) << 8
            | byteOf((data[o + 2] + 1) / 2);
        img.setRGB(x, y, argb);
      }
    }
    return img;
  }

  private static int byteOf(double v) {
    return (int) Math.round(Math.max(0, Math.min(1, v)) * 255);
  }

  /**
   * A batch of RGB images (3 channels, e.g. generator output) with alpha 1 added.
   *
   * @param count number of images
   * @param size side
   * @param rgb {@code count * size * size * 3} values
   */
  public static ImageBatch fromRgb(int count, int size, float[] rgb) {
    checkArgument(
        rgb.length == (long) count * size * size * 3,
        "rgb must hold count*size*size*3 = %s values, got %s",
        (long) count * size * size * 3,
        rgb.length);
    float[] data = new float[count * size * size * CHANNELS];
    for (int p = 0, q = 0; p < rgb.length; p += 3, q += 4) {
      data[q] = rgb[p];
      data[q + 1] = rgb[p + 1];
      data[q + 2] = rgb[p + 2];
      data[q + 3] = 1f;
    }
    return new ImageBatch(count, size, data);
  }

  /**
   * Copies all values into an array without an intermediate copy.
   *
   * @param dst the array to fill; needs {@code offset + count * size * size * 4} elements
   * @param offset where the first value goes
   */
  public void copyTo(float[] dst, int offset) {
    System.arraycopy(data, 0, dst, offset, data.length);
  }
}
