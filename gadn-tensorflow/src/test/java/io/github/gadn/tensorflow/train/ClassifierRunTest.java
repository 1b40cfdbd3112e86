package io.github.gadn.tensorflow.train;

import io.github.gadn.config.Recipe;
import io.github.gadn.config.ClassifierConfig;
import io.github.gadn.config.NetworkStructure;
import io.github.gadn.config.RunOptions;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ClassifierRunTest {
  private static final ToyDataset DATA = new ToyDataset(12, 3, 30);

  private static ClassifierConfig config(long niter) {
    return ClassifierConfig.defaults(Recipe.PAPER, 12, 3)
        .classifier(NetworkStructure.defaults(NetworkStructure.Kind.ENCODER, TinyStage1.FEATURES))
        .batchSize(6)
        .lr(1e-3)
        .lrRamp(4)
        .run(RunOptions.builder().niter(niter).seed(8).checkpointIter(niter / 2).build())
        .build();
  }

  @Test
  void resumingGivesTheSameWeightsAndDataPositionAsAnUninterruptedRun(@TempDir Path dir)
      throws Exception {
    SameState.assertResumeIsExact(
        dir,
        4,
        run -> ClassifierRun.start(config(8), DATA, run),
        (run, which) -> ClassifierRun.resume(run, which, false, null, DATA));
  }
}
