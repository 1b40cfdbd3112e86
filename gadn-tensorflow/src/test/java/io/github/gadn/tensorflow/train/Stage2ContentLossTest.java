package io.github.gadn.tensorflow.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.github.gadn.config.NetworkStructure;
import io.github.gadn.config.NetworkStructure.Kind;
import io.github.gadn.config.Recipe;
import io.github.gadn.config.Stage2Config;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.tensorflow.Graph;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.op.Ops;

/**
 * The stage-2 content loss {@code mean_n Σ_i w_i ((μ_E(G(c, S(a')))_i − μ_{n,i}) / s_i)²} of a tiny
 * {@link Stage2Graph}, checked by hand: the encoder's mean head is set to weight 0 and bias
 * {@code b}, so {@code μ_E} of any image is {@code b} and the loss depends only on {@code b}, the
 * fed posterior means {@code μ}, the aggregate std {@code s} and {@code dim_weight} {@code w}.
 */
class Stage2ContentLossTest {
  private static final int N = 2;
  private static final int R = 12;
  private static final int CC = 3;
  private static final int CS = 2;

  private static final double[] ENCODED = {0.5, -1, 2};
  private static final float[] POSTERIOR_MEAN = {1, 0, 2, /* sample 1 */ 0.5f, -2, 0};
  private static final double[] FULL_STD = {0.5, 2, 4};
  private static final double[] DIM_WEIGHT = {1, 0.25, 0.5};

  /**
   * The logged {@code con} of generator forwards of one graph, one per {@code (std, noise)} pair:
   * every posterior std set to {@code std}, every content-noise uniform to {@code noise}.
   */
  private static double[] contentLoss(double... stdAndNoise) {
    List<Integer> features = List.of(4, 8);
    double[] identity = new double[CC * CC];
    for (int i = 0; i < CC; i++) {
      identity[i * CC + i] = 1;
    }
    double[] ones = new double[CC];
    Arrays.fill(ones, 1);
    try (Graph g = new Graph()) {
      Stage2Graph graph =
          new Stage2Graph(
              Ops.create(g),
              Stage2Config.defaults(Recipe.PAPER, R, "unused", 1).batchSize(N).build(),
              3,
              CC,
              CS,
              1,
              NetworkStructure.of(Kind.GENERATOR, features, List.of("c", "f")),
              NetworkStructure.of(Kind.ENCODER, features, List.of("c", "f")),
              NetworkStructure.of(Kind.ENCODER, features, List.of("c", "f")),
              NetworkStructure.of(Kind.ENCODER, features, List.of("c", "f")),
              new double[] {0.2, 0.3, 0.5},
              new ContentStats(new double[CC], FULL_STD, ones, identity, DIM_WEIGHT),
              1);
      try (Session session = new Session(g)) {
        graph.store.initialize(session);
        long in = graph.store.get("enc/mean/w").shape()[0];
        graph.store.writeDouble(
            session, Map.of("enc/mean/w", new double[(int) in * CC], "enc/mean/b", ENCODED));
        double[] out = new double[stdAndNoise.length / 2];
        for (int k = 0; k < out.length; k++) {
          out[k] = run(graph, session, (float) stdAndNoise[2 * k], stdAndNoise[2 * k + 1]);
        }
        return out;
      }
    }
  }

  private static double run(Stage2Graph graph, Session session, float std, double noise) {
    float[] rgba = new float[N * R * R * 4];
    for (int i = 0; i < rgba.length; i++) {
      rgba[i] = (i % 4 == 3) ? 1 : (i % 7) / 7f;
    }
    float[] stds = new float[N * CC];
    Arrays.fill(stds, std);
    double[] noiseContent = new double[N * CC];
    Arrays.fill(noiseContent, noise);
    double[] noiseStyle = new double[N * CS];
    Arrays.fill(noiseStyle, 0.5);
    float[] mask = new float[N * CS];
    Arrays.fill(mask, 1);
    try (Feeds feeds = new Feeds(session)) {
      feeds
          .floats(graph.images, rgba, N, R, R, 4)
          .ints(graph.labels, new int[] {0, 1})
          .floats(graph.codeMean, POSTERIOR_MEAN, N, CC)
          .floats(graph.codeStd, stds, N, CC)
          .floats(graph.noiseContent, noiseContent, N, CC)
          .floats(graph.noiseStyle, noiseStyle, N, CS)
          .floats(graph.maskStyle, mask, N, CS);
      feeds.runner().fetch(graph.genLogged.get("con"));
      try (Result r = feeds.run()) {
        return Feeds.scalar(r.get(0));
      }
    }
  }

  @Test
  void contentLossIsTheWeightedNormalisedSquaredDistanceToThePosteriorMean() {
    double sample0 =
        1 * ((0.5 - 1) / 0.5) * ((0.5 - 1) / 0.5) // 1
            + 0.25 * ((-1 - 0) / 2.0) * ((-1 - 0) / 2.0) // 0.0625
            + 0.5 * ((2 - 2) / 4.0) * ((2 - 2) / 4.0); // 0
    double sample1 =
        1 * ((0.5 - 0.5) / 0.5) * ((0.5 - 0.5) / 0.5) // 0
            + 0.25 * ((-1 + 2) / 2.0) * ((-1 + 2) / 2.0) // 0.0625
            + 0.5 * ((2 - 0) / 4.0) * ((2 - 0) / 4.0); // 0.125
    assertThat(contentLoss(0, 0.5)[0]).isCloseTo((sample0 + sample1) / 2, within(1e-6)); // 0.625
  }

  @Test
  void theTargetIsThePosteriorMeanNotTheSampledCode() {
    // With stds of 0.7 and noise far from the median the generator's input c differs from μ;
    // the encoder's output is fixed, so only a target of c could change the loss.
    double[] loss = contentLoss(0, 0.5, 0.7, 0.95);
    assertThat(loss[1]).isCloseTo(loss[0], within(1e-6));
  }
}
