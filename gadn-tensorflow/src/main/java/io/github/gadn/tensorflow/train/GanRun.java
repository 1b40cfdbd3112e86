package io.github.gadn.tensorflow.train;

import com.google.common.base.Ticker;
import io.github.gadn.GanTrainer;
import io.github.gadn.config.ConfigMaps;
import io.github.gadn.config.GanConfig;
import io.github.gadn.data.Batch;
import io.github.gadn.data.BatchIterator;
import io.github.gadn.data.ImageGrid;
import io.github.gadn.data.LabelledDataset;
import io.github.gadn.tensorflow.loss.Losses;
import io.github.gadn.tensorflow.net.ClassifierNet;
import io.github.gadn.tensorflow.net.GeneratorNet;
import io.github.gadn.tensorflow.nn.AlphaMask;
import io.github.gadn.tensorflow.nn.AugmentWarp;
import io.github.gadn.tensorflow.nn.Nn;
import io.github.gadn.tensorflow.nn.ParamStore;
import io.github.gadn.tensorflow.nn.Pass;
import io.github.gadn.tensorflow.nn.RandomInputs;
import io.github.gadn.tensorflow.optim.Ema;
import io.github.gadn.tensorflow.optim.Gate;
import io.github.gadn.tensorflow.optim.RmsProp;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.UnaryOperator;
import org.tensorflow.Operand;
import org.tensorflow.Result;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Op;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.types.TFloat32;

/**
 * The unconditional LSGAN baseline (docs/method.md §8.1): D loop with independent augmentation of
 * real and fake, then a generator step on the last noise, fake augmentation and real alpha; RMSprop
 * with α = 0.9 for both networks. With {@code emaBeta > 0} the generator step also updates the
 * moving average of G's weights ({@link Ema}), which checkpoints carry.
 */
public final class GanRun extends TrainingRun implements GanTrainer {
  static final String STAGE = "gan";
  static final List<String> LOGGED =
      List.of("dis-real", "dis-fake", "dis-br", "dis-batches", "gen", "gen-br");

  private final GanConfig config;
  private final BatchIterator batches;
  private final Placeholder<TFloat32> images;
  private final Placeholder<TFloat32> noise;
  private final Placeholder<TFloat32> augReal;
  private final Placeholder<TFloat32> augFake;
  private final Placeholder<TFloat32> lrDis;
  private final Placeholder<TFloat32> lrGen;
  private final List<Operand<TFloat32>> disLogged = new ArrayList<>();
  private final List<Operand<TFloat32>> genLogged = new ArrayList<>();
  private final Op disStep;
  private final Op genStep;
  private final Operand<TFloat32> samples;
  private long disBatches;

  private GanRun(GanConfig config, LabelledDataset data, RunFolder folder, Map<String, String> state) {
    super(STAGE, folder, config.run(), Ticker.systemTicker());
    this.config = config;
    int n = config.batchSize();
    int r = config.imageSize();
    int z = config.noiseSize();
    GraphSession gs = new GraphSession(config.run());
    try {
      Ops tf = gs.ops();
      store = new ParamStore(tf);
      Nn<TFloat32> nn =
          new Nn<>(tf, TFloat32.class, store, config.run().seed())
              .withForwardConvs(GraphSession.forwardConvs(config.run()));
      GeneratorNet<TFloat32> gen = new GeneratorNet<>(nn.sub("gen"), config.generator(), r, z, 0);
      ClassifierNet<TFloat32> dis = new ClassifierNet<>(nn.sub("dis"), config.discriminator(), r, 1);
      images = tf.placeholder(TFloat32.class, Placeholder.shape(Shape.of(n, r, r, 4)));
      noise = tf.placeholder(TFloat32.class, Placeholder.shape(Shape.of(-1, z)));
      augReal = tf.placeholder(TFloat32.class, Placeholder.shape(Shape.of(n, AugmentWarp.PARAMS)));
      augFake = tf.placeholder(TFloat32.class, Placeholder.shape(Shape.of(n, AugmentWarp.PARAMS)));
      lrDis = tf.placeholder(TFloat32.class, Placeholder.shape(Shape.scalar()));
      lrGen = tf.placeholder(TFloat32.class, Placeholder.shape(Shape.scalar()));

      Pass<TFloat32> genPass = Pass.plain();
      Operand<TFloat32> generated =
          gen.apply(RandomInputs.normalFromUniform(nn, noise), genPass);
      samples = generated;
      Operand<TFloat32> alpha = AlphaMask.alpha(nn, images);
      boolean disBr = config.disBrWeight() > 0;
      Pass<TFloat32> realPass = disBr ? Pass.withBatchReg() : Pass.plain();
      Operand<TFloat32> real =
          AugmentWarp.applyIfEnabled(
              nn, AlphaMask.apply(nn, images), augReal, r, 4, config.augment());
      Operand<TFloat32> lossReal = Losses.leastSquares(nn, dis.apply(real, realPass), 1);
      Operand<TFloat32> lossBr = realPass.brLoss(nn);
      Operand<TFloat32> fake =
          AugmentWarp.applyIfEnabled(
              nn, AlphaMask.apply(nn, tf.stopGradient(generated), alpha), augFake, r, 4, config.augment());
      Operand<TFloat32> lossFake = Losses.leastSquares(nn, dis.apply(fake, Pass.plain()), -1);
      disLogged.addAll(List.of(lossReal, lossFake, lossBr));
      List<ParamStore.Param> disParams =
          store.select(p -> p.trainable() && p.name().startsWith("dis/")
              && (disBr || !p.name().contains("/br/")));
      List<Operand<TFloat32>> disGrad =
          Grads.of(tf, nn.add(nn.add(lossReal, nn.mul(lossBr, config.disBrWeight())), lossFake), disParams);
      disStep =
          new RmsProp<>(nn.sub("opt/dis"), disParams, 0.9, 1e-4)
              .step(new Gate(tf).after(disGrad).after(disLogged).ops(), disGrad, lrDis);

      boolean genBr = config.genBrWeight() > 0;
      Pass<TFloat32> fakePass = genBr ? Pass.withBatchReg() : Pass.plain();
      Operand<TFloat32> fakeG =
          AugmentWarp.applyIfEnabled(
              nn, AlphaMask.apply(nn, generated, alpha), augFake, r, 4, config.augment());
      Operand<TFloat32> lossGen = Losses.leastSquares(nn, dis.apply(fakeG, fakePass), 0);
      Operand<TFloat32> lossGenBr = fakePass.brLoss(nn);
      genLogged.addAll(List.of(lossGen, lossGenBr));
      List<ParamStore.Param> genParams =
          store.select(p -> p.trainable() && p.name().startsWith("gen/"));
      List<Operand<TFloat32>> genGrad =
          Grads.of(
              tf,
              tf.math.addN(
                  List.of(
                      lossGen,
                      nn.mul(lossGenBr, config.genBrWeight()),
                      nn.mul(genPass.foldPenalty(nn), config.transformPenalty()))),
              genParams);
      Op step =
          new RmsProp<>(nn.sub("opt/gen"), genParams, 0.9, 1e-4)
              .step(new Gate(tf).after(genGrad).after(genLogged).ops(), genGrad, lrGen);
      genStep = config.emaBeta() > 0 ? Ema.after(nn, step, genParams, config.emaBeta()) : step;
      store.initialize(gs.session());
      batches = BatchIterator.shuffled(data, n, config.run().seed(), config.run().nloader(), state);
    } catch (RuntimeException e) {
      gs.close();
      throw e;
    }
    graph = gs;
    if (state != null && state.containsKey("disBatches")) {
      disBatches = Long.parseLong(state.get("disBatches"));
    }
  }

  /** Starts a fresh GAN baseline run. */
  public static GanRun start(GanConfig config, LabelledDataset data, Path dir) throws IOException {
    checkData(data, config.imageSize(), -1, config.batchSize());
    RunFolder folder = new RunFolder(dir);
    prepareFresh(folder);
    GanRun run = new GanRun(config, data, folder, null);
    run.commitFresh(options(config, data));
    return run;
  }

  /**
   * Resumes from {@code "last"} or a numbered checkpoint; with {@code fallback}, from the newest
   * intact numbered checkpoint if that one is missing or cannot be loaded.
   */
  public static GanRun resume(
      Path dir, String which, boolean fallback, UnaryOperator<GanConfig.Builder> overrides, LabelledDataset data)
      throws IOException {
    RunFolder folder = new RunFolder(dir);
    GanConfig saved = ConfigMaps.gan(readOptions(folder, STAGE)).build();
    GanConfig config = overrides == null ? saved : overrides.apply(saved.toBuilder()).build();
    checkStructural(ConfigMaps.toMap(saved), ConfigMaps.toMap(config), ConfigMaps.GAN_STRUCTURAL);
    checkData(data, config.imageSize(), -1, config.batchSize());
    return resumeFrom(folder, which, fallback, state -> new GanRun(config, data, folder, state), options(config, data));
  }

  @Override
  public GanConfig config() {
    return config;
  }

  @Override
  public long discriminatorBatches() {
    return disBatches;
  }

  private static Map<String, Object> options(GanConfig config, LabelledDataset data) {
    return options(ConfigMaps.toMap(config), STAGE, data, null);
  }

  @Override
  List<String> logged() {
    return LOGGED;
  }

  @Override
  double[] iterate(long t) throws IOException {
    int n = config.batchSize();
    int r = config.imageSize();
    double[] avg = new double[3];
    int k = 0;
    double w;
    Batch batch;
    double[] z;
    double[] fakeParams;
    while (true) {
      k++;
      batch = batches.next();
      SplittableRandom random = RandomInputs.forIteration(run.seed(), disBatches + k, 4);
      z = RandomInputs.stratifiedUniform(random, n, config.noiseSize());
      double[] realParams = AugmentWarp.stratifiedParams(random, n, config.augment());
      fakeParams = AugmentWarp.stratifiedParams(random, n, config.augment());
      double[] losses;
      try (Feeds feeds = new Feeds(graph.session())) {
        feeds.floats(images, batch.rgba(), n, r, r, 4).floats(noise, z, n, config.noiseSize())
            .floats(augReal, realParams, n, AugmentWarp.PARAMS)
            .floats(augFake, fakeParams, n, AugmentWarp.PARAMS)
            .scalar(lrDis, config.lr() * rampScale(disBatches + k, config.lrRamp()));
        disLogged.forEach(feeds.runner()::fetch);
        feeds.runner().addTarget(disStep);
        losses = scalars(feeds, disLogged.size());
      }
      for (int i = 0; i < 3; i++) {
        avg[i] = 0.9 * avg[i] + 0.1 * losses[i];
      }
      w = 1 - Math.pow(0.9, k);
      boolean ok =
          config.forceDis() <= 0
              || (avg[0] / w < config.forceDis() && avg[1] / w < config.forceDis());
      if (ok || k >= config.maxDisBatches()) {
        break;
      }
    }
    disBatches += k;
    double[] gen;
    try (Feeds feeds = new Feeds(graph.session())) {
      feeds.floats(images, batch.rgba(), n, r, r, 4).floats(noise, z, n, config.noiseSize())
          .floats(augFake, fakeParams, n, AugmentWarp.PARAMS)
          .scalar(lrGen, config.lr() * rampScale(t, config.lrRamp()));
      genLogged.forEach(feeds.runner()::fetch);
      feeds.runner().addTarget(genStep);
      gen = scalars(feeds, genLogged.size());
    }
    return new double[] {avg[0] / w, avg[1] / w, avg[2] / w, k, gen[0], gen[1]};
  }

  private static double[] scalars(Feeds feeds, int count) {
    try (Result result = feeds.run()) {
      double[] out = new double[count];
      for (int i = 0; i < count; i++) {
        out[i] = Feeds.scalar(result.get(i));
      }
      return out;
    }
  }

  @Override
  void visualize() throws IOException {
    int side = config.visCols();
    int count = side * side;
    double[] z =
        RandomInputs.stratifiedUniform(new SplittableRandom(run.seed() ^ 0x6A5L), count, config.noiseSize());
    float[] images;
    try (Feeds feeds = new Feeds(graph.session())) {
      feeds.floats(noise, z, count, config.noiseSize());
      feeds.runner().fetch(samples);
      try (Result result = feeds.run()) {
        images = Feeds.toFloats(result.get(0));
      }
    }
    writeGrid(
        "samples",
        ImageGrid.layout(new float[][] {images}, config.imageSize(), 3, side, side),
        folder.grids("samples").resolve(iteration + ".png"));
  }

  /**
   * D's learning rate at the iteration's last D batch (ramped by the batch count) and G's at
   * iteration {@code t}.
   */
  @Override
  Map<String, Double> learningRates(long t) {
    return Map.of(
        "dis-lr", config.lr() * rampScale(disBatches, config.lrRamp()),
        "gen-lr", config.lr() * rampScale(t, config.lrRamp()));
  }

  @Override
  Map<String, String> state() {
    Map<String, String> m = new LinkedHashMap<>(batches.state());
    m.put("disBatches", Long.toString(disBatches));
    return m;
  }

  @Override
  void closeResources() {
    batches.close();
  }
}
