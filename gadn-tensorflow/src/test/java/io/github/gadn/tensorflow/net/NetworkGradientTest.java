package io.github.gadn.tensorflow.net;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.gadn.config.NetworkStructure;
import io.github.gadn.config.NetworkStructure.Kind;
import io.github.gadn.tensorflow.nn.GraphHarness;
import io.github.gadn.tensorflow.nn.Pass;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.tensorflow.Operand;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.types.TFloat64;

/**
 * Float64 finite-difference checks of whole tiny networks (every block kind, FC residual blocks,
 * BR, a spatial transform) and of the style bank, w.r.t. the input and every trainable parameter.
 */
class NetworkGradientTest {
  private static final int R = 8;
  private static final List<Integer> F = List.of(3, 4, 6);

  @Test
  void tinyEncoder() {
    long[] shape = {2, R, R, 4};
    try (GraphHarness h = new GraphHarness(5)) {
      Placeholder<TFloat64> x = h.input(shape);
      NetworkStructure s = NetworkStructure.of(Kind.ENCODER, F, List.of("cc", "cbn", "ff"));
      EncoderNet.Posterior<TFloat64> p = new EncoderNet<>(h.nn.sub("enc"), s, R, 3).apply(x);
      double[] in = GraphHarness.uniform(new SplittableRandom(1), GraphHarness.size(shape), -1, 1);
      int compared =
          h.gradientCheck(p.mean(), p.std())
              .wrt(x, in, shape)
              .wrtTrainable("enc/")
              .probes(3)
              .verify();
      assertThat(compared).isGreaterThan(50);
    }
  }

  @Test
  void tinyGeneratorWithSpatialTransformsAndFoldPenalty() {
    long[] shape = {2, 5};
    try (GraphHarness h = new GraphHarness(6)) {
      Placeholder<TFloat64> z = h.input(shape);
      // Depth 0 'tt': a stride-1 transform block, then the up-block with a transform.
      NetworkStructure s = NetworkStructure.of(Kind.GENERATOR, F, List.of("tt", "cbn", "ff"));
      Pass<TFloat64> pass = Pass.plain();
      Operand<TFloat64> y = new GeneratorNet<>(h.nn.sub("gen"), s, R, 3, 2).apply(z, pass);
      Operand<TFloat64> fold = pass.foldPenalty(h.nn);
      double[] in = GraphHarness.uniform(new SplittableRandom(2), 10, -1.5, 1.5);
      int compared =
          h.gradientCheck(y, fold).wrt(z, in, shape).wrtTrainable("gen/").probes(3).verify();
      assertThat(compared).isGreaterThan(50);
    }
  }

  @Test
  void tinyGeneratorWithNestedDropoutMasks() {
    try (GraphHarness h = new GraphHarness(7)) {
      Placeholder<TFloat64> c = h.input(2, 3);
      Placeholder<TFloat64> st = h.input(2, 2);
      GeneratorNet<TFloat64> g =
          new GeneratorNet<>(
              h.nn.sub("gen"), NetworkStructure.defaults(Kind.GENERATOR, F), R, 3, 2);
      Operand<TFloat64> mc = h.nn.constant(new long[] {2, 3}, new double[] {1, 1, 0, 1, 0, 0});
      Operand<TFloat64> ms = h.nn.constant(new long[] {2, 2}, new double[] {1, 0, 1, 1});
      Operand<TFloat64> y = g.apply(c, st, mc, ms, Pass.plain());
      SplittableRandom r = new SplittableRandom(3);
      int compared =
          h.gradientCheck(y)
              .wrt(c, GraphHarness.uniform(r, 6, -1, 1), 2, 3)
              .wrt(st, GraphHarness.uniform(r, 4, -1, 1), 2, 2)
              .probes(6)
              .verify();
      assertThat(compared).isEqualTo(10);
    }
  }

  @Test
  void tinyClassifierWithBatchRegLoss() {
    long[] shape = {3, R, R, 4};
    try (GraphHarness h = new GraphHarness(8)) {
      Placeholder<TFloat64> x = h.input(shape);
      Pass<TFloat64> pass = Pass.withBatchReg();
      Operand<TFloat64> logp =
          new ClassifierNet<>(h.nn.sub("cla"), NetworkStructure.defaults(Kind.ENCODER, F), R, 3)
              .apply(x, pass);
      Operand<TFloat64> br = pass.brLoss(h.nn);
      double[] in = GraphHarness.uniform(new SplittableRandom(4), GraphHarness.size(shape), -1, 1);
      int compared =
          h.gradientCheck(logp, br).wrt(x, in, shape).wrtTrainable("cla/").probes(3).verify();
      assertThat(compared).isGreaterThan(50);
    }
  }

  @Test
  void tinyDiscriminator() {
    long[] shape = {2, R, R, 4};
    try (GraphHarness h = new GraphHarness(9)) {
      Placeholder<TFloat64> x = h.input(shape);
      Operand<TFloat64> score =
          new ClassifierNet<>(h.nn.sub("dis"), NetworkStructure.defaults(Kind.ENCODER, F), R, 1)
              .apply(x, Pass.plain());
      double[] in = GraphHarness.uniform(new SplittableRandom(5), GraphHarness.size(shape), -1, 1);
      // BR parameters get no gradient in a plain pass; check everything else.
      int compared =
          h.gradientCheck(score)
              .wrt(x, in, shape)
              .wrtParams(
                  h.store.select(
                      p ->
                          p.trainable()
                              && p.name().startsWith("dis/")
                              && !p.name().contains("/br/")))
              .probes(3)
              .verify();
      assertThat(compared).isGreaterThan(30);
    }
  }

  @Test
  void mlpClassifierWithBatchRegLoss() {
    long[] shape = {4, 5};
    try (GraphHarness h = new GraphHarness(10)) {
      Placeholder<TFloat64> c = h.input(shape);
      Pass<TFloat64> pass = Pass.withBatchReg();
      Operand<TFloat64> logp = new MlpClassifierNet<>(h.nn.sub("mlp"), 5, 6, 3, 4).apply(c, pass);
      double[] in = GraphHarness.uniform(new SplittableRandom(6), 20, -1, 1);
      int compared =
          h.gradientCheck(logp, pass.brLoss(h.nn))
              .wrt(c, in, shape)
              .wrtTrainable("mlp/")
              .probes(3)
              .verify();
      assertThat(compared).isGreaterThan(30);
    }
  }

  @Test
  void styleBankNormalisedTableAndKlWithRespectToItsParameters() {
    double[] prior = {0.5, 0.3, 0.2};
    try (GraphHarness h = new GraphHarness(11)) {
      StyleBankNet<TFloat64> bank = new StyleBankNet<>(h.nn.sub("sty"), prior, 4);
      StyleBankNet.Normalized<TFloat64> t = bank.normalized();
      Operand<TFloat64> kl = bank.klVector(t);
      StyleBankNet.Normalized<TFloat64> rows = bank.lookup(t, h.tf.constant(new int[] {2, 0}));
      SplittableRandom r = new SplittableRandom(7);
      h.write(
          Map.of(
              "sty/m",
              GraphHarness.uniform(r, 12, -1, 1),
              "sty/q",
              GraphHarness.uniform(r, 12, -1, 1)));
      int compared =
          h.gradientCheck(t.mean(), t.std(), kl, rows.mean(), rows.std())
              .wrtTrainable("sty/")
              .probes(12)
              .verify();
      assertThat(compared).isEqualTo(24);
    }
  }
}
