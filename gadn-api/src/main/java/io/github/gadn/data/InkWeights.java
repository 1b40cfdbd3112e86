package io.github.gadn.data;

import static com.google.common.base.Preconditions.checkArgument;

import java.io.IOException;
import java.util.Arrays;

/**
 * Derives per-pixel weight maps that emphasise ink over background: the weight of a pixel is
 * {@code floor + (1 − floor) · d}, where {@code d} is the pixel's RGB distance to the background
 * colour (the median of the image border), normalised to [0, 1] and dilated by one pixel. On
 * sparse images such as handwriting this keeps stage 1 from settling on a blank output, which the
 * per-pixel distance otherwise favours: with uniform weights most of the loss sits on background
 * pixels, so the generator's output level is pulled to the background colour, where its {@code
 * tanh} saturates and the gradient that would draw strokes vanishes.
 *
 * <p>{@link #balancedFloor} derives the floor from the data: the background weight at which the
 * loss pulls a blank-grey output towards the ink as hard as towards the background.
 */
public final class InkWeights extends ForwardingDataset {
  private final double floor;

  private InkWeights(LabelledDataset data, double floor) {
    super(data);
    this.floor = floor;
  }

  /**
   * Wraps a data set (which must not have weight maps of its own).
   *
   * @param data the data set whose images get weight maps
   * @param floor weight of pure background, in (0, 1]
   * @return the same images and labels, each sample with its derived weight map
   * @throws IllegalArgumentException naming {@code floor} if it is out of range, or the data set
   *     if it already has weight maps
   */
  public static LabelledDataset of(LabelledDataset data, double floor) {
    checkArgument(floor > 0 && floor <= 1, "floor must be in (0, 1], got %s", floor);
    checkArgument(!data.hasWeightMaps(), "%s already has weight maps", data.description());
    return new InkWeights(data, floor);
  }

  /** The lowest background weight {@link #balancedFloor} returns. */
  public static final double MIN_FLOOR = 0.02;

  /**
   * The background weight at which, for a generator that still draws mid-grey everywhere, the
   * weighted pull of the reconstruction loss towards the ink equals its pull towards the
   * background. A pixel with ink amount {@code d} ∈ [0, 1] (its distance to the background colour,
   * undilated) and weight {@code w} pulls towards the ink with {@code w·d} and towards the
   * background with {@code w·(1 − d)}; summed over up to {@code maxImages} images spread evenly
   * over the set, the two are equal when
   *
   * <pre>{@code floor = B / (B − A),   A = Σ (2d − 1),   B = Σ m·(2d − 1)}</pre>
   *
   * where {@code m} is the dilated ink map. Because the dilated ring around each stroke is
   * background at full weight, thin strokes need a very low floor; where no floor balances the
   * pulls ({@code B ≤ 0}) or the balance lies below it, {@link #MIN_FLOOR} is returned. When the
   * ink already pulls at least as hard as the background with uniform weights ({@code A ≥ 0}), the
   * result is 1: no weight maps are needed.
   *
   * @param data the data set
   * @param maxImages how many images to measure, at least 1
   * @throws IOException if an image cannot be read
   */
  public static double balancedFloor(LabelledDataset data, int maxImages) throws IOException {
    checkArgument(maxImages >= 1, "maxImages must be at least 1, got %s", maxImages);
    checkArgument(data.size() > 0, "%s is empty", data.description());
    int n = Math.min(maxImages, data.size());
    double towardsInkAll = 0; // A = Σ (2d − 1)
    double towardsInkDilated = 0; // B = Σ m·(2d − 1)
    for (int i = 0; i < n; i++) {
      Sample s = data.sample((int) ((long) i * data.size() / n));
      float[] d = inkAmount(s.rgba(), s.size());
      float[] m = dilate(d, s.size());
      for (int p = 0; p < d.length; p++) {
        towardsInkAll += 2 * d[p] - 1;
        towardsInkDilated += m[p] * (2 * d[p] - 1);
      }
    }
    if (towardsInkAll >= 0) {
      return 1.0;
    }
    if (towardsInkDilated <= 0) {
      return MIN_FLOOR;
    }
    double floor = towardsInkDilated / (towardsInkDilated - towardsInkAll);
    return Math.min(1.0, Math.max(MIN_FLOOR, floor));
  }

  @Override
  public Sample sample(int index) throws IOException {
    Sample s = delegate.sample(index);
    return Sample.of(s.size(), s.rgba(), weightMap(s.rgba(), s.size(), floor), s.label());
  }

  /**
   * The weight map of one image, as {@link #of} gives each sample: {@code floor + (1 − floor) ·
   * d} per pixel, with {@code d} the dilated ink map.
   *
   * @param rgba the image, row-major RGBA in [−1, 1] (alpha in [0, 1])
   * @param r its side
   * @param floor weight of pure background, in (0, 1]
   * @return {@code r * r} weights
   */
  public static float[] weightMap(float[] rgba, int r, double floor) {
    checkArgument(floor > 0 && floor <= 1, "floor must be in (0, 1], got %s", floor);
    float[] ink = inkMap(rgba, r);
    float[] w = new float[r * r];
    for (int i = 0; i < r * r; i++) {
      w[i] = (float) (floor + (1 - floor) * ink[i]);
    }
    return w;
  }

  /**
   * Per pixel: the RGB distance to the background colour (the median of the border), normalised
   * to [0, 1], then dilated by one pixel (the maximum over the 3×3 neighbourhood).
   */
  static float[] inkMap(float[] p, int r) {
    return dilate(inkAmount(p, r), r);
  }

  /** Per pixel: the RGB distance to the background colour, halved and capped at 1. */
  static float[] inkAmount(float[] p, int r) {
    double[] bg = backgroundColour(p, r);
    float[] d = new float[r * r];
    for (int i = 0; i < r * r; i++) {
      double s2 = 0;
      for (int c = 0; c < 3; c++) {
        double v = p[i * 4 + c] - bg[c];
        s2 += v * v;
      }
      d[i] = (float) Math.min(1, Math.sqrt(s2) / 2);
    }
    return d;
  }

  /** The maximum over each pixel's 3×3 neighbourhood. */
  static float[] dilate(float[] d, int r) {
    float[] w = new float[r * r];
    for (int y = 0; y < r; y++) {
      for (int x = 0; x < r; x++) {
        float m = 0;
        for (int dy = -1; dy <= 1; dy++) {
          for (int dx = -1; dx <= 1; dx++) {
            int yy = y + dy;
            int xx = x + dx;
            if (yy >= 0 && yy < r && xx >= 0 && xx < r) {
              m = Math.max(m, d[yy * r + xx]);
            }
          }
        }
        w[y * r + x] = m;
      }
    }
    return w;
  }

  /**
   * The background colour of an image: per RGB channel, the median of its border pixels.
   *
   * @param rgba the image, row-major RGBA in [−1, 1] (alpha in [0, 1])
   * @param r its side
   * @return the three channel values
   */
  public static double[] backgroundColour(float[] rgba, int r) {
    checkArgument(r >= 2 && rgba.length == r * r * 4, "need an RGBA image of side %s >= 2", r);
    int border = 4 * r - 4;
    double[][] edge = new double[3][border];
    int k = 0;
    for (int y = 0; y < r; y++) {
      for (int x = 0; x < r; x++) {
        if (y == 0 || x == 0 || y == r - 1 || x == r - 1) {
          for (int c = 0; c < 3; c++) {
            edge[c][k] = rgba[(y * r + x) * 4 + c];
          }
          k++;
        }
      }
    }
    double[] bg = new double[3];
    for (int c = 0; c < 3; c++) {
      Arrays.sort(edge[c]);
      bg[c] = edge[c][border / 2];
    }
    return bg;
  }

  @Override
  public boolean hasWeightMaps() {
    return true;
  }

  @Override
  public String description() {
    return delegate.description() + " with ink weights (floor " + floor + ")";
  }
}
