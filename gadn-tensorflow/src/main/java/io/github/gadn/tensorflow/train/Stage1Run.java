package io.github.gadn.tensorflow.train;

import static com.google.common.base.Preconditions.checkArgument;

import com.google.common.base.Ticker;
import io.github.gadn.Stage1Trainer;
import io.github.gadn.TrainingEvent;
import io.github.gadn.TrainingListener;
import io.github.gadn.config.ConfigMaps;
import io.github.gadn.config.Stage1Config;
import io.github.gadn.data.LabelledDataset;
import io.github.gadn.data.Sample;
import io.github.gadn.json.Json;
import io.github.gadn.tensorflow.io.Checkpoint;
import io.github.gadn.tensorflow.nn.ParamStore;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.UnaryOperator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A stage-1 training run in a run folder (spec §4, §9): one {@code Session.run} per iteration,
 * periodic grids, {@code last} and numbered checkpoints, a CSV loss log and progress.
 */
public final class Stage1Run implements Stage1Trainer {
  private static final Logger log = LoggerFactory.getLogger(Stage1Run.class);
  static final String STAGE = "stage1";

  private final Stage1Config config;
  private final LabelledDataset data;
  private final RunFolder folder;
  private final GraphSession graph;
  private final Stage1Graph stage1;
  private final BatchSource batches;
  private final int[] visIndices;
  private final Ticker ticker;
  private volatile boolean stopRequested;
  private long iteration;

  private Stage1Run(
      Stage1Config config,
      LabelledDataset data,
      RunFolder folder,
      int[] visIndices,
      Map<String, String> dataState,
      Ticker ticker)
      throws IOException {
    this.config = config;
    this.data = data;
    this.folder = folder;
    this.visIndices = visIndices;
    this.ticker = ticker;
    GraphSession gs = new GraphSession(config.run());
    try {
      this.stage1 = new Stage1Graph(gs.ops(), config, data.classFrequencies(), config.run().seed());
      stage1.store.initialize(gs.session());
      this.batches = BatchSources.shuffled(data, config.batchSize(), config.run(), dataState);
    } catch (RuntimeException e) {
      gs.close();
      throw e;
    }
    this.graph = gs;
  }

  /**
   * Starts a fresh run.
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
      Stage1Config config, LabelledDataset data, Path runDirectory, Ticker ticker)
      throws IOException {
    checkMatches(config, data);
    RunFolder folder = new RunFolder(runDirectory);
    checkArgument(
        !Files.exists(folder.options()),
        "%s already holds a run (options.json exists): resume it or choose another save path",
        runDirectory);
    folder.ensureWritable();
    int count = Math.min(config.visRows() * config.visCols(), data.size());
    int[] vis = new SplittableRandom(config.run().seed() ^ 0x5EEDL).ints(0, data.size())
        .distinct().limit(count).toArray();
    AtomicFiles.writeString(folder.options(), Json.write(optionsMap(config, data, vis)));
    Stage1Run run = new Stage1Run(config, data, folder, vis, null, ticker);
    run.writeTargets();
    return run;
  }

  /**
   * Resumes from a checkpoint of a run folder (spec §9.1): structural options come from the saved
   * options, overridable ones may be changed by {@code overrides}.
   *
   * @param runDirectory the run folder
   * @param which {@code "last"} or a numbered checkpoint's iteration
   * @param overrides applied to the saved options; {@code null} for none
   * @param data the training data (must match the saved image size and classes)
   * @throws IOException naming a missing or corrupt file
   * @throws IllegalArgumentException naming a structural option that an override changed
   */
  public static Stage1Run resume(
      Path runDirectory,
      String which,
      UnaryOperator<Stage1Config.Builder> overrides,
      LabelledDataset data)
      throws IOException {
    RunFolder folder = new RunFolder(runDirectory);
    if (!Files.isRegularFile(folder.options())) {
      throw new IOException(
          runDirectory + " is not a stage-1 run folder: " + folder.options() + " is missing");
    }
    Map<String, ?> saved = readOptions(folder.options());
    Stage1Config savedConfig = ConfigMaps.stage1(saved).build();
    Stage1Config config =
        overrides == null ? savedConfig : overrides.apply(savedConfig.toBuilder()).build();
    Map<String, Object> before = ConfigMaps.toMap(savedConfig);
    Map<String, Object> after = ConfigMaps.toMap(config);
    for (String key : ConfigMaps.STAGE1_STRUCTURAL) {
      checkArgument(
          before.get(key).equals(after.get(key)),
          "option %s defines the networks and cannot change when resuming (saved %s, given %s)",
          key,
          before.get(key),
          after.get(key));
    }
    checkMatches(config, data);
    @SuppressWarnings("unchecked")
    List<Object> visList = (List<Object>) saved.get("visIndices");
    int[] vis = visList.stream().mapToInt(o -> ((Number) o).intValue()).toArray();
    Checkpoint checkpoint = Checkpoint.read(folder.checkpoint(which));
    checkArgument(
        STAGE.equals(checkpoint.metadata().get("stage")),
        "%s is a %s checkpoint, not a stage-1 checkpoint",
        folder.checkpoint(which),
        checkpoint.metadata().get("stage"));
    folder.ensureWritable();
    Stage1Run run =
        new Stage1Run(config, data, folder, vis, checkpoint.metadata(), Ticker.systemTicker());
    try {
      List<String> missing = new ArrayList<>();
      for (ParamStore.Param p : run.stage1.store.all()) {
        if (!checkpoint.tensors().containsKey(p.name())) {
          missing.add(p.name());
        }
      }
      checkArgument(
          missing.isEmpty(),
          "it lacks %s of the run's variables, e.g. %s",
          missing.size(),
          missing.isEmpty() ? "" : missing.get(0));
      run.stage1.store.write(run.graph.session(), checkpoint.tensors());
      AtomicFiles.writeString(folder.options(), Json.write(optionsMap(config, data, vis)));
    } catch (IllegalArgumentException e) {
      run.close();
      throw new IOException(
          "checkpoint " + folder.checkpoint(which) + " does not fit these networks: "
              + e.getMessage(), e);
    }
    run.iteration = Long.parseLong(checkpoint.metadata().get("iteration"));
    return run;
  }

  private static Map<String, Object> optionsMap(Stage1Config config, LabelledDataset data, int[] vis) {
    Map<String, Object> m = new LinkedHashMap<>(ConfigMaps.toMap(config));
    m.put("stage", STAGE);
    m.put("data", data.description());
    m.put("dataFingerprint", data.fingerprint());
    m.put("classNames", new ArrayList<>(data.classNames()));
    List<Object> list = new ArrayList<>();
    for (int i : vis) {
      list.add(i);
    }
    m.put("visIndices", list);
    return m;
  }

  @SuppressWarnings("unchecked")
  static Map<String, ?> readOptions(Path file) throws IOException {
    Object parsed;
    try {
      parsed = Json.parse(Files.readString(file, StandardCharsets.UTF_8));
    } catch (IllegalArgumentException e) {
      throw new IOException(file + " is not valid JSON: " + e.getMessage(), e);
    }
    if (!(parsed instanceof Map)) {
      throw new IOException(file + " does not hold a JSON object");
    }
    return (Map<String, ?>) parsed;
  }

  private static void checkMatches(Stage1Config config, LabelledDataset data) {
    checkArgument(
        data.imageSize() == config.imageSize(),
        "data %s has %s-px images but imageSize is %s",
        data.description(),
        data.imageSize(),
        config.imageSize());
    checkArgument(
        data.classCount() == config.classCount(),
        "data %s has %s classes but classCount is %s",
        data.description(),
        data.classCount(),
        config.classCount());
    checkArgument(
        data.size() >= config.batchSize(),
        "data %s has %s images, fewer than batchSize %s",
        data.description(),
        data.size(),
        config.batchSize());
  }

  @Override
  public Stage1Config config() {
    return config;
  }

  @Override
  public Path runDirectory() {
    return folder.root();
  }

  @Override
  public long iteration() {
    return iteration;
  }

  @Override
  public void requestStop() {
    stopRequested = true;
  }

  @Override
  public void train(TrainingListener listener) throws IOException {
    long niter = config.run().niter();
    Progress progress = new Progress(ticker, 50);
    long lastPrint = ticker.read();
    Thread hook = new Thread(this::requestStop, "gadn-stage1-stop");
    boolean hooked = installHook(hook);
    try (LossLog lossLog = new LossLog(folder.log(), Stage1Graph.LOGGED, iteration)) {
      visualize();
      progress.tick(iteration);
      while (iteration < niter && !stopRequested) {
        long t = iteration + 1;
        double[] losses =
            stage1.train(
                graph.session(),
                config,
                batches.next(),
                Stage1Inputs.draw(config, config.run().seed(), t),
                rampScale(t, config.lrRamp()));
        for (int i = 0; i < losses.length; i++) {
          if (!Double.isFinite(losses[i])) {
            throw new NonFiniteLossException(STAGE, Stage1Graph.LOGGED.get(i), losses[i], t);
          }
        }
        iteration = t;
        lossLog.append(t, losses);
        progress.tick(t);
        Map<String, Double> named = new LinkedHashMap<>();
        for (int i = 0; i < losses.length; i++) {
          named.put(Stage1Graph.LOGGED.get(i), losses[i]);
        }
        double rate = progress.rate();
        double eta = progress.secondsRemaining(t, niter);
        listener.onIteration(new TrainingEvent(t, niter, named, rate, eta));
        if (t % config.run().visualizeIter() == 0) {
          visualize();
        }
        if (t % config.run().saveIter() == 0) {
          save(folder.last());
        }
        if (t % config.run().checkpointIter() == 0) {
          save(folder.numbered(t));
        }
        if (t % config.run().logIter() == 0) {
          lossLog.flush();
        }
        long now = ticker.read();
        if (t % config.run().logIter() == 0 || now - lastPrint > 10_000_000_000L || t == niter) {
          lastPrint = now;
          log.info(Progress.line(STAGE, t, niter, named, rate, eta));
        }
      }
      save(folder.last());
    } finally {
      if (hooked) {
        try {
          Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException e) {
          // The JVM is shutting down: the hook already asked us to stop, and we just saved.
        }
      }
    }
  }

  private static boolean installHook(Thread hook) {
    try {
      Runtime.getRuntime().addShutdownHook(hook);
      return true;
    } catch (IllegalStateException e) {
      return false;
    }
  }

  static double rampScale(long t, int ramp) {
    return ramp <= 0 ? 1 : Math.min((double) t / ramp, 1);
  }

  /** Writes a checkpoint of every variable plus the trainer state. */
  void save(Path file) throws IOException {
    List<ParamStore.Param> params = stage1.store.all();
    Map<String, float[]> values = stage1.store.read(graph.session(), params);
    Map<String, long[]> shapes = new LinkedHashMap<>();
    for (ParamStore.Param p : params) {
      shapes.put(p.name(), p.shape());
    }
    Map<String, String> meta = new LinkedHashMap<>();
    meta.put("stage", STAGE);
    meta.put("iteration", Long.toString(iteration));
    meta.putAll(batches.state());
    new Checkpoint(meta, values, shapes).write(file);
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
    Grids.writePng(
        Grids.layout(new float[][] {rgba}, r, 4, config.visRows(), config.visCols()),
        dir.resolve("target.png"));
    if (weights != null) {
      Grids.writePng(
          Grids.layout(new float[][] {weights}, r, 4, config.visRows(), config.visCols()),
          dir.resolve("weight.png"));
    }
  }

  /** Writes {@code reconstructions/<t>.png} (spec §4.6). */
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
    int rows = Math.max(1, visIndices.length / config.visCols());
    Grids.writePng(
        Grids.layout(images, r, 3, rows, Math.min(config.visCols(), visIndices.length)),
        folder.grids("reconstructions").resolve(iteration + ".png"));
  }

  @Override
  public void close() {
    batches.close();
    graph.close();
  }
}
