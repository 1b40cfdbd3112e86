package io.github.gadn.tensorflow.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.gadn.config.Recipe;
import io.github.gadn.config.DefaultSizes;
import io.github.gadn.config.RunOptions;
import io.github.gadn.config.Stage1Config;
import io.github.gadn.config.Stage2Config;
import io.github.gadn.config.NetworkStructure;
import io.github.gadn.config.NetworkStructure.Kind;
import io.github.gadn.tensorflow.net.ClassifierNet;
import io.github.gadn.tensorflow.net.EncoderNet;
import io.github.gadn.tensorflow.net.GeneratorNet;
import io.github.gadn.tensorflow.nn.AlphaMask;
import io.github.gadn.tensorflow.nn.Conv;
import io.github.gadn.tensorflow.nn.ConvTranspose;
import io.github.gadn.tensorflow.nn.Nn;
import io.github.gadn.tensorflow.nn.ParamStore;
import io.github.gadn.tensorflow.nn.Pass;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.types.TFloat32;

/** Multiply-accumulates counted from the graph (the FLOP column of {@code gadn bench}). */
class GraphFlopsTest {

  /** Per-image forward MACs of E, G and C (K = 10, Cs = 10) at the default networks, in millions. */
  private static double[] perImageMillions(int r) {
    try (Graph g = new Graph()) {
      Ops tf = Ops.create(g);
      Nn<TFloat32> nn = new Nn<>(tf, TFloat32.class, new ParamStore(tf), 1);
      DefaultSizes sizes = DefaultSizes.forImageSize(r);
      NetworkStructure enc = NetworkStructure.defaults(Kind.ENCODER, sizes.features());
      NetworkStructure gen = NetworkStructure.defaults(Kind.GENERATOR, sizes.features());
      int cc = sizes.contentSize();
      Placeholder<TFloat32> x = tf.placeholder(TFloat32.class, Placeholder.shape(Shape.of(1, r, r, 4)));
      Placeholder<TFloat32> code =
          tf.placeholder(TFloat32.class, Placeholder.shape(Shape.of(1, cc + 10)));
      EncoderNet.Posterior<TFloat32> e =
          new EncoderNet<>(nn.sub("enc"), enc, r, cc).apply(AlphaMask.apply(nn, x));
      Operand<TFloat32> y = new GeneratorNet<>(nn.sub("gen"), gen, r, cc, 10).apply(code, Pass.plain());
      Operand<TFloat32> c = new ClassifierNet<>(nn.sub("cla"), enc, r, 10).apply(x, Pass.plain());
      return new double[] {
        GraphFlops.macs(List.of(e.mean(), e.std())) / 1e6,
        GraphFlops.macs(List.of(y)) / 1e6,
        GraphFlops.macs(List.of(c)) / 1e6
      };
    }
  }

  @Test
  void defaultNetworksAt32PixelsMatchTheSpecsForwardCost() {
    double[] m = perImageMillions(32);
    assertThat(new double[] {round1(m[0]), round1(m[1]), round1(m[2])})
        .containsExactly(76.0, 76.6, 75.9);
  }

  @Test
  void defaultNetworksAt64PixelsMatchTheSpecsForwardCost() {
    double[] m = perImageMillions(64);
    assertThat(new double[] {round1(m[0]), round1(m[1]), round1(m[2])})
        .containsExactly(427.6, 429.9, 427.4);
  }

  private static double round1(double v) {
    return Math.round(v * 10) / 10.0;
  }

  @Test
  void gradientsOfAConvAddTwiceItsForwardCost() {
    try (Graph g = new Graph()) {
      Ops tf = Ops.create(g);
      ParamStore store = new ParamStore(tf);
      Nn<TFloat32> nn = new Nn<>(tf, TFloat32.class, store, 1);
      Placeholder<TFloat32> x = tf.placeholder(TFloat32.class, Placeholder.shape(Shape.of(2, 8, 8, 3)));
      Operand<TFloat32> y = new Conv<>(nn.sub("c"), 3, 5, 3, 1, 1).apply(x);
      long forward = 2L * 8 * 8 * 5 * 3 * 3 * 3;
      assertThat(GraphFlops.macs(List.of(y))).isEqualTo(forward);
      List<Operand<?>> wrt = new ArrayList<>(List.of(x));
      wrt.addAll(Grads.reads(store.all()));
      List<Object> roots = new ArrayList<>(tf.gradients(nn.sumAll(y), wrt).dy());
      assertThat(GraphFlops.macs(roots)).isEqualTo(3 * forward);
    }
  }

  @Test
  void countsOnlyWhatTheRunDependsOn() {
    try (Graph g = new Graph()) {
      Ops tf = Ops.create(g);
      Nn<TFloat32> nn = new Nn<>(tf, TFloat32.class, new ParamStore(tf), 1);
      Placeholder<TFloat32> x = tf.placeholder(TFloat32.class, Placeholder.shape(Shape.of(1, 4, 4, 2)));
      Operand<TFloat32> small = new Conv<>(nn.sub("a"), 2, 2, 1, 1, 0).apply(x);
      new Conv<>(nn.sub("b"), 2, 64, 3, 1, 1).apply(x);
      assertThat(GraphFlops.macs(List.of(small))).isEqualTo(16L * 2 * 2);
    }
  }

  @Test
  void aDynamicShapeIsNamed() {
    try (Graph g = new Graph()) {
      Ops tf = Ops.create(g);
      Nn<TFloat32> nn = new Nn<>(tf, TFloat32.class, new ParamStore(tf), 1);
      Placeholder<TFloat32> x = tf.placeholder(TFloat32.class, Placeholder.shape(Shape.of(-1, 3, 3, 2)));
      Operand<TFloat32> y = new ConvTranspose<>(nn.sub("t"), 2, 2, 6, 2).apply(x, 3, 3);
      assertThatThrownBy(() -> GraphFlops.macs(List.of(y)))
          .isInstanceOf(IllegalStateException.class)
          .hasMessageContaining("has a dynamic shape [-1, 3, 3, ")
          .hasMessageContaining("cannot be counted statically");
    }
  }

  @Test
  void theGeneratorStepBackpropagatesThroughTheFrozenNetworksOnce() {
    // Forward: G, D, C2 and E on the fake; backward: input gradients of D, C2 and E, then G's
    // input and weight gradients: under 1.5 times the forward. Building the chain twice (once for
    // G, once for S) gives about 2.2 times.
    Stage1Config s1 =
        BenchCase.stage1Config(32, new BenchCase.Settings(RunOptions.builder().build(), true));
    Stage2Config config = Stage2Config.defaults(Recipe.PAPER, 32, "unused", 1).batchSize(4).build();
    int cc = s1.contentSize();
    double[] ones = new double[cc];
    java.util.Arrays.fill(ones, 1);
    double[] identity = new double[cc * cc];
    for (int i = 0; i < cc; i++) {
      identity[i * cc + i] = 1;
    }
    try (Graph g = new Graph()) {
      Stage2Graph graph =
          new Stage2Graph(
              Ops.create(g), config, 10, cc, s1.styleSize(), s1.styleDropout(), s1.generator(),
              s1.encoder(), s1.classifier(), new double[] {.1, .1, .1, .1, .1, .1, .1, .1, .1, .1},
              new ContentStats(new double[cc], ones, ones, identity, ones), 1);
      long forward = GraphFlops.macs(new ArrayList<>(graph.genLogged.values()));
      List<Object> all = new ArrayList<>(graph.genLogged.values());
      all.add(graph.generatorStep);
      long backward = GraphFlops.macs(all) - forward;
      assertThat((double) backward / forward).isBetween(1.0, 1.5);
    }
  }
}
