package io.github.gadn.tensorflow.train;

import static com.google.common.base.Preconditions.checkArgument;

import com.google.common.base.Ticker;
import io.github.gadn.Stage2Trainer;
import io.github.gadn.config.ClassifierConfig;
import io.github.gadn.config.ConfigMaps;
import io.github.gadn.config.DefaultSizes;
import io.github.gadn.config.NetworkStructure;
import io.github.gadn.config.Stage1Config;
import io.github.gadn.config.Stage2Config;
import io.github.gadn.data.Batch;
import io.github.gadn.data.BatchIterator;
import io.github.gadn.data.ImageGrid;
import io.github.gadn.data.LabelledDataset;
import io.github.gadn.tensorflow.io.Checkpoint;
import io.github.gadn.tensorflow.nn.RandomInputs;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.UnaryOperator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tensorflow.Result;

/**
 * Stage 2, the dual-conditional GAN (docs/method.md §7), in a run folder: initialised from a
 * stage-1 checkpoint (G, S, frozen E), its encode-step codes and optionally a pre-trained
 * classifier (C2, and D's body); discriminator/classifier force loops, then one generator step per
 * iteration.
 */
public final class Stage2Run extends TrainingRun implements Stage2Trainer {
  private static final Logger log = LoggerFactory.getLogger(Stage2Run.class);
  static final String STAGE = "stage2";
  static final List<String> LOGGED =
      List.of(
          "dis-real", "dis-fake", "dis-br", "dis-batches", "cla-real", "cla-fake", "cla-br",
          "gen-dis", "gen-cla", "gen-dis-br", "gen-cla-br", "con", "sty");

  private final Stage2Config config;
  private final LabelledDataset data;
  private final Resolved resolved;
  private final ContentCodes codes;
  private final Stage2Graph stage2;
  private final BatchIterator batches;
  private final int[] visIndices;
  private long disBatches;

  /** What stage 2 inherits from the stage-1 and classifier runs (docs/method.md §7.1). */
  record Resolved(
      int classCount,
      int contentSize,
      int styleSize,
      double styleDropout,
      NetworkStructure generator,
      NetworkStructure encoder,
      NetworkStructure classifier,
      NetworkStructure discriminator) {}

  private Stage2Run(
      Stage2Config config,
      LabelledDataset data,
      RunFolder folder,
      Resolved resolved,
      ContentCodes codes,
      int[] visIndices,
      Map<String, String> state) {
    super(STAGE, folder, config.run(), Ticker.systemTicker());
    this.config = config;
    this.data = data;
    this.resolved = resolved;
    this.codes = codes;
    this.visIndices = visIndices;
    GraphSession gs = new GraphSession(config.run());
    try {
      stage2 =
          new Stage2Graph(
              gs.ops(), config, resolved.classCount(), resolved.contentSize(), resolved.styleSize(),
              resolved.styleDropout(), resolved.generator(), resolved.encoder(),
              resolved.classifier(), resolved.discriminator(), data.classFrequencies(), codes.stats(), config.run().seed());
      stage2.store.initialize(gs.session());
      batches = BatchIterator.shuffled(data, config.batchSize(), config.run().seed(), config.run().nloader(), state);
    } catch (RuntimeException e) {
      gs.close();
      throw e;
    }
    graph = gs;
    store = stage2.store;
    if (state != null && state.containsKey("disBatches")) {
      disBatches = Long.parseLong(state.get("disBatches"));
    }
  }

  /**
   * Starts a fresh stage-2 run.
   *
   * @throws IOException naming a missing run, checkpoint or code file
   * @throws IllegalArgumentException naming a mismatch (image size, classes, data set)
   */
  public static Stage2Run start(Stage2Config config, LabelledDataset data, Path dir)
      throws IOException {
    RunFolder stage1 = new RunFolder(Path.of(config.stage1Run()));
    Stage1Config s1 = ConfigMaps.stage1(readOptions(stage1, Stage1Run.STAGE)).build();
    checkArgument(
        s1.imageSize() == config.imageSize(),
        "imageSize %s differs from the stage-1 run's %s",
        config.imageSize(), s1.imageSize());
    ClassifierConfig cc = null;
    Checkpoint claCheckpoint = null;
    Path claFile = null;
    if (!config.classifierRun().isEmpty()) {
      RunFolder cla = new RunFolder(Path.of(config.classifierRun()));
      cc = ConfigMaps.classifier(readOptions(cla, ClassifierRun.STAGE)).build();
      checkArgument(
          cc.imageSize() == s1.imageSize(),
          "the classifier run %s was trained at %s px but the stage-1 run at %s px",
          config.classifierRun(), cc.imageSize(), s1.imageSize());
      checkArgument(
          cc.classCount() == s1.classCount(),
          "the classifier run %s has %s classes but the stage-1 run %s",
          config.classifierRun(), cc.classCount(), s1.classCount());
      claFile = numbered(cla, config.classifierIter());
      claCheckpoint = Checkpoint.read(claFile, name -> name.startsWith("cla/"));
    }
    Resolved resolved = resolve(config, s1, cc);
    ContentCodes codes = codesFor(stage1, config.stage1Iter(), data, resolved);
    Path s1File = numbered(stage1, config.stage1Iter());
    // Only the networks' weights: the optimiser slots (two thirds of the file) are not needed.
    Checkpoint s1Checkpoint =
        Checkpoint.read(
            s1File,
            name -> name.startsWith("gen/") || name.startsWith("sty/") || name.startsWith("enc/"));

    RunFolder folder = new RunFolder(dir);
    prepareFresh(folder);
    int[] vis = visIndices(config.run().seed(), config.visRows() * config.visCols(), data.size());
    Stage2Run run = new Stage2Run(config, data, folder, resolved, codes, vis, null);
    try {
      Map<String, float[]> init = new LinkedHashMap<>();
      if (!config.resetGen()) {
        init.putAll(select(s1Checkpoint, s1File, "gen/", "gen/"));
      }
      if (!config.resetSty()) {
        init.putAll(select(s1Checkpoint, s1File, "sty/", "sty/"));
      }
      if (config.conWeight() > 0) {
        init.putAll(select(s1Checkpoint, s1File, "enc/", "enc/"));
      }
      if (claCheckpoint != null && !config.resetCla()) {
        init.putAll(select(claCheckpoint, claFile, "cla/", "cla/"));
      }
      if (claCheckpoint != null && !config.resetDis()) {
        // "convert" (docs/method.md §7.1): the classifier's body and BR parameters, a fresh
        // 1-output head.
        Map<String, float[]> body = select(claCheckpoint, claFile, "cla/", "dis/");
        body.keySet().removeIf(k -> k.startsWith("dis/head/"));
        init.putAll(body);
      }
      run.store.write(run.graph.session(), init);
    } catch (IOException | RuntimeException e) {
      run.close();
      throw e;
    }
    run.commitFresh(options(config, data, resolved, vis));
    return run;
  }

  /**
   * Resumes from {@code "last"} or a numbered checkpoint of a stage-2 run; with {@code fallback},
   * from the newest intact numbered checkpoint if that one is missing or cannot be loaded.
   */
  public static Stage2Run resume(
      Path dir, String which, boolean fallback, UnaryOperator<Stage2Config.Builder> overrides, LabelledDataset data)
      throws IOException {
    RunFolder folder = new RunFolder(dir);
    Map<String, ?> saved = readOptions(folder, STAGE);
    Stage2Config savedConfig = ConfigMaps.stage2(saved).build();
    Stage2Config config =
        overrides == null ? savedConfig : overrides.apply(savedConfig.toBuilder()).build();
    checkStructural(
        ConfigMaps.toMap(savedConfig), ConfigMaps.toMap(config), ConfigMaps.STAGE2_STRUCTURAL);
    @SuppressWarnings("unchecked")
    Map<String, ?> r = (Map<String, ?>) saved.get("resolved");
    Resolved resolved =
        new Resolved(
            ((Number) r.get("classCount")).intValue(),
            ((Number) r.get("contentSize")).intValue(),
            ((Number) r.get("styleSize")).intValue(),
            ((Number) r.get("styleDropout")).doubleValue(),
            ModelLoader.structure(r, "generator", NetworkStructure.Kind.GENERATOR),
            ModelLoader.structure(r, "encoder", NetworkStructure.Kind.ENCODER),
            ModelLoader.structure(r, "classifier", NetworkStructure.Kind.ENCODER),
            // Runs written before D's structure was recorded on its own used C2's.
            ModelLoader.structure(
                r, r.containsKey("discriminator") ? "discriminator" : "classifier",
                NetworkStructure.Kind.ENCODER));
    ContentCodes codes =
        codesFor(new RunFolder(Path.of(config.stage1Run())), config.stage1Iter(), data, resolved);
    int[] vis = visIndices(saved);
    return resumeFrom(
        folder,
        which,
        fallback,
        state -> new Stage2Run(config, data, folder, resolved, codes, vis, state),
        options(config, data, resolved, vis));
  }

  /**
   * What a fresh stage 2 inherits and what falls back to the recipe's default structures
   * (docs/method.md §7.1): G's structure from stage 1 unless {@code resetGen}; the style size
   * from stage 1 unless both {@code resetGen} and {@code resetSty}; C2's and D's structures from
   * the classifier run unless {@code resetCla} / {@code resetDis} or there is no classifier run.
   * A network that starts from random weights starts from the default structure.
   *
   * @param classifierRun the classifier run's config, or {@code null} without one
   */
  static Resolved resolve(Stage2Config config, Stage1Config s1, ClassifierConfig classifierRun) {
    DefaultSizes sizes = config.recipe().sizes(config.imageSize());
    NetworkStructure defaultClassifier =
        NetworkStructure.defaults(NetworkStructure.Kind.ENCODER, sizes.features());
    boolean hasRun = classifierRun != null;
    NetworkStructure classifier =
        hasRun && !config.resetCla() ? classifierRun.classifier() : defaultClassifier;
    NetworkStructure discriminator =
        hasRun && !config.resetDis() ? classifierRun.classifier() : defaultClassifier;
    NetworkStructure generator =
        config.resetGen()
            ? NetworkStructure.defaults(NetworkStructure.Kind.GENERATOR, sizes.features())
            : s1.generator();
    int styleSize =
        config.resetGen() && config.resetSty()
            ? DefaultSizes.styleSize(s1.classCount())
            : s1.styleSize();
    double styleDropout =
        config.styleDropout() > 0 ? config.styleDropout() : DefaultSizes.dropoutBase(styleSize);
    return new Resolved(
        s1.classCount(), s1.contentSize(), styleSize, styleDropout, generator, s1.encoder(),
        classifier, discriminator);
  }

  private static Path numbered(RunFolder folder, long iteration) throws IOException {
    Path file = folder.numbered(iteration);
    if (!Files.isRegularFile(file)) {
      throw new IOException(
          folder.root() + " has no numbered checkpoint " + iteration + " (numbered checkpoints: "
              + folder.numberedIterations() + ")");
    }
    return file;
  }

  private static ContentCodes codesFor(
      RunFolder stage1, long iteration, LabelledDataset data, Resolved resolved) throws IOException {
    checkArgument(
        data.classCount() == resolved.classCount(),
        "data %s has %s classes but the stage-1 run has %s",
        data.description(), data.classCount(), resolved.classCount());
    ContentCodes codes = ContentCodes.read(stage1.root().resolve("codes"), iteration);
    if (!data.fingerprint().equals(codes.fingerprint()) || codes.count() != data.size()) {
      throw new IllegalArgumentException(
          "the content codes of checkpoint " + iteration + " in " + stage1.root()
              + " were computed for a different data set than " + data.description()
              + " (codes are paired with images by index): run the encode step"
              + " again on this data");
    }
    checkArgument(
        codes.contentSize() == resolved.contentSize(),
        "the stored codes have %s dimensions but the encoder %s",
        codes.contentSize(), resolved.contentSize());
    return codes;
  }

  private static Map<String, float[]> select(
      Checkpoint checkpoint, Path file, String prefix, String renameTo) throws IOException {
    Map<String, float[]> out = new LinkedHashMap<>();
    for (Map.Entry<String, float[]> e : checkpoint.tensors().entrySet()) {
      if (e.getKey().startsWith(prefix)) {
        out.put(renameTo + e.getKey().substring(prefix.length()), e.getValue());
      }
    }
    if (out.isEmpty()) {
      throw new IOException(file + " holds no " + prefix + " variables");
    }
    return out;
  }

  private static Map<String, Object> options(
      Stage2Config config, LabelledDataset data, Resolved resolved, int[] vis) {
    Map<String, Object> m = options(ConfigMaps.toMap(config), STAGE, data, vis);
    Map<String, Object> r = new LinkedHashMap<>();
    r.put("classCount", resolved.classCount());
    r.put("contentSize", resolved.contentSize());
    r.put("styleSize", resolved.styleSize());
    r.put("styleDropout", resolved.styleDropout());
    r.put("generator", ConfigMaps.toMap(resolved.generator()));
    r.put("encoder", ConfigMaps.toMap(resolved.encoder()));
    r.put("classifier", ConfigMaps.toMap(resolved.classifier()));
    r.put("discriminator", ConfigMaps.toMap(resolved.discriminator()));
    m.put("resolved", r);
    return m;
  }

  @Override
  public Stage2Config config() {
    return config;
  }

  @Override
  public long discriminatorBatches() {
    return disBatches;
  }

  @Override
  List<String> logged() {
    return LOGGED;
  }

  private Stage2Graph.Inputs draw(long stream) throws IOException {
    Batch batch = batches.next();
    int n = config.batchSize();
    int cc = resolved.contentSize();
    int cs = resolved.styleSize();
    float[] mean = new float[n * cc];
    float[] std = new float[n * cc];
    for (int i = 0; i < n; i++) {
      int index = batch.indices()[i];
      System.arraycopy(codes.mean(), index * cc, mean, i * cc, cc);
      System.arraycopy(codes.std(), index * cc, std, i * cc, cc);
    }
    return Stage2Graph.Inputs.draw(
        batch, mean, std, RandomInputs.forIteration(run.seed(), stream, 3), cs,
        resolved.styleDropout(), config.augment());
  }

  /** Whether the first iteration stopped by {@link Stage2Config#maxDisBatches()} was logged. */
  private boolean capReported;

  @Override
  double[] iterate(long t) throws IOException {
    double[] avg = new double[Stage2Graph.DIS_LOGGED.size()];
    int k = 0;
    Stage2Graph.Inputs last;
    double w;
    while (true) {
      k++;
      last = draw(disBatches + k);
      double[] losses =
          stage2.discriminatorStep(
              graph.session(), last, config.lr() * rampScale(disBatches + k, config.lrRamp()));
      for (int i = 0; i < avg.length; i++) {
        avg[i] = 0.9 * avg[i] + 0.1 * losses[i];
      }
      w = 1 - Math.pow(0.9, k);
      boolean okDis =
          config.forceDis() <= 0 || (avg[0] / w < config.forceDis() && avg[1] / w < config.forceDis());
      boolean okCla =
          config.forceCla() <= 0 || (avg[3] / w < config.forceCla() && avg[4] / w < config.forceCla());
      if (okDis && okCla) {
        break;
      }
      if (k >= config.maxDisBatches()) {
        if (!capReported) {
          capReported = true;
          log.info(
              "stage2: iteration {} ended its D/C2 loop at maxDisBatches = {} before the running"
                  + " losses fell below forceDis = {} / forceCla = {}; the column dis-batches of"
                  + " log.csv shows this for every iteration (reported once)",
              t, config.maxDisBatches(), config.forceDis(), config.forceCla());
        }
        break;
      }
    }
    disBatches += k;
    double[] gen =
        stage2.generatorStep(
            graph.session(),
            last,
            config.lr() * rampScale(t, config.lrRamp()),
            config.styleLr() * rampScale(t, config.lrRamp()));
    double[] out = new double[LOGGED.size()];
    out[0] = avg[0] / w;
    out[1] = avg[1] / w;
    out[2] = avg[2] / w;
    out[3] = k;
    out[4] = avg[3] / w;
    out[5] = avg[4] / w;
    out[6] = avg[5] / w;
    System.arraycopy(gen, 0, out, 7, gen.length);
    return out;
  }

  /**
   * D and C2's learning rate at the iteration's last D/C2 batch (ramped by the batch count), G's
   * and S's at iteration {@code t}.
   */
  @Override
  Map<String, Double> learningRates(long t) {
    double ramp = rampScale(t, config.lrRamp());
    return Map.of(
        "dis-lr", config.lr() * rampScale(disBatches, config.lrRamp()),
        "gen-lr", config.lr() * ramp,
        "style-lr", config.styleLr() * ramp);
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

  /** Generates one image per (content, style) pair. */
  private float[] generate(float[] content, float[] style, int count) {
    try (Feeds feeds = new Feeds(graph.session())) {
      feeds.floats(stage2.visContent, content, count, resolved.contentSize());
      feeds.floats(stage2.visStyle, style, count, resolved.styleSize());
      feeds.runner().fetch(stage2.visImages);
      try (Result result = feeds.run()) {
        return Feeds.toFloats(result.get(0));
      }
    }
  }

  /**
   * The three cells of docs/method.md §7.4 for each item: its style, zero style, the next item's
   * style.
   */
  private float[][] triples(float[] content, float[] styles, int count) {
    int cs = resolved.styleSize();
    int cc = resolved.contentSize();
    float[] contents = new float[3 * count * cc];
    float[] allStyles = new float[3 * count * cs];
    for (int i = 0; i < count; i++) {
      for (int g = 0; g < 3; g++) {
        System.arraycopy(content, i * cc, contents, (g * count + i) * cc, cc);
      }
      System.arraycopy(styles, i * cs, allStyles, i * cs, cs);
      System.arraycopy(styles, ((i + 1) % count) * cs, allStyles, (2 * count + i) * cs, cs);
    }
    float[] images = generate(contents, allStyles, 3 * count);
    int r = config.imageSize();
    int per = count * r * r * 3;
    return new float[][] {
      java.util.Arrays.copyOfRange(images, 0, per),
      java.util.Arrays.copyOfRange(images, per, 2 * per),
      java.util.Arrays.copyOfRange(images, 2 * per, 3 * per)
    };
  }

  @Override
  void visualize() throws IOException {
    int count = visIndices.length;
    int cc = resolved.contentSize();
    int cs = resolved.styleSize();
    int r = config.imageSize();
    int cols = Math.min(config.visCols(), count);
    int rows = Math.max(1, count / cols);
    // Reconstructions: stored posterior means with their own, zero and the next item's style.
    float[] means = new float[count * cc];
    int[] labels = new int[count];
    for (int i = 0; i < count; i++) {
      System.arraycopy(codes.mean(), visIndices[i] * cc, means, i * cc, cc);
      labels[i] = data.label(visIndices[i]);
    }
    float[] styleMeans;
    float[] secondMoment;
    try (Feeds feeds = new Feeds(graph.session())) {
      feeds.ints(stage2.visLabels, labels);
      feeds.runner().fetch(stage2.visStyleMeans).fetch(stage2.styleSecondMoment);
      try (Result result = feeds.run()) {
        styleMeans = Feeds.toFloats(result.get(0));
        secondMoment = Feeds.toFloats(result.get(1));
      }
    }
    writeGrid(
        "reconstructions",
        ImageGrid.layout(triples(means, styleMeans, count), r, 3, rows, cols),
        folder.grids("reconstructions").resolve(iteration + ".png"));
    // Samples: fixed random contents from the aggregate Gaussian, fixed style noise mapped
    // through the current style distribution.
    SplittableRandom random = new SplittableRandom(run.seed() ^ 0x5A3B1E5L);
    float[] contents = codes.stats().sample(ContentStats.normals(random, count, cc));
    double[] sm = new double[cs * cs];
    for (int i = 0; i < sm.length; i++) {
      sm[i] = secondMoment[i];
    }
    double[][] eig = EncodeStep.eigen(sm, cs);
    ContentStats styleDistribution =
        new ContentStats(new double[cs], new double[cs], eig[0], eig[1], new double[cs]);
    float[] styles = styleDistribution.sample(ContentStats.normals(random, count, cs));
    writeGrid(
        "samples",
        ImageGrid.layout(triples(contents, styles, count), r, 3, rows, cols),
        folder.grids("samples").resolve(iteration + ".png"));
    // Fixed contents × many styles: each row one stored content, each column one class's style
    // mean (the first 12 classes).
    int shown = Math.min(rows, 8);
    int classes = Math.min(resolved.classCount(), 12);
    int[] firstClasses = new int[classes];
    for (int k = 0; k < classes; k++) {
      firstClasses[k] = k;
    }
    float[] classStyles;
    try (Feeds feeds = new Feeds(graph.session())) {
      feeds.ints(stage2.visLabels, firstClasses);
      feeds.runner().fetch(stage2.visStyleMeans);
      try (Result result = feeds.run()) {
        classStyles = Feeds.toFloats(result.get(0));
      }
    }
    float[] gridContent = new float[shown * classes * cc];
    float[] gridStyle = new float[shown * classes * cs];
    for (int i = 0; i < shown; i++) {
      for (int k = 0; k < classes; k++) {
        System.arraycopy(means, i * cc, gridContent, (k * shown + i) * cc, cc);
        System.arraycopy(classStyles, k * cs, gridStyle, (k * shown + i) * cs, cs);
      }
    }
    float[] images = generate(gridContent, gridStyle, shown * classes);
    float[][] columns = new float[classes][];
    int per = shown * r * r * 3;
    for (int k = 0; k < classes; k++) {
      columns[k] = java.util.Arrays.copyOfRange(images, k * per, (k + 1) * per);
    }
    writeGrid(
        "styles",
        ImageGrid.layout(columns, r, 3, shown, 1),
        folder.grids("styles").resolve(iteration + ".png"));
  }
}
