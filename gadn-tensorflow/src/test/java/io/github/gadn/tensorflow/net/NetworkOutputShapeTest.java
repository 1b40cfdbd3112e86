package io.github.gadn.tensorflow.net;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.github.gadn.config.DefaultSizes;
import io.github.gadn.config.NetworkStructure;
import io.github.gadn.config.NetworkStructure.Kind;
import io.github.gadn.tensorflow.nn.GraphHarness;
import io.github.gadn.tensorflow.nn.Pass;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.tensorflow.Operand;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.types.TFloat64;

/**
 * docs/method.md §3.3, §14: output shapes of the default structures for every size of the table.
 * Channel widths are shrunk to 4 (FC 8) to stay fast; the size schedule depends only on the number
 * of levels, which is the table's.
 */
class NetworkOutputShapeTest {
  private static final int N = 2;
  private static final int CONTENT = 3;
  private static final int STYLE = 2;
  private static final int CLASSES = 5;

  private static List<Integer> narrowFeatures(int imageSize) {
    int levels = DefaultSizes.forImageSize(imageSize).features().size() - 1;
    List<Integer> f = new ArrayList<>();
    for (int i = 0; i < levels; i++) {
      f.add(4);
    }
    f.add(8);
    return f;
  }

  private static double[] images(int size) {
    return GraphHarness.uniform(new SplittableRandom(size), N * size * size * 4, -1, 1);
  }

  @ParameterizedTest(name = "R = {0}")
  @ValueSource(ints = {28, 32, 42, 64, 162, 256})
  void encoderGivesMeanAndStdOfLengthContentSize(int size) {
    try (GraphHarness h = new GraphHarness(1)) {
      Placeholder<TFloat64> x = h.input(N, size, size, 4);
      EncoderNet.Posterior<TFloat64> p =
          new EncoderNet<>(
                  h.nn.sub("enc"),
                  NetworkStructure.defaults(Kind.ENCODER, narrowFeatures(size)),
                  size,
                  CONTENT)
              .apply(x);
      List<GraphHarness.Fetched> r =
          h.run(
              List.of(p.mean(), p.std()),
              List.of(GraphHarness.feed(x, images(size), N, size, size, 4)));
      assertThat(r.get(0).shape()).containsExactly(N, CONTENT);
      assertThat(r.get(1).shape()).containsExactly(N, CONTENT);
      assertThat(java.util.Arrays.stream(r.get(1).values()).min().orElseThrow()).isPositive();
    }
  }

  @ParameterizedTest(name = "R = {0}")
  @ValueSource(ints = {28, 32, 42, 64, 162, 256})
  void classifierGivesLogProbabilitiesOverTheClasses(int size) {
    try (GraphHarness h = new GraphHarness(1)) {
      Placeholder<TFloat64> x = h.input(N, size, size, 4);
      Operand<TFloat64> logp =
          new ClassifierNet<>(
                  h.nn.sub("cla"),
                  NetworkStructure.defaults(Kind.ENCODER, narrowFeatures(size)),
                  size,
                  CLASSES)
              .apply(x, Pass.withBatchReg());
      GraphHarness.Fetched r = h.run(logp, GraphHarness.feed(x, images(size), N, size, size, 4));
      assertThat(r.shape()).containsExactly(N, CLASSES);
      for (int n = 0; n < N; n++) {
        double total = 0;
        for (int k = 0; k < CLASSES; k++) {
          total += Math.exp(r.values()[n * CLASSES + k]);
        }
        assertThat(total).isCloseTo(1, within(1e-12));
      }
    }
  }

  @ParameterizedTest(name = "R = {0}")
  @ValueSource(ints = {28, 32, 42, 64, 162, 256})
  void discriminatorGivesOneScorePerSample(int size) {
    try (GraphHarness h = new GraphHarness(1)) {
      Placeholder<TFloat64> x = h.input(N, size, size, 4);
      Operand<TFloat64> score =
          new ClassifierNet<>(
                  h.nn.sub("dis"),
                  NetworkStructure.defaults(Kind.ENCODER, narrowFeatures(size)),
                  size,
                  1)
              .apply(x, Pass.plain());
      assertThat(h.run(score, GraphHarness.feed(x, images(size), N, size, size, 4)).shape())
          .containsExactly(N);
    }
  }

  @ParameterizedTest(name = "R = {0}")
  @ValueSource(ints = {28, 32, 42, 64, 162, 256})
  void generatorReproducesTheImageSizeExactly(int size) {
    try (GraphHarness h = new GraphHarness(1)) {
      Placeholder<TFloat64> c = h.input(N, CONTENT);
      Placeholder<TFloat64> s = h.input(N, STYLE);
      GeneratorNet<TFloat64> g =
          new GeneratorNet<>(
              h.nn.sub("gen"),
              NetworkStructure.defaults(Kind.GENERATOR, narrowFeatures(size)),
              size,
              CONTENT,
              STYLE);
      Operand<TFloat64> img = g.apply(c, s, null, null, Pass.plain());
      SplittableRandom r = new SplittableRandom(size);
      GraphHarness.Fetched out =
          h.run(
              img,
              GraphHarness.feed(c, GraphHarness.uniform(r, N * CONTENT, -1, 1), N, CONTENT),
              GraphHarness.feed(s, GraphHarness.uniform(r, N * STYLE, -1, 1), N, STYLE));
      assertThat(out.shape()).containsExactly(N, size, size, 3);
      assertThat(java.util.Arrays.stream(out.values()).map(Math::abs).max().orElseThrow())
          .isLessThan(1);
    }
  }
}
