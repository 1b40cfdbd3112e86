package io.github.gadn.tensorflow.nn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.BiFunction;
import org.junit.jupiter.api.Test;
import org.tensorflow.Operand;
import org.tensorflow.Output;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.types.TFloat64;

/**
 * Forward-convolution gradients ({@link ForwardConv}) against TensorFlow's own kernels, in
 * float64: the same layer with the same parameters built both ways must give the same output and
 * the same gradients with respect to its input and every parameter.
 */
class ForwardConvTest {

  /** Output, then gradients of {@code Σ y ⊙ R} w.r.t. the input and each layer parameter. */
  private static List<double[]> outputAndGradients(
      boolean forward,
      long[] shape,
      BiFunction<Nn<TFloat64>, Operand<TFloat64>, Operand<TFloat64>> layer) {
    try (GraphHarness h = new GraphHarness(3)) {
      Placeholder<TFloat64> x = h.input(shape);
      Operand<TFloat64> y = layer.apply(h.nn.withForwardConvs(forward).sub("layer"), x);
      double[] input =
          GraphHarness.uniform(new SplittableRandom(17), GraphHarness.size(shape), -1, 1);
      int n = h.values(y, GraphHarness.feed(x, input, shape)).length;
      Operand<TFloat64> r =
          h.nn.constant(new long[] {n}, GraphHarness.uniform(new SplittableRandom(5), n, -1, 1));
      Operand<TFloat64> loss = h.nn.sumAll(h.nn.mul(h.nn.reshape(y, -1), r));
      List<Operand<?>> sources = new ArrayList<>(List.of(x));
      for (ParamStore.Param p : h.store.select(ParamStore.Param::trainable)) {
        sources.add(p.read());
      }
      List<Operand<?>> fetches = new ArrayList<>(List.of(y));
      for (Output<?> g : h.tf.gradients(loss, sources).dy()) {
        fetches.add(g);
      }
      List<double[]> out = new ArrayList<>();
      for (GraphHarness.Fetched f :
          h.run(fetches, List.of(GraphHarness.feed(x, input, shape)))) {
        out.add(f.values());
      }
      return out;
    }
  }

  private static void assertSameAsEngine(
      long[] shape, BiFunction<Nn<TFloat64>, Operand<TFloat64>, Operand<TFloat64>> layer) {
    List<double[]> engine = outputAndGradients(false, shape, layer);
    List<double[]> forward = outputAndGradients(true, shape, layer);
    assertThat(forward).hasSameSizeAs(engine);
    for (int i = 0; i < engine.size(); i++) {
      assertThat(forward.get(i)).as("output %s", i).hasSameSizeAs(engine.get(i));
      for (int j = 0; j < engine.get(i).length; j++) {
        assertThat(forward.get(i)[j])
            .as(i == 0 ? "output[%s]" : "gradient %s [%s]", i == 0 ? j : i, j)
            .isCloseTo(engine.get(i)[j], within(1e-11));
      }
    }
  }

  @Test
  void strideOneConvGradientsEqualTheEngines() {
    assertSameAsEngine(new long[] {2, 6, 5, 3}, (nn, x) -> new Conv<>(nn, 3, 4, 3, 1, 1).apply(x));
  }

  @Test
  void unpaddedStrideOneConvGradientsEqualTheEngines() {
    assertSameAsEngine(new long[] {2, 5, 5, 2}, (nn, x) -> new Conv<>(nn, 2, 3, 3, 1, 0).apply(x));
  }

  @Test
  void pointwiseConvGradientsEqualTheEngines() {
    assertSameAsEngine(new long[] {3, 4, 4, 5}, (nn, x) -> Conv.pointwise(nn, 5, 2).apply(x));
  }

  @Test
  void strideTwoConvGradientsEqualTheEngines() {
    assertSameAsEngine(new long[] {2, 8, 8, 3}, (nn, x) -> new Conv<>(nn, 3, 4, 6, 2, 2).apply(x));
  }

  @Test
  void strideTwoConvWithOddPaddingEqualsTheEngines() {
    assertSameAsEngine(new long[] {2, 6, 6, 2}, (nn, x) -> new Conv<>(nn, 2, 3, 6, 2, 3).apply(x));
  }

  @Test
  void transposedConvEqualsTheEnginesTransposedConv() {
    assertSameAsEngine(
        new long[] {2, 4, 4, 3}, (nn, x) -> new ConvTranspose<>(nn, 3, 2, 6, 2).apply(x, 4, 4));
  }

  @Test
  void transposedConvWithOddCropEqualsTheEngines() {
    assertSameAsEngine(
        new long[] {2, 3, 3, 2}, (nn, x) -> new ConvTranspose<>(nn, 2, 3, 6, 3).apply(x, 3, 3));
  }

  @Test
  void uncroppedTransposedConvEqualsTheEngines() {
    assertSameAsEngine(
        new long[] {1, 3, 3, 2}, (nn, x) -> new ConvTranspose<>(nn, 2, 2, 6, 0).apply(x, 3, 3));
  }

  @Test
  void otherIdentityNOpsKeepTheIdentityGradient() {
    try (GraphHarness h = new GraphHarness(3)) {
      // Build one forward conv so the IdentityN gradient is registered in this process.
      Placeholder<TFloat64> img = h.input(1, 3, 3, 1);
      new Conv<>(h.nn.sub("c"), 1, 1, 3, 1, 1).apply(img);
      Placeholder<TFloat64> x = h.input(3);
      Operand<?> id = h.tf.identityN(List.of(x, x)).output().get(1);
      @SuppressWarnings("unchecked")
      Operand<TFloat64> y = h.nn.mul((Operand<TFloat64>) id, h.nn.constant(new long[] {3}, new double[] {1, 2, 3}));
      Output<?> g = h.tf.gradients(h.nn.sumAll(y), List.of(x)).dy(0);
      assertThat(h.values(g, GraphHarness.feed(x, new double[] {5, 6, 7}, 3)))
          .containsExactly(1, 2, 3);
    }
  }
}
