package io.github.gadn.tensorflow.train;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.gadn.config.Stage1Config;
import io.github.gadn.data.Batch;
import io.github.gadn.tensorflow.loss.Losses;
import io.github.gadn.tensorflow.net.EncoderNet;
import io.github.gadn.tensorflow.net.GeneratorNet;
import io.github.gadn.tensorflow.net.StyleBankNet;
import io.github.gadn.tensorflow.nn.AlphaMask;
import io.github.gadn.tensorflow.nn.Nn;
import io.github.gadn.tensorflow.nn.ParamStore;
import io.github.gadn.tensorflow.nn.Pass;
import io.github.gadn.tensorflow.nn.RandomInputs;
import io.github.gadn.tensorflow.optim.Adam;
import io.github.gadn.tensorflow.optim.Gate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.tensorflow.Operand;
import org.tensorflow.Output;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Op;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;

/**
 * The gradient routing of docs/method.md §4.4, checked by the weights one iteration leaves behind:
 * every comparison runs one step from identical initial weights with identical inputs.
 */
class Stage1RoutingTest {
  private static final long SEED = 5;

  /** Weights under {@code prefix} after one step of {@code config}. */
  private static Map<String, float[]> afterOneStep(Stage1Config config, String prefix) {
    try (TinyStage1.Harness h = new TinyStage1.Harness(config, SEED)) {
      h.step(TinyStage1.batch(config, 1), 1);
      return h.read(prefix);
    }
  }

  private static Stage1Config.Builder base() {
    // A large learning rate makes any leaked gradient visible in the updated weights.
    return TinyStage1.config().lr(1e-2).styleLr(1e-2).lrRamp(0);
  }

  private static void assertSame(Map<String, float[]> a, Map<String, float[]> b) {
    assertThat(a.keySet()).isEqualTo(b.keySet()).isNotEmpty();
    for (String name : a.keySet()) {
      assertThat(a.get(name)).as(name).containsExactly(b.get(name), org.assertj.core.data.Offset.offset(1e-6f));
    }
  }

  private static double maxDifference(Map<String, float[]> a, Map<String, float[]> b) {
    double max = 0;
    for (String name : a.keySet()) {
      float[] x = a.get(name);
      float[] y = b.get(name);
      for (int i = 0; i < x.length; i++) {
        max = Math.max(max, Math.abs(x[i] - y[i]));
      }
    }
    return max;
  }

  @Test
  void classifierUpdateDoesNotDependOnClaWeight() {
    assertSame(
        afterOneStep(base().claWeight(0.2).build(), "cla/"),
        afterOneStep(base().claWeight(3.0).build(), "cla/"));
  }

  @Test
  void adversarialTermChangesEncoderAndGenerator() {
    // The counterpart of the routing checks below: the adversarial term does reach E and G.
    assertThat(
            maxDifference(
                afterOneStep(base().claWeight(0).build(), "enc/"),
                afterOneStep(base().claWeight(3.0).build(), "enc/")))
        .isGreaterThan(1e-4);
    assertThat(
            maxDifference(
                afterOneStep(base().claWeight(0).build(), "gen/"),
                afterOneStep(base().claWeight(3.0).build(), "gen/")))
        .isGreaterThan(1e-4);
  }

  @Test
  void styleTableReceivesNoAdversarialGradient() {
    assertSame(
        afterOneStep(base().claWeight(0).build(), "sty/"),
        afterOneStep(base().claWeight(3.0).build(), "sty/"));
  }

  @Test
  void matchLossLeavesTheEncoderAlone() {
    Stage1Config without = base().matchWeight(0).build();
    Stage1Config with = base().matchWeight(5.0).build();
    assertSame(afterOneStep(without, "enc/"), afterOneStep(with, "enc/"));
    assertThat(maxDifference(afterOneStep(without, "gen/"), afterOneStep(with, "gen/")))
        .isGreaterThan(1e-5);
  }

  @Test
  void noAdversarialGradientWhenEverySampleIsBelowThePrior() {
    // A classifier head that gives every true label a log-probability far below ln(1/3).
    Stage1Config low = base().claWeight(0).build();
    Stage1Config high = base().claWeight(3.0).build();
    List<Map<String, float[]>> results = new ArrayList<>();
    for (Stage1Config config : List.of(low, high)) {
      try (TinyStage1.Harness h = new TinyStage1.Harness(config, SEED)) {
        Batch batch = TinyStage1.batch(config, 1);
        int[] labels = batch.labels();
        java.util.Arrays.fill(labels, 0);
        Map<String, float[]> head = h.read("cla/head/");
        Map<String, float[]> rigged = new HashMap<>();
        rigged.put("cla/head/w", new float[head.get("cla/head/w").length]);
        rigged.put("cla/head/b", new float[] {-40f, 40f, 40f});
        h.write(rigged);
        h.step(batch, 1);
        Map<String, float[]> out = new HashMap<>(h.read("enc/"));
        out.putAll(h.read("gen/"));
        results.add(out);
      }
    }
    assertSame(results.get(0), results.get(1));
  }

  @Test
  void withoutClassifierWeightEncoderGeneratorAndStylesTakeAPureVaeStep() {
    Stage1Config config = base().claWeight(0).build();
    Batch batch = TinyStage1.batch(config, 1);
    Stage1Inputs inputs = Stage1Inputs.draw(config, 11, 1);
    Map<String, float[]> gadn;
    try (TinyStage1.Harness h = new TinyStage1.Harness(config, SEED)) {
      h.step(batch, 1);
      gadn = new HashMap<>(h.read("enc/"));
      gadn.putAll(h.read("gen/"));
      gadn.putAll(h.read("sty/"));
    }
    Map<String, float[]> vae = pureVaeStep(config, batch, inputs);
    assertSame(gadn, vae);
  }

  /**
   * An independent reference: E, G, S built with the same names and seed (hence the same initial
   * weights), one total VAE loss {@code λ_rec L_rec + λ_tp P + λ_con L_KLc + λ_sty L_KLs}
   * differentiated by a single {@code gradients} call, and the same Adam settings.
   */
  private static Map<String, float[]> pureVaeStep(Stage1Config config, Batch batch, Stage1Inputs in) {
    int n = config.batchSize();
    int r = config.imageSize();
    int cc = config.contentSize();
    int cs = config.styleSize();
    try (GraphSession gs = new GraphSession(config.run())) {
      Ops tf = gs.ops();
      ParamStore store = new ParamStore(tf);
      Nn<TFloat32> nn = new Nn<>(tf, TFloat32.class, store, SEED);
      EncoderNet<TFloat32> enc = new EncoderNet<>(nn.sub("enc"), config.encoder(), r, cc);
      GeneratorNet<TFloat32> gen = new GeneratorNet<>(nn.sub("gen"), config.generator(), r, cc, cs);
      double[] prior = new double[config.classCount()];
      java.util.Arrays.fill(prior, 1.0 / config.classCount());
      StyleBankNet<TFloat32> sty = new StyleBankNet<>(nn.sub("sty"), prior, cs);
      var x = tf.placeholder(TFloat32.class, Placeholder.shape(Shape.of(n, r, r, 4)));
      var y = tf.placeholder(TInt32.class, Placeholder.shape(Shape.of(n)));
      var uc = tf.placeholder(TFloat32.class, Placeholder.shape(Shape.of(n, cc)));
      var us = tf.placeholder(TFloat32.class, Placeholder.shape(Shape.of(n, cs)));
      var mc = tf.placeholder(TFloat32.class, Placeholder.shape(Shape.of(n, cc)));
      var ms = tf.placeholder(TFloat32.class, Placeholder.shape(Shape.of(n, cs)));
      var lr = tf.placeholder(TFloat32.class, Placeholder.shape(Shape.scalar()));
      EncoderNet.Posterior<TFloat32> post = enc.apply(AlphaMask.apply(nn, x));
      StyleBankNet.Normalized<TFloat32> table = sty.normalized();
      StyleBankNet.Normalized<TFloat32> own = sty.lookup(table, y);
      Operand<TFloat32> c =
          nn.add(post.mean(), nn.mul(post.std(), RandomInputs.normalFromUniform(nn, uc)));
      Operand<TFloat32> s =
          nn.add(own.mean(), nn.mul(own.std(), RandomInputs.normalFromUniform(nn, us)));
      Pass<TFloat32> pass = Pass.plain();
      Operand<TFloat32> rec = gen.apply(c, s, mc, ms, pass);
      Operand<TFloat32> weights =
          Losses.pixelWeights(nn, AlphaMask.alpha(nn, x), tf.onesLike(nn.sum(AlphaMask.alpha(nn, x), 3)));
      Operand<TFloat32> total =
          tf.math.addN(
              List.of(
                  nn.mul(Losses.reconstruction(nn, rec, AlphaMask.rgb(nn, x), weights), config.recWeight()),
                  nn.mul(pass.foldPenalty(nn), config.transformPenalty()),
                  nn.mul(
                      Losses.weightedSum(
                          nn,
                          Losses.gaussianKlPerDimension(nn, post.mean(), post.std()),
                          RandomInputs.keepProbabilities(cc, config.contentDropout())),
                      config.conWeight()),
                  nn.mul(
                      Losses.weightedSum(
                          nn, sty.klVector(table), RandomInputs.keepProbabilities(cs, config.styleDropout())),
                      config.styWeight())));
      List<ParamStore.Param> params = store.select(ParamStore.Param::trainable);
      List<Operand<?>> reads = new ArrayList<>();
      params.forEach(p -> reads.add(p.read()));
      List<Output<?>> grads = tf.gradients(total, reads).dy();
      Gate gate = new Gate(tf).after(grads);
      List<Op> steps = new ArrayList<>();
      for (String group : List.of("enc/", "gen/", "sty/")) {
        List<ParamStore.Param> ps = new ArrayList<>();
        List<Operand<TFloat32>> gs2 = new ArrayList<>();
        for (int i = 0; i < params.size(); i++) {
          if (params.get(i).name().startsWith(group)) {
            ps.add(params.get(i));
            @SuppressWarnings("unchecked")
            Operand<TFloat32> g = (Operand<TFloat32>) grads.get(i);
            gs2.add(g);
          }
        }
        double eps = group.equals("sty/") ? 1e-8 : 1e-4;
        steps.add(new Adam<>(nn.sub("opt/" + group), ps, 0.9, 0.999, eps).step(gate.ops(), gs2, lr));
      }
      Op step = Gate.group(tf, steps);
      store.initialize(gs.session());
      try (Feeds f = new Feeds(gs.session())) {
        f.floats(x, batch.rgba(), n, r, r, 4).ints(y, batch.labels())
            .floats(uc, in.noiseContent(), n, cc).floats(us, in.noiseStyle(), n, cs)
            .floats(mc, in.maskContent(), n, cc).floats(ms, in.maskStyle(), n, cs)
            .scalar(lr, config.lr());
        f.runner().addTarget(step);
        f.run().close();
      }
      Map<String, float[]> out = new HashMap<>();
      for (String group : List.of("enc/", "gen/", "sty/")) {
        out.putAll(store.read(gs.session(), store.withPrefix(group)));
      }
      return out;
    }
  }
}
