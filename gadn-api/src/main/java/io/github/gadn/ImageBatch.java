package io.github.gadn;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkElementIndex;
import static com.google.common.base.Preconditions.checkNotNull;

import java.util.Arrays;

/**
 * A batch of square RGBA images in the network encoding: RGB in {@code [-1, 1]}, alpha in {@code
 * [0, 1]} (alpha 0 marks a missing pixel, spec §2.3).
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

  /** One value: channel {@code c} of pixel {@code (y, x)} of image {@code n}. */
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

  /** A copy of the values of image {@code n} ({@code size * size * 4}). */
  public float[] image(int n) {
    checkElementIndex(n, count, "image");
    int len = size * size * CHANNELS;
    return Arrays.copyOfRange(data, n * len, (n + 1) * len);
  }

  /** Copies all values into {@code dst} at {@code offset} without an intermediate copy. */
  public void copyTo(float[] dst, int offset) {
    System.arraycopy(data, 0, dst, offset, data.length);
  }
}
