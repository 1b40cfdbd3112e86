package io.github.gadn.tensorflow.train;

import static com.google.common.base.Preconditions.checkArgument;

import com.google.common.base.Ticker;
import io.github.gadn.NonFiniteLossException;
import io.github.gadn.NonFiniteWeightException;
import io.github.gadn.Trainer;
import io.github.gadn.TrainingEvent;
import io.github.gadn.TrainingListener;
import io.github.gadn.config.RunOptions;
import io.github.gadn.json.Json;
import io.github.gadn.tensorflow.io.AtomicFiles;
import io.github.gadn.tensorflow.io.Checkpoint;
import io.github.gadn.tensorflow.nn.ParamStore;
import io.github.gadn.tensorflow.optim.Ema;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What every training command shares (docs/method.md §9): the iteration loop with its periodic
 * actions (grids, {@code last} and numbered checkpoints, log flushes), the non-finite guard,
 * progress and the stop request. Subclasses supply one iteration, their logged quantities and their
 * grids.
 */
abstract class TrainingRun implements Trainer {
  private static final Logger log = LoggerFactory.getLogger(TrainingRun.class);

  final String stage;
  final RunFolder folder;
  final RunOptions run;
  final Ticker ticker;
  GraphSession graph;
  ParamStore store;
  private volatile boolean stopRequested;
  private LossLog lossLog;
  private TensorBoardLog tensorBoard;

  /** Iterations between TensorBoard scalar events when the log period is longer. */
  static final int SCALAR_PERIOD = 10;
  long iteration;

  TrainingRun(String stage, RunFolder folder, RunOptions run, Ticker ticker) {
    this.stage = stage;
    this.folder = folder;
    this.run = run;
    this.ticker = ticker;
  }

  /** Names of the logged quantities, in column order. */
  abstract List<String> logged();

  /** Runs iteration {@code t} (1-based) and returns the logged quantities. */
  abstract double[] iterate(long t) throws IOException;

  /** Writes the grids of the current iteration. */
  abstract void visualize() throws IOException;

  /** Trainer state beyond the iteration (data position, counters) for checkpoints. */
  abstract Map<String, String> state();

  /** Releases what the subclass holds besides the graph. */
  void closeResources() {}

  /**
   * The learning rates iteration {@code t} used, by name, for TensorBoard (none unless the
   * trainer says).
   */
  Map<String, Double> learningRates(long t) {
    return Map.of();
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
    long niter = run.niter();
    List<String> names = logged();
    Progress progress = new Progress(ticker, 50);
    long lastPrint = ticker.read();
    java.util.concurrent.CountDownLatch finished = new java.util.concurrent.CountDownLatch(1);
    // On Ctrl-C / SIGTERM: ask the loop to stop and wait (bounded) until it has saved "last".
    Thread hook =
        new Thread(
            () -> {
              requestStop();
              try {
                finished.await(120, java.util.concurrent.TimeUnit.SECONDS);
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
              }
            },
            "gadn-" + stage + "-stop");
    boolean hooked = installHook(hook);
    try (LossLog opened = new LossLog(folder.log(), names, iteration);
        TensorBoardLog board = tensorBoard()) {
      lossLog = opened;
      visualize();
      progress.tick(iteration);
      while (iteration < niter && !stopRequested) {
        long t = iteration + 1;
        double[] losses = iterate(t);
        for (int i = 0; i < losses.length; i++) {
          if (!Double.isFinite(losses[i])) {
            throw new NonFiniteLossException(stage, names.get(i), losses[i], t);
          }
        }
        iteration = t;
        lossLog.append(t, losses);
        progress.tick(t);
        Map<String, Double> named = new LinkedHashMap<>();
        for (int i = 0; i < losses.length; i++) {
          named.put(names.get(i), losses[i]);
        }
        double rate = progress.rate();
        double eta = progress.secondsRemaining(t, niter);
        listener.onIteration(new TrainingEvent(t, niter, named, rate, eta));
        if (t % run.visualizeIter() == 0) {
          visualize();
        }
        if (t % run.saveIter() == 0) {
          save(folder.last());
        }
        if (t % run.checkpointIter() == 0) {
          save(folder.numbered(t));
        }
        // TensorBoard scalars every 10 iterations (or every log iteration if that is more often),
        // so that a 2,000-iteration run draws curves, not two points; written to disk with log.csv.
        if (t % Math.min(run.logIter(), SCALAR_PERIOD) == 0 || t % run.logIter() == 0) {
          Map<String, Double> scalars = new LinkedHashMap<>(named);
          scalars.putAll(learningRates(t));
          scalars.put("iterations-per-second", rate);
          board.scalars(t, scalars);
        }
        if (t % run.logIter() == 0) {
          lossLog.flush();
          board.flush();
        }
        long now = ticker.read();
        if (t % run.logIter() == 0 || now - lastPrint > 10_000_000_000L || t == niter) {
          lastPrint = now;
          log.info(Progress.line(stage, t, niter, named, rate, eta));
        }
      }
      if (iteration % run.visualizeIter() != 0) {
        visualize(); // the grids of the final state, whatever the period
      }
      save(folder.last());
      saveNumberedAtEnd();
      if (stopRequested) {
        log.info("{}: stopped at iteration {}; saved {}", stage, iteration, folder.last());
      }
    } finally {
      lossLog = null;
      tensorBoard = null; // closed with the loss log; a later grid or train() opens a new file
      finished.countDown();
      if (hooked) {
        try {
          Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException e) {
          // The JVM is shutting down: the hook asked us to stop and we saved.
        }
      }
    }
  }

  /** The run's TensorBoard log, opened at first use: a new event file per trainer. */
  private TensorBoardLog tensorBoard() throws IOException {
    if (tensorBoard == null) {
      tensorBoard = TensorBoardLog.open(folder.root(), iteration);
    }
    return tensorBoard;
  }

  /**
   * Writes a visualisation grid: the PNG file (atomically) and the same PNG as an image summary
   * under {@code tag} at the current iteration.
   */
  void writeGrid(String tag, BufferedImage image, Path file) throws IOException {
    byte[] png = Grids.png(image, file);
    AtomicFiles.write(file, png);
    TensorBoardLog board = tensorBoard();
    board.image(iteration, tag, image, png);
    board.flush();
  }

  /**
   * Every run ends with a numbered checkpoint of its last iteration (a copy of the {@code last}
   * just written, unless the period already wrote it), so that encode and stage 2, which read
   * numbered checkpoints only, can follow a run of any length.
   */
  private void saveNumberedAtEnd() throws IOException {
    Path numbered = folder.numbered(iteration);
    if (iteration > 0 && !Files.isRegularFile(numbered)) {
      AtomicFiles.copy(folder.last(), numbered);
      log.info("{}: numbered checkpoint {}", stage, numbered);
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

  /** {@code min(t/ramp, 1)}, or 1 without a ramp. */
  static double rampScale(long t, int ramp) {
    return ramp <= 0 ? 1 : Math.min((double) t / ramp, 1);
  }

  /**
   * Writes a checkpoint of every variable plus the trainer state, atomically, after the rows of
   * the loss log up to now are on disk. Refuses (and leaves {@code file} as it was) if a variable
   * holds NaN or infinity, or if the disk lacks the space for it.
   *
   * @throws NonFiniteWeightException naming the first non-finite variable and the iteration
   * @throws IOException naming the folder if the disk is full or not writable
   */
  void save(Path file) throws IOException {
    List<String> bad = store.nonFinite(graph.session());
    if (!bad.isEmpty()) {
      throw new NonFiniteWeightException(stage, bad, iteration, file);
    }
    if (lossLog != null) {
      lossLog.sync();
    }
    List<ParamStore.Param> params = store.all();
    Map<String, long[]> shapes = new LinkedHashMap<>();
    for (ParamStore.Param p : params) {
      shapes.put(p.name(), p.shape());
    }
    Map<String, String> meta = new LinkedHashMap<>();
    meta.put("stage", stage);
    meta.put("iteration", Long.toString(iteration));
    meta.putAll(state());
    folder.ensureSpace(Checkpoint.fileSize(meta, shapes), "checkpoint " + file.getFileName());
    // Streamed: the weights and slots are never copied to the Java heap as a whole.
    try (VariableReader values = new VariableReader(graph.session(), params, SAVE_CHUNK)) {
      Checkpoint.write(file, meta, shapes, values);
    }
  }

  /** Elements fetched per {@code Session.run} while saving (16 MiB of float32). */
  private static final long SAVE_CHUNK = 4L << 20;

  /** Bytes of one checkpoint of this run (its variables), for the free-space check. */
  long checkpointBytes() {
    long n = 0;
    for (ParamStore.Param p : store.all()) {
      n += 4 * p.size();
    }
    return n;
  }

  /**
   * Before training starts: checks that the disk has room for two checkpoints (the new {@code
   * last} is written beside the old one; numbered checkpoints accumulate).
   *
   * @throws IOException naming the folder, the free space and the need
   */
  void ensureSpace() throws IOException {
    long bytes = checkpointBytes();
    folder.ensureSpace(2 * bytes, "two checkpoints of " + RunFolder.mib(bytes));
  }

  /**
   * Completes a fresh run's folder: checks the free space, saves {@code last} at iteration 0 and
   * only then writes {@code options.json}. A run killed before this has no options file and may
   * simply be started again; a run killed later can always be resumed, from {@code last} at
   * worst at iteration 0. Closes the run if a step fails.
   */
  void commitFresh(Map<String, Object> options) throws IOException {
    try {
      ensureSpace();
      save(folder.last());
      writeOptions(folder, options);
    } catch (IOException | RuntimeException e) {
      close();
      throw e;
    }
  }

  /**
   * Restores every variable of this run from a checkpoint of the same stage, streaming the values
   * from the file into the session.
   *
   * @throws IOException naming the checkpoint if it is of another stage or lacks variables
   */
  void restore(Path file, Checkpoint.Header header) throws IOException {
    String saved = header.metadata().get("stage");
    if (!stage.equals(saved)) {
      throw new IOException(file + " is a " + saved + " checkpoint, not a " + stage + " one");
    }
    List<String> missing = new ArrayList<>();
    boolean averageMissing = false;
    for (ParamStore.Param p : store.all()) {
      if (!header.shapes().containsKey(p.name())) {
        if (p.name().startsWith(Ema.PREFIX)) {
          averageMissing = true; // a run resumed with emaBeta > 0 that was trained without
        } else {
          missing.add(p.name());
        }
      }
    }
    boolean averageDropped =
        header.shapes().keySet().stream()
            .anyMatch(name -> name.startsWith(Ema.PREFIX) && !store.contains(name));
    if (averageMissing) {
      log.warn(
          "{}: {} holds no weight average; it starts now, from zero with its bias correction",
          stage, file);
    }
    if (averageDropped) {
      log.warn("{}: emaBeta is 0, so the weight average in {} is dropped", stage, file);
    }
    if (!missing.isEmpty()) {
      throw new IOException(
          file + " does not fit these networks: it lacks " + missing.size()
              + " variables, e.g. " + missing.get(0));
    }
    for (Map.Entry<String, long[]> e : header.shapes().entrySet()) {
      String name = e.getKey();
      if (name.startsWith(Ema.PREFIX) && !store.contains(name)) {
        continue;
      }
      if (!store.contains(name)) {
        throw new IOException(
            file + " does not fit these networks: no parameter named " + name + " in this graph");
      }
      ParamStore.Param p = store.get(name);
      long n = org.tensorflow.ndarray.Shape.of(e.getValue()).size();
      if (n != p.size()) {
        throw new IOException(
            file + " does not fit these networks: parameter " + name + " has " + n
                + " values, expected " + p.size() + " for shape "
                + org.tensorflow.ndarray.Shape.of(p.shape()));
      }
    }
    // The header was verified when the checkpoint was chosen (RunFolder.load): read it once more.
    // A failure closes the run, so values of a file that changed meanwhile are never trained on.
    try (VariableWriter writer = new VariableWriter(graph.session(), store, SAVE_CHUNK)) {
      Checkpoint.stream(
          file,
          header,
          (name, shape, values) -> {
            if (store.contains(name)) { // skips a dropped weight average
              writer.accept(name, shape, values);
            }
          });
      writer.finish();
    } catch (IllegalArgumentException e) {
      throw new IOException(file + " does not fit these networks: " + e.getMessage(), e);
    }
    iteration = Long.parseLong(header.metadata().get("iteration"));
  }

  @Override
  public void close() {
    if (tensorBoard != null) {
      try {
        tensorBoard.close();
      } catch (IOException e) {
        log.warn("{}: could not close {}: {}", stage, tensorBoard.file(), e.toString());
      }
      tensorBoard = null;
    }
    closeResources();
    if (graph != null) {
      graph.close();
    }
  }

  /** Creates a run whose data position and counters come from checkpoint metadata. */
  @FunctionalInterface
  interface Resumable<R extends TrainingRun> {
    R create(Map<String, String> state);
  }

  /**
   * The common resume sequence (docs/method.md §9.1): read checkpoint {@code which} (or, with
   * {@code fallback}, the newest intact numbered one if it cannot be loaded), check the folder is
   * writable and has space, delete the temporary files of killed writes, build the run from the
   * checkpoint's state, restore every variable and rewrite {@code options.json} with the
   * effective options; the run is closed again if any step fails.
   */
  static <R extends TrainingRun> R resumeFrom(
      RunFolder folder,
      String which,
      boolean fallback,
      Resumable<R> factory,
      Map<String, Object> options)
      throws IOException {
    RunFolder.Loaded loaded = folder.load(which, fallback);
    carryDataSource(folder, options);
    folder.ensureWritable();
    int stale = folder.deleteTemporaries();
    if (stale > 0) {
      log.info("{}: deleted {} temporary files of interrupted writes", folder.root(), stale);
    }
    R run = factory.create(loaded.header().metadata());
    try {
      run.restore(loaded.file(), loaded.header());
      run.ensureSpace();
      writeOptions(folder, options);
    } catch (IOException | RuntimeException e) {
      run.close();
      throw e;
    }
    log.info("{}: resumed from {} at iteration {}", run.stage, loaded.file(), run.iteration);
    return run;
  }

  /**
   * The contents of {@code options.json}: the config's own map, the stage, the data set's
   * description, fingerprint and class names, and the fixed visualisation indices if any.
   */
  static Map<String, Object> options(
      Map<String, Object> config, String stage, io.github.gadn.data.LabelledDataset data, int[] vis) {
    Map<String, Object> m = new LinkedHashMap<>(config);
    m.put("stage", stage);
    m.put("data", data.description());
    m.put("dataFingerprint", data.fingerprint());
    m.put("dataSize", data.size());
    data.source().ifPresent(s -> m.put("dataSource", s.toMap()));
    m.put("classNames", new ArrayList<>(data.classNames()));
    if (vis != null) {
      List<Object> list = new ArrayList<>();
      for (int i : vis) {
        list.add(i);
      }
      m.put("visIndices", list);
    }
    return m;
  }

  /**
   * On resume: warns when the data's fingerprint differs from the one the run was trained on, and
   * keeps the recorded data source when the same data is given without one (for example a data
   * set built in code), so that the folder can still open its data later.
   */
  private static void carryDataSource(RunFolder folder, Map<String, Object> options) {
    Map<?, ?> previous;
    try {
      previous = (Map<?, ?>) Json.parse(Files.readString(folder.options(), StandardCharsets.UTF_8));
    } catch (IOException | RuntimeException e) {
      return; // the caller has already read and checked it; nothing to carry over
    }
    boolean same = java.util.Objects.equals(previous.get("dataFingerprint"), options.get("dataFingerprint"));
    if (!same) {
      log.warn("{}: the data given ({}) differs from the data this run was trained on ({}):"
              + " different images, labels or order", folder.root(), options.get("data"), previous.get("data"));
    } else if (!options.containsKey("dataSource") && previous.get("dataSource") != null) {
      options.put("dataSource", previous.get("dataSource"));
    }
  }

  /** The fixed visualisation set of a fresh run: {@code count} distinct seeded indices. */
  static int[] visIndices(long seed, int count, int size) {
    return new java.util.SplittableRandom(seed ^ 0x5EEDL)
        .ints(0, size).distinct().limit(Math.min(count, size)).toArray();
  }

  /** The visualisation indices saved in {@code options.json}. */
  static int[] visIndices(Map<String, ?> options) {
    return ((List<?>) options.get("visIndices")).stream()
        .mapToInt(o -> ((Number) o).intValue()).toArray();
  }

  /** Writes {@code options.json}. */
  static void writeOptions(RunFolder folder, Map<String, Object> options) throws IOException {
    AtomicFiles.writeString(folder.options(), Json.write(options));
  }

  /**
   * Reads {@code options.json} of a run of the given stage.
   *
   * @throws IOException naming the file if it is missing, malformed or of another stage
   */
  @SuppressWarnings("unchecked")
  static Map<String, ?> readOptions(RunFolder folder, String stage) throws IOException {
    Path file = folder.options();
    if (!Files.isRegularFile(file)) {
      throw new IOException(
          folder.root() + " is not a " + stage + " run folder: " + file + " is missing");
    }
    Object parsed;
    try {
      parsed = Json.parse(Files.readString(file, StandardCharsets.UTF_8));
    } catch (IllegalArgumentException e) {
      throw new IOException(file + " is not valid JSON: " + e.getMessage(), e);
    }
    if (!(parsed instanceof Map)) {
      throw new IOException(file + " does not hold a JSON object");
    }
    Map<String, ?> map = (Map<String, ?>) parsed;
    if (!stage.equals(map.get("stage"))) {
      throw new IOException(
          folder.root() + " is a " + map.get("stage") + " run, not a " + stage + " run");
    }
    return map;
  }

  /** Checks that a fresh run does not overwrite an existing one, and that it can write. */
  static void prepareFresh(RunFolder folder) throws IOException {
    checkArgument(
        !Files.exists(folder.options()),
        "%s already holds a run (options.json exists): resume it or choose another save path",
        folder.root());
    folder.ensureWritable();
  }

  /**
   * Checks that a data set fits a config: image size, class count ({@code classCount < 0}: any)
   * and at least one batch.
   *
   * @throws IllegalArgumentException naming the data set and the mismatch
   */
  static void checkData(
      io.github.gadn.data.LabelledDataset data, int imageSize, int classCount, int batchSize) {
    checkArgument(
        data.imageSize() == imageSize,
        "data %s has %s-px images but imageSize is %s",
        data.description(), data.imageSize(), imageSize);
    checkArgument(
        classCount < 0 || data.classCount() == classCount,
        "data %s has %s classes but classCount is %s",
        data.description(), data.classCount(), classCount);
    checkArgument(
        data.size() >= batchSize,
        "data %s has %s images, fewer than batchSize %s",
        data.description(), data.size(), batchSize);
  }

  /**
   * Checks that overrides left the structural options unchanged (docs/method.md §9.1).
   *
   * @throws io.github.gadn.config.ConfigException naming the first changed key
   */
  static void checkStructural(
      Map<String, Object> saved, Map<String, Object> given, List<String> structural) {
    for (String key : structural) {
      if (!java.util.Objects.equals(saved.get(key), given.get(key))) {
        throw new io.github.gadn.config.ConfigException(
            key,
            key + " is fixed when a run starts and cannot change when resuming (saved "
                + saved.get(key) + ", given " + given.get(key) + ")");
      }
    }
  }
}
