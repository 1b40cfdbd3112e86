package io.github.gadn.tensorflow.nn;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.SplittableRandom;
import java.util.function.BiFunction;
import org.junit.jupiter.api.Test;
import org.tensorflow.Operand;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.types.TFloat64;

/**
 * Float64 finite-difference checks of the residual, linear-residual, bus and non-local blocks,
 * w.r.t. the input and every parameter (gains, convolutions, activations, BR).
 */
class BlockGradientTest {

  private static void check(
      long[] shape, BiFunction<Nn<TFloat64>, Operand<TFloat64>, Operand<TFloat64>> block) {
    try (GraphHarness h = new GraphHarness(4)) {
      Placeholder<TFloat64> x = h.input(shape);
      Operand<TFloat64> y = block.apply(h.nn.sub("block"), x);
      double[] in =
          GraphHarness.uniform(new SplittableRandom(23), GraphHarness.size(shape), -1.5, 1.5);
      int compared = h.gradientCheck(y).wrt(x, in, shape).wrtTrainable("block/").verify();
      assertThat(compared).isGreaterThan(10);
    }
  }

  @Test
  void resBlockStrideOneIdentityShortcut() {
    check(
        new long[] {2, 4, 4, 3},
        (nn, x) -> new ResBlock<>(nn, 3, 3, 1, 0, true, 0.3, false, 4).apply(x, Pass.plain()));
  }

  @Test
  void resBlockStrideOneProjection() {
    check(
        new long[] {2, 4, 4, 3},
        (nn, x) -> new ResBlock<>(nn, 3, 4, 1, 0, true, 0.3, false, 4).apply(x, Pass.plain()));
  }

  @Test
  void resBlockStrideOneWithBatchRegLoss() {
    check(
        new long[] {3, 4, 4, 3},
        (nn, x) -> {
          Pass<TFloat64> pass = Pass.withBatchReg();
          Operand<TFloat64> y = new ResBlock<>(nn, 3, 4, 1, 0, true, 0.3, true, 4).apply(x, pass);
          return nn.tf()
              .concat(
                  java.util.List.of(nn.reshape(y, -1), nn.reshape(pass.brLoss(nn), 1)),
                  nn.tf().constant(0));
        });
  }

  @Test
  void resBlockDownProjectionNoPad() {
    check(
        new long[] {2, 6, 6, 3},
        (nn, x) -> new ResBlock<>(nn, 3, 4, 2, 0, true, 0.25, false, 6).apply(x, Pass.plain()));
  }

  @Test
  void resBlockDownIdentityShortcutWithPad() {
    check(
        new long[] {2, 6, 6, 3},
        (nn, x) -> new ResBlock<>(nn, 3, 3, 2, 1, true, 0.25, false, 6).apply(x, Pass.plain()));
  }

  @Test
  void resBlockUpProjectionWithPadAndNoActivation() {
    check(
        new long[] {2, 4, 4, 3},
        (nn, x) -> new ResBlock<>(nn, 3, 2, -2, 1, false, 0.2, false, 4).apply(x, Pass.plain()));
  }

  @Test
  void resBlockUpIdentityShortcutNoPad() {
    check(
        new long[] {2, 3, 3, 3},
        (nn, x) -> new ResBlock<>(nn, 3, 3, -2, 0, true, 0.2, false, 3).apply(x, Pass.plain()));
  }

  @Test
  void linearResBlock() {
    check(
        new long[] {4, 5},
        (nn, x) -> new LinearResBlock<>(nn, 5, 0.5, false).apply(x, Pass.plain()));
  }

  @Test
  void linearResBlockWithBatchRegLoss() {
    check(
        new long[] {4, 5},
        (nn, x) -> {
          Pass<TFloat64> pass = Pass.withBatchReg();
          Operand<TFloat64> y = new LinearResBlock<>(nn, 5, 1.0 / 3, true).apply(x, pass);
          return nn.add(y, nn.mul(pass.brLoss(nn), 0.5));
        });
  }

  @Test
  void busBlock() {
    check(
        new long[] {2, 3, 3, 4},
        (nn, x) -> new BusBlock<>(nn, 4, 0.2, false, 3).apply(x, Pass.plain()));
  }

  @Test
  void nonLocalBlock() {
    check(
        new long[] {2, 3, 3, 8},
        (nn, x) -> new NonLocalBlock<>(nn, 8, 0.2, false, 3).apply(x, Pass.plain()));
  }

  @Test
  void nonLocalBlockWithTwoHeads() {
    // 512 channels: value/key width 64, two heads.
    check(
        new long[] {2, 2, 2, 512},
        (nn, x) -> new NonLocalBlock<>(nn, 512, 0.2, false, 2).apply(x, Pass.plain()));
  }
}
