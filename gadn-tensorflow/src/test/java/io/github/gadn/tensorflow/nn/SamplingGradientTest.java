package io.github.gadn.tensorflow.nn;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.gadn.config.AugmentConfig;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.tensorflow.Operand;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.types.TFloat64;

/**
 * Float64 finite-difference checks of the resampling ops (spatial transform and its fold penalty,
 * bilinear sampler, augmentation warp) and of the BR loss. Random points avoid the kinks (integer
 * pixel coordinates, clamp boundaries, ties in the penalty's min/max) with probability one.
 */
class SamplingGradientTest {

  @Test
  void spatialTransformWithRespectToValuesAndOffsets() {
    int s = 5;
    int c = 3;
    long[] shape = {2, s, s, c + 2};
    SplittableRandom r = new SplittableRandom(31);
    double[] z = GraphHarness.uniform(r, GraphHarness.size(shape), -1, 1);
    for (int p = 0; p < 2 * s * s; p++) {
      // Offsets of up to ±3 units (≈ 1.5 px): some samples leave the grid, some neighbours fold.
      z[p * (c + 2) + c] = 6 * r.nextDouble() - 3;
      z[p * (c + 2) + c + 1] = 6 * r.nextDouble() - 3;
    }
    try (GraphHarness h = new GraphHarness(1)) {
      Placeholder<TFloat64> x = h.input(shape);
      Pass<TFloat64> pass = Pass.plain();
      Operand<TFloat64> y = SpatialTransform.apply(h.nn, x, s, c, pass);
      Operand<TFloat64> pen = pass.foldPenalty(h.nn);
      assertThat(h.values(pen, GraphHarness.feed(x, z, shape))[0]).isPositive();
      assertThat(h.gradientCheck(y, pen).wrt(x, z, shape).probes(30).verify()).isEqualTo(30);
    }
  }

  @Test
  void foldPenaltyWithRespectToOffsets() {
    long[] shape = {2, 4, 4};
    SplittableRandom r = new SplittableRandom(32);
    try (GraphHarness h = new GraphHarness(1)) {
      Placeholder<TFloat64> ox = h.input(shape);
      Placeholder<TFloat64> oy = h.input(shape);
      Operand<TFloat64> pen = SpatialTransform.foldPenalty(h.nn, ox, oy, 4);
      double[] x = GraphHarness.uniform(r, 32, -2, 2);
      double[] y = GraphHarness.uniform(r, 32, -2, 2);
      assertThat(h.values(pen, GraphHarness.feed(ox, x, shape), GraphHarness.feed(oy, y, shape))[0])
          .isPositive();
      assertThat(h.gradientCheck(pen).wrt(ox, x, shape).wrt(oy, y, shape).probes(32).verify())
          .isEqualTo(64);
    }
  }

  private static final int H = 4;
  private static final int W = 5;
  private static final int C = 2;

  @Test
  void bilinearSamplerWithRespectToImageAndCoordinates() {
    SplittableRandom r = new SplittableRandom(33);
    long[] imageShape = {2, H, W, C};
    long[] pointShape = {2, 3, 4};
    double[] image = GraphHarness.uniform(r, GraphHarness.size(imageShape), -1, 1);
    // Points inside and up to 0.4 outside the map on each side.
    double[] gx = GraphHarness.uniform(r, 24, -1.4, 1.4);
    double[] gy = GraphHarness.uniform(r, 24, -1.4, 1.4);
    try (GraphHarness h = new GraphHarness(1)) {
      Placeholder<TFloat64> img = h.input(imageShape);
      Placeholder<TFloat64> px = h.input(pointShape);
      Placeholder<TFloat64> py = h.input(pointShape);
      Operand<TFloat64> y = BilinearSampler.sample(h.nn, img, px, py, H, W, C);
      int compared =
          h.gradientCheck(y)
              .wrt(img, image, imageShape)
              .wrt(px, gx, pointShape)
              .wrt(py, gy, pointShape)
              .probes(24)
              .verify();
      assertThat(compared).isEqualTo(72);
    }
  }

  @Test
  void augmentWarpWithRespectToTheImage() {
    int size = 6;
    long[] shape = {2, size, size, 4};
    SplittableRandom r = new SplittableRandom(34);
    double[] params = AugmentWarp.stratifiedParams(r, 2, AugmentConfig.defaults());
    double[] image = GraphHarness.uniform(r, GraphHarness.size(shape), -1, 1);
    try (GraphHarness h = new GraphHarness(1)) {
      Placeholder<TFloat64> x = h.input(shape);
      Placeholder<TFloat64> a = h.input(2, AugmentWarp.PARAMS);
      Operand<TFloat64> y = AugmentWarp.apply(h.nn, x, a, size, 4);
      int compared =
          h.gradientCheck(y)
              .wrt(x, image, shape)
              .fixed(a, params, 2, AugmentWarp.PARAMS)
              .probes(20)
              .verify();
      assertThat(compared).isEqualTo(20);
    }
  }

  @Test
  void batchRegLossWithRespectToInputShiftAndScale() {
    long[] shape = {5, 2, 2, 3};
    SplittableRandom r = new SplittableRandom(35);
    double[] in = GraphHarness.uniform(r, GraphHarness.size(shape), -2, 3);
    try (GraphHarness h = new GraphHarness(1)) {
      Placeholder<TFloat64> x = h.input(shape);
      Operand<TFloat64> loss = new BatchReg<>(h.nn.sub("br"), 3).loss(x);
      h.write(
          Map.of(
              "br/m",
              GraphHarness.uniform(r, 3, -1, 1),
              "br/q",
              GraphHarness.uniform(r, 3, -1, 1)));
      int compared = h.gradientCheck(loss).wrt(x, in, shape).wrtTrainable("br/").probes(6).verify();
      assertThat(compared).isEqualTo(12);
    }
  }
}
