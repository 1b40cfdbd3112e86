package io.github.gadn.tensorflow.nn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.tensorflow.Operand;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.types.TFloat64;

/** docs/method.md §13: bilinear sampling, align-corners, zero padding. */
class BilinearSamplerTest {
  private static final int H = 4;
  private static final int W = 5;
  private static final int C = 2;

  /**
   * docs/method.md §13 written out directly: samples an {@code h × w × c} map (one image, HWC) at
   * the normalised point {@code (gx, gy)}.
   */
  static double[] reference(double[] image, int h, int w, int c, double gx, double gy) {
    double px = (gx + 1) * (w - 1) / 2;
    double py = (gy + 1) * (h - 1) / 2;
    int x0 = (int) Math.floor(px);
    int y0 = (int) Math.floor(py);
    double fx = px - x0;
    double fy = py - y0;
    double[] out = new double[c];
    int[][] corners = {{x0, y0}, {x0 + 1, y0}, {x0, y0 + 1}, {x0 + 1, y0 + 1}};
    double[] weights = {(1 - fx) * (1 - fy), fx * (1 - fy), (1 - fx) * fy, fx * fy};
    for (int k = 0; k < 4; k++) {
      int x = corners[k][0];
      int y = corners[k][1];
      if (x < 0 || x >= w || y < 0 || y >= h) {
        continue;
      }
      for (int ch = 0; ch < c; ch++) {
        out[ch] += weights[k] * image[(y * w + x) * c + ch];
      }
    }
    return out;
  }

  /** Samples a random H×W×C image at the given points; returns (image, samples). */
  private static double[][] sample(double[] gx, double[] gy) {
    double[] image = GraphHarness.uniform(new SplittableRandom(9), H * W * C, -1, 1);
    int p = gx.length;
    try (GraphHarness h = new GraphHarness(1)) {
      Placeholder<TFloat64> px = h.input(1, 1, p);
      Placeholder<TFloat64> py = h.input(1, 1, p);
      Operand<TFloat64> out =
          BilinearSampler.sample(
              h.nn, h.nn.constant(new long[] {1, H, W, C}, image), px, py, H, W, C);
      double[] got =
          h.values(out, GraphHarness.feed(px, gx, 1, 1, p), GraphHarness.feed(py, gy, 1, 1, p));
      return new double[][] {image, got};
    }
  }

  private static double normX(int j) {
    return -1 + 2.0 * j / (W - 1);
  }

  private static double normY(int i) {
    return -1 + 2.0 * i / (H - 1);
  }

  @Test
  void samplingAtPixelCentresReturnsThePixels() {
    double[] gx = new double[H * W];
    double[] gy = new double[H * W];
    for (int i = 0; i < H; i++) {
      for (int j = 0; j < W; j++) {
        gx[i * W + j] = normX(j);
        gy[i * W + j] = normY(i);
      }
    }
    double[][] r = sample(gx, gy);
    assertThat(r[1]).containsExactly(r[0], within(1e-12));
  }

  @Test
  void samplingHalfWayBetweenTwoPixelsReturnsTheirMean() {
    // Between (row 1, col 2) and (row 1, col 3), and between (row 2, col 0) and (row 3, col 0).
    double[][] r =
        sample(
            new double[] {(normX(2) + normX(3)) / 2, normX(0)},
            new double[] {normY(1), (normY(2) + normY(3)) / 2});
    double[] img = r[0];
    for (int ch = 0; ch < C; ch++) {
      assertThat(r[1][ch])
          .isCloseTo((img[(W + 2) * C + ch] + img[(W + 3) * C + ch]) / 2, within(1e-12));
      assertThat(r[1][C + ch])
          .isCloseTo((img[2 * W * C + ch] + img[3 * W * C + ch]) / 2, within(1e-12));
    }
  }

  @Test
  void samplingOutsideTheMapReturnsZero() {
    double[][] r =
        sample(new double[] {-1.6, 1.6, 0, 0, 3, -7}, new double[] {0, 0, -1.8, 1.8, 3, 5});
    assertThat(r[1]).containsOnly(new double[] {0}, within(0.0));
  }

  @Test
  void samplingJustOutsideTheBorderFadesTowardsZero() {
    // Half a pixel beyond the right edge: half the edge pixel.
    double[][] r = sample(new double[] {1 + 1.0 / (W - 1)}, new double[] {normY(2)});
    for (int ch = 0; ch < C; ch++) {
      assertThat(r[1][ch]).isCloseTo(r[0][(2 * W + W - 1) * C + ch] / 2, within(1e-12));
    }
  }

  @Test
  void samplingMatchesAppendixBAtRandomPointsInsideAndOutside() {
    SplittableRandom rnd = new SplittableRandom(10);
    int p = 200;
    double[] gx = GraphHarness.uniform(rnd, p, -1.6, 1.6);
    double[] gy = GraphHarness.uniform(rnd, p, -1.6, 1.6);
    double[][] r = sample(gx, gy);
    int outside = 0;
    for (int k = 0; k < p; k++) {
      double[] expected = reference(r[0], H, W, C, gx[k], gy[k]);
      for (int ch = 0; ch < C; ch++) {
        assertThat(r[1][k * C + ch])
            .as("point %s (%s, %s)", k, gx[k], gy[k])
            .isCloseTo(expected[ch], within(1e-12));
      }
      outside += Math.abs(gx[k]) > 1 || Math.abs(gy[k]) > 1 ? 1 : 0;
    }
    assertThat(outside).isGreaterThan(p / 4);
  }
}
