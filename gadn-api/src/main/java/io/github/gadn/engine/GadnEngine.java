package io.github.gadn.engine;

import io.github.gadn.Classifier;
import io.github.gadn.Stage1Trainer;
import io.github.gadn.Stage2Trainer;
import io.github.gadn.config.Stage1Config;
import io.github.gadn.config.Stage2Config;
import io.github.gadn.data.LabelledDataset;
import java.io.IOException;
import java.nio.file.Path;

/** An implementation of GADN's networks and trainers. */
public interface GadnEngine {

  /** Engine name. */
  String name();

  /**
   * Starts a fresh stage-1 run in {@code runDirectory} (created if missing; must not already
   * hold a run).
   *
   * @param config options
   * @param data training images; its image size and class count must match {@code config}
   * @param runDirectory where options, checkpoints, grids and logs go
   * @return the trainer, owning native resources
   * @throws IOException if the folder cannot be written
   * @throws IllegalArgumentException naming the mismatch between data and config
   */
  Stage1Trainer stage1(Stage1Config config, LabelledDataset data, Path runDirectory)
      throws IOException;

  /**
   * Starts a fresh stage-2 run (docs/method.md §7) in {@code runDirectory}, from a stage-1 run
   * whose encode step has been run for {@code config.stage1Iter()} and, normally, a pre-trained
   * classifier run.
   *
   * @param config options
   * @param data the training images the stage-1 codes were computed on
   * @param runDirectory where options, checkpoints, grids and logs go
   * @return the trainer, owning native resources
   * @throws IOException naming a missing or corrupt file of the stage-1 or classifier run
   * @throws IllegalArgumentException naming the mismatch between data, runs and config
   */
  Stage2Trainer stage2(Stage2Config config, LabelledDataset data, Path runDirectory)
      throws IOException;

  /**
   * Loads a trained classifier for inference: the pre-trained classifier of a {@code classifier}
   * run or the adversarial classifier {@code C2} of a stage-2 run (or {@code C1} of a stage-1 run
   * with the CNN classifier).
   *
   * @param runDirectory the run folder
   * @param checkpoint {@code "last"} or a numbered checkpoint's iteration
   * @return the classifier, owning native resources
   * @throws IOException naming a missing or corrupt file, or a run without an image classifier
   */
  Classifier loadClassifier(Path runDirectory, String checkpoint) throws IOException;

  /**
   * Loads a trained model for inference from a stage-1 or stage-2 run folder.
   *
   * @param runDirectory the run folder
   * @param checkpoint {@code "last"} or a numbered checkpoint's iteration
   * @return the model, owning native resources
   * @throws IOException naming a missing or corrupt file
   */
  io.github.gadn.GadnModel load(Path runDirectory, String checkpoint) throws IOException;

  /**
   * Loads a trained model whose computations run on the device and with the engine threads of
   * {@code run} (its other fields are not used). Engines without such choices ignore them.
   *
   * @param runDirectory the run folder
   * @param checkpoint {@code "last"} or a numbered checkpoint's iteration
   * @param run device and engine threads
   * @return the model, owning native resources
   * @throws IOException naming a missing or corrupt file
   */
  default io.github.gadn.GadnModel load(
      Path runDirectory, String checkpoint, io.github.gadn.config.RunOptions run)
      throws IOException {
    return load(runDirectory, checkpoint);
  }

  /**
   * Resumes a stage-1 run from its {@code last} checkpoint.
   *
   * @param runDirectory an existing stage-1 run folder
   * @param overrides changes to overridable options (docs/method.md §9.1), applied to the saved
   *     ones; may be {@code null}
   * @param data the training images (must match the saved class list)
   * @return the trainer, continuing at the saved iteration
   * @throws IOException naming the missing or corrupt file
   */
  Stage1Trainer resumeStage1(
      Path runDirectory, java.util.function.UnaryOperator<Stage1Config.Builder> overrides,
      LabelledDataset data)
      throws IOException;
}
