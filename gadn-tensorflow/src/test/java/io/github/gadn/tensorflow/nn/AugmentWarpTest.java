package io.github.gadn.tensorflow.nn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.github.gadn.config.AugmentConfig;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.tensorflow.Operand;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.types.TFloat64;

/** docs/method.md §2.6, §14: the random similarity warp. */
class AugmentWarpTest {
  private static final int R = 8;
  private static final double[] IDENTITY = {1, 0, 0, 1, 0, 0};

  /** Warps a batch of {@code R × R × 4} images, one parameter row per image. */
  private static double[] warp(double[] images, double[]... params) {
    int n = params.length;
    double[] p = new double[n * AugmentWarp.PARAMS];
    for (int i = 0; i < n; i++) {
      System.arraycopy(params[i], 0, p, i * AugmentWarp.PARAMS, AugmentWarp.PARAMS);
    }
    try (GraphHarness h = new GraphHarness(1)) {
      Placeholder<TFloat64> x = h.input(n, R, R, 4);
      Placeholder<TFloat64> a = h.input(n, AugmentWarp.PARAMS);
      Operand<TFloat64> y = AugmentWarp.apply(h.nn, x, a, R, 4);
      return h.values(
          y,
          GraphHarness.feed(x, images, n, R, R, 4),
          GraphHarness.feed(a, p, n, AugmentWarp.PARAMS));
    }
  }

  private static double[] randomImages(int n, long seed) {
    return GraphHarness.uniform(new SplittableRandom(seed), n * R * R * 4, -1, 1);
  }

  @Test
  void centreUniformsGiveTheIdentityMatrix() {
    double[] a = AugmentWarp.affine(new double[] {0.5, 0, 0.5, 0.5}, AugmentConfig.defaults());
    assertThat(a).containsExactly(IDENTITY, within(1e-15));
  }

  @Test
  void identityWarpReturnsTheImage() {
    double[] images = randomImages(2, 2);
    double[] a = AugmentWarp.affine(new double[] {0.5, 0, 0.5, 0.5}, AugmentConfig.defaults());
    assertThat(warp(images, a, a)).containsExactly(images, within(1e-6));
  }

  @Test
  void disabledAugmentationIsTheIdentityForAnyUniforms() {
    AugmentConfig off = AugmentConfig.builder().enabled(false).build();
    SplittableRandom r = new SplittableRandom(3);
    for (int k = 0; k < 20; k++) {
      double[] u = GraphHarness.uniform(r, 4, 0, 1);
      assertThat(AugmentWarp.affine(u, off)).containsExactly(IDENTITY);
    }
  }

  @Test
  void disabledAugmentationLeavesTheSamplerOutOfTheGraph() {
    AugmentConfig off = AugmentConfig.builder().enabled(false).build();
    try (GraphHarness h = new GraphHarness(1)) {
      Placeholder<TFloat64> x = h.input(1, R, R, 4);
      Placeholder<TFloat64> a = h.input(1, AugmentWarp.PARAMS);
      assertThat(AugmentWarp.applyIfEnabled(h.nn, x, a, R, 4, off)).isSameAs(x);
    }
  }

  @Test
  void enabledAugmentationWarps() {
    double[] images = randomImages(1, 4);
    double[] rotated = AugmentWarp.affine(new double[] {0.9, 0.5, 0.5, 0.5}, AugmentConfig.defaults());
    double[] p = rotated.clone();
    try (GraphHarness h = new GraphHarness(1)) {
      Placeholder<TFloat64> x = h.input(1, R, R, 4);
      Placeholder<TFloat64> a = h.input(1, AugmentWarp.PARAMS);
      Operand<TFloat64> y = AugmentWarp.applyIfEnabled(h.nn, x, a, R, 4, AugmentConfig.defaults());
      double[] out =
          h.values(
              y,
              GraphHarness.feed(x, images, 1, R, R, 4),
              GraphHarness.feed(a, p, 1, AugmentWarp.PARAMS));
      assertThat(out).containsExactly(warp(images, rotated), within(0.0));
    }
  }

  @Test
  void affineFollowsTheSpecFormula() {
    AugmentConfig c = AugmentConfig.defaults();
    // u0 = 0: t = −1, θ = −15°; u1 = 1: ζ = 1.25; u2 = 0, u3 = 1: the ends of [cmin, cmax].
    double[] a = AugmentWarp.affine(new double[] {0, 1, 0, 1}, c);
    double theta = -15 * Math.PI / 180;
    double zeta = 1.25;
    double cmax = 1 - 2 * 0.4 / zeta;
    assertThat(a)
        .containsExactly(
            new double[] {
              Math.cos(theta) / zeta,
              -Math.sin(theta) / zeta,
              Math.sin(theta) / zeta,
              Math.cos(theta) / zeta,
              -cmax,
              cmax
            },
            within(1e-12));
    // u0 = 1/8: t = √(1/4) − 1 = −1/2 (triangular distribution), θ = −7.5°.
    double[] b = AugmentWarp.affine(new double[] {0.125, 0, 0.5, 0.5}, c);
    assertThat(Math.atan2(b[2], b[0])).isCloseTo(-7.5 * Math.PI / 180, within(1e-12));
  }

  @Test
  void anglesAndZoomsStayWithinTheConfiguredRanges() {
    AugmentConfig c = AugmentConfig.defaults();
    double[] p = AugmentWarp.stratifiedParams(new SplittableRandom(4), 500, c);
    for (int i = 0; i < 500; i++) {
      double a00 = p[i * 6];
      double a10 = p[i * 6 + 2];
      double zeta = 1 / Math.hypot(a00, a10);
      double theta = Math.toDegrees(Math.atan2(a10, a00));
      double cmax = 1 - 2 * 0.4 / zeta;
      assertThat(zeta).isBetween(1.0, 1.25);
      assertThat(theta).isBetween(-15.0, 15.0);
      assertThat(Math.abs(p[i * 6 + 4])).isLessThanOrEqualTo(cmax + 1e-12);
      assertThat(Math.abs(p[i * 6 + 5])).isLessThanOrEqualTo(cmax + 1e-12);
    }
  }

  /** Warp that rotates by about 13° and shifts the crop to the bottom-right corner. */
  private static double[] rotatedAndShifted() {
    return AugmentWarp.affine(new double[] {0.99, 0, 0.999, 0.999}, AugmentConfig.defaults());
  }

  @Test
  void rotatedWarpMovesTheContent() {
    double[] images = randomImages(1, 5);
    double[] out = warp(images, rotatedAndShifted());
    double maxDiff = 0;
    for (int i = 0; i < out.length; i++) {
      maxDiff = Math.max(maxDiff, Math.abs(out[i] - images[i]));
    }
    assertThat(maxDiff).isGreaterThan(0.5);
  }

  @Test
  void warpMatchesBilinearSamplingOfTheAffineGrid() {
    double[] images = randomImages(1, 6);
    double[] a = rotatedAndShifted();
    double[] out = warp(images, a);
    for (int i = 0; i < R; i++) {
      for (int j = 0; j < R; j++) {
        double x = -1 + 2.0 * j / (R - 1);
        double y = -1 + 2.0 * i / (R - 1);
        double[] expected =
            BilinearSamplerTest.reference(
                images, R, R, 4, a[0] * x + a[1] * y + a[4], a[2] * x + a[3] * y + a[5]);
        for (int c = 0; c < 4; c++) {
          assertThat(out[(i * R + j) * 4 + c]).isCloseTo(expected[c], within(1e-12));
        }
      }
    }
  }

  @Test
  void pixelsSampledOutsideTheSourceBecomeZeroIncludingAlpha() {
    // Opaque image with no zero anywhere, so zeros can only come from the padding.
    double[] images = GraphHarness.uniform(new SplittableRandom(7), R * R * 4, 0.2, 1);
    double[] a = rotatedAndShifted();
    double[] out = warp(images, a);
    int outside = 0;
    for (int i = 0; i < R; i++) {
      for (int j = 0; j < R; j++) {
        double x = -1 + 2.0 * j / (R - 1);
        double y = -1 + 2.0 * i / (R - 1);
        double px = (a[0] * x + a[1] * y + a[4] + 1) * (R - 1) / 2;
        double py = (a[2] * x + a[3] * y + a[5] + 1) * (R - 1) / 2;
        boolean allCornersOutside = px >= R || py >= R || px <= -1 || py <= -1;
        if (allCornersOutside) {
          outside++;
          for (int c = 0; c < 4; c++) {
            assertThat(out[(i * R + j) * 4 + c])
                .as("pixel (%s, %s) channel %s", i, j, c)
                .isCloseTo(0, within(0.0));
          }
        } else {
          assertThat(out[(i * R + j) * 4 + 3]).as("alpha of pixel (%s, %s)", i, j).isPositive();
        }
      }
    }
    assertThat(outside).isPositive();
  }
}
