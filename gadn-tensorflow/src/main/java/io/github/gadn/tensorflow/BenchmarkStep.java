package io.github.gadn.tensorflow;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;

import io.github.gadn.GaussianCodes;
import io.github.gadn.ImageBatch;
import io.github.gadn.config.ClassifierConfig;
import io.github.gadn.config.RunOptions;
import io.github.gadn.config.Stage1Config;
import io.github.gadn.config.Stage2Config;
import io.github.gadn.data.Batch;
import io.github.gadn.tensorflow.train.BenchmarkGraph;
import io.github.gadn.tensorflow.train.GraphSession;
import java.util.List;
import org.tensorflow.GraphOperation;
import org.tensorflow.proto.RunMetadata;

/**
 * One iteration of one of the engine's graphs, for timing it: the hook behind {@code gadn bench}
 * (docs/performance.md). Each factory builds the graph exactly as a training run or a loaded model
 * builds it, fed from batches the caller supplies instead of a data set and a run folder; nothing
 * is written to disk. Not needed for training or inference: use {@link
 * io.github.gadn.engine.GadnEngine} for those.
 *
 * <p>A step holds native resources: the factory builds its graph, {@link #initialize()} (or the
 * first {@link #run}) creates its session and fills every variable with its initial value, and
 * {@link #close()} releases both. Use try-with-resources. Steps are not thread-safe.
 *
 * <pre>{@code
 * try (BenchmarkStep step = BenchmarkStep.stage1(config, batches)) {
 *   step.initialize();
 *   for (long t = 1; t <= 20; t++) {
 *     step.run(t);                            // time this
 *   }
 * }
 * }</pre>
 *
 * <p>{@link #fetches()} and {@link #targets()} name what one iteration's {@code Session.run}
 * computes, so that a caller can measure the graph (count its operations, for example) without
 * running it.
 */
public final class BenchmarkStep implements AutoCloseable {
  private final BenchmarkGraph graph;

  private BenchmarkStep(BenchmarkGraph graph) {
    this.graph = graph;
  }

  /**
   * A stage-1 iteration (docs/method.md §4.3): forward passes, every gradient and the four
   * optimiser updates in one {@code Session.run}, with the iteration's random inputs drawn from
   * {@code config.run().seed()}.
   *
   * @param config the networks, batch size and run options (device, threads, convolution kernels,
   *     recompute, seed) to build with; class priors are uniform over its {@code classCount}
   * @param batches iteration {@code t} trains on {@code batches.get(t % batches.size())}; each of
   *     {@code config.batchSize()} images of {@code config.imageSize()} pixels, labels below
   *     {@code classCount}
   * @return the step with its graph built, owning native resources until closed
   * @throws IllegalArgumentException naming {@code batches} if it is empty or a batch has another
   *     size or image size than {@code config}
   */
  public static BenchmarkStep stage1(Stage1Config config, List<Batch> batches) {
    checkNotNull(config, "config");
    checkBatches(batches, config.batchSize(), config.imageSize());
    return new BenchmarkStep(BenchmarkGraph.stage1(config, List.copyOf(batches)));
  }

  /**
   * A classifier pre-training iteration (docs/method.md §6): forward pass, gradient and Adam
   * update in one {@code Session.run}.
   *
   * @param config the network, batch size and run options to build with
   * @param batches iteration {@code t} trains on {@code batches.get(t % batches.size())}; each of
   *     {@code config.batchSize()} images of {@code config.imageSize()} pixels
   * @return the step with its graph built, owning native resources until closed
   * @throws IllegalArgumentException naming {@code batches} if it is empty or a batch has another
   *     size or image size than {@code config}
   */
  public static BenchmarkStep classifier(ClassifierConfig config, List<Batch> batches) {
    checkNotNull(config, "config");
    checkBatches(batches, config.batchSize(), config.imageSize());
    return new BenchmarkStep(BenchmarkGraph.classifier(config, List.copyOf(batches)));
  }

  /**
   * One stage-2 discriminator/classifier batch (docs/method.md §7.2): {@code D} and {@code C2}
   * on real and generated images and their updates, in one {@code Session.run}.
   *
   * @param config the stage-2 options (batch size, learning rates, run options) to build with
   * @param stage1 the stage-1 options whose networks ({@code E}, {@code G}, {@code C}), code sizes
   *     and class count stage 2 inherits; content statistics are unit Gaussians
   * @param batches real images, as for {@link #stage1}, of {@code config.batchSize()} images
   * @param contents the content posteriors paired with a batch's images: {@code
   *     config.batchSize()} codes of {@code stage1.contentSize()} dimensions
   * @return the step with its graph built, owning native resources until closed
   * @throws IllegalArgumentException naming {@code batches}, {@code contents} or {@code stage1}
   *     if its shape does not fit {@code config}
   */
  public static BenchmarkStep stage2Discriminator(
      Stage2Config config, Stage1Config stage1, List<Batch> batches, GaussianCodes contents) {
    return stage2(config, stage1, batches, contents, true);
  }

  /**
   * One stage-2 generator step (docs/method.md §7.2): {@code G} and {@code S} against {@code D},
   * {@code C2} and the content loss through {@code E}, in one {@code Session.run}. Arguments as
   * for {@link #stage2Discriminator}.
   *
   * @param config the stage-2 options to build with
   * @param stage1 the stage-1 options whose networks and sizes stage 2 inherits
   * @param batches real images, {@code config.batchSize()} per batch
   * @param contents {@code config.batchSize()} content posteriors of {@code
   *     stage1.contentSize()} dimensions
   * @return the step with its graph built, owning native resources until closed
   * @throws IllegalArgumentException naming {@code batches}, {@code contents} or {@code stage1}
   *     if its shape does not fit {@code config}
   */
  public static BenchmarkStep stage2Generator(
      Stage2Config config, Stage1Config stage1, List<Batch> batches, GaussianCodes contents) {
    return stage2(config, stage1, batches, contents, false);
  }

  private static BenchmarkStep stage2(
      Stage2Config config,
      Stage1Config stage1,
      List<Batch> batches,
      GaussianCodes contents,
      boolean discriminator) {
    checkNotNull(config, "config");
    checkNotNull(stage1, "stage1");
    checkNotNull(contents, "contents");
    checkArgument(
        stage1.imageSize() == config.imageSize(),
        "stage1 has %s-px images but config %s px", stage1.imageSize(), config.imageSize());
    checkBatches(batches, config.batchSize(), config.imageSize());
    checkArgument(
        contents.count() == config.batchSize() && contents.dimension() == stage1.contentSize(),
        "contents must hold batchSize = %s codes of contentSize = %s dimensions, got %s x %s",
        config.batchSize(), stage1.contentSize(), contents.count(), contents.dimension());
    return new BenchmarkStep(
        BenchmarkGraph.stage2(config, stage1, List.copyOf(batches), contents, discriminator));
  }

  /**
   * Encoding a batch ({@code Encoder.encode} of the model {@code GadnEngine.load} returns), with
   * freshly initialised weights.
   *
   * @param stage1 the stage-1 options whose encoder to build, and the run options (device,
   *     threads, seed of the initial weights) to build it with
   * @param images iteration {@code t} encodes {@code images.get(t % images.size())}; all of the
   *     same count, of {@code stage1.imageSize()} pixels
   * @return the step with its graph built, owning native resources until closed
   * @throws IllegalArgumentException naming {@code images} if it is empty or its batches differ
   */
  public static BenchmarkStep encode(Stage1Config stage1, List<ImageBatch> images) {
    checkNotNull(stage1, "stage1");
    checkImages(images, stage1.imageSize());
    return new BenchmarkStep(BenchmarkGraph.inference(stage1, List.copyOf(images), false));
  }

  /**
   * Drawing a batch in another style ({@code GadnModel.transfer}: encode, one style lookup,
   * generate), with freshly initialised weights; iteration {@code t} draws in the style of class
   * {@code t % stage1.classCount()}.
   *
   * @param stage1 the stage-1 options whose networks to build, and the run options to build with
   * @param images iteration {@code t} draws {@code images.get(t % images.size())}; all of the same
   *     count, of {@code stage1.imageSize()} pixels
   * @return the step with its graph built, owning native resources until closed
   * @throws IllegalArgumentException naming {@code images} if it is empty or its batches differ
   */
  public static BenchmarkStep transfer(Stage1Config stage1, List<ImageBatch> images) {
    checkNotNull(stage1, "stage1");
    checkImages(images, stage1.imageSize());
    return new BenchmarkStep(BenchmarkGraph.inference(stage1, List.copyOf(images), true));
  }

  private static void checkBatches(List<Batch> batches, int size, int imageSize) {
    checkNotNull(batches, "batches");
    checkArgument(!batches.isEmpty(), "batches must hold at least one batch");
    for (int i = 0; i < batches.size(); i++) {
      Batch b = batches.get(i);
      checkArgument(
          b.size() == size && b.imageSize() == imageSize,
          "batches[%s] holds %s images of %s px; the config needs %s of %s px",
          i, b.size(), b.imageSize(), size, imageSize);
    }
  }

  private static void checkImages(List<ImageBatch> images, int imageSize) {
    checkNotNull(images, "images");
    checkArgument(!images.isEmpty(), "images must hold at least one batch");
    int n = images.get(0).count();
    for (int i = 0; i < images.size(); i++) {
      ImageBatch b = images.get(i);
      checkArgument(
          b.count() == n && b.size() == imageSize && n > 0,
          "images[%s] holds %s images of %s px; every batch needs %s of %s px",
          i, b.count(), b.size(), n, imageSize);
    }
  }

  /**
   * Whether graphs built with {@code run} compute convolution gradients with forward kernels only
   * ({@code RunOptions.convKernels}: {@code FORWARD} yes, {@code ENGINE} no, {@code AUTO} when
   * the natives run without their oneDNN rewrite).
   *
   * @param run the run options a step is built with
   * @return true if forward kernels are used
   */
  public static boolean forwardConvolutions(RunOptions run) {
    return GraphSession.forwardConvs(run);
  }

  /**
   * Whether the natives apply their oneDNN graph rewrite in this process: on unless {@code
   * TF_ENABLE_ONEDNN_OPTS} is {@code 0} or {@code false} (read once, when the natives load).
   *
   * @return true if the rewrite is on
   */
  public static boolean oneDnnRewrite() {
    return GraphSession.oneDnnRewrite();
  }

  /**
   * The graph operations one iteration's {@code Session.run} fetches: the logged losses of a
   * training step, the outputs of an inference step. With {@link #targets()} they determine
   * everything the run computes (all they depend on). For inference steps, whose model takes
   * any batch size, they belong to the same networks built at the images' batch size in a graph
   * of their own.
   *
   * @return the operations, valid until {@link #close()}
   */
  public List<GraphOperation> fetches() {
    return graph.fetches();
  }

  /**
   * The graph operations one iteration's {@code Session.run} runs without fetching: the
   * optimiser updates of a training step; none for an inference step.
   *
   * @return the operations, valid until {@link #close()}
   */
  public List<GraphOperation> targets() {
    return graph.targets();
  }

  /**
   * Creates the session and fills every variable with its initial value, if not done yet. Apart
   * from timing it separately, calling it is optional: {@link #run} does it first.
   */
  public void initialize() {
    graph.initialize();
  }

  /**
   * Runs one iteration.
   *
   * @param iteration selects the batch and the random inputs (any value; 1-based in practice)
   */
  public void run(long iteration) {
    graph.run(iteration);
  }

  /**
   * Runs one iteration with full tracing and returns TensorFlow's metadata of it: per-node
   * execution statistics of every {@code Session.run} the iteration made. Inference steps run
   * through the model's own calls, which are not traced: an empty list.
   *
   * @param iteration selects the batch and the random inputs
   * @return one metadata per traced {@code Session.run}
   */
  public List<RunMetadata> runTraced(long iteration) {
    return graph.runTraced(iteration);
  }

  /** Releases the graph, the session and every tensor the step holds. */
  @Override
  public void close() {
    graph.close();
  }
}
