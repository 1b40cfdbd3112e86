package io.github.gadn.tensorflow.nn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.github.gadn.config.AugmentConfig;
import io.github.gadn.config.DefaultSizes;
import io.github.gadn.config.NetworkStructure;
import io.github.gadn.config.NetworkStructure.Kind;
import io.github.gadn.tensorflow.net.ClassifierNet;
import io.github.gadn.tensorflow.net.EncoderNet;
import io.github.gadn.tensorflow.net.GeneratorNet;
import io.github.gadn.tensorflow.net.StyleBankNet;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.tensorflow.Operand;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.types.TFloat64;

/** The cheap invariants of spec Appendix D. */
class AppendixDTest {

  private static double[] norms(double[] w, int groups, java.util.function.IntUnaryOperator group) {
    double[] sq = new double[groups];
    for (int i = 0; i < w.length; i++) {
      sq[group.applyAsInt(i)] += w[i] * w[i];
    }
    for (int k = 0; k < groups; k++) {
      sq[k] = Math.sqrt(sq[k]);
    }
    return sq;
  }

  @Test
  void d1FreshLayersHaveUnitNormFiltersAndTransposedNormTwo() {
    try (F64Graph g = new F64Graph(1)) {
      new Conv<>(g.nn.sub("conv"), 5, 7, 3, 1, 1);
      new Linear<>(g.nn.sub("fc"), 9, 4);
      new ConvTranspose<>(g.nn.sub("convt"), 6, 3, 6, 2);
      for (double v : norms(g.store.get("conv/w").initial(), 7, i -> i % 7)) {
        assertThat(v).isCloseTo(1, within(1e-7));
      }
      for (double v : norms(g.store.get("fc/w").initial(), 4, i -> i % 4)) {
        assertThat(v).isCloseTo(1, within(1e-7));
      }
      // [k, k, out, in]: the unit is the out channel.
      for (double v : norms(g.store.get("convt/w").initial(), 3, i -> (i / 6) % 3)) {
        assertThat(v).isCloseTo(2, within(1e-7));
      }
      for (double b : g.store.get("conv/b").initial()) {
        assertThat(Math.abs(b)).isLessThanOrEqualTo(1 / Math.sqrt(5 * 9));
      }
      for (double b : g.store.get("convt/b").initial()) {
        assertThat(Math.abs(b)).isLessThanOrEqualTo(1 / Math.sqrt(3 * 36));
      }
    }
  }

  @Test
  void d2CpreluMapsAStandardNormalToZeroMeanUnitVariance() {
    try (F64Graph g = new F64Graph(1)) {
      Placeholder<TFloat64> x = g.input(200_000, 1);
      Operand<TFloat64> y = new CPReLU<>(g.nn.sub("act"), 1).apply(x);
      double[] out = g.run(y, Map.of(x, F64Graph.feed(F64Graph.gaussian(3, 200_000), 200_000, 1)));
      double mean = java.util.Arrays.stream(out).average().orElseThrow();
      double var = java.util.Arrays.stream(out).map(v -> (v - mean) * (v - mean)).average().orElseThrow();
      assertThat(mean).isCloseTo(0, within(0.01));
      assertThat(Math.sqrt(var)).isCloseTo(1, within(0.01));
      assertThat(CPReLU.MU0).isCloseTo(0.2992067103, within(1e-9));
      assertThat(CPReLU.SIGMA0).isCloseTo(0.6646242130, within(1e-9));
    }
  }

  @ParameterizedTest
  @ValueSource(ints = {28, 32, 42, 64, 162, 256})
  void d3OutputShapesForEveryImageSize(int size) {
    int levels = DefaultSizes.forImageSize(size).features().size() - 1;
    List<Integer> f = new ArrayList<>();
    for (int i = 0; i < levels; i++) {
      f.add(2);
    }
    f.add(4);
    try (F64Graph g = new F64Graph(1)) {
      Placeholder<TFloat64> x = g.input(2, size, size, 4);
      Placeholder<TFloat64> z = g.input(2, 5);
      Operand<TFloat64> mu =
          new EncoderNet<>(g.nn.sub("enc"), NetworkStructure.defaults(Kind.ENCODER, f), size, 3).apply(x).mean();
      Operand<TFloat64> logp =
          new ClassifierNet<>(g.nn.sub("cla"), NetworkStructure.defaults(Kind.ENCODER, f), size, 7)
              .apply(x, Pass.plain());
      Operand<TFloat64> score =
          new ClassifierNet<>(g.nn.sub("dis"), NetworkStructure.defaults(Kind.ENCODER, f), size, 1)
              .apply(x, Pass.plain());
      Operand<TFloat64> img =
          new GeneratorNet<>(g.nn.sub("gen"), NetworkStructure.defaults(Kind.GENERATOR, f), size, 3, 2)
              .apply(z, Pass.plain());
      double[] xv = new double[2 * size * size * 4];
      assertThat(g.run(mu, Map.of(x, F64Graph.feed(xv, 2, size, size, 4)))).hasSize(2 * 3);
      assertThat(g.run(logp, Map.of(x, F64Graph.feed(xv, 2, size, size, 4)))).hasSize(2 * 7);
      assertThat(g.run(score, Map.of(x, F64Graph.feed(xv, 2, size, size, 4)))).hasSize(2);
      assertThat(g.run(img, Map.of(z, F64Graph.feed(new double[10], 2, 5)))).hasSize(2 * size * size * 3);
    }
  }

  private static List<Double> ratios(F64Graph g, String prefix) {
    List<Double> out = new ArrayList<>();
    for (ParamStore.Param p : g.store.withPrefix(prefix)) {
      if (p.name().endsWith("/gr") && !p.name().contains("/fc")) {
        double gr = p.initial()[0];
        out.add(gr * gr);
      }
    }
    return out;
  }

  @Test
  void d5ResidueRatiosFollowTheSchedule() {
    List<Integer> f = DefaultSizes.forImageSize(256).features();
    try (Graph256 g = new Graph256(f)) {
      List<Double> enc = ratios(g.g, "enc/");
      List<Double> expectedEnc = new ArrayList<>(List.of(1.0 / 3, 1.0 / 4));
      for (int k = 7; k <= 21; k++) {
        expectedEnc.add(1.0 / k);
      }
      assertThat(enc).hasSize(expectedEnc.size());
      for (int i = 0; i < enc.size(); i++) {
        assertThat(enc.get(i)).isCloseTo(expectedEnc.get(i), within(1e-12));
      }
      List<Double> gen = ratios(g.g, "gen/");
      List<Double> expectedGen = new ArrayList<>();
      for (int k = 4; k <= 18; k++) {
        expectedGen.add(1.0 / k);
      }
      expectedGen.add(1.0 / 13);
      expectedGen.add(1.0 / 14);
      assertThat(gen).hasSize(expectedGen.size());
      for (int i = 0; i < gen.size(); i++) {
        assertThat(gen.get(i)).isCloseTo(expectedGen.get(i), within(1e-12));
      }
    }
  }

  /** Default 256-px E and G, built only (never initialised). */
  private static final class Graph256 implements AutoCloseable {
    final F64Graph g = new F64Graph(1);

    Graph256(List<Integer> f) {
      new EncoderNet<>(g.nn.sub("enc"), NetworkStructure.defaults(Kind.ENCODER, f), 256, 512);
      new GeneratorNet<>(g.nn.sub("gen"), NetworkStructure.defaults(Kind.GENERATOR, f), 256, 512, 256);
    }

    @Override
    public void close() {
      g.close();
    }
  }

  @Test
  void d5IdentityShortcutBlockPreservesUnitVariance() {
    try (F64Graph g = new F64Graph(2)) {
      Placeholder<TFloat64> x = g.input(8, 16, 16, 64);
      Operand<TFloat64> y = new ResBlock<>(g.nn.sub("b"), 64, 64, 1, 0, true, 1.0 / 3, false, 16)
          .apply(x, Pass.plain());
      double[] out = g.run(y, Map.of(x, F64Graph.feed(F64Graph.gaussian(4, 8 * 16 * 16 * 64), 8, 16, 16, 64)));
      double mean = java.util.Arrays.stream(out).average().orElseThrow();
      double var = java.util.Arrays.stream(out).map(v -> (v - mean) * (v - mean)).average().orElseThrow();
      assertThat(var).isBetween(0.85, 1.15);
    }
  }

  @Test
  void d6StyleBankIsPopulationNormalisedForAnyParameters() {
    try (F64Graph g = new F64Graph(1)) {
      double[] prior = {0.1, 0.2, 0.3, 0.4};
      StyleBankNet<TFloat64> bank = new StyleBankNet<>(g.nn.sub("sty"), prior, 3);
      StyleBankNet.Normalized<TFloat64> t = bank.normalized();
      Operand<TFloat64> kl = bank.klVector(t);
      for (double v : g.run(kl, Map.of())) {
        assertThat(v).isCloseTo(0, within(1e-7));
      }
      SplittableRandom r = new SplittableRandom(5);
      g.store.writeDouble(g.session(), Map.of(
          "sty/m", F64Graph.random(r, 12, 2), "sty/q", F64Graph.random(r, 12, 2)));
      double[] m = g.run(t.mean(), Map.of());
      double[] s = g.run(t.std(), Map.of());
      for (int j = 0; j < 3; j++) {
        double first = 0;
        double second = 0;
        for (int k = 0; k < 4; k++) {
          first += prior[k] * m[k * 3 + j];
          second += prior[k] * (m[k * 3 + j] * m[k * 3 + j] + s[k * 3 + j] * s[k * 3 + j]);
        }
        assertThat(first).isCloseTo(0, within(1e-9));
        assertThat(second).isCloseTo(1, within(1e-6));
      }
    }
  }

  @Test
  void d7NestedDropoutMasksArePrefixesWithKeepRatePowers() {
    int rows = 40_000;
    int dim = 8;
    double base = 0.75;
    float[] m = RandomInputs.nestedDropoutMask(new SplittableRandom(1), rows, dim, base);
    int[] kept = new int[dim];
    for (int n = 0; n < rows; n++) {
      boolean zero = false;
      for (int i = 0; i < dim; i++) {
        float v = m[n * dim + i];
        if (zero) {
          assertThat(v).isZero();
        }
        zero |= v == 0;
        kept[i] += (int) v;
      }
    }
    for (int i = 0; i < dim; i++) {
      assertThat((double) kept[i] / rows).isCloseTo(Math.pow(base, i), within(0.01));
    }
  }

  @Test
  void d8StratifiedNoiseHitsEveryStratumOnceAndIsBounded() {
    int n = 50;
    double[] u = RandomInputs.stratifiedUniform(new SplittableRandom(2), n, 3);
    for (int c = 0; c < 3; c++) {
      boolean[] seen = new boolean[n];
      for (int r = 0; r < n; r++) {
        int stratum = (int) Math.floor(u[r * 3 + c] * n);
        assertThat(seen[stratum]).isFalse();
        seen[stratum] = true;
      }
    }
    try (F64Graph g = new F64Graph(1)) {
      Placeholder<TFloat64> x = g.input(4);
      Operand<TFloat64> z = RandomInputs.normalFromUniform(g.nn, x);
      double[] v = g.run(z, Map.of(x, F64Graph.feed(new double[] {0, 1 - 1e-12, 0.5, 0.841344746}, 4)));
      assertThat(Math.abs(v[0])).isCloseTo(4.41717, within(1e-4));
      assertThat(Math.abs(v[1])).isLessThanOrEqualTo(4.41718);
      assertThat(v[2]).isCloseTo(0, within(1e-9));
      assertThat(v[3]).isCloseTo(1, within(1e-4));
    }
  }

  @Test
  void d9AugmentationIdentityParameters() {
    double[] a = AugmentWarp.affine(new double[] {0.5, 0, 0.5, 0.5}, AugmentConfig.defaults());
    assertThat(a).containsExactly(new double[] {1, 0, 0, 1, 0, 0}, within(1e-12));
    try (F64Graph g = new F64Graph(1)) {
      Placeholder<TFloat64> x = g.input(2, 5, 5, 4);
      Operand<TFloat64> y = AugmentWarp.apply(g.nn, x,
          g.nn.constant(new long[] {2, 6}, new double[] {1, 0, 0, 1, 0, 0, 1, 0, 0, 1, 0, 0}), 5, 4);
      double[] in = F64Graph.random(new SplittableRandom(3), 200, 1);
      assertThat(g.run(y, Map.of(x, F64Graph.feed(in, 2, 5, 5, 4)))).containsExactly(in, within(1e-9));
    }
  }

  @Test
  void d10SpatialTransformIdentityAndFoldPenalty() {
    try (F64Graph g = new F64Graph(1)) {
      Placeholder<TFloat64> x = g.input(1, 4, 4, 5);
      Pass<TFloat64> pass = Pass.plain();
      Operand<TFloat64> y = SpatialTransform.apply(g.nn, x, 4, 3, pass);
      double[] in = F64Graph.random(new SplittableRandom(4), 80, 1);
      for (int p = 0; p < 16; p++) {
        in[p * 5 + 3] = 0;
        in[p * 5 + 4] = 0;
      }
      double[] out = g.run(y, Map.of(x, F64Graph.feed(in, 1, 4, 4, 5)));
      for (int p = 0; p < 16; p++) {
        for (int c = 0; c < 3; c++) {
          assertThat(out[p * 3 + c]).isCloseTo(in[p * 5 + c], within(1e-9));
        }
      }
      assertThat(g.run(pass.foldPenalty(g.nn), Map.of(x, F64Graph.feed(in, 1, 4, 4, 5))))
          .containsExactly(0.0);
      // One column of x-offsets 1.5 units left of its neighbour: the gap becomes −0.5.
      Placeholder<TFloat64> ox = g.input(1, 2, 2);
      Operand<TFloat64> pen = SpatialTransform.foldPenalty(g.nn, ox, g.nn.tf().zerosLike(ox), 2);
      double value = g.run(pen, Map.of(ox, F64Graph.feed(new double[] {0, -1.5, 0, -1.5}, 1, 2, 2)))[0];
      assertThat(value).isCloseTo(0.5, within(1e-12));
    }
  }

  @Test
  void d11BatchRegularisationAtInitialisation() {
    try (F64Graph g = new F64Graph(1)) {
      Placeholder<TFloat64> x = g.input(6, 2, 2, 3);
      BatchReg<TFloat64> br = new BatchReg<>(g.nn.sub("br"), 3);
      Pass<TFloat64> pass = Pass.withBatchReg();
      Operand<TFloat64> y = g.tf.identity(br.apply(x, pass));
      double[] in = F64Graph.random(new SplittableRandom(6), 72, 2);
      assertThat(g.run(y, Map.of(x, F64Graph.feed(in, 6, 2, 2, 3)))).containsExactly(in);
      double expected = 0;
      for (int c = 0; c < 3; c++) {
        double mean = 0;
        for (int i = c; i < 72; i += 3) {
          mean += in[i];
        }
        mean /= 24;
        double ss = 0;
        for (int i = c; i < 72; i += 3) {
          ss += (in[i] - mean) * (in[i] - mean);
        }
        // Bessel factor by the batch size N = 6 only (spec §3.10).
        double logVar = Math.log(ss / 24 * 6 / 5);
        expected += (mean * mean + logVar * logVar) / 3;
      }
      assertThat(g.run(pass.brLoss(g.nn), Map.of(x, F64Graph.feed(in, 6, 2, 2, 3)))[0])
          .isCloseTo(expected, within(1e-9));
    }
  }

  @Test
  void alphaMaskZeroesMissingPixelsAndKeepsAlpha() {
    try (F64Graph g = new F64Graph(1)) {
      Placeholder<TFloat64> x = g.input(1, 1, 2, 4);
      Operand<TFloat64> y = AlphaMask.apply(g.nn, x);
      double[] out = g.run(y, Map.of(x, F64Graph.feed(
          new double[] {0.5, -0.5, 0.25, 0, 0.5, -0.5, 0.25, 0.3}, 1, 1, 2, 4)));
      assertThat(out).containsExactly(new double[] {0, 0, 0, 0, 0.5, -0.5, 0.25, 0.3}, within(0.0));
    }
  }

  @Test
  void bilinearSamplerMatchesAppendixB() {
    SplittableRandom r = new SplittableRandom(9);
    int h = 4;
    int w = 5;
    double[] image = F64Graph.random(r, h * w * 2, 1);
    int points = 40;
    double[] gx = F64Graph.random(r, points, 1.4);
    double[] gy = F64Graph.random(r, points, 1.4);
    gx[0] = -1;
    gy[0] = -1;
    gx[1] = 1;
    gy[1] = 1;
    try (F64Graph g = new F64Graph(1)) {
      Placeholder<TFloat64> px = g.input(1, 1, points);
      Placeholder<TFloat64> py = g.input(1, 1, points);
      Operand<TFloat64> out = BilinearSampler.sample(
          g.nn, g.nn.constant(new long[] {1, h, w, 2}, image), px, py, h, w, 2);
      double[] got = g.run(out, Map.of(px, F64Graph.feed(gx, 1, 1, points), py, F64Graph.feed(gy, 1, 1, points)));
      for (int p = 0; p < points; p++) {
        double fx = (gx[p] + 1) * (w - 1) / 2;
        double fy = (gy[p] + 1) * (h - 1) / 2;
        int x0 = (int) Math.floor(fx);
        int y0 = (int) Math.floor(fy);
        for (int c = 0; c < 2; c++) {
          double v = 0;
          for (int dy = 0; dy <= 1; dy++) {
            for (int dx = 0; dx <= 1; dx++) {
              int xi = x0 + dx;
              int yi = y0 + dy;
              if (xi < 0 || xi >= w || yi < 0 || yi >= h) {
                continue;
              }
              double wt = (dx == 0 ? 1 - (fx - x0) : fx - x0) * (dy == 0 ? 1 - (fy - y0) : fy - y0);
              v += wt * image[(yi * w + xi) * 2 + c];
            }
          }
          assertThat(got[p * 2 + c]).as("point %s", p).isCloseTo(v, within(1e-12));
        }
      }
      assertThat(got[0]).isCloseTo(image[0], within(1e-12));
      assertThat(got[2]).isCloseTo(image[(h * w - 1) * 2], within(1e-12));
    }
  }
}
