package io.github.gadn.tensorflow.train;

import com.google.common.base.Ticker;
import io.github.gadn.ClassifierTrainer;
import io.github.gadn.config.ClassifierConfig;
import io.github.gadn.config.ConfigMaps;
import io.github.gadn.data.BatchIterator;
import io.github.gadn.data.LabelledDataset;
import io.github.gadn.tensorflow.nn.AugmentWarp;
import io.github.gadn.tensorflow.nn.RandomInputs;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * Classifier pre-training on real images (docs/method.md §6) in a run folder; only its numbered
 * checkpoints feed stage 2.
 */
public final class ClassifierRun extends TrainingRun implements ClassifierTrainer {
  static final String STAGE = "classifier";

  private final ClassifierConfig config;
  private final ClassifierGraph classifier;
  private final BatchIterator batches;

  private ClassifierRun(
      ClassifierConfig config, LabelledDataset data, RunFolder folder, Map<String, String> state) {
    super(STAGE, folder, config.run(), Ticker.systemTicker());
    this.config = config;
    GraphSession gs = new GraphSession(config.run());
    try {
      classifier = new ClassifierGraph(gs.ops(), config, config.run().seed());
      classifier.store.initialize(gs.session());
      batches = BatchIterator.shuffled(data, config.batchSize(), config.run().seed(), config.run().nloader(), state);
    } catch (RuntimeException e) {
      gs.close();
      throw e;
    }
    this.graph = gs;
    this.store = classifier.store;
  }

  /** Starts a fresh pre-training run. */
  public static ClassifierRun start(ClassifierConfig config, LabelledDataset data, Path dir)
      throws IOException {
    checkData(data, config.imageSize(), config.classCount(), config.batchSize());
    RunFolder folder = new RunFolder(dir);
    prepareFresh(folder);
    ClassifierRun run = new ClassifierRun(config, data, folder, null);
    run.commitFresh(options(config, data));
    return run;
  }

  /**
   * Resumes from {@code "last"} or a numbered checkpoint; with {@code fallback}, from the newest
   * intact numbered checkpoint if that one is missing or cannot be loaded.
   */
  public static ClassifierRun resume(
      Path dir, String which, boolean fallback, UnaryOperator<ClassifierConfig.Builder> overrides, LabelledDataset data)
      throws IOException {
    RunFolder folder = new RunFolder(dir);
    ClassifierConfig saved = ConfigMaps.classifier(readOptions(folder, STAGE)).build();
    ClassifierConfig config = overrides == null ? saved : overrides.apply(saved.toBuilder()).build();
    checkStructural(
        ConfigMaps.toMap(saved), ConfigMaps.toMap(config), ConfigMaps.CLASSIFIER_STRUCTURAL);
    checkData(data, config.imageSize(), config.classCount(), config.batchSize());
    return resumeFrom(folder, which, fallback, state -> new ClassifierRun(config, data, folder, state), options(config, data));
  }

  private static Map<String, Object> options(ClassifierConfig config, LabelledDataset data) {
    return options(ConfigMaps.toMap(config), STAGE, data, null);
  }

  @Override
  public ClassifierConfig config() {
    return config;
  }

  @Override
  List<String> logged() {
    return ClassifierGraph.LOGGED;
  }

  @Override
  double[] iterate(long t) throws IOException {
    double[] augment =
        AugmentWarp.stratifiedParams(
            RandomInputs.forIteration(run.seed(), t, 2), config.batchSize(), config.augment());
    return classifier.train(
        graph.session(), batches.next(), augment, config.lr() * rampScale(t, config.lrRamp()));
  }

  @Override
  void visualize() {
    // Classifier pre-training has no grids (docs/method.md §9.5).
  }

  @Override
  Map<String, Double> learningRates(long t) {
    return Map.of("lr", config.lr() * rampScale(t, config.lrRamp()));
  }

  @Override
  Map<String, String> state() {
    return batches.state();
  }

  @Override
  void closeResources() {
    batches.close();
  }
}
