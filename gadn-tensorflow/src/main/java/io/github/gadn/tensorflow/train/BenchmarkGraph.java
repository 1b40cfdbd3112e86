package io.github.gadn.tensorflow.train;

import io.github.gadn.GaussianCodes;
import io.github.gadn.ImageBatch;
import io.github.gadn.config.ClassifierConfig;
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
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.LongConsumer;
import java.util.function.Supplier;
import org.tensorflow.Graph;
import org.tensorflow.GraphOperation;
import org.tensorflow.Operand;
import org.tensorflow.Session;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Op;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.proto.RunMetadata;
import org.tensorflow.types.TFloat32;

/**
 * One iteration of a training or inference graph built exactly as a run builds it, on in-memory
 * batches: the implementation behind {@link io.github.gadn.tensorflow.BenchmarkStep}. The graph is
 * built by the factory; the session and the initial variables come with {@link #initialize()}.
 */
public final class BenchmarkGraph implements AutoCloseable {
  private final List<GraphOperation> fetches;
  private final List<GraphOperation> targets;
  private final Supplier<LongConsumer> initializer;
  private final List<AutoCloseable> resources;
  private LongConsumer step;

  private BenchmarkGraph(
      List<GraphOperation> fetches,
      List<GraphOperation> targets,
      Supplier<LongConsumer> initializer,
      List<AutoCloseable> resources) {
    this.fetches = List.copyOf(fetches);
    this.targets = List.copyOf(targets);
    this.initializer = initializer;
    this.resources = resources;
  }

  /** The graph ops one iteration's {@code Session.run} fetches. */
  public List<GraphOperation> fetches() {
    return fetches;
  }

  /** The graph ops one iteration's {@code Session.run} runs as targets (the updates). */
  public List<GraphOperation> targets() {
    return targets;
  }

  /** Creates the session and sets every variable to its initial value, once. */
  public synchronized void initialize() {
    if (step == null) {
      step = initializer.get();
    }
  }

  /** Runs iteration {@code iteration}, initialising first if needed. */
  public void run(long iteration) {
    initialize();
    step.accept(iteration);
  }

  /**
   * Runs iteration {@code iteration} traced and returns the metadata of every traced {@code
   * Session.run} it made (none for the inference steps, which do not trace).
   */
  public List<RunMetadata> runTraced(long iteration) {
    initialize();
    List<RunMetadata> traces = new ArrayList<>();
    Feeds.TRACE.set(traces::add);
    try {
      step.accept(iteration);
    } finally {
      Feeds.TRACE.remove();
    }
    return traces;
  }

  @Override
  public void close() {
    IllegalStateException failure = new IllegalStateException("closing a benchmark graph");
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

  private static GraphOperation op(Object root) {
    if (root instanceof Operand<?> o) {
      return (GraphOperation) o.op();
    }
    return (GraphOperation) ((Op) root).op();
  }

  private static List<GraphOperation> ops(Collection<?> roots) {
    List<GraphOperation> out = new ArrayList<>();
    for (Object r : roots) {
      out.add(op(r));
    }
    return out;
  }

  private static double[] uniform(int k) {
    double[] p = new double[k];
    Arrays.fill(p, 1.0 / k);
    return p;
  }

  private static Batch pick(List<Batch> batches, long iteration) {
    return batches.get((int) Math.floorMod(iteration, (long) batches.size()));
  }

  // ------------------------------------------------------------------ training steps

  /** What a training graph contributes: its fetches and targets, its variables, one iteration. */
  private record Built(
      Collection<?> fetched, Op target, ParamStore store, Function<Session, LongConsumer> step) {}

  /** Builds a training graph now; the session and initial variables come later. */
  private static BenchmarkGraph training(RunOptions run, Function<Ops, Built> build) {
    List<AutoCloseable> resources = new ArrayList<>();
    GraphSession gs = new GraphSession(run);
    resources.add(gs);
    try {
      Built built = build.apply(gs.ops());
      return new BenchmarkGraph(
          ops(built.fetched()),
          List.of(op(built.target())),
          () -> {
            Session session = gs.session();
            built.store().initialize(session);
            return built.step().apply(session);
          },
          resources);
    } catch (RuntimeException e) {
      closeAll(resources, e);
      throw e;
    }
  }

  /** A stage-1 iteration (docs/method.md §4.3) on {@code batches}, in turn. */
  public static BenchmarkGraph stage1(Stage1Config config, List<Batch> batches) {
    long seed = config.run().seed();
    return training(
        config.run(),
        tf -> {
          Stage1Graph graph =
              new Stage1Graph(tf, config, uniform(config.classCount()), seed);
          return new Built(
              graph.logged.values(),
              graph.step,
              graph.store,
              session ->
                  t ->
                      graph.train(
                          session, config, pick(batches, t), Stage1Inputs.draw(config, seed, t),
                          1));
        });
  }

  /** A classifier pre-training iteration (docs/method.md §6) on {@code batches}, in turn. */
  public static BenchmarkGraph classifier(ClassifierConfig config, List<Batch> batches) {
    long seed = config.run().seed();
    return training(
        config.run(),
        tf -> {
          ClassifierGraph graph = new ClassifierGraph(tf, config, seed);
          return new Built(
              graph.logged,
              graph.step,
              graph.store,
              session ->
                  t ->
                      graph.train(
                          session,
                          pick(batches, t),
                          AugmentWarp.stratifiedParams(
                              RandomInputs.forIteration(seed, t, 2), config.batchSize(),
                              config.augment()),
                          config.lr()));
        });
  }

  /**
   * One stage-2 discriminator/classifier batch or generator step (docs/method.md §7.2) with the
   * networks of {@code stage1}, unit content statistics and the given content posteriors.
   */
  public static BenchmarkGraph stage2(
      Stage2Config config,
      Stage1Config stage1,
      List<Batch> batches,
      GaussianCodes contents,
      boolean discriminator) {
    int cc = stage1.contentSize();
    int cs = stage1.styleSize();
    double[] ones = new double[cc];
    Arrays.fill(ones, 1);
    double[] identity = new double[cc * cc];
    for (int i = 0; i < cc; i++) {
      identity[i * cc + i] = 1;
    }
    ContentStats stats = new ContentStats(new double[cc], ones, ones, identity, ones);
    float[] mean = contents.mean().toArray();
    float[] std = contents.std().toArray();
    long seed = config.run().seed();
    return training(
        config.run(),
        tf -> {
          Stage2Graph graph =
              new Stage2Graph(
                  tf, config, stage1.classCount(), cc, cs, stage1.styleDropout(),
                  stage1.generator(), stage1.encoder(), stage1.classifier(), stage1.classifier(),
                  uniform(stage1.classCount()), stats, seed);
          return new Built(
              discriminator ? graph.disLogged.values() : graph.genLogged.values(),
              discriminator ? graph.discriminatorStep : graph.generatorStep,
              graph.store,
              session ->
                  t -> {
                    Stage2Graph.Inputs in =
                        Stage2Graph.Inputs.draw(
                            pick(batches, t), mean, std, RandomInputs.forIteration(seed, t, 3), cs,
                            stage1.styleDropout(), config.augment());
                    if (discriminator) {
                      graph.discriminatorStep(session, in, config.lr());
                    } else {
                      graph.generatorStep(session, in, config.lr(), config.styleLr());
                    }
                  });
        });
  }

  // ------------------------------------------------------------------ inference

  /**
   * Encode ({@code Encoder.encode}) or transfer ({@code GadnModel.transfer}: encode, one style
   * lookup, generate) of {@code images}, in turn, through the model class {@code GadnEngine.load}
   * returns, with freshly initialised weights. That model's graph takes any batch size, so {@link
   * #fetches()} are those of the same networks built at the batch of the images in a graph of
   * their own (kept until closed).
   */
  public static BenchmarkGraph inference(
      Stage1Config stage1, List<ImageBatch> images, boolean transfer) {
    int r = stage1.imageSize();
    int n = images.get(0).count();
    int cc = stage1.contentSize();
    int cs = stage1.styleSize();
    int classes = stage1.classCount();
    List<AutoCloseable> resources = new ArrayList<>();
    Graph g = new Graph();
    resources.add(g);
    try {
      Ops tf = Ops.create(g);
      ParamStore store = new ParamStore(tf);
      Nn<TFloat32> nn = new Nn<>(tf, TFloat32.class, store, stage1.run().seed());
      EncoderNet<TFloat32> enc = new EncoderNet<>(nn.sub("enc"), stage1.encoder(), r, cc);
      GeneratorNet<TFloat32> gen = new GeneratorNet<>(nn.sub("gen"), stage1.generator(), r, cc, cs);
      StyleBankNet<TFloat32> sty = new StyleBankNet<>(nn.sub("sty"), uniform(classes), cs);
      Placeholder<TFloat32> input =
          tf.placeholder(TFloat32.class, Placeholder.shape(Shape.of(n, r, r, 4)));
      EncoderNet.Posterior<TFloat32> post = enc.apply(AlphaMask.apply(nn, input));
      List<Object> fetched = new ArrayList<>(List.of(post.mean(), post.std()));
      if (transfer) {
        Operand<TFloat32> style =
            tf.placeholder(TFloat32.class, Placeholder.shape(Shape.of(n, cs)));
        fetched.add(gen.apply(post.mean(), style, null, null, Pass.plain()));
        fetched.add(sty.lookup(sty.normalized(), tf.constant(new int[] {0})).mean());
      }
      List<String> classNames = new ArrayList<>();
      for (int k = 0; k < classes; k++) {
        classNames.add(Integer.toString(k));
      }
      return new BenchmarkGraph(
          ops(fetched),
          List.of(),
          () -> {
            Map<String, float[]> weights = new LinkedHashMap<>();
            for (ParamStore.Param p : store.all()) {
              double[] init = p.initial();
              float[] f = new float[init.length];
              for (int i = 0; i < f.length; i++) {
                f[i] = (float) init[i];
              }
              weights.put(p.name(), f);
            }
            TfModel model =
                new TfModel(stage1.encoder(), stage1.generator(), r, cc, cs, classNames, weights,
                    null, stage1.run(), io.github.gadn.ModelWeights.RAW);
            resources.add(model);
            return t -> {
              ImageBatch in = images.get((int) Math.floorMod(t, (long) images.size()));
              if (transfer) {
                model.transfer(in, (int) Math.floorMod(t, (long) classes));
              } else {
                model.encoder().encode(in);
              }
            };
          },
          resources);
    } catch (RuntimeException e) {
      closeAll(resources, e);
      throw e;
    }
  }
}
