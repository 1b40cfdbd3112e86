package io.github.gadn.tensorflow.train;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.gadn.config.Stage1Config;
import io.github.gadn.data.Batch;
import org.junit.jupiter.api.Test;

class Stage1SmokeTest {
  @Test
  void oneIterationProducesFiniteLosses() {
    Stage1Config config = TinyStage1.config().build();
    try (TinyStage1.Harness h = new TinyStage1.Harness(config, 5)) {
      Batch batch = TinyStage1.batch(config, 1);
      long t0 = System.nanoTime();
      double[] losses = h.step(batch, 1);
      long t1 = System.nanoTime();
      for (int i = 0; i < 20; i++) {
        losses = h.step(batch, 2 + i);
      }
      long t2 = System.nanoTime();
      System.out.printf("first %.2fs, then %.1f ms/iter%n", (t1 - t0) / 1e9, (t2 - t1) / 20e6);
      System.out.println(java.util.Arrays.toString(losses));
      assertThat(losses).hasSize(Stage1Graph.LOGGED.size());
      for (double v : losses) {
        assertThat(v).isFinite();
      }
    }
  }
}
