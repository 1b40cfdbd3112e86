package io.github.gadn;

import io.github.gadn.config.GanConfig;

/**
 * The unconditional LSGAN baseline (docs/method.md §8.1): a generator from noise and a
 * least-squares discriminator, trained without labels; a reference point for stage 2's samples.
 *
 * <p>Like every {@link Trainer} it owns native resources: use try-with-resources.
 */
public interface GanTrainer extends Trainer {

  /**
   * The effective configuration.
   *
   * @return the config the run trains with: after resuming, the saved options plus overrides
   */
  GanConfig config();

  /**
   * Discriminator batches run so far over all iterations (its force loop may run several per
   * iteration).
   *
   * @return the total, restored from the checkpoint when resuming
   */
  long discriminatorBatches();
}
