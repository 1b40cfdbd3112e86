package io.github.gadn.tensorflow.nn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.BiFunction;
import org.junit.jupiter.api.Test;
import org.tensorflow.Operand;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.types.TFloat64;

/** Float64 finite-difference checks of the primitive layers, w.r.t. input and parameters. */
class LayerGradientTest {

  /** Checks {@code layer(nn.sub("layer"), x)} w.r.t. a random input and every layer parameter. */
  static void check(
      long[] shape,
      double[] input,
      BiFunction<Nn<TFloat64>, Operand<TFloat64>, Operand<TFloat64>> layer) {
    try (GraphHarness h = new GraphHarness(3)) {
      Placeholder<TFloat64> x = h.input(shape);
      Operand<TFloat64> y = layer.apply(h.nn.sub("layer"), x);
      int compared = h.gradientCheck(y).wrt(x, input, shape).wrtTrainable("layer/").verify();
      assertThat(compared).isGreaterThan(4);
    }
  }

  static void check(
      long[] shape, BiFunction<Nn<TFloat64>, Operand<TFloat64>, Operand<TFloat64>> layer) {
    check(
        shape,
        GraphHarness.uniform(new SplittableRandom(17), GraphHarness.size(shape), -1, 1),
        layer);
  }

  @Test
  void convStrideOne() {
    check(new long[] {2, 6, 6, 3}, (nn, x) -> new Conv<>(nn, 3, 4, 3, 1, 1).apply(x));
  }

  @Test
  void convStrideTwoWithPadding() {
    check(new long[] {2, 8, 8, 3}, (nn, x) -> new Conv<>(nn, 3, 4, 6, 2, 3).apply(x));
  }

  @Test
  void pointwiseConv() {
    check(new long[] {2, 3, 3, 4}, (nn, x) -> Conv.pointwise(nn, 4, 2).apply(x));
  }

  @Test
  void convTransposeWithPaddingCrop() {
    check(new long[] {2, 4, 4, 3}, (nn, x) -> new ConvTranspose<>(nn, 3, 2, 6, 3).apply(x, 4, 4));
  }

  @Test
  void convTransposeWithoutCrop() {
    check(new long[] {2, 3, 3, 2}, (nn, x) -> new ConvTranspose<>(nn, 2, 3, 6, 0).apply(x, 3, 3));
  }

  @Test
  void linear() {
    check(new long[] {3, 5}, (nn, x) -> new Linear<>(nn, 5, 4).apply(x));
  }

  @Test
  void cpreluPerChannel() {
    long[] shape = {2, 3, 3, 4};
    double[] in =
        GraphHarness.awayFromZero(new SplittableRandom(5), GraphHarness.size(shape), 2, 1e-3);
    check(shape, in, (nn, x) -> new CPReLU<>(nn, 4).apply(x));
  }

  @Test
  void cpreluPerElementWithLearnedSlopes() {
    long[] shape = {3, 6};
    double[] in = GraphHarness.awayFromZero(new SplittableRandom(6), 18, 2, 1e-3);
    try (GraphHarness h = new GraphHarness(3)) {
      Placeholder<TFloat64> x = h.input(shape);
      Operand<TFloat64> y = new CPReLU<>(h.nn.sub("layer"), 6).apply(x);
      h.write(Map.of("layer/a", GraphHarness.uniform(new SplittableRandom(7), 6, -0.5, 1)));
      assertThat(h.gradientCheck(y).wrt(x, in, shape).wrtTrainable("layer/").verify()).isPositive();
    }
  }

  @Test
  void cpreluScaledByAGainWithLearnedSlopes() {
    long[] shape = {2, 3, 3, 4};
    double[] in =
        GraphHarness.awayFromZero(new SplittableRandom(9), GraphHarness.size(shape), 2, 1e-3);
    try (GraphHarness h = new GraphHarness(3)) {
      Placeholder<TFloat64> x = h.input(shape);
      Nn<TFloat64> nn = h.nn.sub("layer");
      Operand<TFloat64> gain = nn.paramFilled("gr", new long[] {4}, 0.7);
      Operand<TFloat64> y = new CPReLU<>(nn, 4).applyScaled(x, gain);
      h.write(
          Map.of(
              "layer/a", GraphHarness.uniform(new SplittableRandom(10), 4, -0.5, 1),
              "layer/gr", GraphHarness.uniform(new SplittableRandom(11), 4, 0.2, 1.5)));
      assertThat(h.gradientCheck(y).wrt(x, in, shape).wrtTrainable("layer/").verify())
          .isGreaterThan(8);
    }
  }

  @Test
  void cpreluWithOneSlopeBroadcastOverChannels() {
    // Slopes that do not cover the trailing axes take TensorFlow's own gradients of the formula.
    long[] shape = {3, 4};
    double[] in = GraphHarness.awayFromZero(new SplittableRandom(8), 12, 2, 1e-3);
    check(shape, in, (nn, x) -> new CPReLU<>(nn, 1).apply(x));
  }

  @Test
  void checkerRejectsAWrongGradient() {
    // y = x · sg(x): tf.gradients sees only one factor, finite differences see both.
    try (GraphHarness h = new GraphHarness(3)) {
      Placeholder<TFloat64> x = h.input(4);
      Operand<TFloat64> y = h.nn.mul(x, h.tf.stopGradient(x));
      double[] in = {0.5, -1, 1.5, 2};
      assertThatThrownBy(() -> h.gradientCheck(y).wrt(x, in, 4).verify())
          .isInstanceOf(AssertionError.class)
          .hasMessageContaining("gradient of input");
    }
  }

  @Test
  void checkerReportsASourceWhoseGradientIsStopped() {
    try (GraphHarness h = new GraphHarness(3)) {
      Placeholder<TFloat64> x = h.input(2);
      Placeholder<TFloat64> unused = h.input(2);
      Operand<TFloat64> y = h.nn.add(h.nn.mul(x, x), h.tf.stopGradient(unused));
      assertThatThrownBy(
              () ->
                  h.gradientCheck(y)
                      .wrt(x, new double[] {1, 2}, 2)
                      .wrt(unused, new double[] {3, 4}, 2)
                      .verify())
          .isInstanceOf(AssertionError.class)
          .hasMessageContaining("no gradient reaches input 1");
    }
  }

  @Test
  void checkerAcceptsAnExactGradient() {
    try (GraphHarness h = new GraphHarness(3)) {
      Placeholder<TFloat64> x = h.input(4);
      Operand<TFloat64> y = h.tf.math.sin(h.nn.mul(x, x));
      assertThat(h.gradientCheck(y).wrt(x, new double[] {0.5, -1, 1.5, 2}, 4).verify())
          .isEqualTo(4);
    }
  }
}
