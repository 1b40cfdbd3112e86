package io.github.gadn.tensorflow.nn;

import io.github.gadn.config.AugmentConfig;
import io.github.gadn.config.NetworkStructure;
import io.github.gadn.config.NetworkStructure.Kind;
import io.github.gadn.tensorflow.net.ClassifierNet;
import io.github.gadn.tensorflow.net.EncoderNet;
import io.github.gadn.tensorflow.net.GeneratorNet;
import io.github.gadn.tensorflow.net.StyleBankNet;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.BiFunction;
import org.junit.jupiter.api.Test;
import org.tensorflow.Operand;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.types.TFloat64;

/**
 * Finite-difference gradient checks in float64 (Appendix D, issue 2): every block kind, the
 * sampler, the warp, BR, the style bank and whole tiny networks, w.r.t. inputs and parameters.
 */
class GradientCheckTest {

  /** Builds {@code f(nn, x)} on an input of {@code shape} and checks all gradients. */
  private static void check(
      long[] shape, double scale, BiFunction<Nn<TFloat64>, Operand<TFloat64>, Operand<TFloat64>> f) {
    try (F64Graph g = new F64Graph(3)) {
      Placeholder<TFloat64> x = g.input(shape);
      Operand<TFloat64> out = f.apply(g.nn.sub("block"), x);
      int n = 1;
      for (long d : shape) {
        n *= (int) d;
      }
      double[] value = F64Graph.random(new SplittableRandom(17), n, scale);
      g.checkGradients(out, x, value, shape, name -> name.startsWith("block/"), 5);
    }
  }

  @Test
  void convStride1() {
    check(new long[] {2, 6, 6, 3}, 1, (nn, x) -> new Conv<>(nn, 3, 4, 3, 1, 1).apply(x));
  }

  @Test
  void convStride2WithPadding() {
    check(new long[] {2, 6, 6, 3}, 1, (nn, x) -> new Conv<>(nn, 3, 4, 6, 2, 3).apply(x));
  }

  @Test
  void transposedConvWithCrop() {
    check(new long[] {2, 3, 3, 3}, 1, (nn, x) -> new ConvTranspose<>(nn, 3, 2, 6, 3).apply(x, 3, 3));
  }

  @Test
  void linear() {
    check(new long[] {3, 5}, 1, (nn, x) -> new Linear<>(nn, 5, 4).apply(x));
  }

  @Test
  void cprelu() {
    check(new long[] {3, 5}, 1, (nn, x) -> new CPReLU<>(nn, 5).apply(x));
  }

  @Test
  void resBlockStride1WithProjectionAndBr() {
    check(new long[] {3, 4, 4, 3}, 1, (nn, x) -> {
      Pass<TFloat64> pass = Pass.withBatchReg();
      Operand<TFloat64> y = new ResBlock<>(nn, 3, 4, 1, 0, true, 0.3, true, 4).apply(x, pass);
      return nn.add(nn.sumAll(y), pass.brLoss(nn));
    });
  }

  @Test
  void resBlockDownWithPadding() {
    check(new long[] {2, 6, 6, 3}, 1,
        (nn, x) -> new ResBlock<>(nn, 3, 4, 2, 1, true, 0.25, false, 6).apply(x, Pass.plain()));
  }

  @Test
  void resBlockUpWithPaddingAndNoActivation() {
    check(new long[] {2, 4, 4, 3}, 1,
        (nn, x) -> new ResBlock<>(nn, 3, 2, -2, 1, false, 0.2, false, 4).apply(x, Pass.plain()));
  }

  @Test
  void resBlockUpIdentityShortcut() {
    check(new long[] {2, 3, 3, 3}, 1,
        (nn, x) -> new ResBlock<>(nn, 3, 3, -2, 0, true, 0.2, false, 3).apply(x, Pass.plain()));
  }

  @Test
  void linearResBlock() {
    check(new long[] {4, 5}, 1,
        (nn, x) -> new LinearResBlock<>(nn, 5, 0.5, false).apply(x, Pass.plain()));
  }

  @Test
  void busBlock() {
    check(new long[] {2, 3, 3, 4}, 1,
        (nn, x) -> new BusBlock<>(nn, 4, 0.2, false, 3).apply(x, Pass.plain()));
  }

  @Test
  void nonLocalBlock() {
    check(new long[] {2, 3, 3, 8}, 1,
        (nn, x) -> new NonLocalBlock<>(nn, 8, 0.2, false, 3).apply(x, Pass.plain()));
  }

  @Test
  void spatialTransformAndFoldPenalty() {
    // Offsets of up to ±3 units: some neighbours fold, so the penalty has a gradient too.
    check(new long[] {2, 5, 5, 4}, 3, (nn, x) -> {
      Pass<TFloat64> pass = Pass.plain();
      Operand<TFloat64> y = SpatialTransform.apply(nn, x, 5, 2, pass);
      return nn.add(nn.sumAll(y), pass.foldPenalty(nn));
    });
  }

  @Test
  void bilinearSamplerWithRespectToCoordinates() {
    // The input holds the coordinates; the image is a fixed constant.
    check(new long[] {2, 3, 3, 2}, 1.2, (nn, xy) -> {
      double[] image = F64Graph.random(new SplittableRandom(8), 2 * 4 * 4 * 3, 1);
      Operand<TFloat64> img = nn.constant(new long[] {2, 4, 4, 3}, image);
      Operand<TFloat64> gx = nn.reshape(nn.tf().slice(xy, nn.ints(0, 0, 0, 0), nn.ints(-1, -1, -1, 1)), -1, 3, 3);
      Operand<TFloat64> gy = nn.reshape(nn.tf().slice(xy, nn.ints(0, 0, 0, 1), nn.ints(-1, -1, -1, 1)), -1, 3, 3);
      return BilinearSampler.sample(nn, img, gx, gy, 4, 4, 3);
    });
  }

  @Test
  void augmentWarpWithRespectToTheImage() {
    check(new long[] {2, 6, 6, 4}, 1, (nn, x) -> {
      double[] params = new double[2 * AugmentWarp.PARAMS];
      System.arraycopy(AugmentWarp.affine(new double[] {0.8, 0.6, 0.3, 0.7}, AugmentConfig.defaults()), 0, params, 0, 6);
      System.arraycopy(AugmentWarp.affine(new double[] {0.1, 0.2, 0.9, 0.4}, AugmentConfig.defaults()), 0, params, 6, 6);
      return AugmentWarp.apply(nn, x, nn.constant(new long[] {2, 6}, params), 6, 4);
    });
  }

  @Test
  void batchRegularisationLoss() {
    check(new long[] {5, 2, 2, 3}, 1, (nn, x) -> new BatchReg<>(nn, 3).loss(x));
  }

  @Test
  void styleBankKlAndLookup() {
    // The input perturbs the means so the table is not at its (symmetric) initial point.
    check(new long[] {3, 4}, 0.5, (nn, x) -> {
      StyleBankNet<TFloat64> bank = new StyleBankNet<>(nn, new double[] {0.5, 0.3, 0.2}, 4);
      StyleBankNet.Normalized<TFloat64> t = bank.normalized();
      StyleBankNet.Normalized<TFloat64> shifted =
          new StyleBankNet.Normalized<>(nn.add(t.mean(), x), t.std());
      StyleBankNet.Normalized<TFloat64> rows = bank.lookup(shifted, nn.tf().constant(new int[] {2, 0}));
      return nn.add(nn.sumAll(bank.klVector(shifted)), nn.sumAll(nn.mul(rows.mean(), rows.std())));
    });
  }

  private static final List<Integer> F = List.of(3, 4, 6);

  @Test
  void tinyEncoder() {
    check(new long[] {2, 8, 8, 4}, 1, (nn, x) -> {
      EncoderNet.Posterior<TFloat64> p =
          new EncoderNet<>(nn, NetworkStructure.defaults(Kind.ENCODER, F), 8, 3).apply(x);
      return nn.add(nn.sumAll(p.mean()), nn.sumAll(p.std()));
    });
  }

  @Test
  void tinyGeneratorWithSpatialTransform() {
    check(new long[] {2, 5}, 1, (nn, z) -> {
      Pass<TFloat64> pass = Pass.plain();
      Operand<TFloat64> y =
          new GeneratorNet<>(nn, NetworkStructure.of(Kind.GENERATOR, F, List.of("tt", "cbn", "ff")), 8, 3, 2)
              .apply(z, pass);
      return nn.add(nn.sumAll(y), pass.foldPenalty(nn));
    });
  }

  @Test
  void tinyClassifierWithBatchRegularisation() {
    check(new long[] {3, 8, 8, 4}, 1, (nn, x) -> {
      Pass<TFloat64> pass = Pass.withBatchReg();
      Operand<TFloat64> y =
          new ClassifierNet<>(nn, NetworkStructure.defaults(Kind.ENCODER, F), 8, 3).apply(x, pass);
      return nn.add(nn.sumAll(y), pass.brLoss(nn));
    });
  }
}
