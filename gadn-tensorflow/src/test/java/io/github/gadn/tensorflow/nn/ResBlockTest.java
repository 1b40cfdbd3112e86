package io.github.gadn.tensorflow.nn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.Arrays;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.tensorflow.Operand;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.types.TFloat64;

/** docs/method.md §3.4a, §3.5, §14: residual-block gains, variance, sizes and shortcut branches. */
class ResBlockTest {

  @Test
  void gainsStartAtRootOneMinusRatioAndRootRatio() {
    try (GraphHarness h = new GraphHarness(1)) {
      new ResBlock<>(h.nn.sub("b"), 3, 5, 1, 0, true, 0.3, false, 4);
      assertThat(h.store.get("b/gs").initial())
          .hasSize(5)
          .containsOnly(new double[] {Math.sqrt(0.7)}, within(1e-15));
      assertThat(h.store.get("b/gr").initial())
          .hasSize(5)
          .containsOnly(new double[] {Math.sqrt(0.3)}, within(1e-15));
    }
  }

  @Test
  void identityShortcutBlockKeepsUnitVariance() {
    int n = 8;
    int s = 16;
    int c = 64;
    try (GraphHarness h = new GraphHarness(2)) {
      Placeholder<TFloat64> x = h.input(n, s, s, c);
      Operand<TFloat64> y =
          new ResBlock<>(h.nn.sub("b"), c, c, 1, 0, true, 1.0 / 3, false, s).apply(x, Pass.plain());
      int size = n * s * s * c;
      double[] out = h.values(y, GraphHarness.feed(x, GraphHarness.gaussian(5, size), n, s, s, c));
      double mean = Arrays.stream(out).average().orElseThrow();
      double var = Arrays.stream(out).map(v -> (v - mean) * (v - mean)).average().orElseThrow();
      assertThat(var).isCloseTo(1, within(0.15));
    }
  }

  private static long[] outputShape(int stride, int pad, int in, int out, int size) {
    try (GraphHarness h = new GraphHarness(3)) {
      Placeholder<TFloat64> x = h.input(2, size, size, in);
      ResBlock<TFloat64> block =
          new ResBlock<>(h.nn.sub("b"), in, out, stride, pad, true, 0.2, false, size);
      long[] shape =
          h.run(
                  block.apply(x, Pass.plain()),
                  GraphHarness.feed(x, new double[2 * size * size * in], 2, size, size, in))
              .shape();
      assertThat(block.outSize()).isEqualTo((int) shape[1]);
      return shape;
    }
  }

  @Test
  void downBlockWithPaddingHalvesThenAddsThePad() {
    assertThat(outputShape(2, 1, 3, 4, 6)).containsExactly(2, 4, 4, 4);
  }

  @Test
  void upBlockWithPaddingDoublesThenRemovesTwiceThePad() {
    assertThat(outputShape(-2, 1, 3, 2, 4)).containsExactly(2, 6, 6, 2);
  }

  @Test
  void strideOneBlockKeepsTheSize() {
    assertThat(outputShape(1, 0, 3, 3, 5)).containsExactly(2, 5, 5, 3);
  }

  /** Runs a block whose residue gain is set to 0 and shortcut gain to 1: the shortcut alone. */
  private static double[] shortcutOnly(int stride, int pad, int channels, int size, double[] in) {
    try (GraphHarness h = new GraphHarness(4)) {
      Placeholder<TFloat64> x = h.input(1, size, size, channels);
      Operand<TFloat64> y =
          new ResBlock<>(h.nn.sub("b"), channels, channels, stride, pad, true, 0.5, false, size)
              .apply(x, Pass.plain());
      double[] ones = new double[channels];
      Arrays.fill(ones, 1);
      h.write(Map.of("b/gr", new double[channels], "b/gs", ones));
      return h.values(y, GraphHarness.feed(x, in, 1, size, size, channels));
    }
  }

  @Test
  void downShortcutAveragesOverZeroPaddingCountingThePaddedZeros() {
    // 2×2 map, pad 1: the padded 4×4 map pools into 2×2 cells that each hold one real pixel and
    // three padded zeros, so every output is a quarter of its pixel (not the pixel itself).
    double[] in = GraphHarness.uniform(new SplittableRandom(1), 4, -1, 1);
    double[] out = shortcutOnly(2, 1, 1, 2, in);
    assertThat(out)
        .containsExactly(new double[] {in[0] / 4, in[1] / 4, in[2] / 4, in[3] / 4}, within(1e-12));
  }

  @Test
  void upShortcutIsNearestNeighbourThenCrop() {
    // 2×2 → nearest 4×4 → crop 1 from every side → the central 2×2, one pixel from each source.
    double[] out = shortcutOnly(-2, 1, 1, 2, new double[] {1, 2, 3, 4});
    assertThat(out).containsExactly(new double[] {1, 2, 3, 4}, within(1e-12));
  }

  @Test
  void upShortcutWithoutPaddingRepeatsEveryPixelTwiceInEachDirection() {
    double[] full = shortcutOnly(-2, 0, 1, 2, new double[] {1, 2, 3, 4});
    assertThat(full)
        .containsExactly(
            new double[] {1, 1, 2, 2, 1, 1, 2, 2, 3, 3, 4, 4, 3, 3, 4, 4}, within(1e-12));
  }

  @Test
  void batchRegularisedBlockRecordsOneLossAndPlainPassNone() {
    try (GraphHarness h = new GraphHarness(5)) {
      Placeholder<TFloat64> x = h.input(3, 4, 4, 2);
      ResBlock<TFloat64> block = new ResBlock<>(h.nn.sub("b"), 2, 2, 1, 0, true, 0.2, true, 4);
      Pass<TFloat64> withBr = Pass.withBatchReg();
      Pass<TFloat64> plain = Pass.plain();
      block.apply(x, withBr);
      block.apply(x, plain);
      assertThat(withBr.brCount()).isEqualTo(1);
      assertThat(plain.brCount()).isZero();
    }
  }

  @Test
  void stridesOtherThanOneTwoAndMinusTwoAreRejected() {
    try (GraphHarness h = new GraphHarness(6)) {
      assertThatThrownBy(() -> new ResBlock<>(h.nn.sub("b"), 2, 2, 3, 0, true, 0.2, false, 4))
          .isInstanceOf(IllegalArgumentException.class);
    }
  }
}
