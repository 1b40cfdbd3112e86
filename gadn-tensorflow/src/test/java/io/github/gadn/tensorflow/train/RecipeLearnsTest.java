package io.github.gadn.tensorflow.train;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.gadn.GadnModel;
import io.github.gadn.TrainingListener;
import io.github.gadn.config.Recipe;
import io.github.gadn.config.RunOptions;
import io.github.gadn.config.Stage1Config;
import io.github.gadn.data.LabelledDataset;
import io.github.gadn.data.synth.SyntheticHandwriting;
import io.github.gadn.metrics.ReconstructionError;
import io.github.gadn.metrics.ReconstructionScores;
import io.github.gadn.tensorflow.TensorFlowEngine;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The default recipe escapes the blank-image trap on handwriting (white strokes on black, 80–90 %
 * background) within a short budget, where the paper's training hyper-parameters on the same
 * networks still draw blank images. Both runs leave out the adversarial term ({@code claWeight
 * 0}, the VAE baseline of each recipe): the trap is a matter of the reconstruction loss, its
 * weights and the learning rates, and the recipe's strong adversarial weight only slows the first
 * few hundred iterations (after 300 iterations at 28 px the default recipe with it measured 0.96
 * of the blank image's error; docs/training.md has the full-length runs). The digits are drawn at
 * 16 px, where an iteration costs about a seventh of one at 28 px; measured after 600 iterations:
 * 0.65 of the blank image's error with the default recipe, 1.00 with the paper's parameters.
 * Deterministic: fixed data and run seeds.
 */
class RecipeLearnsTest {
  private static final int SIZE = 16;
  private static final int ITERATIONS = 600;
  private static final LabelledDataset DIGITS =
      SyntheticHandwriting.generate(20, 2, SIZE, 3).dataset("digit");

  private static ReconstructionScores train(Stage1Config config, Path dir) throws Exception {
    try (Stage1Run run = Stage1Run.start(config, DIGITS, dir)) {
      run.train(TrainingListener.none());
    }
    try (GadnModel model = new TensorFlowEngine().load(dir, "last")) {
      ReconstructionScores scores = ReconstructionError.evaluate("model", model, DIGITS, 200);
      System.out.printf("%s recipe: reconstruction error %.4f of the blank image's%n",
          config.recipe().id(), scores.ratio());
      return scores;
    }
  }

  private static RunOptions run() {
    return RunOptions.builder().niter(ITERATIONS).seed(5).visualizeIter(ITERATIONS)
        .saveIter(ITERATIONS).build();
  }

  @Test
  void theDefaultRecipeDrawsTheStrokes(@TempDir Path dir) throws Exception {
    Stage1Config config =
        Stage1Config.defaults(SIZE, DIGITS.classCount()).claWeight(0).run(run()).build();
    ReconstructionScores s = train(config, dir);
    assertThat(s.ratio()).as("reconstruction error / blank-image error").isLessThan(0.88);
  }

  @Test
  void thePapersTrainingParametersStillDrawBlanks(@TempDir Path dir) throws Exception {
    Stage1Config cpu = Stage1Config.defaults(SIZE, DIGITS.classCount()).build();
    Stage1Config config = Stage1Config.defaults(Recipe.PAPER, SIZE, DIGITS.classCount())
        .encoder(cpu.encoder()).generator(cpu.generator()).classifier(cpu.classifier())
        .contentSize(cpu.contentSize()).contentDropout(cpu.contentDropout())
        .mlpFeatures(cpu.mlpFeatures()).batchSize(cpu.batchSize())
        .claWeight(0).run(run()).build();
    ReconstructionScores s = train(config, dir);
    assertThat(s.ratio()).as("reconstruction error / blank-image error").isGreaterThan(0.97);
  }
}
