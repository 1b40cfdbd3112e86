package io.github.gadn.tensorflow.net;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.github.gadn.config.DefaultSizes;
import io.github.gadn.config.NetworkStructure;
import io.github.gadn.config.NetworkStructure.Kind;
import io.github.gadn.tensorflow.nn.GraphHarness;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * docs/method.md §3.5, §14: the residue ratio {@code r} of every residual block, read back from the
 * initial gains {@code gr = √r}, {@code gs = √(1−r)} by parameter name. Networks are only built
 * (never initialised), so the 256-px defaults cost nothing.
 */
class ResidueRatioScheduleTest {
  private static final List<Integer> F256 = DefaultSizes.forImageSize(256).features();

  /** {@code gr²} of the named blocks, in the order given. */
  private static List<Double> ratios(GraphHarness h, List<String> blocks) {
    List<Double> out = new ArrayList<>();
    for (String b : blocks) {
      double[] gr = h.store.get(b + "/gr").initial();
      double[] gs = h.store.get(b + "/gs").initial();
      double r = gr[0] * gr[0];
      assertThat(gr).as("%s/gr is one value per channel", b).containsOnly(gr[0]);
      assertThat(gs)
          .as("%s/gs = √(1−r)", b)
          .containsOnly(new double[] {Math.sqrt(1 - r)}, within(1e-15));
      out.add(r);
    }
    return out;
  }

  /** Block names {@code prefix/L<level>/b<k>} for the given levels and blocks per level. */
  private static List<String> names(String prefix, int[] levels, int[] counts) {
    List<String> out = new ArrayList<>();
    for (int i = 0; i < levels.length; i++) {
      for (int k = 0; k < counts[i]; k++) {
        out.add(prefix + "/L" + levels[i] + "/b" + k);
      }
    }
    return out;
  }

  private static void assertReciprocals(List<Double> actual, int... denominators) {
    assertThat(actual).hasSize(denominators.length);
    for (int i = 0; i < denominators.length; i++) {
      assertThat(actual.get(i)).as("block %s", i).isCloseTo(1.0 / denominators[i], within(1e-14));
    }
  }

  @Test
  void encoderAt256PixelsUsesOneThirdOneFourthThenOneSeventhToOneTwentyFirst() {
    try (GraphHarness h = new GraphHarness(1)) {
      new EncoderNet<>(h.nn.sub("enc"), NetworkStructure.defaults(Kind.ENCODER, F256), 256, 512);
      List<Double> r =
          ratios(h, names("enc", new int[] {0, 1, 2, 3, 4, 5}, new int[] {2, 3, 3, 3, 3, 3}));
      assertReciprocals(r, 3, 4, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21);
    }
  }

  @Test
  void classifierBodyUsesTheSameScheduleAsTheEncoder() {
    try (GraphHarness h = new GraphHarness(1)) {
      new ClassifierNet<>(h.nn.sub("cla"), NetworkStructure.defaults(Kind.ENCODER, F256), 256, 10);
      List<Double> r =
          ratios(h, names("cla", new int[] {0, 1, 2, 3, 4, 5}, new int[] {2, 3, 3, 3, 3, 3}));
      assertReciprocals(r, 3, 4, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21);
    }
  }

  @Test
  void generatorAt256PixelsRunsDeepestFirstAndEndsWithOneThirteenthAndOneFourteenth() {
    try (GraphHarness h = new GraphHarness(1)) {
      new GeneratorNet<>(
          h.nn.sub("gen"), NetworkStructure.defaults(Kind.GENERATOR, F256), 256, 512, 256);
      // Execution order: depth 5 … 1 ('cbc', up-block last), then depth 0 ('tc': c, then t).
      List<Double> r =
          ratios(h, names("gen", new int[] {5, 4, 3, 2, 1, 0}, new int[] {3, 3, 3, 3, 3, 2}));
      assertReciprocals(r, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 13, 14);
    }
  }

  @Test
  void generatorUpBlockIsTheLastBlockOfItsLevel() {
    try (GraphHarness h = new GraphHarness(1)) {
      new GeneratorNet<>(
          h.nn.sub("gen"), NetworkStructure.defaults(Kind.GENERATOR, F256), 256, 512, 256);
      // Depth 1 'cbc' executes c (b0), b (b1), then the up-block c (b2): a transposed conv.
      assertThat(h.store.withPrefix("gen/L1/b2/convt/")).isNotEmpty();
      assertThat(h.store.withPrefix("gen/L1/b0/conv/")).isNotEmpty();
      // Depth 0 'tc': b0 is the stride-1 c, b1 the up-block emitting 3 + 2 offset channels.
      assertThat(h.store.get("gen/L0/b1/convt/b").shape()).containsExactly(5);
    }
  }

  @Test
  void paperStructureRatiosRunFromOneThirdToOneFourteenthInBothNetworks() {
    try (GraphHarness h = new GraphHarness(1)) {
      new EncoderNet<>(h.nn.sub("enc"), NetworkStructure.paper(Kind.ENCODER, F256), 256, 256);
      new GeneratorNet<>(
          h.nn.sub("gen"), NetworkStructure.paper(Kind.GENERATOR, F256), 256, 256, 256);
      int[] two = {2, 2, 2, 2, 2, 2};
      assertReciprocals(
          ratios(h, names("enc", new int[] {0, 1, 2, 3, 4, 5}, two)),
          3,
          4,
          5,
          6,
          7,
          8,
          9,
          10,
          11,
          12,
          13,
          14);
      assertReciprocals(
          ratios(h, names("gen", new int[] {5, 4, 3, 2, 1, 0}, two)),
          3,
          4,
          5,
          6,
          7,
          8,
          9,
          10,
          11,
          12,
          13,
          14);
    }
  }

  @Test
  void fullyConnectedResidualBlocksUseOneOverIPlusOne() {
    List<Integer> f = List.of(4, 4, 8);
    try (GraphHarness h = new GraphHarness(1)) {
      new EncoderNet<>(
          h.nn.sub("enc"), NetworkStructure.of(Kind.ENCODER, f, List.of("c", "c", "fff")), 8, 2);
      new GeneratorNet<>(
          h.nn.sub("gen"),
          NetworkStructure.of(Kind.GENERATOR, f, List.of("c", "c", "fff")),
          8,
          2,
          2);
      assertReciprocals(ratios(h, List.of("enc/fc1", "enc/fc2", "gen/fc1", "gen/fc2")), 2, 3, 2, 3);
    }
  }

  @Test
  void mlpClassifierHiddenBlocksUseOneOverIPlusTwo() {
    try (GraphHarness h = new GraphHarness(1)) {
      new MlpClassifierNet<>(h.nn.sub("mlp"), 4, 6, 4, 3);
      assertReciprocals(ratios(h, List.of("mlp/fc1", "mlp/fc2", "mlp/fc3")), 2, 3, 4);
    }
  }
}
