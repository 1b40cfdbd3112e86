package io.github.gadn.data;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;

import java.util.Optional;

/**
 * One preprocessed training image with its style label.
 *
 * <p>Pixels are stored row-major, channels last ({@code (y * size + x) * 4 + c}); channels 0–2
 * are RGB mapped to {@code [-1, 1]}, channel 3 is alpha in {@code [0, 1]} (0 = missing pixel,
 * docs/method.md §2.3). The optional weight map (docs/method.md §2.4) holds one value in {@code [0,
 * 1]} per pixel.
 */
public final class Sample {
  private final int size;
  private final float[] rgba;
  private final float[] weight;
  private final int label;

  private Sample(int size, float[] rgba, float[] weight, int label) {
    this.size = size;
    this.rgba = rgba;
    this.weight = weight;
    this.label = label;
  }

  /**
   * Creates a sample; the arrays are taken over, not copied.
   *
   * @param size image side in pixels (images are square)
   * @param rgba {@code size * size * 4} values, channels last
   * @param weight {@code size * size} per-pixel weights, or {@code null} for none
   * @param label class index, {@code >= 0}
   * @return the sample
   */
  public static Sample of(int size, float[] rgba, float[] weight, int label) {
    checkArgument(size > 0, "size must be positive, got %s", size);
    checkNotNull(rgba, "rgba");
    checkArgument(
        rgba.length == size * size * 4,
        "rgba must hold size*size*4 = %s values, got %s",
        size * size * 4,
        rgba.length);
    checkArgument(
        weight == null || weight.length == size * size,
        "weight must hold size*size = %s values, got %s",
        size * size,
        weight == null ? 0 : weight.length);
    checkArgument(label >= 0, "label must be >= 0, got %s", label);
    return new Sample(size, rgba, weight, label);
  }

  /** Image side in pixels. */
  public int size() {
    return size;
  }

  /** The pixels, channels last; the returned array is the sample's own storage: do not modify. */
  public float[] rgba() {
    return rgba;
  }

  /** The per-pixel weight map, if the data set has one. */
  public Optional<float[]> weight() {
    return Optional.ofNullable(weight);
  }

  /** Class index of the style label. */
  public int label() {
    return label;
  }
}
