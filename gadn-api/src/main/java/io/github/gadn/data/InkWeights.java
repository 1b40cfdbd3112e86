package io.github.gadn.data;

import static com.google.common.base.Preconditions.checkArgument;

import java.io.IOException;
import java.util.Arrays;

/**
 * Derives per-pixel weight maps (spec §2.4) that emphasise ink over background: the weight of a
 * pixel is {@code floor + (1 − floor) · d}, where {@code d} is the pixel's RGB distance to the
 * background colour (the median of the image border), normalised to [0, 1] and dilated by one
 * pixel. On sparse images such as handwriting this keeps stage 1 from settling on a blank output,
 * which the per-pixel distance otherwise favours (shared/design/training-budgets.md).
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
   * @param floor weight of pure background, in (0, 1]
   */
  public static LabelledDataset of(LabelledDataset data, double floor) {
    checkArgument(floor > 0 && floor <= 1, "floor must be in (0, 1], got %s", floor);
    checkArgument(!data.hasWeightMaps(), "%s already has weight maps", data.description());
    return new InkWeights(data, floor);
  }

  @Override
  public Sample sample(int index) throws IOException {
    Sample s = delegate.sample(index);
    int r = s.size();
    float[] p = s.rgba();
    int border = 4 * r - 4;
    double[][] edge = new double[3][border];
    int k = 0;
    for (int y = 0; y < r; y++) {
      for (int x = 0; x < r; x++) {
        if (y == 0 || x == 0 || y == r - 1 || x == r - 1) {
          for (int c = 0; c < 3; c++) {
            edge[c][k] = p[(y * r + x) * 4 + c];
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
    float[] d = new float[r * r];
    for (int i = 0; i < r * r; i++) {
      double s2 = 0;
      for (int c = 0; c < 3; c++) {
        double v = p[i * 4 + c] - bg[c];
        s2 += v * v;
      }
      d[i] = (float) Math.min(1, Math.sqrt(s2) / 2);
    }
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
        w[y * r + x] = (float) (floor + (1 - floor) * m);
      }
    }
    return Sample.of(r, p, w, s.label());
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
