package io.github.gadn.tensorflow.train;

import io.github.gadn.config.AugmentConfig;
import io.github.gadn.config.NetworkStructure;
import io.github.gadn.config.Stage2Config;
import io.github.gadn.data.Batch;
import io.github.gadn.tensorflow.loss.Losses;
import io.github.gadn.tensorflow.net.ClassifierNet;
import io.github.gadn.tensorflow.net.EncoderNet;
import io.github.gadn.tensorflow.net.GeneratorNet;
import io.github.gadn.tensorflow.net.StyleBankNet;
import io.github.gadn.tensorflow.nn.AlphaMask;
import io.github.gadn.tensorflow.nn.AugmentWarp;
import io.github.gadn.tensorflow.nn.Nn;
import io.github.gadn.tensorflow.nn.ParamStore;
import io.github.gadn.tensorflow.nn.Pass;
import io.github.gadn.tensorflow.nn.RandomInputs;
import io.github.gadn.tensorflow.optim.Adam;
import io.github.gadn.tensorflow.optim.Ema;
import io.github.gadn.tensorflow.optim.Gate;
import io.github.gadn.tensorflow.optim.RmsProp;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.tensorflow.Operand;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Op;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;

/**
 * Stage 2 (docs/method.md §7.2) as one graph with two training targets, each run by one {@code
 * Session.run}:
 *
 * <ul>
 *   <li>{@link #discriminatorStep}: LSGAN {@code D} (real → +1, fake → −1, BR on real) and {@code
 *       C2} (cross entropy on real, negative log-unlikelihood of the conditioned class on fakes,
 *       BR on real), each with its own RMSprop step; the fake is {@code sg(G(c, S(a')))};
 *   <li>{@link #generatorStep}: {@code G} by RMSprop and {@code S} by Adam on {@code λ_dis(L_gd +
 *       λ_gbr BR_D) + λ_cla(L_gc + λ_gbr BR_C2) + λ_con L_con + λ_tp P} (+ {@code λ_sty KL_s}
 *       for {@code S}); {@code D}, {@code C2} and the encoder {@code E} are frozen; with
 *       {@code emaBeta > 0} the same run then updates the moving average of G's and S's weights
 *       ({@link Ema}).
 * </ul>
 *
 * Both targets read the same fed batch, content posteriors, noise, masks and augmentation
 * parameters, so the generator step sees exactly the last discriminator batch (same θ for a real
 * image and its fake).
 */
final class Stage2Graph {
  static final List<String> DIS_LOGGED =
      List.of("dis-real", "dis-fake", "dis-br", "cla-real", "cla-fake", "cla-br");
  static final List<String> GEN_LOGGED =
      List.of("gen-dis", "gen-cla", "gen-dis-br", "gen-cla-br", "con", "sty");

  final ParamStore store;
  final Placeholder<TFloat32> images;
  final Placeholder<TInt32> labels;
  final Placeholder<TFloat32> codeMean;
  final Placeholder<TFloat32> codeStd;
  final Placeholder<TFloat32> noiseContent;
  final Placeholder<TFloat32> noiseStyle;
  final Placeholder<TFloat32> maskStyle;
  final Placeholder<TFloat32> augment;
  final Placeholder<TFloat32> lrDis;
  final Placeholder<TFloat32> lrGen;
  final Placeholder<TFloat32> lrSty;
  final Map<String, Operand<TFloat32>> disLogged = new LinkedHashMap<>();
  final Map<String, Operand<TFloat32>> genLogged = new LinkedHashMap<>();
  final Op discriminatorStep;
  final Op generatorStep;

  final Placeholder<TFloat32> visContent;
  final Placeholder<TFloat32> visStyle;
  final Operand<TFloat32> visImages;
  final Placeholder<TInt32> visLabels;
  final Operand<TFloat32> visStyleMeans;
  final Operand<TFloat32> styleSecondMoment;

  /**
   * Builds the graph.
   *
   * @param generator G's structure (from stage 1)
   * @param encoder E's structure (from stage 1), used only when {@code conWeight > 0}
   * @param classifier C2's structure
   * @param discriminator D's body structure (a one-output head)
   * @param stats aggregate content statistics for the content loss
   */
  Stage2Graph(
      Ops tf,
      Stage2Config config,
      int classCount,
      int contentSize,
      int styleSize,
      double styleDropout,
      NetworkStructure generator,
      NetworkStructure encoder,
      NetworkStructure classifier,
      NetworkStructure discriminator,
      double[] prior,
      ContentStats stats,
      long seed) {
    int n = config.batchSize();
    int r = config.imageSize();
    int cc = contentSize;
    int cs = styleSize;
    store = new ParamStore(tf);
    Nn<TFloat32> nn =
        new Nn<>(tf, TFloat32.class, store, seed).withForwardConvs(GraphSession.forwardConvs(config.run()));
    GeneratorNet<TFloat32> gen = new GeneratorNet<>(nn.sub("gen"), generator, r, cc, cs);
    StyleBankNet<TFloat32> sty = new StyleBankNet<>(nn.sub("sty"), prior, cs);
    ClassifierNet<TFloat32> cla = new ClassifierNet<>(nn.sub("cla"), classifier, r, classCount);
    ClassifierNet<TFloat32> dis = new ClassifierNet<>(nn.sub("dis"), discriminator, r, 1);
    EncoderNet<TFloat32> enc =
        config.conWeight() > 0 ? new EncoderNet<>(nn.sub("enc"), encoder, r, cc) : null;

    images = tf.withName("images").placeholder(TFloat32.class, Placeholder.shape(Shape.of(n, r, r, 4)));
    labels = tf.withName("labels").placeholder(TInt32.class, Placeholder.shape(Shape.of(n)));
    codeMean = tf.withName("code_mean").placeholder(TFloat32.class, Placeholder.shape(Shape.of(n, cc)));
    codeStd = tf.withName("code_std").placeholder(TFloat32.class, Placeholder.shape(Shape.of(n, cc)));
    noiseContent = tf.withName("noise_c").placeholder(TFloat32.class, Placeholder.shape(Shape.of(n, cc)));
    noiseStyle = tf.withName("noise_s").placeholder(TFloat32.class, Placeholder.shape(Shape.of(n, cs)));
    maskStyle = tf.withName("mask_s").placeholder(TFloat32.class, Placeholder.shape(Shape.of(n, cs)));
    augment =
        tf.withName("augment")
            .placeholder(TFloat32.class, Placeholder.shape(Shape.of(n, AugmentWarp.PARAMS)));
    lrDis = tf.withName("lr_dis").placeholder(TFloat32.class, Placeholder.shape(Shape.scalar()));
    lrGen = tf.withName("lr_gen").placeholder(TFloat32.class, Placeholder.shape(Shape.scalar()));
    lrSty = tf.withName("lr_sty").placeholder(TFloat32.class, Placeholder.shape(Shape.scalar()));

    // --- the conditioned generation G(c, S(a')) for slot n: content of n, style of n+1
    Operand<TFloat32> c =
        nn.add(codeMean, nn.mul(codeStd, RandomInputs.normalFromUniform(nn, noiseContent)));
    StyleBankNet.Normalized<TFloat32> table = sty.normalized();
    StyleBankNet.Normalized<TFloat32> own = sty.lookup(table, labels);
    Operand<TFloat32> s =
        nn.add(own.mean(), nn.mul(own.std(), RandomInputs.normalFromUniform(nn, noiseStyle)));
    Operand<TFloat32> sShift = Losses.roll(tf, s, 2);
    Operand<TFloat32> maskShift = Losses.roll(tf, maskStyle, 2);
    Operand<TInt32> labelsShift = Losses.roll(tf, labels, 1);
    Pass<TFloat32> genPass = Pass.plain();
    Operand<TFloat32> xg = gen.apply(c, sShift, null, maskShift, genPass);
    Operand<TFloat32> alpha = AlphaMask.alpha(nn, images);
    Operand<TFloat32> real =
        AugmentWarp.applyIfEnabled(
            nn, AlphaMask.apply(nn, images), augment, r, 4, config.augment());
    Operand<TFloat32> fake =
        AugmentWarp.applyIfEnabled(
            nn, AlphaMask.apply(nn, tf.stopGradient(xg), alpha), augment, r, 4, config.augment());

    // --- D and C2 on real images and stopped fakes
    boolean disBr = config.disBrWeight() > 0;
    boolean claBr = config.claBrWeight() > 0;
    Pass<TFloat32> disRealPass = disBr ? Pass.withBatchReg() : Pass.plain();
    Operand<TFloat32> lossDisReal = Losses.leastSquares(nn, dis.apply(real, disRealPass), 1);
    Operand<TFloat32> lossDisBr = disRealPass.brLoss(nn);
    Operand<TFloat32> lossDisFake = Losses.leastSquares(nn, dis.apply(fake, Pass.plain()), -1);
    Pass<TFloat32> claRealPass = claBr ? Pass.withBatchReg() : Pass.plain();
    Operand<TFloat32> lossClaReal = Losses.crossEntropy(nn, cla.apply(real, claRealPass), labels);
    Operand<TFloat32> lossClaBr = claRealPass.brLoss(nn);
    Operand<TFloat32> lossClaFake =
        config.claFake()
            ? Losses.negativeLogUnlikelihood(nn, cla.apply(fake, Pass.plain()), labelsShift)
            : nn.constant(0);
    disLogged.put("dis-real", lossDisReal);
    disLogged.put("dis-fake", lossDisFake);
    disLogged.put("dis-br", lossDisBr);
    disLogged.put("cla-real", lossClaReal);
    disLogged.put("cla-fake", lossClaFake);
    disLogged.put("cla-br", lossClaBr);

    boolean genBr = config.genBrWeight() > 0;
    // D's and C2's BR parameters get gradient only from their real-image BR loss.
    List<ParamStore.Param> disTrained =
        store.select(
            p -> p.trainable() && p.name().startsWith("dis/") && (disBr || !p.name().contains("/br/")));
    List<ParamStore.Param> claTrained =
        store.select(
            p -> p.trainable() && p.name().startsWith("cla/") && (claBr || !p.name().contains("/br/")));
    List<Operand<TFloat32>> disGrad =
        Grads.of(tf, nn.add(nn.add(lossDisReal, nn.mul(lossDisBr, config.disBrWeight())), lossDisFake),
            disTrained);
    List<Operand<TFloat32>> claGrad =
        Grads.of(tf, nn.add(nn.add(lossClaReal, nn.mul(lossClaBr, config.claBrWeight())), lossClaFake),
            claTrained);
    Gate disGate = new Gate(tf).after(disGrad).after(claGrad).after(disLogged.values());
    discriminatorStep =
        Gate.group(
            tf,
            List.of(
                new RmsProp<>(nn.sub("opt/dis"), disTrained, 0.99, 1e-4)
                    .step(disGate.ops(), disGrad, lrDis),
                new RmsProp<>(nn.sub("opt/cla"), claTrained, 0.99, 1e-4)
                    .step(disGate.ops(), claGrad, lrDis)));

    // --- generator step: the same generation, now with its graph
    Operand<TFloat32> fakeG =
        AugmentWarp.applyIfEnabled(
            nn, AlphaMask.apply(nn, xg, alpha), augment, r, 4, config.augment());
    Pass<TFloat32> disFakePass = genBr ? Pass.withBatchReg() : Pass.plain();
    Operand<TFloat32> lossGenDis = Losses.leastSquares(nn, dis.apply(fakeG, disFakePass), 0);
    Pass<TFloat32> claFakePass = genBr ? Pass.withBatchReg() : Pass.plain();
    Operand<TFloat32> lossGenCla =
        Losses.crossEntropy(nn, cla.apply(fakeG, claFakePass), labelsShift);
    Operand<TFloat32> lossGenDisBr = disFakePass.brLoss(nn);
    Operand<TFloat32> lossGenClaBr = claFakePass.brLoss(nn);
    Operand<TFloat32> lossCon = nn.constant(0);
    if (enc != null) {
      Operand<TFloat32> encoded = enc.apply(AlphaMask.apply(nn, xg, alpha)).mean();
      Operand<TFloat32> z =
          nn.div(nn.sub(encoded, codeMean), nn.constant(new long[] {cc}, stats.std()));
      lossCon =
          nn.meanAll(nn.sum(nn.mul(tf.math.square(z), nn.constant(new long[] {cc}, stats.dimWeight())), 1));
    }
    Operand<TFloat32> klS = sty.klVector(table);
    double[] keepS = RandomInputs.keepProbabilities(cs, styleDropout);
    Operand<TFloat32> lossGen =
        tf.math.addN(
            List.of(
                nn.mul(nn.add(lossGenDis, nn.mul(lossGenDisBr, config.genBrWeight())), config.disWeight()),
                nn.mul(nn.add(lossGenCla, nn.mul(lossGenClaBr, config.genBrWeight())), config.claWeight()),
                nn.mul(lossCon, config.conWeight()),
                nn.mul(genPass.foldPenalty(nn), config.transformPenalty())));
    genLogged.put("gen-dis", lossGenDis);
    genLogged.put("gen-cla", lossGenCla);
    genLogged.put("gen-dis-br", lossGenDisBr);
    genLogged.put("gen-cla-br", lossGenClaBr);
    genLogged.put("con", lossCon);
    genLogged.put("sty", nn.sumAll(klS));
    List<ParamStore.Param> genParams =
        store.select(p -> p.trainable() && p.name().startsWith("gen/"));
    List<ParamStore.Param> styParams =
        store.select(p -> p.trainable() && p.name().startsWith("sty/"));
    // One backward pass for both: the style KL does not depend on G, so the gradient of
    // lossGen + λ_sty·KL_s is lossGen's for G and the full objective's for S. (Two gradient calls
    // would build the chain back through D, C2, E and G twice, a third of the step's FLOPs.)
    List<ParamStore.Param> genAndSty = new ArrayList<>(genParams);
    genAndSty.addAll(styParams);
    List<Operand<TFloat32>> grads =
        Grads.of(
            tf,
            nn.add(lossGen, nn.mul(Losses.weightedSum(nn, klS, keepS), config.styWeight())),
            genAndSty);
    List<Operand<TFloat32>> genGrad = grads.subList(0, genParams.size());
    List<Operand<TFloat32>> styGrad = grads.subList(genParams.size(), grads.size());
    Gate genGate = new Gate(tf).after(genGrad).after(styGrad).after(genLogged.values());
    Op genAndStyStep =
        Gate.group(
            tf,
            List.of(
                new RmsProp<>(nn.sub("opt/gen"), genParams, 0.99, 1e-4)
                    .step(genGate.ops(), genGrad, lrGen),
                new Adam<>(nn.sub("opt/sty"), styParams, 0.9, 0.999, 1e-8)
                    .step(genGate.ops(), styGrad, lrSty)));
    // The weight average of G and S follows the step in the same run (docs/training.md).
    generatorStep =
        config.emaBeta() > 0
            ? Ema.after(nn, genAndStyStep, genAndSty, config.emaBeta())
            : genAndStyStep;

    // --- visualisation (docs/method.md §7.4): any content with any style, no masks
    visContent = tf.withName("vis_content").placeholder(TFloat32.class, Placeholder.shape(Shape.of(-1, cc)));
    visStyle = tf.withName("vis_style").placeholder(TFloat32.class, Placeholder.shape(Shape.of(-1, cs)));
    visImages = gen.apply(visContent, visStyle, null, null, Pass.plain());
    visLabels = tf.withName("vis_labels").placeholder(TInt32.class, Placeholder.shape(Shape.of(-1)));
    visStyleMeans = sty.lookup(table, visLabels).mean();
    // Σ_S = (M̃ᵀM̃ + diag(Σ_k σ̃_k²)) / K (docs/method.md §3.12)
    Operand<TFloat32> mtm =
        tf.linalg.matMul(table.mean(), table.mean(), org.tensorflow.op.linalg.MatMul.transposeA(true));
    Operand<TFloat32> diag = tf.linalg.matrixDiag(nn.sum(tf.math.square(table.std()), 0),
        tf.constant(0), tf.constant(-1), tf.constant(-1), nn.constant(0));
    styleSecondMoment = nn.mul(nn.add(mtm, diag), 1.0 / classCount);
  }

  /**
   * The fed values of one D/C2 batch; the generator step re-uses the last one.
   *
   * @param mean content posterior means of the batch, {@code [N, Cc]}
   * @param std content posterior stds, {@code [N, Cc]}
   */
  record Inputs(
      Batch batch,
      float[] mean,
      float[] std,
      double[] noiseContent,
      double[] noiseStyle,
      float[] maskStyle,
      double[] augment) {

    /**
     * Draws, in this order, the content and style noise, the style mask and the augmentation
     * parameters of one batch from {@code random}.
     */
    static Inputs draw(
        Batch batch,
        float[] mean,
        float[] std,
        SplittableRandom random,
        int styleSize,
        double styleDropout,
        AugmentConfig augment) {
      int n = batch.size();
      int cc = mean.length / n;
      return new Inputs(
          batch,
          mean,
          std,
          RandomInputs.stratifiedUniform(random, n, cc),
          RandomInputs.stratifiedUniform(random, n, styleSize),
          RandomInputs.nestedDropoutMask(random, n, styleSize, styleDropout),
          AugmentWarp.stratifiedParams(random, n, augment));
    }
  }

  private Feeds feed(Session session, Inputs in) {
    int n = in.batch().size();
    int r = in.batch().imageSize();
    int cc = in.mean().length / n;
    int cs = in.maskStyle().length / n;
    Feeds feeds = new Feeds(session);
    feeds
        .floats(images, in.batch().rgba(), n, r, r, 4)
        .ints(labels, in.batch().labels())
        .floats(codeMean, in.mean(), n, cc)
        .floats(codeStd, in.std(), n, cc)
        .floats(noiseContent, in.noiseContent(), n, cc)
        .floats(noiseStyle, in.noiseStyle(), n, cs)
        .floats(maskStyle, in.maskStyle(), n, cs)
        .floats(augment, in.augment(), n, AugmentWarp.PARAMS);
    return feeds;
  }

  /**
   * One D and C2 update on a batch (one {@code Session.run}).
   *
   * @return the {@link #DIS_LOGGED} quantities
   */
  double[] discriminatorStep(Session session, Inputs in, double lr) {
    try (Feeds feeds = feed(session, in)) {
      feeds.scalar(lrDis, lr);
      feeds.runner().addTarget(discriminatorStep);
      return fetch(feeds, disLogged);
    }
  }

  /**
   * One G and S update on a batch (one {@code Session.run}).
   *
   * @return the {@link #GEN_LOGGED} quantities
   */
  double[] generatorStep(Session session, Inputs in, double lrGenValue, double lrStyValue) {
    try (Feeds feeds = feed(session, in)) {
      feeds.scalar(lrGen, lrGenValue);
      feeds.scalar(lrSty, lrStyValue);
      feeds.runner().addTarget(generatorStep);
      return fetch(feeds, genLogged);
    }
  }

  private static double[] fetch(Feeds feeds, Map<String, Operand<TFloat32>> ops) {
    ops.values().forEach(feeds.runner()::fetch);
    try (Result result = feeds.run()) {
      double[] out = new double[ops.size()];
      for (int i = 0; i < out.length; i++) {
        out[i] = Feeds.scalar(result.get(i));
      }
      return out;
    }
  }
}
