package io.github.gadn.tensorflow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.gadn.CodeBatch;
import io.github.gadn.GaussianCodes;
import io.github.gadn.ImageBatch;
import io.github.gadn.config.NetworkStructure;
import io.github.gadn.config.NetworkStructure.Kind;
import io.github.gadn.config.Recipe;
import io.github.gadn.config.Stage1Config;
import io.github.gadn.config.Stage2Config;
import io.github.gadn.data.Batch;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.tensorflow.proto.RunMetadata;

/** The benchmark hook on tiny networks: it runs, traces, and names arguments that do not fit. */
class BenchmarkStepTest {
  private static final List<Integer> FEATURES = List.of(4, 8);

  private static Stage1Config stage1() {
    return Stage1Config.defaults(Recipe.PAPER, 12, 3)
        .encoder(NetworkStructure.defaults(Kind.ENCODER, FEATURES))
        .generator(NetworkStructure.defaults(Kind.GENERATOR, FEATURES))
        .classifier(NetworkStructure.defaults(Kind.ENCODER, FEATURES))
        .contentSize(4)
        .styleSize(3)
        .contentDropout(0.5)
        .styleDropout(0.5)
        .batchSize(2)
        .build();
  }

  private static Batch batch(int n, int r) {
    float[] rgba = new float[n * r * r * 4];
    for (int i = 3; i < rgba.length; i += 4) {
      rgba[i] = 1;
    }
    int[] labels = new int[n];
    for (int i = 0; i < n; i++) {
      labels[i] = i % 3;
    }
    return new Batch(n, r, rgba, null, labels, new int[n]);
  }

  @Test
  void aTrainingStepRunsAndTracesItsSessionRun() {
    try (BenchmarkStep step = BenchmarkStep.stage1(stage1(), List.of(batch(2, 12)))) {
      assertThat(step.fetches()).isNotEmpty();
      assertThat(step.targets()).hasSize(1);
      step.initialize();
      step.run(1);
      List<RunMetadata> traces = step.runTraced(2);
      assertThat(traces).hasSize(1);
      assertThat(traces.get(0).getStepStats().getDevStatsList()).isNotEmpty();
    }
  }

  @Test
  void theStage2GeneratorStepRunsOnTheGivenCodes() {
    Stage2Config config = Stage2Config.defaults(Recipe.PAPER, 12, "unused", 1).batchSize(2).build();
    float[] ones = {1, 1, 1, 1, 1, 1, 1, 1};
    GaussianCodes contents =
        new GaussianCodes(CodeBatch.of(2, 4, new float[8]), CodeBatch.of(2, 4, ones));
    try (BenchmarkStep step =
        BenchmarkStep.stage2Generator(config, stage1(), List.of(batch(2, 12)), contents)) {
      step.run(1);
      assertThat(step.runTraced(2)).hasSize(1);
    }
    GaussianCodes tooFew =
        new GaussianCodes(CodeBatch.of(1, 4, new float[4]), CodeBatch.of(1, 4, new float[4]));
    assertThatThrownBy(
            () -> BenchmarkStep.stage2Discriminator(config, stage1(), List.of(batch(2, 12)), tooFew))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "contents must hold batchSize = 2 codes of contentSize = 4 dimensions, got 1 x 4");
  }

  @Test
  void inferenceStepsRunThroughTheModelUntraced() {
    List<ImageBatch> images = List.of(ImageBatch.of(3, 12, new float[3 * 12 * 12 * 4]));
    try (BenchmarkStep step = BenchmarkStep.transfer(stage1(), images)) {
      assertThat(step.fetches()).hasSize(4);
      assertThat(step.targets()).isEmpty();
      step.run(1);
      assertThat(step.runTraced(2)).isEmpty();
    }
  }

  @Test
  void batchesOfAnotherShapeAreNamed() {
    assertThatThrownBy(() -> BenchmarkStep.stage1(stage1(), List.of(batch(2, 12), batch(3, 12))))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("batches[1] holds 3 images of 12 px; the config needs 2 of 12 px");
    assertThatThrownBy(() -> BenchmarkStep.encode(stage1(), List.of()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("images must hold at least one batch");
  }
}
