package io.github.gadn.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.gadn.ImageBatch;
import io.github.gadn.config.ClassifierConfig;
import io.github.gadn.config.NetworkStructure;
import io.github.gadn.config.NetworkStructure.Kind;
import io.github.gadn.config.Recipe;
import io.github.gadn.config.RunOptions;
import io.github.gadn.config.Stage1Config;
import io.github.gadn.config.Stage2Config;
import io.github.gadn.tensorflow.BenchmarkStep;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.types.TFloat32;

/**
 * Multiply-accumulates counted from the graph (the FLOP column of {@code gadn bench}): the counter
 * on hand-built TensorFlow graphs, and the engine's graphs as {@link BenchmarkStep} builds them,
 * without creating a session.
 */
class GraphFlopsTest {
  /** The engine's own convolution kernels, whatever the natives' oneDNN setting. */
  private static final RunOptions ENGINE_KERNELS =
      RunOptions.builder().convKernels(RunOptions.ConvKernels.ENGINE).build();

  private static ImageBatch blank(int n, int r) {
    return ImageBatch.of(n, r, new float[n * r * r * 4]);
  }

  private static long macs(BenchmarkStep step) {
    return GraphFlops.macs(BenchCase.all(step));
  }

  /**
   * Per-image forward MACs of E, G and C (K = 10, Cs = 10) at the default networks, in millions
   * (docs/method.md §3.14).
   */
  private static double[] perImageMillions(int r) {
    Stage1Config s1 = Stage1Config.defaults(Recipe.PAPER, r, 10).run(ENGINE_KERNELS).build();
    ClassifierConfig cla =
        ClassifierConfig.defaults(Recipe.PAPER, r, 10).batchSize(2).run(ENGINE_KERNELS).build();
    long encoder;
    long encoderAndGenerator;
    long classifier;
    try (BenchmarkStep step = BenchmarkStep.encode(s1, List.of(blank(1, r)))) {
      encoder = macs(step);
    }
    try (BenchmarkStep step = BenchmarkStep.transfer(s1, List.of(blank(1, r)))) {
      encoderAndGenerator = macs(step);
    }
    // The classifier's losses (its forward pass; augmentation, loss and batch regularisation do
    // no counted work) at batch 2.
    try (BenchmarkStep step =
        BenchmarkStep.classifier(cla, BenchCase.batches(2, r, 1))) {
      classifier = GraphFlops.macs(step.fetches()) / 2;
    }
    return new double[] {
      encoder / 1e6, (encoderAndGenerator - encoder) / 1e6, classifier / 1e6
    };
  }

  private static double round1(double v) {
    return Math.round(v * 10) / 10.0;
  }

  @Test
  void defaultNetworksAt32PixelsMatchTheForwardCostOfTheMethodDocument() {
    double[] m = perImageMillions(32);
    assertThat(new double[] {round1(m[0]), round1(m[1]), round1(m[2])})
        .containsExactly(76.0, 76.6, 75.9);
  }

  @Test
  void defaultNetworksAt64PixelsMatchTheForwardCostOfTheMethodDocument() {
    double[] m = perImageMillions(64);
    assertThat(new double[] {round1(m[0]), round1(m[1]), round1(m[2])})
        .containsExactly(427.6, 429.9, 427.4);
  }

  @Test
  void gradientsOfAConvAddTwiceItsForwardCost() {
    try (Graph g = new Graph()) {
      Ops tf = Ops.create(g);
      Placeholder<TFloat32> x =
          tf.placeholder(TFloat32.class, Placeholder.shape(Shape.of(2, 8, 8, 3)));
      Placeholder<TFloat32> w =
          tf.placeholder(TFloat32.class, Placeholder.shape(Shape.of(3, 3, 3, 5)));
      Operand<TFloat32> y = tf.nn.conv2d(x, w, List.of(1L, 1L, 1L, 1L), "SAME");
      long forward = 2L * 8 * 8 * 5 * 3 * 3 * 3;
      assertThat(GraphFlops.macs(List.of(y))).isEqualTo(forward);
      List<Object> roots =
          List.copyOf(tf.gradients(tf.reduceSum(y, tf.constant(new int[] {0, 1, 2, 3})),
              List.of(x, w)).dy());
      assertThat(GraphFlops.macs(roots)).isEqualTo(3 * forward);
      assertThat(GraphFlops.macsByType(roots))
          .containsEntry("Conv2D", forward)
          .containsEntry("Conv2DBackpropInput", forward)
          .containsEntry("Conv2DBackpropFilter", forward);
    }
  }

  @Test
  void countsOnlyWhatTheRunDependsOn() {
    try (Graph g = new Graph()) {
      Ops tf = Ops.create(g);
      Placeholder<TFloat32> x =
          tf.placeholder(TFloat32.class, Placeholder.shape(Shape.of(1, 4, 4, 2)));
      Operand<TFloat32> small =
          tf.nn.conv2d(x, tf.zeros(tf.constant(new long[] {1, 1, 2, 2}), TFloat32.class),
              List.of(1L, 1L, 1L, 1L), "SAME");
      tf.nn.conv2d(x, tf.zeros(tf.constant(new long[] {3, 3, 2, 64}), TFloat32.class),
          List.of(1L, 1L, 1L, 1L), "SAME");
      assertThat(GraphFlops.macs(List.of(small))).isEqualTo(16L * 2 * 2);
    }
  }

  @Test
  void aMatrixProductCountsMTimesNTimesK() {
    try (Graph g = new Graph()) {
      Ops tf = Ops.create(g);
      Placeholder<TFloat32> a = tf.placeholder(TFloat32.class, Placeholder.shape(Shape.of(3, 4)));
      Placeholder<TFloat32> b = tf.placeholder(TFloat32.class, Placeholder.shape(Shape.of(4, 5)));
      assertThat(GraphFlops.macs(List.of(tf.linalg.matMul(a, b)))).isEqualTo(3L * 4 * 5);
    }
  }

  @Test
  void aDynamicShapeIsNamed() {
    try (Graph g = new Graph()) {
      Ops tf = Ops.create(g);
      Placeholder<TFloat32> x =
          tf.placeholder(TFloat32.class, Placeholder.shape(Shape.of(-1, 3, 3, 2)));
      Operand<TFloat32> y =
          tf.nn.conv2d(x, tf.zeros(tf.constant(new long[] {2, 2, 2, 6}), TFloat32.class),
              List.of(1L, 1L, 1L, 1L), "SAME");
      assertThatThrownBy(() -> GraphFlops.macs(List.of(y)))
          .isInstanceOf(IllegalStateException.class)
          .hasMessageContaining("has a dynamic shape [-1, 3, 3, ")
          .hasMessageContaining("cannot be counted statically");
    }
  }

  /** A tiny stage-1 config: 12-px images, 3 classes, two levels of 4 and 8 channels, FC 16. */
  private static Stage1Config tiny(boolean recompute) {
    List<Integer> features = List.of(4, 8, 16);
    return Stage1Config.defaults(Recipe.PAPER, 12, 3)
        .encoder(NetworkStructure.defaults(Kind.ENCODER, features))
        .generator(NetworkStructure.defaults(Kind.GENERATOR, features))
        .classifier(NetworkStructure.defaults(Kind.ENCODER, features))
        .contentSize(6)
        .styleSize(3)
        .contentDropout(1 - 2.0 / 6)
        .styleDropout(1 - 2.0 / 3)
        .batchSize(6)
        .run(ENGINE_KERNELS.toBuilder().recompute(recompute).build())
        .build();
  }

  @Test
  void recomputingAddsExactlyOneEncoderAndOneGeneratorForwardPass() {
    Stage1Config kept = tiny(false);
    List<ImageBatch> images = List.of(blank(kept.batchSize(), kept.imageSize()));
    long encoder;
    long encoderAndGenerator;
    try (BenchmarkStep step = BenchmarkStep.encode(kept, images)) {
      encoder = macs(step);
    }
    try (BenchmarkStep step = BenchmarkStep.transfer(kept, images)) {
      encoderAndGenerator = macs(step);
    }
    long withoutRecompute;
    long withRecompute;
    try (BenchmarkStep step = BenchmarkStep.stage1(kept, BenchCase.batches(6, 12, 1))) {
      withoutRecompute = macs(step);
    }
    try (BenchmarkStep step = BenchmarkStep.stage1(tiny(true), BenchCase.batches(6, 12, 1))) {
      withRecompute = macs(step);
    }
    assertThat(encoder).isPositive();
    assertThat(encoderAndGenerator).isGreaterThan(encoder);
    assertThat(withRecompute - withoutRecompute).isEqualTo(encoderAndGenerator);
  }

  @Test
  void theGeneratorStepBackpropagatesThroughTheFrozenNetworksOnce() {
    // Forward: G, D, C2 and E on the fake; backward: input gradients of D, C2 and E, then G's
    // input and weight gradients: under 1.5 times the forward. Building the chain twice (once for
    // G, once for S) gives about 2.2 times.
    BenchCase.Settings settings = new BenchCase.Settings(ENGINE_KERNELS, Recipe.PAPER, true);
    Stage1Config s1 = BenchCase.stage1Config(32, settings);
    Stage2Config config = BenchCase.stage2Config(32, settings);
    try (BenchmarkStep step = BenchmarkStep.stage2Generator(config, s1,
        BenchCase.batches(config.batchSize(), 32, 1),
        BenchCase.contents(config.batchSize(), s1.contentSize(), 2))) {
      long forward = GraphFlops.macs(step.fetches());
      long backward = macs(step) - forward;
      assertThat((double) backward / forward).isBetween(1.0, 1.5);
    }
  }
}
