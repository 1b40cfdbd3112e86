package io.github.gadn.tensorflow.nn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.types.TFloat64;

/** docs/method.md §2.3: the alpha-mask operator. */
class AlphaMaskTest {

  private static double[] mask(double[] rgba) {
    try (GraphHarness h = new GraphHarness(1)) {
      int pixels = rgba.length / 4;
      Placeholder<TFloat64> x = h.input(1, 1, pixels, 4);
      return h.values(AlphaMask.apply(h.nn, x), GraphHarness.feed(x, rgba, 1, 1, pixels, 4));
    }
  }

  @Test
  void transparentPixelGetsZeroRgbAndKeepsAlphaZero() {
    assertThat(mask(new double[] {0.5, -0.7, 0.25, 0}))
        .containsExactly(new double[] {0, 0, 0, 0}, within(0.0));
  }

  @Test
  void pixelWithPositiveAlphaKeepsRgbAndAlpha() {
    double[] in = {0.5, -0.7, 0.25, 0.3, -1, 1, 0.1, 1};
    assertThat(mask(in)).containsExactly(in);
  }

  @Test
  void generatedRgbTakesTheGivenAlphaMap() {
    try (GraphHarness h = new GraphHarness(1)) {
      Placeholder<TFloat64> rgb = h.input(1, 1, 2, 3);
      Placeholder<TFloat64> alpha = h.input(1, 1, 2, 1);
      double[] out =
          h.values(
              AlphaMask.apply(h.nn, rgb, alpha),
              GraphHarness.feed(rgb, new double[] {0.1, 0.2, 0.3, 0.4, 0.5, 0.6}, 1, 1, 2, 3),
              GraphHarness.feed(alpha, new double[] {0, 0.75}, 1, 1, 2, 1));
      assertThat(out).containsExactly(new double[] {0, 0, 0, 0, 0.4, 0.5, 0.6, 0.75}, within(0.0));
    }
  }

  @Test
  void opaqueImageGetsAlphaOne() {
    try (GraphHarness h = new GraphHarness(1)) {
      Placeholder<TFloat64> rgb = h.input(1, 1, 1, 3);
      double[] out =
          h.values(
              AlphaMask.opaque(h.nn, rgb),
              GraphHarness.feed(rgb, new double[] {0, -0.5, 0.5}, 1, 1, 1, 3));
      assertThat(out).containsExactly(0, -0.5, 0.5, 1);
    }
  }
}
