package io.github.gadn.tensorflow.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.github.gadn.TrainingListener;
import io.github.gadn.config.Recipe;
import io.github.gadn.config.ClassifierConfig;
import io.github.gadn.config.NetworkStructure;
import io.github.gadn.config.RunOptions;
import io.github.gadn.config.Stage1Config;
import io.github.gadn.config.Stage2Config;
import io.github.gadn.tensorflow.io.Checkpoint;
import io.github.gadn.tensorflow.optim.Ema;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tensorflow.proto.Event;

/** Encode → classifier → stage 2 on a tiny set, sharing one stage-1 run. */
class Stage2PipelineTest {
  private static final ToyDataset DATA = new ToyDataset(12, 3, 60);
  @TempDir static Path dir;
  static Path stage1;
  static Path classifier;
  static ClassifierConfig classifierConfig;
  static ContentCodes codes;

  private static RunOptions run(long niter, long checkpoint) {
    return RunOptions.builder().niter(niter).seed(4).saveIter(10).checkpointIter(checkpoint)
        .logIter(10).visualizeIter(10).build();
  }

  @BeforeAll
  static void trainStage1AndClassifier() throws Exception {
    stage1 = dir.resolve("s1");
    try (Stage1Run t = Stage1Run.start(TinyStage1.config().lr(1e-3).run(run(20, 20)).build(), DATA, stage1)) {
      t.train(TrainingListener.none());
    }
    codes = EncodeStep.run(stage1, 20, DATA);
    classifier = dir.resolve("cla");
    ClassifierConfig cc =
        ClassifierConfig.defaults(Recipe.PAPER, 12, 3)
            .classifier(NetworkStructure.defaults(NetworkStructure.Kind.ENCODER, TinyStage1.FEATURES))
            .batchSize(12).lr(1e-3).run(run(20, 20)).build();
    classifierConfig = cc;
    try (ClassifierRun t = ClassifierRun.start(cc, DATA, classifier)) {
      t.train(TrainingListener.none());
    }
  }

  private static Stage2Config.Builder stage2(long niter) {
    return Stage2Config.defaults(Recipe.PAPER, 12, stage1.toString(), 20)
        .classifierRun(classifier.toString())
        .classifierIter(20)
        .batchSize(6)
        .visRows(2)
        .visCols(3)
        .maxDisBatches(4)
        .run(run(niter, 1000));
  }

  @Test
  void encodeStatisticsSatisfyTheInvariants() {
    ContentStats s = codes.stats();
    int d = s.dimension();
    assertThat(codes.count()).isEqualTo(60);
    for (double w : s.dimWeight()) {
      assertThat(w).isBetween(0.0, 1.0);
    }
    double[] cov = s.covariance();
    for (int i = 0; i < d; i++) {
      assertThat(cov[i * d + i]).isCloseTo(s.std()[i] * s.std()[i], within(1e-4));
      for (int j = 0; j < d; j++) {
        assertThat(cov[i * d + j]).isCloseTo(cov[j * d + i], within(1e-6));
      }
    }
    for (double v : s.eigenvalues()) {
      assertThat(v).isGreaterThan(-1e-6);
    }
    for (int k = 1; k < d; k++) {
      assertThat(s.eigenvalues()[k]).isGreaterThanOrEqualTo(s.eigenvalues()[k - 1]);
    }
    // Per-dimension mean of the stored posterior means equals full_mean.
    for (int i = 0; i < d; i++) {
      double m = 0;
      for (int n = 0; n < codes.count(); n++) {
        m += codes.mean()[n * d + i];
      }
      assertThat(m / codes.count()).isCloseTo(s.mean()[i], within(1e-5));
    }
  }

  @Test
  void encodingIsReproducible() throws Exception {
    ContentCodes again = ContentCodes.read(stage1.resolve("codes"), 20);
    assertThat(again.mean()).containsExactly(codes.mean());
    assertThat(EncodeStep.run(stage1, 20, DATA).mean()).containsExactly(codes.mean());
  }

  @Test
  void encodeNeedsANumberedCheckpoint() {
    assertThatThrownBy(() -> EncodeStep.run(stage1, 7, DATA))
        .hasMessageContaining("has no numbered checkpoint 7")
        .hasMessageContaining("[20]");
  }

  @Test
  void stage2RefusesCodesOfAnotherDataSet() {
    ToyDataset other = new ToyDataset(12, 3, 66);
    assertThatThrownBy(() -> Stage2Run.start(stage2(1).build(), other, dir.resolve("bad")))
        .hasMessageContaining("computed for a different data set");
  }

  @Test
  void shortStage2RunWritesEveryArtefact() throws Exception {
    Path s2 = dir.resolve("s2");
    try (Stage2Run t = Stage2Run.start(stage2(10).build(), DATA, s2)) {
      t.train(TrainingListener.none());
      assertThat(t.iteration()).isEqualTo(10);
      assertThat(t.discriminatorBatches()).isBetween(10L, 40L);
    }
    List<String> lines = Files.readAllLines(s2.resolve("log.csv"));
    assertThat(lines.get(0))
        .isEqualTo("iter,dis-real,dis-fake,dis-br,dis-batches,cla-real,cla-fake,cla-br,gen-dis,"
            + "gen-cla,gen-dis-br,gen-cla-br,con,sty");
    assertThat(lines).hasSize(11);
    int cell = 14;
    assertThat(s2.resolve("styles/10.png")).isRegularFile();
    for (String grid : List.of("samples/0.png", "samples/10.png", "reconstructions/10.png")) {
      BufferedImage img = ImageIO.read(s2.resolve(grid).toFile());
      assertThat(img.getWidth()).as(grid).isEqualTo(9 * cell);
      assertThat(img.getHeight()).as(grid).isEqualTo(2 * cell);
    }
    // TensorBoard at log iteration 10: every column (D/C2 batches too), the learning rates, grids.
    Stage2Config config = stage2(10).build();
    List<Event> events = EventFiles.allEvents(s2.resolve("tensorboard"));
    String[] columns = lines.get(0).split(",");
    String[] row = lines.get(10).split(",");
    for (int c = 1; c < columns.length; c++) {
      assertThat(EventFiles.values(events, columns[c])).as(columns[c]).hasSize(1);
      double expected = Double.parseDouble(row[c]);
      assertThat((double) EventFiles.scalarAt(events, columns[c], 10)).as(columns[c])
          .isCloseTo(expected, within(1e-5 * Math.abs(expected) + 1e-12));
    }
    double disBatches = 0;
    for (String r : lines.subList(1, 11)) {
      disBatches += Double.parseDouble(r.split(",")[4]);
    }
    assertThat(EventFiles.scalarAt(events, "dis-lr", 10))
        .isEqualTo((float) (config.lr() * Math.min(disBatches / config.lrRamp(), 1)));
    assertThat(EventFiles.scalarAt(events, "gen-lr", 10))
        .isEqualTo((float) (config.lr() * Math.min(10.0 / config.lrRamp(), 1)));
    assertThat(EventFiles.scalarAt(events, "style-lr", 10))
        .isEqualTo((float) (config.styleLr() * Math.min(10.0 / config.lrRamp(), 1)));
    assertThat(EventFiles.scalarAt(events, "iterations-per-second", 10)).isPositive();
    for (String grid : List.of("reconstructions", "samples", "styles")) {
      TensorBoardRunTest.assertImages(
          events, grid, List.of(0L, 10L), s2, s -> grid + "/" + s + ".png");
    }

    Map<String, float[]> weights = Checkpoint.read(s2.resolve("models/last.ckpt")).tensors();
    // E is frozen: its weights equal stage 1's.
    Map<String, float[]> s1 = Checkpoint.read(stage1.resolve("models/20.ckpt")).tensors();
    for (String name : s1.keySet()) {
      if (name.startsWith("enc/")) {
        assertThat(weights.get(name)).as(name).containsExactly(s1.get(name));
      }
    }
  }

  @Test
  void classifierPreTrainingLogsItsColumnsAndLearningRateForTensorBoard() throws Exception {
    List<Event> events = EventFiles.allEvents(classifier.resolve("tensorboard"));
    List<String> lines = Files.readAllLines(classifier.resolve("log.csv"));
    assertThat(lines.get(0)).isEqualTo("iter,cla,cla-br,acc");
    for (int t : new int[] {10, 20}) {
      String[] row = lines.get(t).split(",");
      for (int c = 1; c <= 3; c++) {
        String tag = lines.get(0).split(",")[c];
        double expected = Double.parseDouble(row[c]);
        assertThat((double) EventFiles.scalarAt(events, tag, t)).as("%s at %s", tag, t)
            .isCloseTo(expected, within(1e-5 * Math.abs(expected) + 1e-12));
      }
      assertThat(EventFiles.scalarAt(events, "lr", t))
          .isEqualTo((float) (classifierConfig.lr()
              * Math.min((double) t / classifierConfig.lrRamp(), 1)));
    }
    assertThat(EventFiles.values(events, "cla")).extracting(EventFiles.Tagged::step)
        .containsExactly(10L, 20L);
    // Classifier pre-training draws no grids.
    assertThat(events).noneMatch(e -> e.getSummary().getValueList().stream().anyMatch(v -> v.hasImage()));
  }

  @Test
  void resumingGivesTheSameWeightsAverageAndDBatchCountAsAnUninterruptedRun() throws Exception {
    Path resumed = SameState.assertResumeIsExact(
        dir.resolve("exact"),
        3,
        run -> Stage2Run.start(stage2(6).emaBeta(0.9).run(run(6, 3)).build(), DATA, run),
        (run, which) -> Stage2Run.resume(run, which, false, null, DATA));
    Checkpoint last = Checkpoint.read(resumed.resolve("models/last.ckpt"));
    assertThat(Long.parseLong(last.metadata().get("disBatches")))
        .as("the force loops ran extra batches").isGreaterThan(6);
    // The weight average is part of the exactly resumed state.
    assertThat(last.tensors().get(Ema.STEPS)).containsExactly(6f);
    // 1 − Π min(0.9, (1 + t) / (10 + t)) over the 6 updates, all in the warm-up.
    double kept = 1;
    for (int t = 0; t < 6; t++) {
      kept *= (1.0 + t) / (10.0 + t);
    }
    assertThat((double) last.tensors().get(Ema.NORM)[0]).isCloseTo(1 - kept, within(1e-6));
  }

  /**
   * A run trained without a weight average (iteration 1) resumed with one: the average starts
   * then, follows every generator step (recomputed here from the weights after each of
   * iterations 2-4) and is bias-corrected; models use it by default and the trained weights on
   * request or where a checkpoint has none.
   */
  @Test
  void weightAverageStartsOnResumeAndFollowsEveryGeneratorStep() throws Exception {
    Path s2 = dir.resolve("ema");
    try (Stage2Run t = Stage2Run.start(stage2(1).run(run(1, 1)).build(), DATA, s2)) {
      t.train(TrainingListener.none());
    }
    // β 0.15 so that the warm-up schedule (0.1, 0.18, 0.25, …) is the smaller one first and β then.
    float beta = 0.15f;
    try (Stage2Run t =
        Stage2Run.resume(s2, "last", false, b -> b.emaBeta(beta).run(run(4, 1)), DATA)) {
      t.train(TrainingListener.none());
    }
    Map<String, float[]> end = Checkpoint.read(s2.resolve("models/4.ckpt")).tensors();
    Map<String, float[]> averaged = new java.util.TreeMap<>(prefixed(end, "ema/gen/"));
    averaged.putAll(prefixed(end, "ema/sty/"));
    assertThat(averaged).isNotEmpty();
    Map<String, float[]> shadow = new java.util.HashMap<>();
    double norm = 0;
    for (int t = 2; t <= 4; t++) {
      Map<String, float[]> w = Checkpoint.read(s2.resolve("models/" + t + ".ckpt")).tensors();
      int updates = t - 2;
      // min(β, (1 + t) / (10 + t)): 0.1 for the first update, then β caps 0.18 and 0.25.
      float keep = Math.min(beta, (1f + updates) / (10f + updates));
      norm = norm * keep + (1 - keep);
      for (String name : averaged.keySet()) {
        float[] raw = w.get(name.substring(Ema.PREFIX.length()));
        float[] s = shadow.computeIfAbsent(name, k -> new float[raw.length]);
        for (int i = 0; i < s.length; i++) {
          s[i] = s[i] * keep + raw[i] * (1 - keep);
        }
      }
    }
    assertThat((double) end.get(Ema.NORM)[0]).isCloseTo(norm, within(1e-6));
    for (String name : averaged.keySet()) {
      float[] expected = shadow.get(name);
      for (int i = 0; i < expected.length; i++) {
        assertThat(averaged.get(name)[i]).as("%s[%s]", name, i)
            .isCloseTo(expected[i], within(1e-6f * (1 + Math.abs(expected[i]))));
      }
    }
    assertThat(end.get(Ema.STEPS)).containsExactly(3f);
    // After one update the bias-corrected average is the trained weights themselves.
    Map<String, float[]> first = Checkpoint.read(s2.resolve("models/2.ckpt")).tensors();
    Map<String, float[]> corrected = Ema.averaged(first).orElseThrow();
    for (String name : averaged.keySet()) {
      float[] w = first.get(name.substring(Ema.PREFIX.length()));
      float[] c = corrected.get(name.substring(Ema.PREFIX.length()));
      for (int i = 0; i < w.length; i++) {
        assertThat(c[i]).as("%s[%s]", name, i).isCloseTo(w[i], within(1e-6f * (1 + Math.abs(w[i]))));
      }
    }
    assertThat(corrected).doesNotContainKeys(Ema.STEPS, Ema.NORM);

    io.github.gadn.engine.GadnEngine engine = io.github.gadn.engine.Engines.get();
    RunOptions res = RunOptions.builder().build();
    io.github.gadn.CodeBatch codes;
    float[] avg;
    try (io.github.gadn.GadnModel model = engine.load(s2, "last")) {
      assertThat(model.weights()).isEqualTo(io.github.gadn.ModelWeights.AVERAGED);
      codes = model.sampleContent(3, 5);
      avg = model.generator().generate(codes, io.github.gadn.CodeBatch.repeat(model.styles().mean(1), 3)).toArray();
    }
    try (io.github.gadn.GadnModel model = engine.load(s2, "last", res, io.github.gadn.ModelWeights.RAW)) {
      assertThat(model.weights()).isEqualTo(io.github.gadn.ModelWeights.RAW);
      assertThat(model.generator().generate(codes, io.github.gadn.CodeBatch.repeat(model.styles().mean(1), 3))
          .toArray()).isNotEqualTo(avg);
    }
    try (io.github.gadn.GadnModel model = engine.load(s2, "1")) {
      assertThat(model.weights()).as("a checkpoint without an average").isEqualTo(io.github.gadn.ModelWeights.RAW);
    }
    try (io.github.gadn.GadnModel model = engine.load(stage1, "20", res, io.github.gadn.ModelWeights.AVERAGED)) {
      assertThat(model.weights()).as("stage 1 keeps no average").isEqualTo(io.github.gadn.ModelWeights.RAW);
    }
  }

  @Test
  void discriminatorStartsFromTheClassifierBodyWithAFreshHead() throws Exception {
    Path s2 = dir.resolve("convert");
    try (Stage2Run t = Stage2Run.start(stage2(0).build(), DATA, s2)) {
      t.save(s2.resolve("models/start.ckpt"));
    }
    Map<String, float[]> w = Checkpoint.read(s2.resolve("models/start.ckpt")).tensors();
    Map<String, float[]> cla = Checkpoint.read(classifier.resolve("models/20.ckpt")).tensors();
    assertThat(w.get("dis/L0/b0/conv/w")).containsExactly(cla.get("cla/L0/b0/conv/w"));
    assertThat(w.get("cla/head/w")).containsExactly(cla.get("cla/head/w"));
    assertThat(w.get("dis/head/w")).hasSize(16);
  }

  private static Map<String, float[]> afterOneIteration(Stage2Config config, String name)
      throws Exception {
    Path s2 = dir.resolve(name);
    try (Stage2Run t = Stage2Run.start(config, DATA, s2)) {
      t.train(TrainingListener.none());
    }
    return Checkpoint.read(s2.resolve("models/last.ckpt")).tensors();
  }

  private static Map<String, float[]> prefixed(Map<String, float[]> all, String prefix) {
    Map<String, float[]> out = new java.util.TreeMap<>();
    all.forEach((k, v) -> {
      if (k.startsWith(prefix)) {
        out.put(k, v);
      }
    });
    return out;
  }

  @Test
  void discriminatorUpdateDoesNotDependOnGeneratorLossWeights() throws Exception {
    Stage2Config a = stage2(1).forceDis(0).forceCla(0).build();
    Stage2Config b = a.toBuilder().disWeight(7).claWeight(0.1).conWeight(3).genBrWeight(0).build();
    Map<String, float[]> wa = afterOneIteration(a, "dis-a");
    Map<String, float[]> wb = afterOneIteration(b, "dis-b");
    Map<String, float[]> da = prefixed(wa, "dis/");
    Map<String, float[]> db = prefixed(wb, "dis/");
    assertThat(da).isNotEmpty();
    for (String k : da.keySet()) {
      assertThat(db.get(k)).as(k).containsExactly(da.get(k));
    }
    // ...while the generator's update does depend on them.
    boolean differs = false;
    for (String k : prefixed(wa, "gen/").keySet()) {
      differs |= !java.util.Arrays.equals(wa.get(k), wb.get(k));
    }
    assertThat(differs).isTrue();
  }

  @Test
  void withoutClaFakeTheClassifierHasNoFakeLoss() throws Exception {
    Stage2Config on = stage2(2).forceDis(0).forceCla(0).build();
    Stage2Config off = on.toBuilder().claFake(false).build();
    afterOneIteration(off, "nofake");
    List<String> lines = Files.readAllLines(dir.resolve("nofake/log.csv"));
    for (String row : lines.subList(1, lines.size())) {
      assertThat(Double.parseDouble(row.split(",")[6])).as("cla-fake").isZero();
    }
    afterOneIteration(on, "fake");
    List<String> withFake = Files.readAllLines(dir.resolve("fake/log.csv"));
    assertThat(Double.parseDouble(withFake.get(1).split(",")[6])).isPositive();
  }

  @Test
  void forceLoopsStopAsSoonAsTheRunningAveragesAreBelowTheThresholds() throws Exception {
    afterOneIteration(stage2(2).forceDis(1e9).forceCla(1e9).build(), "loose");
    for (String row : Files.readAllLines(dir.resolve("loose/log.csv")).subList(1, 3)) {
      assertThat(Double.parseDouble(row.split(",")[4])).as("dis-batches").isEqualTo(1);
    }
    afterOneIteration(stage2(2).forceDis(1e-9).forceCla(0).maxDisBatches(3).build(), "strict");
    for (String row : Files.readAllLines(dir.resolve("strict/log.csv")).subList(1, 3)) {
      assertThat(Double.parseDouble(row.split(",")[4])).as("dis-batches").isEqualTo(3);
    }
  }

  @Test
  void modelsLoadFromStage1AndStage2RunsAndTransferDeterministically() throws Exception {
    Path s2 = dir.resolve("for-model");
    try (Stage2Run t = Stage2Run.start(stage2(2).build(), DATA, s2)) {
      t.train(TrainingListener.none());
    }
    io.github.gadn.ImageBatch content = io.github.gadn.ImageBatch.of(2, 12, concat(DATA, 0, 2));
    for (Path run : List.of(stage1, s2)) {
      try (io.github.gadn.GadnModel model =
          io.github.gadn.engine.Engines.get().load(run, run == stage1 ? "20" : "last")) {
        assertThat(model.styles().classNames()).containsExactly("class0", "class1", "class2");
        io.github.gadn.ImageBatch a = model.transfer(content, 2);
        io.github.gadn.ImageBatch b = model.transfer(content, 2);
        assertThat(a.count()).isEqualTo(2);
        assertThat(a.size()).isEqualTo(12);
        assertThat(a.toArray()).containsExactly(b.toArray());
        assertThat(model.sampleContent(5, 1).count()).isEqualTo(5);
        java.awt.image.BufferedImage grid = model.grid(model.sampleContent(4, 2), 0, 1, 2);
        assertThat(grid.getWidth()).isEqualTo(3 * 14);
        assertThat(grid.getHeight()).isEqualTo(4 * 14);
        assertThat(model.sampleContent(5, 1).toArray()).containsExactly(model.sampleContent(5, 1).toArray());
      }
    }
  }

  @Test
  void concurrentInferenceEqualsSequential() throws Exception {
    try (io.github.gadn.GadnModel model = io.github.gadn.engine.Engines.get().load(stage1, "20")) {
      List<io.github.gadn.ImageBatch> inputs = new java.util.ArrayList<>();
      List<float[]> expected = new java.util.ArrayList<>();
      for (int i = 0; i < 8; i++) {
        io.github.gadn.ImageBatch in = io.github.gadn.ImageBatch.of(3, 12, concat(DATA, i * 3, 3));
        inputs.add(in);
        expected.add(model.transfer(in, i % 3).toArray());
      }
      java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(8);
      try {
        List<java.util.concurrent.Future<float[]>> futures = new java.util.ArrayList<>();
        for (int i = 0; i < 8; i++) {
          int k = i;
          futures.add(pool.submit(() -> model.transfer(inputs.get(k), k % 3).toArray()));
        }
        for (int i = 0; i < 8; i++) {
          assertThat(futures.get(i).get()).containsExactly(expected.get(i));
        }
      } finally {
        pool.shutdown();
      }
    }
  }

  @Test
  void classifiersLoadFromClassifierAndStage2Runs() throws Exception {
    Path s2 = dir.resolve("for-classifier");
    try (Stage2Run t = Stage2Run.start(stage2(5).lr(1e-3).build(), DATA, s2)) {
      t.train(TrainingListener.none());
    }
    io.github.gadn.ImageBatch images = io.github.gadn.ImageBatch.of(60, 12, concat(DATA, 0, 60));
    int[] labels = new int[60];
    for (int i = 0; i < 60; i++) {
      labels[i] = DATA.label(i);
    }
    // A classifier trained hard enough to learn the class colour (the shared one is too short).
    Path trained = dir.resolve("cla-trained");
    ClassifierConfig cc =
        ClassifierConfig.defaults(Recipe.PAPER, 12, 3)
            .classifier(NetworkStructure.defaults(NetworkStructure.Kind.ENCODER, TinyStage1.FEATURES))
            .batchSize(12).lr(3e-3).lrRamp(0).run(run(40, 40)).build();
    try (ClassifierRun t = ClassifierRun.start(cc, DATA, trained)) {
      t.train(TrainingListener.none());
    }
    float[] pre;
    try (io.github.gadn.Classifier c = io.github.gadn.engine.Engines.get().loadClassifier(trained, "40")) {
      assertThat(c.classNames()).containsExactly("class0", "class1", "class2");
      assertThat(c.imageSize()).isEqualTo(12);
      pre = c.logProbabilities(images);
      assertThat(pre).hasSize(60 * 3);
      for (int n = 0; n < 60; n++) {
        double total = 0;
        for (int k = 0; k < 3; k++) {
          total += Math.exp(pre[n * 3 + k]);
        }
        assertThat(total).as("probabilities of image %s", n).isCloseTo(1.0, within(1e-5));
      }
      // The class colour is easy: the loaded weights are far above chance (1/3).
      assertThat(c.accuracy(images, labels)).isGreaterThan(0.6);
      assertThat(c.logProbabilities(images)).containsExactly(pre);
    }
    float[] start;
    try (io.github.gadn.Classifier c = io.github.gadn.engine.Engines.get().loadClassifier(classifier, "20")) {
      start = c.logProbabilities(images);
    }
    try (io.github.gadn.Classifier c2 = io.github.gadn.engine.Engines.get().loadClassifier(s2, "last")) {
      // Stage 2 started C2 from the pre-trained weights and then trained it.
      assertThat(c2.logProbabilities(images)).isNotEqualTo(start);
    }
  }

  @Test
  void generatedSampleAccuracyJudgesTheStage2Generator() throws Exception {
    Path s2 = dir.resolve("for-accuracy");
    try (Stage2Run t = Stage2Run.start(stage2(2).build(), DATA, s2)) {
      t.train(TrainingListener.none());
    }
    io.github.gadn.engine.GadnEngine engine = io.github.gadn.engine.Engines.get();
    try (io.github.gadn.GadnModel model = engine.load(s2, "last");
        io.github.gadn.Classifier c2 = engine.loadClassifier(s2, "last");
        io.github.gadn.Classifier pre = engine.loadClassifier(classifier, "20")) {
      Map<String, io.github.gadn.Classifier> judges = new java.util.LinkedHashMap<>();
      judges.put("stage-2 C2", c2);
      judges.put("pre-trained", pre);
      io.github.gadn.metrics.GeneratedSampleScores s =
          io.github.gadn.metrics.GeneratedSampleAccuracy.evaluate(
              "GADN", model, DATA.classCounts(), judges, 3);
      assertThat(s.samples()).isEqualTo(60);
      assertThat(s.accuracyByClassifier().keySet()).containsExactly("stage-2 C2", "pre-trained");
      assertThat(io.github.gadn.metrics.GeneratedSampleAccuracy.evaluate(
              "GADN", model, DATA.classCounts(), judges, 3)).isEqualTo(s);
    }
  }

  @Test
  void classifiersDoNotLoadFromFoldersWithoutOne() {
    assertThatThrownBy(() -> io.github.gadn.engine.Engines.get().loadClassifier(dir.resolve("nothing"), "last"))
        .isInstanceOf(java.io.IOException.class)
        .hasMessageContaining("is not a run folder")
        .hasMessageContaining("options.json is missing");
  }

  private static float[] concat(ToyDataset data, int from, int count) {
    float[] out = new float[count * 12 * 12 * 4];
    for (int i = 0; i < count; i++) {
      System.arraycopy(data.sample(from + i).rgba(), 0, out, i * 12 * 12 * 4, 12 * 12 * 4);
    }
    return out;
  }
}
