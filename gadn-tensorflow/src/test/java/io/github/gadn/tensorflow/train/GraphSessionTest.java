package io.github.gadn.tensorflow.train;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.gadn.config.RunOptions;
import org.junit.jupiter.api.Test;
import org.tensorflow.GraphOperation;
import org.tensorflow.Operand;
import org.tensorflow.Result;
import org.tensorflow.types.TFloat32;

/**
 * Device placement of the graphs (GPU readiness: the GPU section of README.md,
 * docs/performance.md).
 */
class GraphSessionTest {

  @Test
  void everyOpIsPinnedToTheRunsDevice() {
    try (GraphSession gs = new GraphSession(RunOptions.builder().device("/GPU:1").build())) {
      Operand<TFloat32> y = gs.ops().math.add(gs.ops().constant(1f), gs.ops().constant(2f));
      assertThat(((GraphOperation) y.op()).device()).isEqualToIgnoringCase("/device:GPU:1");
    }
  }

  @Test
  void aGpuGraphRunsOnTheCpuNativesThroughSoftPlacement() {
    try (GraphSession gs = new GraphSession(RunOptions.builder().device("/GPU:0").build())) {
      Operand<TFloat32> y = gs.ops().math.mul(gs.ops().constant(3f), gs.ops().constant(2f));
      try (Result r = gs.session().runner().fetch(y).run()) {
        assertThat(((TFloat32) r.get(0)).getFloat()).isEqualTo(6f);
      }
    }
  }
}
