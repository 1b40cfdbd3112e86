package io.github.gadn.tensorflow.train;

import com.google.common.base.Ticker;
import io.github.gadn.Stage1Trainer;
import io.github.gadn.config.ConfigMaps;
import io.github.gadn.config.Stage1Config;
import io.github.gadn.data.BatchIterator;
import io.github.gadn.data.ImageGrid;
import io.github.gadn.data.InkWeights;
import io.github.gadn.data.LabelledDataset;
import io.github.gadn.data.Sample;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A stage-1 training run in a run folder (docs/method.md §4, §9): one {@code Session.run} per
 * iteration, periodic grids, {@code last} and numbered checkpoints, a CSV loss log and progress.
 */
public final class Stage1Run extends TrainingRun implements Stage1Trainer {
  private static final Logger log = LoggerFactory.getLogger(Stage1Run.class);
  static final String STAGE = "stage1";

  private final Stage1Config config;
  private final LabelledDataset data;
  private final Stage1Graph stage1;
  private final BatchIterator batches;
  private final int[] visIndices;

  private Stage1Run(
      Stage1Config config,
      LabelledDataset data,
      RunFolder folder,
      int[] visIndices,
      Map<String, String> dataState,
      Ticker ticker) {
    super(STAGE, folder, config.run(), ticker);
    this.config = config;
    this.data = data;
    this.visIndices = visIndices;
    GraphSession gs = new GraphSession(config.run());
    try {
      this.stage1 = new Stage1Graph(gs.ops(), config, data.classFrequencies(), config.run().seed());
      stage1.store.initialize(gs.session());
      this.batches = BatchIterator.shuffled(data, config.batchSize(), config.run().seed(), config.run().nloader(), dataState);
    } catch (RuntimeException e) {
      gs.close();
      throw e;
    }
    this.graph = gs;
    this.store = stage1.store;
  }

  /**
   * Starts a fresh run. A config whose {@link Stage1Config#inkWeights()} is auto gets the
   * background weight derived from the data; {@link #config()} and {@code options.json} hold the
   * value chosen.
   *
   * @throws IllegalArgumentException if the data does not match the config, or the folder
   *     already holds a run
   * @throws IOException if the folder cannot be written
   */
  public static Stage1Run start(Stage1Config config, LabelledDataset data, Path runDirectory)
      throws IOException {
    return start(config, data, runDirectory, Ticker.systemTicker());
  }

  static Stage1Run start(
      Stage1Config requested, LabelledDataset given, Path runDirectory, Ticker ticker)
      throws IOException {
    checkData(given, requested.imageSize(), requested.classCount(), requested.batchSize());
    Stage1Config config = resolveInkWeights(requested, given);
    LabelledDataset data = withInkWeights(config, given);
    RunFolder folder = new RunFolder(runDirectory);
    prepareFresh(folder);
    int[] vis = visIndices(config.run().seed(), config.visRows() * config.visCols(), data.size());
    Stage1Run run = new Stage1Run(config, data, folder, vis, null, ticker);
    try {
      run.writeTargets();
    } catch (IOException | RuntimeException e) {
      run.close();
      throw e;
    }
    run.commitFresh(optionsMap(config, data, vis));
    return run;
  }

  /**
   * Resumes from a checkpoint of a run folder (docs/method.md §9.1): structural options come from
   * the saved options, overridable ones may be changed by {@code overrides}.
   *
   * @param runDirectory the run folder
   * @param which {@code "last"} or a numbered checkpoint's iteration
   * @param fallback if {@code which} is missing or cannot be loaded, resume from the newest intact
   *     numbered checkpoint instead (logged)
   * @param overrides applied to the saved options; {@code null} for none
   * @param given the training data (must match the saved image size and classes)
   * @throws IOException naming a missing or corrupt file
   * @throws IllegalArgumentException naming a structural option that an override changed
   */
  public static Stage1Run resume(
      Path runDirectory,
      String which,
      boolean fallback,
      UnaryOperator<Stage1Config.Builder> overrides,
      LabelledDataset given)
      throws IOException {
    RunFolder folder = new RunFolder(runDirectory);
    Map<String, ?> saved = readOptions(folder, STAGE);
    Stage1Config savedConfig = ConfigMaps.stage1(saved).build();
    Stage1Config overridden =
        overrides == null ? savedConfig : overrides.apply(savedConfig.toBuilder()).build();
    checkStructural(
        ConfigMaps.toMap(savedConfig), ConfigMaps.toMap(overridden), ConfigMaps.STAGE1_STRUCTURAL);
    checkData(given, overridden.imageSize(), overridden.classCount(), overridden.batchSize());
    Stage1Config config = resolveInkWeights(overridden, given);
    LabelledDataset data = withInkWeights(config, given);
    int[] vis = visIndices(saved);
    return resumeFrom(
        folder,
        which,
        fallback,
        state -> new Stage1Run(config, data, folder, vis, state, Ticker.systemTicker()),
        optionsMap(config, data, vis));
  }

  /** Images measured to derive the background weight of {@link Stage1Config#INK_WEIGHTS_AUTO}. */
  static final int INK_WEIGHT_SAMPLE = 500;

  /**
   * The config with {@link Stage1Config#inkWeights()} resolved: auto becomes the data's balanced
   * background weight, or 0 when the background does not dominate; data with weight maps of its
   * own keep theirs (0). What was chosen, and why, goes to the log.
   */
  static Stage1Config resolveInkWeights(Stage1Config config, LabelledDataset data)
      throws IOException {
    double ink = config.inkWeights();
    if (ink == 0) {
      return config;
    }
    if (data.hasWeightMaps()) {
      log.info("stage1: {} has weight maps of its own; they are used instead of ink weights",
          data.description());
      return config.toBuilder().inkWeights(0).build();
    }
    if (ink != Stage1Config.INK_WEIGHTS_AUTO) {
      log.info("stage1: ink weight maps, background weight {}", ink);
      return config;
    }
    double floor = InkWeights.balancedFloor(data, INK_WEIGHT_SAMPLE);
    if (floor >= 1) {
      log.info("stage1: no weight maps: the ink does not need them (with uniform weights the"
          + " reconstruction loss already pulls towards the ink as hard as towards the background)");
      return config.toBuilder().inkWeights(0).build();
    }
    log.info(String.format(Locale.ROOT,
        "stage1: ink weight maps, background weight %.4f, derived from %d images so that the"
            + " reconstruction loss pulls a blank output towards the ink as hard as towards the"
            + " background (set inkWeights / --ink-weights to change)",
        floor, Math.min(INK_WEIGHT_SAMPLE, data.size())));
    return config.toBuilder().inkWeights(floor).build();
  }

  /** The data with the ink weight maps a resolved config asks for. */
  private static LabelledDataset withInkWeights(Stage1Config config, LabelledDataset data) {
    return config.inkWeights() > 0 && !data.hasWeightMaps()
        ? InkWeights.of(data, config.inkWeights())
        : data;
  }

  private static Map<String, Object> optionsMap(Stage1Config config, LabelledDataset data, int[] vis) {
    return options(ConfigMaps.toMap(config), STAGE, data, vis);
  }

  /**
   * The options a stage-1 run folder was saved with.
   *
   * @throws IOException naming the folder if it holds no stage-1 run or its options are malformed
   */
  public static Stage1Config savedConfig(Path stage1Run) throws IOException {
    try {
      return ConfigMaps.stage1(readOptions(new RunFolder(stage1Run), STAGE)).build();
    } catch (IllegalArgumentException e) {
      throw new IOException(stage1Run.resolve("options.json") + ": " + e.getMessage(), e);
    }
  }

  @Override
  public Stage1Config config() {
    return config;
  }

  @Override
  List<String> logged() {
    return Stage1Graph.LOGGED;
  }

  @Override
  double[] iterate(long t) throws IOException {
    return stage1.train(
        graph.session(),
        config,
        batches.next(),
        Stage1Inputs.draw(config, config.run().seed(), t),
        rampScale(t, config.lrRamp()));
  }

  /** E, G and C's learning rate and S's, with the ramp of iteration {@code t} applied. */
  @Override
  Map<String, Double> learningRates(long t) {
    double ramp = rampScale(t, config.lrRamp());
    return Map.of("lr", config.lr() * ramp, "style-lr", config.styleLr() * ramp);
  }

  @Override
  Map<String, String> state() {
    return batches.state();
  }

  private void writeTargets() throws IOException {
    int r = config.imageSize();
    float[] rgba = new float[visIndices.length * r * r * 4];
    float[] weights = data.hasWeightMaps() ? new float[visIndices.length * r * r * 4] : null;
    for (int i = 0; i < visIndices.length; i++) {
      Sample s = data.sample(visIndices[i]);
      System.arraycopy(s.rgba(), 0, rgba, i * r * r * 4, r * r * 4);
      if (weights != null) {
        float[] w = s.weight().orElseThrow();
        for (int p = 0; p < r * r; p++) {
          float v = w[p] * 2 - 1;
          int o = (i * r * r + p) * 4;
          weights[o] = v;
          weights[o + 1] = v;
          weights[o + 2] = v;
          weights[o + 3] = 1;
        }
      }
    }
    Path dir = folder.grids("reconstructions");
    writeGrid(
        "reconstructions/target",
        ImageGrid.layout(new float[][] {rgba}, r, 4, gridRows(), gridCols()),
        dir.resolve("target.png"));
    if (weights != null) {
      writeGrid(
          "reconstructions/weight",
          ImageGrid.layout(new float[][] {weights}, r, 4, gridRows(), gridCols()),
          dir.resolve("weight.png"));
    }
  }

  /** Grid columns: {@code visCols}, fewer if the data set has fewer images. */
  private int gridCols() {
    return Math.min(config.visCols(), visIndices.length);
  }

  /** Grid rows: the full rows the visualisation items fill. */
  private int gridRows() {
    return Math.max(1, visIndices.length / gridCols());
  }

  /** Writes {@code reconstructions/<t>.png} (docs/method.md §4.6). */
  @Override
  void visualize() throws IOException {
    int r = config.imageSize();
    float[] rgba = new float[visIndices.length * r * r * 4];
    int[] labels = new int[visIndices.length];
    for (int i = 0; i < visIndices.length; i++) {
      Sample s = data.sample(visIndices[i]);
      System.arraycopy(s.rgba(), 0, rgba, i * r * r * 4, r * r * 4);
      labels[i] = s.label();
    }
    float[][] images = stage1.visualize(graph.session(), rgba, labels, r);
    writeGrid(
        "reconstructions",
        ImageGrid.layout(images, r, 3, gridRows(), gridCols()),
        folder.grids("reconstructions").resolve(iteration + ".png"));
  }

  @Override
  void closeResources() {
    batches.close();
  }
}
