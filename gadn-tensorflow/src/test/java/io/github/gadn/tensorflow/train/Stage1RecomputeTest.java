package io.github.gadn.tensorflow.train;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.gadn.config.Stage1Config;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * {@code RunOptions.recompute}: stage 1 builds E and the shifted generator pass a second time for
 * the backward pass. That must change the work and the memory, never the result. (The work it
 * adds, exactly one E and one G forward pass, is counted by the bench's FLOP test in
 * gadn-examples.)
 */
class Stage1RecomputeTest {
  private static final long SEED = 5;

  private static Stage1Config withRecompute(Stage1Config.Builder base, boolean recompute) {
    // A large learning rate makes any difference in the gradients visible in the weights.
    Stage1Config c = base.lr(1e-2).styleLr(1e-2).lrRamp(0).build();
    return c.toBuilder().run(c.run().toBuilder().recompute(recompute).build()).build();
  }

  /** Every variable (weights and Adam slots) after two iterations, and the logged losses. */
  private static Map<String, float[]> afterTwoSteps(Stage1Config config, double[][] losses) {
    try (TinyStage1.Harness h = new TinyStage1.Harness(config, SEED)) {
      losses[0] = h.step(TinyStage1.batch(config, 1), 1);
      losses[1] = h.step(TinyStage1.batch(config, 2), 2);
      return h.read("");
    }
  }

  private static void assertSameRun(Stage1Config.Builder base) {
    double[][] lossesKept = new double[2][];
    double[][] lossesRecomputed = new double[2][];
    Map<String, float[]> kept = afterTwoSteps(withRecompute(base, false), lossesKept);
    Map<String, float[]> recomputed = afterTwoSteps(withRecompute(base, true), lossesRecomputed);
    assertThat(recomputed.keySet()).isEqualTo(kept.keySet()).isNotEmpty();
    for (String name : kept.keySet()) {
      // Same ops on the same inputs: bit for bit the same values.
      assertThat(recomputed.get(name)).as(name).containsExactly(kept.get(name));
    }
    // The logged losses come from the first passes; in the larger graph Grappler may sum one of
    // them in another order (measured: the KL sum of the second step, 1 ulp).
    for (int t = 0; t < 2; t++) {
      assertThat(lossesRecomputed[t]).hasSameSizeAs(lossesKept[t]);
      for (int i = 0; i < lossesKept[t].length; i++) {
        assertThat(lossesRecomputed[t][i])
            .as("loss %s of step %s", i, t + 1)
            .isCloseTo(lossesKept[t][i], org.assertj.core.data.Offset.offset(1e-6 * Math.max(1, Math.abs(lossesKept[t][i]))));
      }
    }
  }

  @Test
  void recomputingGivesBitForBitTheSameRunWithTheConvolutionalClassifier() {
    assertSameRun(TinyStage1.config());
  }

  @Test
  void recomputingGivesBitForBitTheSameRunWithTheMlpClassifier() {
    assertSameRun(TinyStage1.minimal());
  }
}
