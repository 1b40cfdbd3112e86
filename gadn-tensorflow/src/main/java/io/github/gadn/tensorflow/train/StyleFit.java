package io.github.gadn.tensorflow.train;

import static com.google.common.base.Preconditions.checkArgument;

import io.github.gadn.EnrolledStyle;
import io.github.gadn.ImageBatch;
import io.github.gadn.config.EnrollConfig;
import io.github.gadn.config.NetworkStructure;
import io.github.gadn.config.RunOptions;
import io.github.gadn.config.Stage1Config;
import io.github.gadn.data.InkWeights;
import io.github.gadn.tensorflow.loss.Losses;
import io.github.gadn.tensorflow.net.GeneratorNet;
import io.github.gadn.tensorflow.nn.AlphaMask;
import io.github.gadn.tensorflow.nn.Nn;
import io.github.gadn.tensorflow.nn.ParamStore;
import io.github.gadn.tensorflow.nn.Pass;
import io.github.gadn.tensorflow.nn.RandomInputs;
import io.github.gadn.tensorflow.optim.Adam;
import io.github.gadn.tensorflow.optim.Gate;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.tensorflow.Operand;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Op;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.types.TFloat32;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Fits a new style entry with {@code E} and {@code G} frozen (docs/method.md §3.12a). A small graph
 * holds a copy of {@code G} and two trainable vectors, the entry's mean {@code m} (starting at 0,
 * the neutral style) and log-std {@code ℓ} (starting at the log of the trained rows' average
 * std); one {@code Session.run} per iteration computes
 *
 * <pre>{@code
 * s    = m + exp(ℓ) ⊙ z                       stratified noise z (docs/method.md §4.2), one row per image
 * loss = λ_rec · L_rec(G(μ_E(x), s), x)  +  λ_sty · Σ_j p_s^j KL(N(m_j, exp(ℓ_j)²) ‖ N(0, 1))
 * }</pre>
 *
 * with the run's per-pixel weights, {@code λ_rec}, {@code λ_sty} and style keep probabilities
 * {@code p_s}, and applies Adam (ε 1e-8, like the style table's) to {@code m} and {@code ℓ}.
 * The content codes are the encoder means, computed once by the caller.
 */
public final class StyleFit {
  private static final Logger LOG = LoggerFactory.getLogger(StyleFit.class);

  /**
   * What a run contributes to the fit: its loss weights and per-pixel weighting.
   *
   * @param recWeight {@code λ_rec}
   * @param styWeight {@code λ_sty}
   * @param styleDropout nested-dropout base of the style code (the KL's keep probabilities)
   * @param inkWeights background weight of the ink weight maps, 0 for none
   */
  public record Settings(
      double recWeight, double styWeight, double styleDropout, double inkWeights) {
    /** The settings of a stage-1 run's (resolved) options. */
    public static Settings of(Stage1Config c) {
      return new Settings(c.recWeight(), c.styWeight(), c.styleDropout(), Math.max(0, c.inkWeights()));
    }
  }

  private StyleFit() {}

  /**
   * Fits one entry.
   *
   * @param name the entry's name (already checked)
   * @param images the images of the new style
   * @param content their content codes (encoder means), row-major {@code [n, Cc]}
   * @param generatorWeights every {@code gen/…} variable of the frozen generator
   * @param initialStd the std the entry starts from, {@code Cs} positive values
   * @param structure generator structure
   * @param contentSize {@code Cc}
   * @param settings the run's loss weights and weighting
   * @param config iterations, learning rate, seed
   * @param run device and threads
   * @return the fitted entry
   */
  public static EnrolledStyle fit(
      String name,
      ImageBatch images,
      float[] content,
      Map<String, float[]> generatorWeights,
      float[] initialStd,
      NetworkStructure structure,
      int contentSize,
      Settings settings,
      EnrollConfig config,
      RunOptions run) {
    int n = images.count();
    int r = images.size();
    int cs = initialStd.length;
    checkArgument(content.length == n * contentSize, "%s content values for %s images", content.length, n);
    float[] weights = new float[n * r * r];
    for (int i = 0; i < n; i++) {
      float[] w = settings.inkWeights() > 0
          ? InkWeights.weightMap(images.image(i), r, settings.inkWeights())
          : null;
      if (w == null) {
        Arrays.fill(weights, i * r * r, (i + 1) * r * r, 1f);
      } else {
        System.arraycopy(w, 0, weights, i * r * r, r * r);
      }
    }
    double[] logStd = new double[cs];
    for (int j = 0; j < cs; j++) {
      logStd[j] = Math.log(Math.max(initialStd[j], 1e-6));
    }
    try (GraphSession graph = new GraphSession(run)) {
      Ops tf = graph.ops();
      ParamStore store = new ParamStore(tf);
      Nn<TFloat32> nn =
          new Nn<>(tf, TFloat32.class, store, config.seed()).withForwardConvs(GraphSession.forwardConvs(run));
      GeneratorNet<TFloat32> gen = new GeneratorNet<>(nn.sub("gen"), structure, r, contentSize, cs);
      Nn<TFloat32> fit = nn.sub("fit");
      Operand<TFloat32> mean = fit.paramFilled("mean", new long[] {cs}, 0);
      Operand<TFloat32> logSd = fit.param("log_std", new long[] {cs}, logStd::clone);
      List<ParamStore.Param> params = store.select(p -> p.trainable() && p.name().startsWith("fit/"));

      Placeholder<TFloat32> x = tf.placeholder(TFloat32.class, Placeholder.shape(Shape.of(n, r, r, 4)));
      Placeholder<TFloat32> w = tf.placeholder(TFloat32.class, Placeholder.shape(Shape.of(n, r, r)));
      Placeholder<TFloat32> c = tf.placeholder(TFloat32.class, Placeholder.shape(Shape.of(n, contentSize)));
      Placeholder<TFloat32> u = tf.placeholder(TFloat32.class, Placeholder.shape(Shape.of(n, cs)));
      Placeholder<TFloat32> lr = tf.placeholder(TFloat32.class, Placeholder.shape(Shape.scalar()));
      Placeholder<TFloat32> probe = tf.placeholder(TFloat32.class, Placeholder.shape(Shape.of(n, cs)));

      Operand<TFloat32> rgb = AlphaMask.rgb(nn, x);
      Operand<TFloat32> pixelWeights = Losses.pixelWeights(nn, AlphaMask.alpha(nn, x), w);
      Operand<TFloat32> std = tf.math.exp(logSd);
      Operand<TFloat32> s = nn.add(nn.mul(RandomInputs.normalFromUniform(nn, u), std), mean);
      Operand<TFloat32> rec =
          Losses.reconstruction(nn, gen.apply(c, s, null, null, Pass.plain()), rgb, pixelWeights);
      Operand<TFloat32> kl =
          Losses.gaussianKlPerDimension(nn, nn.reshape(mean, 1, cs), nn.reshape(std, 1, cs));
      double[] keep = RandomInputs.keepProbabilities(cs, settings.styleDropout());
      Operand<TFloat32> loss =
          nn.add(
              nn.mul(rec, settings.recWeight()),
              nn.mul(Losses.weightedSum(nn, kl, keep), settings.styWeight()));
      List<Operand<TFloat32>> grads = Grads.of(tf, loss, params);
      Ops gated = new Gate(tf).after(grads).after(loss).ops();
      Op step = new Adam<>(nn.sub("opt/fit"), params, 0.9, 0.999, 1e-8).step(gated, grads, lr);
      Operand<TFloat32> probeLoss =
          Losses.reconstruction(nn, gen.apply(c, probe, null, null, Pass.plain()), rgb, pixelWeights);

      Session session = graph.session();
      store.assignInitial(session, store.select(p -> !p.name().startsWith("gen/")));
      store.write(session, generatorWeights);

      float[] rgba = images.toArray();
      double zeroLoss = probe(session, x, w, c, probe, probeLoss, rgba, weights, content, new float[cs], n, r, contentSize);
      for (int t = 0; t < config.iterations(); t++) {
        double[] uniforms =
            RandomInputs.stratifiedUniform(RandomInputs.forIteration(config.seed(), t, 0), n, cs);
        try (Feeds feeds = new Feeds(session)) {
          feeds.floats(x, rgba, n, r, r, 4).floats(w, weights, n, r, r)
              .floats(c, content, n, contentSize).floats(u, uniforms, n, cs)
              .scalar(lr, config.learningRate());
          feeds.runner().fetch(loss).addTarget(step);
          try (Result result = feeds.run()) {
            double value = Feeds.scalar(result.get(0));
            if (!Double.isFinite(value)) {
              throw new IllegalStateException(
                  "fitting style \"" + name + "\": the loss became " + value + " at iteration " + t
                      + "; try a lower learning rate");
            }
            if (t == 0 || t + 1 == config.iterations()) {
              LOG.debug("enroll {}: iteration {} loss {}", name, t + 1, value);
            }
          }
        }
      }
      Map<String, float[]> fitted = store.read(session, params);
      float[] m = fitted.get("fit/mean");
      float[] sd = fitted.get("fit/log_std");
      for (int j = 0; j < cs; j++) {
        sd[j] = (float) Math.exp(sd[j]);
      }
      double fittedLoss = probe(session, x, w, c, probe, probeLoss, rgba, weights, content, m, n, r, contentSize);
      LOG.info("enroll {}: {} images, {} iterations, reconstruction loss {} with the zero style, {}"
          + " with the fitted mean", name, n, config.iterations(), zeroLoss, fittedLoss);
      return new EnrolledStyle(name, m, sd, n, config, zeroLoss, fittedLoss);
    }
  }

  /** The weighted reconstruction loss of the images drawn with one style code (no noise). */
  private static double probe(
      Session session, Placeholder<TFloat32> x, Placeholder<TFloat32> w, Placeholder<TFloat32> c,
      Placeholder<TFloat32> probe, Operand<TFloat32> probeLoss, float[] rgba, float[] weights,
      float[] content, float[] style, int n, int r, int contentSize) {
    float[] styles = new float[n * style.length];
    for (int i = 0; i < n; i++) {
      System.arraycopy(style, 0, styles, i * style.length, style.length);
    }
    try (Feeds feeds = new Feeds(session)) {
      feeds.floats(x, rgba, n, r, r, 4).floats(w, weights, n, r, r)
          .floats(c, content, n, contentSize).floats(probe, styles, n, style.length);
      feeds.runner().fetch(probeLoss);
      try (Result result = feeds.run()) {
        return Feeds.scalar(result.get(0));
      }
    }
  }
}
