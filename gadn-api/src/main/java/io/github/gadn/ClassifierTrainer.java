package io.github.gadn;

import io.github.gadn.config.ClassifierConfig;

/**
 * Classifier pre-training (docs/method.md §6): trains the stage-2 classifier on real images, one
 * engine call per iteration. Only its numbered checkpoints feed stage 2 ({@code
 * Stage2Config.classifierRun} and {@code classifierIter}); {@code GadnEngine.loadClassifier}
 * loads any checkpoint for inference.
 *
 * <p>Like every {@link Trainer} it owns native resources: use try-with-resources.
 */
public interface ClassifierTrainer extends Trainer {

  /**
   * The effective configuration.
   *
   * @return the config the run trains with: after resuming, the saved options plus overrides
   */
  ClassifierConfig config();
}
