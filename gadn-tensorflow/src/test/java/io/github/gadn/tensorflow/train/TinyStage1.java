package io.github.gadn.tensorflow.train;

import io.github.gadn.config.Recipe;
import io.github.gadn.config.NetworkStructure;
import io.github.gadn.config.NetworkStructure.Kind;
import io.github.gadn.config.RunOptions;
import io.github.gadn.config.Stage1Config;
import io.github.gadn.data.Batch;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/** Tiny stage-1 configurations and batches for fast tests. */
final class TinyStage1 {
  private TinyStage1() {}

  static final List<Integer> FEATURES = List.of(4, 8, 16);

  /** 12-px images, 3 classes, 2 levels of 4 and 8 channels, FC 16, bus blocks and ST. */
  static Stage1Config.Builder config() {
    return Stage1Config.defaults(Recipe.PAPER, 12, 3)
        .encoder(NetworkStructure.defaults(Kind.ENCODER, FEATURES))
        .generator(NetworkStructure.defaults(Kind.GENERATOR, FEATURES))
        .classifier(NetworkStructure.defaults(Kind.ENCODER, FEATURES))
        .contentSize(6)
        .styleSize(3)
        .contentDropout(1 - 2.0 / 6)
        .styleDropout(1 - 2.0 / 3)
        .mlpFeatures(16)
        .mlpLayers(2)
        .batchSize(6)
        .visRows(2)
        .visCols(3)
        .run(RunOptions.builder().niter(10).seed(3).build());
  }

  /**
   * The smallest stage-1 graph, for tests that start many JVMs or run thousands of iterations:
   * 12-px images, 3 classes, one level of 4 channels, FC 8, the MLP classifier, batch 4.
   */
  static Stage1Config.Builder minimal() {
    List<Integer> features = List.of(4, 8);
    return Stage1Config.defaults(Recipe.PAPER, 12, 3)
        .encoder(NetworkStructure.of(Kind.ENCODER, features, List.of("c", "f")))
        .generator(NetworkStructure.of(Kind.GENERATOR, features, List.of("c", "f")))
        .classifier(NetworkStructure.of(Kind.ENCODER, features, List.of("c", "f")))
        .contentSize(4)
        .styleSize(2)
        .contentDropout(1)
        .styleDropout(1)
        .mlp(true)
        .mlpFeatures(8)
        .mlpLayers(1)
        .batchSize(4)
        .visRows(1)
        .visCols(2);
  }

  /** A random batch of {@code config}'s shape with some transparent pixels. */
  static Batch batch(Stage1Config config, long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    int n = config.batchSize();
    int r = config.imageSize();
    float[] rgba = new float[n * r * r * 4];
    for (int i = 0; i < rgba.length; i += 4) {
      rgba[i] = (float) (random.nextDouble() * 2 - 1);
      rgba[i + 1] = (float) (random.nextDouble() * 2 - 1);
      rgba[i + 2] = (float) (random.nextDouble() * 2 - 1);
      rgba[i + 3] = random.nextDouble() < 0.1 ? 0f : 1f;
    }
    int[] labels = new int[n];
    int[] indices = new int[n];
    for (int i = 0; i < n; i++) {
      labels[i] = i % config.classCount();
      indices[i] = i;
    }
    return new Batch(n, r, rgba, null, labels, indices);
  }

  /** A built, initialised stage-1 graph with its session. */
  static final class Harness implements AutoCloseable {
    final GraphSession graph;
    final Stage1Graph stage1;
    final Stage1Config config;

    Harness(Stage1Config config, long seed) {
      this.config = config;
      this.graph = new GraphSession(config.run());
      double[] prior = new double[config.classCount()];
      java.util.Arrays.fill(prior, 1.0 / config.classCount());
      this.stage1 = new Stage1Graph(graph.ops(), config, prior, seed);
      stage1.store.initialize(graph.session());
    }

    double[] step(Batch batch, long iteration) {
      return stage1.train(
          graph.session(), config, batch, Stage1Inputs.draw(config, 11, iteration), 1.0);
    }

    Map<String, float[]> read(String prefix) {
      return stage1.store.read(graph.session(), stage1.store.withPrefix(prefix));
    }

    void write(Map<String, float[]> values) {
      stage1.store.write(graph.session(), values);
    }

    @Override
    public void close() {
      graph.close();
    }
  }
}
