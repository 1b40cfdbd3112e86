package io.github.gadn.examples.cli;

import static com.google.common.base.Preconditions.checkArgument;

import io.github.gadn.CodeBatch;
import io.github.gadn.GaussianCodes;
import io.github.gadn.ImageBatch;
import io.github.gadn.config.ClassifierConfig;
import io.github.gadn.config.NetworkStructure;
import io.github.gadn.config.NetworkStructure.Kind;
import io.github.gadn.config.Recipe;
import io.github.gadn.config.RunOptions;
import io.github.gadn.config.Stage1Config;
import io.github.gadn.config.Stage2Config;
import io.github.gadn.data.Batch;
import io.github.gadn.tensorflow.BenchmarkStep;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.LongConsumer;
import org.tensorflow.DeviceSpec;
import org.tensorflow.Graph;
import org.tensorflow.GraphOperation;
import org.tensorflow.Operand;
import org.tensorflow.Session;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.proto.ConfigProto;
import org.tensorflow.proto.DeviceStepStats;
import org.tensorflow.proto.NodeExecStats;
import org.tensorflow.proto.RunMetadata;
import org.tensorflow.types.TFloat32;

/**
 * One benchmark case of {@code gadn bench}: a real training or inference step at the default
 * networks of its image size (docs/method.md §3.13) on synthetic in-memory data, built by the
 * engine's {@link BenchmarkStep} exactly as a training run (or {@code GadnModel}) builds it, plus
 * the multiply-accumulates of one iteration counted by {@link GraphFlops} on that graph. The
 * {@link #MATMUL_PEAK} case is a plain TensorFlow matrix product measuring the machine.
 */
final class BenchCase implements AutoCloseable {
  /** The case names of {@code bench.json} (listed in docs/performance.md), in run order. */
  static final List<String> NAMES =
      List.of(
          "stage1_32", "stage1_64", "classifier_32", "stage2_dis_32", "stage2_gen_32",
          "stage2_dis_64", "stage2_gen_64", "encode_32", "transfer_32");

  /** A large fp32 matrix product measuring the machine's practical peak. */
  static final String MATMUL_PEAK = "matmul_peak";

  private static final int CLASSES = 10;
  private static final int POOL = 4;
  private static final int MATMUL_SIDE = 2048;

  private static final String COUNTED =
      "graph: Conv2D, Conv2DBackpropInput, Conv2DBackpropFilter and MatMul ops of the"
          + " Session.run, from static shapes";

  /**
   * How to build the cases.
   *
   * @param run device, engine threads, convolution kernels and recompute (the other fields are
   *     not used)
   * @param recipe whose networks, batch sizes and training parameters the cases use
   * @param tiny tiny networks and batches instead of the defaults (for tests of the command)
   */
  record Settings(RunOptions run, Recipe recipe, boolean tiny) {}

  /** What one traced iteration reports: the metadata of each traced {@code Session.run}. */
  @FunctionalInterface
  private interface Tracer {
    List<RunMetadata> trace(long iteration);
  }

  private final String name;
  private final int batch;
  private final int imageSize;
  private final long macs;
  private final String flopSource;
  private final LongConsumer step;
  private final Tracer tracer;
  private final AutoCloseable resources;

  private BenchCase(
      String name,
      int batch,
      int imageSize,
      long macs,
      String flopSource,
      LongConsumer step,
      Tracer tracer,
      AutoCloseable resources) {
    this.name = name;
    this.batch = batch;
    this.imageSize = imageSize;
    this.macs = macs;
    this.flopSource = flopSource;
    this.step = step;
    this.tracer = tracer;
    this.resources = resources;
  }

  /**
   * Builds a case: its graph, session, initial weights and synthetic data.
   *
   * @param name one of {@link #NAMES} or {@link #MATMUL_PEAK}
   * @throws IllegalArgumentException naming an unknown case
   */
  static BenchCase create(String name, Settings settings) {
    checkArgument(
        NAMES.contains(name) || MATMUL_PEAK.equals(name),
        "unknown bench case \"%s\" (cases: %s, %s)", name, String.join(", ", NAMES), MATMUL_PEAK);
    switch (name) {
      case "stage1_32":
        return stage1(name, 32, settings);
      case "stage1_64":
        return stage1(name, 64, settings);
      case "classifier_32":
        return classifier(name, 32, settings);
      case "stage2_dis_32":
        return stage2(name, 32, settings, true);
      case "stage2_gen_32":
        return stage2(name, 32, settings, false);
      case "stage2_dis_64":
        return stage2(name, 64, settings, true);
      case "stage2_gen_64":
        return stage2(name, 64, settings, false);
      case "encode_32":
        return inference(name, 32, settings, false);
      case "transfer_32":
        return inference(name, 32, settings, true);
      default:
        return matmul(settings);
    }
  }

  /** Case name. */
  String name() {
    return name;
  }

  /** Images per iteration (for {@link #MATMUL_PEAK}: the matrix side). */
  int batch() {
    return batch;
  }

  /** Image side (0 for {@link #MATMUL_PEAK}). */
  int imageSize() {
    return imageSize;
  }

  /** Multiply-accumulates of one iteration. */
  long macsPerIteration() {
    return macs;
  }

  /** How {@link #macsPerIteration()} was obtained. */
  String flopSource() {
    return flopSource;
  }

  /** Runs iteration {@code iteration} (1-based; selects the data batch and random inputs). */
  void iterate(long iteration) {
    step.accept(iteration);
  }

  /**
   * Runs iteration {@code iteration} traced and returns the summed execution time of each op type
   * in seconds, largest first (ops run concurrently, so the sum can exceed the wall time). Only
   * training cases trace their runs; the others return an empty map.
   */
  Map<String, Double> profile(long iteration) {
    Map<String, Double> byType = new HashMap<>();
    for (RunMetadata metadata : tracer.trace(iteration)) {
      for (DeviceStepStats d : metadata.getStepStats().getDevStatsList()) {
        for (NodeExecStats n : d.getNodeStatsList()) {
          byType.merge(opType(n), n.getAllEndRelMicros() / 1e6, Double::sum);
        }
      }
    }
    Map<String, Double> sorted = new LinkedHashMap<>();
    byType.entrySet().stream()
        .sorted(Map.Entry.<String, Double>comparingByValue().reversed())
        .forEach(e -> sorted.put(e.getKey(), e.getValue()));
    return sorted;
  }

  /** The op type from a trace label {@code "name = Type(inputs)"}, else the node name. */
  private static String opType(NodeExecStats n) {
    String label = n.getTimelineLabel();
    int eq = label.indexOf(" = ");
    int paren = label.indexOf('(', eq + 3);
    if (eq >= 0 && paren > eq) {
      return label.substring(eq + 3, paren);
    }
    return n.getNodeName();
  }

  @Override
  public void close() {
    try {
      resources.close();
    } catch (Exception e) {
      throw new IllegalStateException("closing bench case " + name, e);
    }
  }

  // ------------------------------------------------------------------ configurations

  private static NetworkStructure tinyStructure(Kind kind) {
    return NetworkStructure.defaults(kind, List.of(8, 16));
  }

  /** Stage-1 defaults of the recipe's networks for {@code r} px and 10 classes, or tiny ones. */
  static Stage1Config stage1Config(int r, Settings settings) {
    Stage1Config.Builder b =
        Stage1Config.defaults(settings.recipe(), r, CLASSES).run(settings.run());
    if (settings.tiny()) {
      b.encoder(tinyStructure(Kind.ENCODER))
          .classifier(tinyStructure(Kind.ENCODER))
          .generator(tinyStructure(Kind.GENERATOR))
          .contentSize(4)
          .styleSize(4)
          .contentDropout(0.5)
          .styleDropout(0.5)
          .batchSize(4);
    }
    return b.build();
  }

  /** Classifier pre-training defaults of the recipe's network for {@code r} px, or the tiny one. */
  static ClassifierConfig classifierConfig(int r, Settings settings) {
    ClassifierConfig.Builder b =
        ClassifierConfig.defaults(settings.recipe(), r, CLASSES).run(settings.run());
    if (settings.tiny()) {
      b.classifier(tinyStructure(Kind.ENCODER)).batchSize(8);
    }
    return b.build();
  }

  /** Stage-2 defaults of the recipe for {@code r} px, or the tiny batch. */
  static Stage2Config stage2Config(int r, Settings settings) {
    Stage2Config.Builder b =
        Stage2Config.defaults(settings.recipe(), r, "bench", 1).run(settings.run());
    if (settings.tiny()) {
      b.batchSize(4);
    }
    return b.build();
  }

  // ------------------------------------------------------------------ data

  /** {@code POOL} batches of uniform random RGBA in [-1, 1] and random labels. */
  static List<Batch> batches(int n, int r, long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    List<Batch> out = new ArrayList<>();
    for (int b = 0; b < POOL; b++) {
      float[] rgba = new float[n * r * r * 4];
      for (int i = 0; i < rgba.length; i++) {
        rgba[i] = (float) (2 * random.nextDouble() - 1);
      }
      int[] labels = new int[n];
      int[] indices = new int[n];
      for (int i = 0; i < n; i++) {
        labels[i] = random.nextInt(CLASSES);
        indices[i] = b * n + i;
      }
      out.add(new Batch(n, r, rgba, null, labels, indices));
    }
    return out;
  }

  /** Content posteriors of {@code n} images: standard normal means, standard deviation 0.5. */
  static GaussianCodes contents(int n, int cc, long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    float[] mean = new float[n * cc];
    float[] std = new float[n * cc];
    for (int i = 0; i < mean.length; i++) {
      mean[i] = (float) random.nextGaussian();
      std[i] = 0.5f;
    }
    return new GaussianCodes(CodeBatch.of(n, cc, mean), CodeBatch.of(n, cc, std));
  }

  // ------------------------------------------------------------------ cases

  /**
   * A case of an engine step: counts the step's multiply-accumulates on its graph, then creates
   * its session and initial weights.
   */
  private static BenchCase engine(
      String name, int batch, int r, String flopSource, BenchmarkStep built) {
    try {
      long macs = GraphFlops.macs(all(built));
      built.initialize();
      return new BenchCase(
          name, batch, r, macs, flopSource, built::run, built::runTraced, built);
    } catch (RuntimeException e) {
      built.close();
      throw e;
    }
  }

  /** Everything one iteration's {@code Session.run} computes: its fetches and targets. */
  static List<GraphOperation> all(BenchmarkStep step) {
    List<GraphOperation> roots = new ArrayList<>(step.fetches());
    roots.addAll(step.targets());
    return roots;
  }

  private static BenchCase stage1(String name, int r, Settings settings) {
    Stage1Config config = stage1Config(r, settings);
    return engine(name, config.batchSize(), r, COUNTED,
        BenchmarkStep.stage1(config, batches(config.batchSize(), r, 11)));
  }

  private static BenchCase classifier(String name, int r, Settings settings) {
    ClassifierConfig config = classifierConfig(r, settings);
    return engine(name, config.batchSize(), r, COUNTED,
        BenchmarkStep.classifier(config, batches(config.batchSize(), r, 12)));
  }

  private static BenchCase stage2(String name, int r, Settings settings, boolean discriminator) {
    Stage1Config s1 = stage1Config(r, settings);
    Stage2Config config = stage2Config(r, settings);
    int n = config.batchSize();
    List<Batch> pool = batches(n, r, 13);
    GaussianCodes contents = contents(n, s1.contentSize(), 14);
    return engine(name, n, r, COUNTED,
        discriminator
            ? BenchmarkStep.stage2Discriminator(config, s1, pool, contents)
            : BenchmarkStep.stage2Generator(config, s1, pool, contents));
  }

  /**
   * Encode ({@code Encoder.encode}) or transfer ({@code GadnModel.transfer}: encode, one style
   * lookup, generate) of a batch of 64 with freshly initialised weights. The model's graph takes
   * any batch size, so the count comes from the same networks built at the fixed batch in a
   * separate graph.
   */
  private static BenchCase inference(String name, int r, Settings settings, boolean transfer) {
    Stage1Config s1 = stage1Config(r, settings);
    int n = settings.tiny() ? 4 : 64;
    List<ImageBatch> images = new ArrayList<>();
    for (Batch b : batches(n, r, 15)) {
      images.add(ImageBatch.of(n, r, b.rgba()));
    }
    String source =
        "graph: the same networks built at batch " + n + " in a separate graph ("
            + COUNTED.substring("graph: ".length()) + ")";
    return engine(name, n, r, source,
        transfer ? BenchmarkStep.transfer(s1, images) : BenchmarkStep.encode(s1, images));
  }

  /** The device {@code /CPU:n} or {@code /GPU:n} names (validated by {@link RunOptions}). */
  private static DeviceSpec device(String device) {
    String upper = device.toUpperCase(Locale.ROOT);
    boolean gpu = upper.startsWith("/GPU");
    return DeviceSpec.newBuilder()
        .deviceType(gpu ? DeviceSpec.DeviceType.GPU : DeviceSpec.DeviceType.CPU)
        .deviceIndex(Integer.parseInt(upper.substring(upper.indexOf(':') + 1)))
        .build();
  }

  /** A {@value #MATMUL_SIDE}³ fp32 matrix product on the run's device and threads. */
  private static BenchCase matmul(Settings settings) {
    int m = MATMUL_SIDE;
    RunOptions run = settings.run();
    Graph graph = new Graph();
    List<AutoCloseable> resources = new ArrayList<>(List.of(graph));
    AutoCloseable closeAll = () -> {
      for (int i = resources.size() - 1; i >= 0; i--) {
        resources.get(i).close();
      }
    };
    try {
      Ops tf = Ops.create(graph).withDevice(device(run.device()));
      Placeholder<TFloat32> a = tf.placeholder(TFloat32.class, Placeholder.shape(Shape.of(m, m)));
      Placeholder<TFloat32> b = tf.placeholder(TFloat32.class, Placeholder.shape(Shape.of(m, m)));
      Operand<TFloat32> product = tf.linalg.matMul(a, b);
      // Fetch one element so the product is computed but not copied out.
      Operand<TFloat32> corner =
          tf.slice(product, tf.constant(new int[] {0, 0}), tf.constant(new int[] {1, 1}));
      long macs = GraphFlops.macs(List.of(corner));
      SplittableRandom random = new SplittableRandom(16);
      float[] values = new float[m * m];
      for (int i = 0; i < values.length; i++) {
        values[i] = (float) (2 * random.nextDouble() - 1);
      }
      TFloat32 ta = TFloat32.tensorOf(Shape.of(m, m), DataBuffers.of(values, true, false));
      resources.add(ta);
      TFloat32 tb = TFloat32.tensorOf(Shape.of(m, m), DataBuffers.of(values, true, false));
      resources.add(tb);
      Session session =
          new Session(
              graph,
              ConfigProto.newBuilder()
                  .setIntraOpParallelismThreads(run.intraOpThreads())
                  .setInterOpParallelismThreads(run.interOpThreads())
                  .setAllowSoftPlacement(true)
                  .build());
      resources.add(session);
      LongConsumer step = t -> session.runner().feed(a, ta).feed(b, tb).fetch(corner).run().close();
      return new BenchCase(
          MATMUL_PEAK, m, 0, macs, "analytic: m·n·k of one " + m + "³ MatMul", step,
          t -> List.of(), closeAll);
    } catch (RuntimeException e) {
      try {
        closeAll.close();
      } catch (Exception suppressed) {
        e.addSuppressed(suppressed);
      }
      throw e;
    }
  }
}
