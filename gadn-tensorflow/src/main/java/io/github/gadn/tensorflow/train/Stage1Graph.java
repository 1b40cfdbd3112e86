package io.github.gadn.tensorflow.train;

import io.github.gadn.config.Stage1Config;
import io.github.gadn.tensorflow.loss.Losses;
import io.github.gadn.tensorflow.net.ClassifierNet;
import io.github.gadn.tensorflow.net.EncoderNet;
import io.github.gadn.tensorflow.net.GeneratorNet;
import io.github.gadn.tensorflow.net.MlpClassifierNet;
import io.github.gadn.tensorflow.net.StyleBankNet;
import io.github.gadn.tensorflow.nn.AlphaMask;
import io.github.gadn.tensorflow.nn.AugmentWarp;
import io.github.gadn.tensorflow.nn.Nn;
import io.github.gadn.tensorflow.nn.ParamStore;
import io.github.gadn.tensorflow.nn.Pass;
import io.github.gadn.tensorflow.nn.RandomInputs;
import io.github.gadn.tensorflow.optim.Adam;
import io.github.gadn.tensorflow.optim.Gate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.tensorflow.Operand;
import org.tensorflow.Output;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Op;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Gradients;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;
import org.tensorflow.types.family.TFloating;

/**
 * The stage-1 iteration of docs/method.md §4.3 as one graph, with the per-group gradient routing of
 * §4.4:
 *
 * <ul>
 *   <li>{@code C1} gets ∇ of its cross entropy on the stopped shifted-style generation only;
 *   <li>{@code G} gets ∇(λ_rec L_rec + λ_tp P) from the own-style pass plus the adversarial
 *       gradient {@code ∂(−λ_cla L_adv)/∂x̂_sh} pushed back through the shifted pass (plus the match
 *       gradient, through the shifted pass to {@code G} only);
 *   <li>{@code E} gets the content-code gradient of both passes through {@code c = μ + σ z}, plus
 *       ∇ λ_con L_KLc;
 *   <li>{@code S} gets the style-code gradient of the own-style pass only, plus ∇ λ_sty L_KLs.
 * </ul>
 *
 * All four Adam steps run after every gradient of the iteration, in the same {@code Session.run}.
 *
 * <p>With {@link io.github.gadn.config.RunOptions#recompute()} (the default) the encoder and the
 * shifted-style generator pass (convolutional {@code C1} only) are built a second time on
 * inputs that wait, through control dependencies, for the gradient that starts their backward
 * pass, and it is the second copy that is differentiated: the first copies' activations are freed
 * as soon as the forward pass has used them instead of living through the whole step, and
 * {@code C1}'s forward waits for the own-style pass's gradients. Same ops on the same inputs give
 * the same values, so the gradients are the same; the step does two more forward passes (126 →
 * 146 GFLOP at 32 px) and keeps about a third less (docs/performance.md).
 * The fed random inputs (stratified uniforms, dropout masks, augmentation parameters) come from
 * {@link RandomInputs}.
 */
final class Stage1Graph {
  /** Names of the logged quantities, in log order (docs/method.md §9.4). */
  static final List<String> LOGGED =
      List.of("rec", "con", "sty", "cla", "cla-br", "rec-shift", "match");

  final Placeholder<TFloat32> images;
  final Placeholder<TFloat32> weights;
  final Placeholder<TInt32> labels;
  final Placeholder<TFloat32> noiseContent;
  final Placeholder<TFloat32> noiseStyle;
  final Placeholder<TFloat32> maskContent;
  final Placeholder<TFloat32> maskStyle;
  final Placeholder<TFloat32> augment;
  final Placeholder<TFloat32> lr;
  final Placeholder<TFloat32> styleLr;
  final Map<String, Operand<TFloat32>> logged = new LinkedHashMap<>();
  final Op step;

  final Placeholder<TFloat32> visImages;
  final Placeholder<TInt32> visLabels;
  final Placeholder<TInt32> visNextLabels;
  final Operand<TFloat32> visOwn;
  final Operand<TFloat32> visZero;
  final Operand<TFloat32> visNext;

  final ParamStore store;

  Stage1Graph(Ops tf, Stage1Config config, double[] prior, long seed) {
    int n = config.batchSize();
    int r = config.imageSize();
    int cc = config.contentSize();
    int cs = config.styleSize();
    boolean recompute = config.run().recompute();
    this.store = new ParamStore(tf);
    Nn<TFloat32> nn =
        new Nn<>(tf, TFloat32.class, store, seed).withForwardConvs(GraphSession.forwardConvs(config.run()));

    EncoderNet<TFloat32> encoder = new EncoderNet<>(nn.sub("enc"), config.encoder(), r, cc);
    GeneratorNet<TFloat32> generator =
        new GeneratorNet<>(nn.sub("gen"), config.generator(), r, cc, cs);
    StyleBankNet<TFloat32> styles = new StyleBankNet<>(nn.sub("sty"), prior, cs);
    ClassifierNet<TFloat32> cnn = null;
    MlpClassifierNet<TFloat32> mlp = null;
    if (config.mlp()) {
      mlp =
          new MlpClassifierNet<>(
              nn.sub("cla"), cc, config.mlpFeatures(), config.mlpLayers(), config.classCount());
    } else {
      cnn = new ClassifierNet<>(nn.sub("cla"), config.classifier(), r, config.classCount());
    }

    images = tf.withName("images").placeholder(TFloat32.class, Placeholder.shape(Shape.of(n, r, r, 4)));
    weights = tf.withName("weights").placeholder(TFloat32.class, Placeholder.shape(Shape.of(n, r, r)));
    labels = tf.withName("labels").placeholder(TInt32.class, Placeholder.shape(Shape.of(n)));
    noiseContent = tf.withName("noise_c").placeholder(TFloat32.class, Placeholder.shape(Shape.of(n, cc)));
    noiseStyle = tf.withName("noise_s").placeholder(TFloat32.class, Placeholder.shape(Shape.of(n, cs)));
    maskContent = tf.withName("mask_c").placeholder(TFloat32.class, Placeholder.shape(Shape.of(n, cc)));
    maskStyle = tf.withName("mask_s").placeholder(TFloat32.class, Placeholder.shape(Shape.of(n, cs)));
    augment =
        tf.withName("augment")
            .placeholder(TFloat32.class, Placeholder.shape(Shape.of(n, AugmentWarp.PARAMS)));
    lr = tf.withName("lr").placeholder(TFloat32.class, Placeholder.shape(Shape.scalar()));
    styleLr = tf.withName("sty_lr").placeholder(TFloat32.class, Placeholder.shape(Shape.scalar()));

    // --- codes
    Operand<TFloat32> alpha = AlphaMask.alpha(nn, images);
    Operand<TFloat32> rgb = AlphaMask.rgb(nn, images);
    Operand<TFloat32> encoderInput = AlphaMask.apply(nn, images);
    EncoderNet.Posterior<TFloat32> posterior = encoder.apply(encoderInput);
    StyleBankNet.Normalized<TFloat32> table = styles.normalized();
    StyleBankNet.Normalized<TFloat32> own = styles.lookup(table, labels);
    double[] keepC = RandomInputs.keepProbabilities(cc, config.contentDropout());
    double[] keepS = RandomInputs.keepProbabilities(cs, config.styleDropout());
    Operand<TFloat32> klC = Losses.gaussianKlPerDimension(nn, posterior.mean(), posterior.std());
    Operand<TFloat32> lossKlC = Losses.weightedSum(nn, klC, keepC);
    Operand<TFloat32> standardNoise = RandomInputs.normalFromUniform(nn, noiseContent);
    Operand<TFloat32> c = nn.add(posterior.mean(), nn.mul(posterior.std(), standardNoise));
    Operand<TFloat32> klS = styles.klVector(table);
    Operand<TFloat32> lossKlS = Losses.weightedSum(nn, klS, keepS);
    Operand<TFloat32> s =
        nn.add(own.mean(), nn.mul(own.std(), RandomInputs.normalFromUniform(nn, noiseStyle)));

    // --- reconstruction with own style
    Pass<TFloat32> recPass = Pass.plain();
    Operand<TFloat32> xRec = generator.apply(c, s, maskContent, maskStyle, recPass);
    Operand<TFloat32> pixelWeights = Losses.pixelWeights(nn, alpha, weights);
    Operand<TFloat32> lossRec = Losses.reconstruction(nn, xRec, rgb, pixelWeights);
    Operand<TFloat32> fold = recPass.foldPenalty(nn);
    Operand<TFloat32> recObjective =
        nn.add(nn.mul(lossRec, config.recWeight()), nn.mul(fold, config.transformPenalty()));

    List<ParamStore.Param> encParams = store.select(p -> p.trainable() && p.name().startsWith("enc/"));
    List<ParamStore.Param> genParams = store.select(p -> p.trainable() && p.name().startsWith("gen/"));
    List<ParamStore.Param> styParams = store.select(p -> p.trainable() && p.name().startsWith("sty/"));
    boolean claBr = config.claBrWeight() > 0;
    // BR parameters of C1 receive no gradient when its BR loss is off (docs/method.md §4.4).
    List<ParamStore.Param> claParams =
        store.select(
            p -> p.trainable() && p.name().startsWith("cla/") && (claBr || !p.name().contains("/br/")));

    List<Operand<?>> recSources = new ArrayList<>(Grads.reads(genParams));
    recSources.add(c);
    recSources.add(s);
    List<Output<?>> recGrads = tf.gradients(recObjective, recSources).dy();
    List<Operand<TFloat32>> genGrad = Grads.typed(recGrads.subList(0, genParams.size()));
    Operand<TFloat32> contentGrad = Grads.typed(recGrads.get(genParams.size()));
    Operand<TFloat32> styleGrad = Grads.typed(recGrads.get(genParams.size() + 1));

    // --- adversarial classifier
    Operand<TFloat32> logPrior = tf.math.log(styles.prior());
    Operand<TFloat32> lossCla;
    Operand<TFloat32> lossClaBr;
    Operand<TFloat32> recShift;
    List<Operand<TFloat32>> claGrad;
    Operand<TFloat32> lossMatch = nn.constant(0);
    if (!config.mlp()) {
      Operand<TFloat32> sShift = tf.stopGradient(Losses.roll(tf, s, 2));
      Operand<TFloat32> maskShift = Losses.roll(tf, maskStyle, 2);
      Operand<TFloat32> xShift = generator.apply(c, sShift, maskContent, maskShift, Pass.plain());
      Operand<TFloat32> xShiftLeaf = tf.stopGradient(xShift);
      recShift = Losses.reconstruction(nn, tf.stopGradient(xShift), rgb, pixelWeights);
      // Recomputing: C1's forward (whose activations its two backward passes keep) waits for
      // the own-style pass's gradients, so that G's activations of that pass are freed first.
      Operand<TFloat32> claSource =
          recompute ? new Gate(tf).after(recGrads).ops().identity(xShiftLeaf) : xShiftLeaf;
      Operand<TFloat32> claInput =
          AugmentWarp.applyIfEnabled(
              nn, AlphaMask.opaque(nn, claSource), augment, r, 4, config.augment());
      Pass<TFloat32> claPass = claBr ? Pass.withBatchReg() : Pass.plain();
      Operand<TFloat32> logProbs = cnn.apply(claInput, claPass);
      lossCla = Losses.crossEntropy(nn, logProbs, labels);
      lossClaBr = claPass.brLoss(nn);
      Operand<TFloat32> lossAdv = Losses.cappedNll(nn, logProbs, labels, logPrior);
      Operand<TFloat32> claObjective = nn.add(lossCla, nn.mul(lossClaBr, config.claBrWeight()));
      claGrad = Grads.typed(tf.gradients(claObjective, Grads.reads(claParams)).dy());

      Operand<TFloat32> advGradImage =
          Grads.typed(
              tf.gradients(nn.mul(lossAdv, -config.claWeight()), List.of(xShiftLeaf)).dy(0));
      // Recomputing: the shifted pass is built again on inputs that wait for the image gradient,
      // and differentiated instead of the first, whose activations are then freed as it runs.
      Operand<TFloat32> shiftCode = c;
      Operand<TFloat32> xShiftForGrad = xShift;
      if (recompute) {
        Ops afterAdv = new Gate(tf).after(advGradImage).ops();
        shiftCode = afterAdv.identity(c);
        xShiftForGrad =
            generator.apply(
                shiftCode, afterAdv.identity(sShift), maskContent, maskShift, Pass.plain());
      }
      List<Operand<?>> shiftSources = new ArrayList<>(Grads.reads(genParams));
      shiftSources.add(shiftCode);
      List<Output<?>> shiftGrads =
          tf.gradients(List.of(xShiftForGrad), shiftSources, Gradients.dx(List.of(advGradImage)))
              .dy();
      genGrad = add(nn, genGrad, Grads.typed(shiftGrads.subList(0, genParams.size())));
      contentGrad = nn.add(contentGrad, Grads.typed(shiftGrads.get(genParams.size())));

      if (config.matchWeight() > 0) {
        // Target: E's mean of the own-style reconstruction (constant); prediction: E's mean of the
        // shifted generation from the stopped content code. The gradient reaches only G
        // (docs/method.md §4.4).
        Operand<TFloat32> target =
            tf.stopGradient(encoder.apply(AlphaMask.apply(nn, tf.stopGradient(xRec), alpha)).mean());
        Operand<TFloat32> predicted = encoder.apply(AlphaMask.apply(nn, xShiftLeaf, alpha)).mean();
        lossMatch = Losses.meanSquaredDistance(nn, target, predicted);
        Operand<TFloat32> matchGradImage =
            Grads.typed(tf.gradients(nn.mul(lossMatch, config.matchWeight()), List.of(xShiftLeaf)).dy(0));
        List<Output<?>> matchGrads =
            tf.gradients(List.of(xShift), Grads.reads(genParams), Gradients.dx(List.of(matchGradImage)))
                .dy();
        genGrad = add(nn, genGrad, Grads.typed(matchGrads));
      }
    } else {
      Operand<TFloat32> codeLeaf = tf.stopGradient(c);
      Pass<TFloat32> claPass = claBr ? Pass.withBatchReg() : Pass.plain();
      Operand<TFloat32> logProbs = mlp.apply(nn.mul(codeLeaf, maskContent), claPass);
      lossCla = Losses.crossEntropy(nn, logProbs, labels);
      lossClaBr = claPass.brLoss(nn);
      Operand<TFloat32> lossAdv = Losses.cappedNll(nn, logProbs, labels, logPrior);
      claGrad =
          Grads.typed(
              tf.gradients(nn.add(lossCla, nn.mul(lossClaBr, config.claBrWeight())), Grads.reads(claParams))
                  .dy());
      Operand<TFloat32> advGradCode =
          Grads.typed(tf.gradients(nn.mul(lossAdv, -config.claWeight()), List.of(codeLeaf)).dy(0));
      contentGrad = nn.add(contentGrad, advGradCode);
      recShift = nn.constant(0);
    }

    // --- back into E and S through the reparametrisation, plus their KL terms
    Operand<TFloat32> one = nn.constant(1);
    // Recomputing: E runs again, on an input that waits for the content-code gradient, and that
    // pass is differentiated, so E's activations are not kept through G's and C1's passes.
    Operand<TFloat32> cForGrad = c;
    Operand<TFloat32> lossKlCForGrad = lossKlC;
    if (recompute) {
      Ops afterContent = new Gate(tf).after(contentGrad).ops();
      EncoderNet.Posterior<TFloat32> again = encoder.apply(afterContent.identity(encoderInput));
      cForGrad = nn.add(again.mean(), nn.mul(again.std(), standardNoise));
      lossKlCForGrad =
          Losses.weightedSum(
              nn, Losses.gaussianKlPerDimension(nn, again.mean(), again.std()), keepC);
    }
    List<Operand<TFloat32>> encGrad =
        Grads.typed(
            tf.gradients(
                    List.of(cForGrad, nn.mul(lossKlCForGrad, config.conWeight())),
                    Grads.reads(encParams),
                    Gradients.dx(List.of(contentGrad, one)))
                .dy());
    List<Operand<TFloat32>> styGrad =
        Grads.typed(
            tf.gradients(
                    List.of(s, nn.mul(lossKlS, config.styWeight())),
                    Grads.reads(styParams),
                    Gradients.dx(List.of(styleGrad, one)))
                .dy());

    logged.put("rec", lossRec);
    logged.put("con", nn.sumAll(klC));
    logged.put("sty", nn.sumAll(klS));
    logged.put("cla", lossCla);
    logged.put("cla-br", lossClaBr);
    logged.put("rec-shift", recShift);
    logged.put("match", lossMatch);

    Gate gate = new Gate(tf);
    gate.after(encGrad).after(genGrad).after(styGrad).after(claGrad).after(logged.values());
    Ops gated = gate.ops();
    Adam<TFloat32> adamE = new Adam<>(nn.sub("opt/enc"), encParams, 0.9, 0.999, 1e-4);
    Adam<TFloat32> adamG = new Adam<>(nn.sub("opt/gen"), genParams, 0.9, 0.999, 1e-4);
    Adam<TFloat32> adamC = new Adam<>(nn.sub("opt/cla"), claParams, 0.9, 0.999, 1e-4);
    Adam<TFloat32> adamS = new Adam<>(nn.sub("opt/sty"), styParams, 0.9, 0.999, 1e-8);
    step =
        Gate.group(
            tf,
            List.of(
                adamE.step(gated, encGrad, lr),
                adamG.step(gated, genGrad, lr),
                adamC.step(gated, claGrad, lr),
                adamS.step(gated, styGrad, styleLr)));

    // --- visualisation (docs/method.md §4.6): encoder means, style means, no masks
    visImages = tf.withName("vis_images").placeholder(TFloat32.class, Placeholder.shape(Shape.of(-1, r, r, 4)));
    visLabels = tf.withName("vis_labels").placeholder(TInt32.class, Placeholder.shape(Shape.of(-1)));
    visNextLabels = tf.withName("vis_next").placeholder(TInt32.class, Placeholder.shape(Shape.of(-1)));
    Operand<TFloat32> mu = encoder.apply(AlphaMask.apply(nn, visImages)).mean();
    Operand<TFloat32> ownMean = styles.lookup(table, visLabels).mean();
    Operand<TFloat32> nextMean = styles.lookup(table, visNextLabels).mean();
    visOwn = generator.apply(mu, ownMean, null, null, Pass.plain());
    visZero = generator.apply(mu, tf.zerosLike(ownMean), null, null, Pass.plain());
    visNext = generator.apply(mu, nextMean, null, null, Pass.plain());
  }

  /**
   * Runs one training iteration: one {@code Session.run} that computes every loss and gradient and
   * applies all four updates.
   *
   * @return the logged quantities in {@link #LOGGED} order
   */
  double[] train(
      org.tensorflow.Session session,
      Stage1Config config,
      io.github.gadn.data.Batch batch,
      Stage1Inputs inputs,
      double lrScale) {
    int n = config.batchSize();
    int r = config.imageSize();
    float[] w = batch.weights();
    if (w == null) {
      w = new float[n * r * r];
      java.util.Arrays.fill(w, 1f);
    }
    try (Feeds feeds = new Feeds(session)) {
      feeds
          .floats(images, batch.rgba(), n, r, r, 4)
          .floats(weights, w, n, r, r)
          .ints(labels, batch.labels())
          .floats(noiseContent, inputs.noiseContent(), n, config.contentSize())
          .floats(noiseStyle, inputs.noiseStyle(), n, config.styleSize())
          .floats(maskContent, inputs.maskContent(), n, config.contentSize())
          .floats(maskStyle, inputs.maskStyle(), n, config.styleSize())
          .floats(augment, inputs.augment(), n, AugmentWarp.PARAMS)
          .scalar(lr, config.lr() * lrScale)
          .scalar(styleLr, config.styleLr() * lrScale);
      for (Operand<TFloat32> o : logged.values()) {
        feeds.runner().fetch(o);
      }
      feeds.runner().addTarget(step);
      try (org.tensorflow.Result result = feeds.run()) {
        double[] out = new double[logged.size()];
        for (int i = 0; i < out.length; i++) {
          out[i] = Feeds.scalar(result.get(i));
        }
        return out;
      }
    }
  }

  /**
   * The three visualisation images of docs/method.md §4.6 for each input: own style, zero style,
   * next input's style (cyclically).
   *
   * @return {@code [own, zero, next]}, each NHWC RGB values of all inputs
   */
  float[][] visualize(org.tensorflow.Session session, float[] rgba, int[] labelValues, int size) {
    int count = labelValues.length;
    int[] next = new int[count];
    for (int i = 0; i < count; i++) {
      next[i] = labelValues[(i + 1) % count];
    }
    try (Feeds feeds = new Feeds(session)) {
      feeds.floats(visImages, rgba, count, size, size, 4).ints(visLabels, labelValues)
          .ints(visNextLabels, next);
      feeds.runner().fetch(visOwn).fetch(visZero).fetch(visNext);
      try (org.tensorflow.Result result = feeds.run()) {
        return new float[][] {
          Feeds.toFloats(result.get(0)), Feeds.toFloats(result.get(1)), Feeds.toFloats(result.get(2))
        };
      }
    }
  }

  private static <T extends TFloating> List<Operand<T>> add(
      Nn<T> nn, List<Operand<T>> a, List<Operand<T>> b) {
    List<Operand<T>> out = new ArrayList<>();
    for (int i = 0; i < a.size(); i++) {
      out.add(nn.add(a.get(i), b.get(i)));
    }
    return out;
  }

}
