package io.github.gadn.tensorflow.train;

import static com.google.common.base.Preconditions.checkArgument;

import io.github.gadn.ImageBatch;
import io.github.gadn.config.ClassifierConfig;
import io.github.gadn.config.NetworkStructure;
import io.github.gadn.config.NetworkStructure.Kind;
import io.github.gadn.config.Recipe;
import io.github.gadn.config.RunOptions;
import io.github.gadn.config.Stage1Config;
import io.github.gadn.config.Stage2Config;
import io.github.gadn.data.Batch;
import io.github.gadn.tensorflow.infer.TfModel;
import io.github.gadn.tensorflow.net.EncoderNet;
import io.github.gadn.tensorflow.net.GeneratorNet;
import io.github.gadn.tensorflow.net.StyleBankNet;
import io.github.gadn.tensorflow.nn.AlphaMask;
import io.github.gadn.tensorflow.nn.AugmentWarp;
import io.github.gadn.tensorflow.nn.Nn;
import io.github.gadn.tensorflow.nn.ParamStore;
import io.github.gadn.tensorflow.nn.Pass;
import io.github.gadn.tensorflow.nn.RandomInputs;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.Function;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.Session;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.types.TFloat32;

/**
 * One benchmark case of {@code gadn bench}: a real training or inference graph at the default
 * networks of its image size (docs/method.md §3.13) on synthetic in-memory data, and one iteration
 * of it — exactly the {@code Session.run} a training run makes per iteration (or the inference
 * calls of {@code GadnModel}). Also reports the multiply-accumulates of one iteration, counted by
 * {@link GraphFlops} on the built graph.
 */
public final class BenchCase implements AutoCloseable {
  /** The case names of {@code bench.json} (listed in docs/performance.md), in run order. */
  public static final List<String> NAMES =
      List.of(
          "stage1_32", "stage1_64", "classifier_32", "stage2_dis_32", "stage2_gen_32",
          "stage2_dis_64", "stage2_gen_64", "encode_32", "transfer_32");

  /** A large fp32 matrix product measuring the machine's practical peak. */
  public static final String MATMUL_PEAK = "matmul_peak";

  private static final int CLASSES = 10;
  private static final int POOL = 4;
  private static final int MATMUL_SIDE = 2048;

  /**
   * How to build the cases.
   *
   * @param run device and engine threads (the other fields are not used)
   * @param tiny tiny networks and batches instead of the defaults (for tests of the command)
   */
  public record Settings(RunOptions run, boolean tiny) {}

  /** What one iteration does. */
  @FunctionalInterface
  private interface Step {
    void run(long iteration);
  }

  private final String name;
  private final int batch;
  private final int imageSize;
  private final long macs;
  private final String flopSource;
  private final Step step;
  private final List<AutoCloseable> resources;

  private BenchCase(
      String name,
      int batch,
      int imageSize,
      long macs,
      String flopSource,
      Step step,
      List<AutoCloseable> resources) {
    this.name = name;
    this.batch = batch;
    this.imageSize = imageSize;
    this.macs = macs;
    this.flopSource = flopSource;
    this.step = step;
    this.resources = resources;
  }

  /**
   * Builds a case: its graph, session, initial weights and synthetic data.
   *
   * @param name one of {@link #NAMES} or {@link #MATMUL_PEAK}
   * @throws IllegalArgumentException naming an unknown case
   */
  public static BenchCase create(String name, Settings settings) {
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
  public String name() {
    return name;
  }

  /** Images per iteration (for {@link #MATMUL_PEAK}: the matrix side). */
  public int batch() {
    return batch;
  }

  /** Image side (0 for {@link #MATMUL_PEAK}). */
  public int imageSize() {
    return imageSize;
  }

  /** Multiply-accumulates of one iteration. */
  public long macsPerIteration() {
    return macs;
  }

  /** How {@link #macsPerIteration()} was obtained. */
  public String flopSource() {
    return flopSource;
  }

  /** Runs iteration {@code iteration} (1-based; selects the data batch and random inputs). */
  public void iterate(long iteration) {
    step.run(iteration);
  }

  /**
   * Runs iteration {@code iteration} traced and returns the summed execution time of each op type
   * in seconds, largest first (ops run concurrently, so the sum can exceed the wall time). Only
   * training cases trace their runs; the others return an empty map.
   */
  public Map<String, Double> profile(long iteration) {
    Map<String, Double> byType = new java.util.HashMap<>();
    Feeds.TRACE.set(
        metadata -> {
          for (org.tensorflow.proto.DeviceStepStats d : metadata.getStepStats().getDevStatsList()) {
            for (org.tensorflow.proto.NodeExecStats n : d.getNodeStatsList()) {
              byType.merge(opType(n), n.getAllEndRelMicros() / 1e6, Double::sum);
            }
          }
        });
    try {
      step.run(iteration);
    } finally {
      Feeds.TRACE.remove();
    }
    Map<String, Double> sorted = new LinkedHashMap<>();
    byType.entrySet().stream()
        .sorted(Map.Entry.<String, Double>comparingByValue().reversed())
        .forEach(e -> sorted.put(e.getKey(), e.getValue()));
    return sorted;
  }

  /** The op type from a trace label {@code "name = Type(inputs)"}, else the node name. */
  private static String opType(org.tensorflow.proto.NodeExecStats n) {
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
    IllegalStateException failure = new IllegalStateException("closing bench case " + name);
    closeAll(resources, failure);
    if (failure.getSuppressed().length > 0) {
      throw failure;
    }
  }

  /** Closes in reverse order; failures are added to {@code failure} as suppressed. */
  private static void closeAll(List<AutoCloseable> resources, Exception failure) {
    for (int i = resources.size() - 1; i >= 0; i--) {
      try {
        resources.get(i).close();
      } catch (Exception e) {
        failure.addSuppressed(e);
      }
    }
  }

  // ------------------------------------------------------------------ configurations

  private static NetworkStructure tinyStructure(Kind kind) {
    return NetworkStructure.defaults(kind, List.of(8, 16));
  }

  /** Stage-1 defaults for {@code r} px and 10 classes, or the tiny variant. */
  static Stage1Config stage1Config(int r, Settings settings) {
    Stage1Config.Builder b = Stage1Config.defaults(Recipe.PAPER, r, CLASSES).run(settings.run());
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

  private static final String COUNTED =
      "graph: Conv2D, Conv2DBackpropInput, Conv2DBackpropFilter and MatMul ops of the"
          + " Session.run, from static shapes";

  // ------------------------------------------------------------------ data

  /** {@code POOL} batches of uniform random RGBA in [-1, 1] and random labels. */
  private static Batch[] batches(int n, int r, long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    Batch[] out = new Batch[POOL];
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
      out[b] = new Batch(n, r, rgba, null, labels, indices);
    }
    return out;
  }

  private static Batch pick(Batch[] pool, long iteration) {
    return pool[(int) (iteration % pool.length)];
  }

  private static double[] uniformPrior() {
    double[] p = new double[CLASSES];
    Arrays.fill(p, 1.0 / CLASSES);
    return p;
  }

  // ------------------------------------------------------------------ cases

  /** A training graph's part in a case: what its run depends on, its variables, one iteration. */
  private record Built(List<Object> roots, ParamStore store, Function<Session, Step> step) {}

  /** Builds a training case: graph, MAC count, session, initial variables. */
  private static BenchCase training(
      String name, int batch, int r, RunOptions run, Function<Ops, Built> build) {
    List<AutoCloseable> resources = new ArrayList<>();
    GraphSession gs = new GraphSession(run);
    resources.add(gs);
    try {
      Built built = build.apply(gs.ops());
      long macs = GraphFlops.macs(built.roots());
      Session session = gs.session();
      built.store().initialize(session);
      return new BenchCase(name, batch, r, macs, COUNTED, built.step().apply(session), resources);
    } catch (RuntimeException e) {
      closeAll(resources, e);
      throw e;
    }
  }

  private static List<Object> roots(java.util.Collection<Operand<TFloat32>> fetched, Object target) {
    List<Object> roots = new ArrayList<>(fetched);
    roots.add(target);
    return roots;
  }

  private static BenchCase stage1(String name, int r, Settings settings) {
    Stage1Config config = stage1Config(r, settings);
    Batch[] pool = batches(config.batchSize(), r, 11);
    return training(
        name, config.batchSize(), r, config.run(),
        tf -> {
          Stage1Graph graph = new Stage1Graph(tf, config, uniformPrior(), 1);
          return new Built(
              roots(graph.logged.values(), graph.step),
              graph.store,
              session ->
                  t ->
                      graph.train(
                          session, config, pick(pool, t), Stage1Inputs.draw(config, 1, t), 1));
        });
  }

  private static BenchCase classifier(String name, int r, Settings settings) {
    ClassifierConfig.Builder b = ClassifierConfig.defaults(Recipe.PAPER, r, CLASSES).run(settings.run());
    if (settings.tiny()) {
      b.classifier(tinyStructure(Kind.ENCODER)).batchSize(8);
    }
    ClassifierConfig config = b.build();
    Batch[] pool = batches(config.batchSize(), r, 12);
    return training(
        name, config.batchSize(), r, config.run(),
        tf -> {
          ClassifierGraph graph = new ClassifierGraph(tf, config, 1);
          return new Built(
              roots(graph.logged, graph.step),
              graph.store,
              session ->
                  t ->
                      graph.train(
                          session,
                          pick(pool, t),
                          AugmentWarp.stratifiedParams(
                              RandomInputs.forIteration(1, t, 2), config.batchSize(),
                              config.augment()),
                          config.lr()));
        });
  }

  private static BenchCase stage2(String name, int r, Settings settings, boolean discriminator) {
    Stage1Config s1 = stage1Config(r, settings);
    Stage2Config.Builder b = Stage2Config.defaults(Recipe.PAPER, r, "bench", 1).run(settings.run());
    if (settings.tiny()) {
      b.batchSize(4);
    }
    Stage2Config config = b.build();
    int cc = s1.contentSize();
    int cs = s1.styleSize();
    double[] zeros = new double[cc];
    double[] ones = new double[cc];
    Arrays.fill(ones, 1);
    double[] identity = new double[cc * cc];
    for (int i = 0; i < cc; i++) {
      identity[i * cc + i] = 1;
    }
    ContentStats stats = new ContentStats(zeros, ones, ones, identity, ones);
    int n = config.batchSize();
    Batch[] pool = batches(n, r, 13);
    SplittableRandom codes = new SplittableRandom(14);
    float[] mean = new float[n * cc];
    float[] std = new float[n * cc];
    for (int i = 0; i < mean.length; i++) {
      mean[i] = (float) codes.nextGaussian();
      std[i] = 0.5f;
    }
    return training(
        name, n, r, config.run(),
        tf -> {
          Stage2Graph graph =
              new Stage2Graph(
                  tf, config, CLASSES, cc, cs, s1.styleDropout(), s1.generator(), s1.encoder(),
                  s1.classifier(), uniformPrior(), stats, 1);
          Object target = discriminator ? graph.discriminatorStep : graph.generatorStep;
          return new Built(
              roots(discriminator ? graph.disLogged.values() : graph.genLogged.values(), target),
              graph.store,
              session ->
                  t -> {
                    Stage2Graph.Inputs in =
                        Stage2Graph.Inputs.draw(
                            pick(pool, t), mean, std, RandomInputs.forIteration(1, t, 3), cs,
                            s1.styleDropout(), config.augment());
                    if (discriminator) {
                      graph.discriminatorStep(session, in, config.lr());
                    } else {
                      graph.generatorStep(session, in, config.lr(), config.styleLr());
                    }
                  });
        });
  }

  /**
   * Encode ({@code Encoder.encode}) or transfer ({@code GadnModel.transfer}: encode, one style
   * lookup, generate) of a batch of 64 through {@link TfModel} with freshly initialised weights.
   * Its graph takes any batch size, so the count comes from the same networks built at the fixed
   * batch in a separate graph.
   */
  private static BenchCase inference(String name, int r, Settings settings, boolean transfer) {
    Stage1Config s1 = stage1Config(r, settings);
    int n = settings.tiny() ? 4 : 64;
    int cc = s1.contentSize();
    int cs = s1.styleSize();
    long macs;
    Map<String, float[]> weights = new LinkedHashMap<>();
    try (Graph g = new Graph()) {
      Ops tf = Ops.create(g);
      ParamStore store = new ParamStore(tf);
      Nn<TFloat32> nn = new Nn<>(tf, TFloat32.class, store, 1);
      EncoderNet<TFloat32> enc = new EncoderNet<>(nn.sub("enc"), s1.encoder(), r, cc);
      GeneratorNet<TFloat32> gen = new GeneratorNet<>(nn.sub("gen"), s1.generator(), r, cc, cs);
      StyleBankNet<TFloat32> sty = new StyleBankNet<>(nn.sub("sty"), uniformPrior(), cs);
      Placeholder<TFloat32> images =
          tf.placeholder(TFloat32.class, Placeholder.shape(Shape.of(n, r, r, 4)));
      EncoderNet.Posterior<TFloat32> post = enc.apply(AlphaMask.apply(nn, images));
      List<Object> roots = new ArrayList<>(List.of(post.mean(), post.std()));
      if (transfer) {
        Operand<TFloat32> style =
            tf.placeholder(TFloat32.class, Placeholder.shape(Shape.of(n, cs)));
        roots.add(gen.apply(post.mean(), style, null, null, Pass.plain()));
        roots.add(sty.lookup(sty.normalized(), tf.constant(new int[] {0})).mean());
      }
      macs = GraphFlops.macs(roots);
      for (ParamStore.Param p : store.all()) {
        double[] init = p.initial();
        float[] f = new float[init.length];
        for (int i = 0; i < f.length; i++) {
          f[i] = (float) init[i];
        }
        weights.put(p.name(), f);
      }
    }
    List<String> classes = new ArrayList<>();
    for (int k = 0; k < CLASSES; k++) {
      classes.add(Integer.toString(k));
    }
    TfModel model =
        new TfModel(s1.encoder(), s1.generator(), r, cc, cs, classes, weights, null, settings.run());
    List<AutoCloseable> resources = new ArrayList<>();
    resources.add(model);
    Batch[] pool = batches(n, r, 15);
    ImageBatch[] images = new ImageBatch[pool.length];
    for (int i = 0; i < pool.length; i++) {
      images[i] = ImageBatch.of(n, r, pool[i].rgba());
    }
    Step step =
        t -> {
          ImageBatch in = images[(int) (t % images.length)];
          if (transfer) {
            model.transfer(in, (int) (t % CLASSES));
          } else {
            model.encoder().encode(in);
          }
        };
    String source =
        "graph: the same networks built at batch " + n + " in a separate graph ("
            + COUNTED.substring("graph: ".length()) + ")";
    return new BenchCase(name, n, r, macs, source, step, resources);
  }

  private static BenchCase matmul(Settings settings) {
    int m = MATMUL_SIDE;
    List<AutoCloseable> resources = new ArrayList<>();
    GraphSession gs = new GraphSession(settings.run());
    resources.add(gs);
    try {
      Ops tf = gs.ops();
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
      Session session = gs.session();
      Step step =
          t -> session.runner().feed(a, ta).feed(b, tb).fetch(corner).run().close();
      return new BenchCase(
          MATMUL_PEAK, m, 0, macs, "analytic: m·n·k of one " + m + "³ MatMul", step, resources);
    } catch (RuntimeException e) {
      closeAll(resources, e);
      throw e;
    }
  }
}
