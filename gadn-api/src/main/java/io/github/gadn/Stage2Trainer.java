package io.github.gadn;

import io.github.gadn.config.Stage2Config;

/**
 * Stage 2 (docs/method.md §7): fine-tunes {@code G} and {@code S} as a dual-conditional GAN against
 * a least-squares discriminator {@code D} and an adversarial classifier {@code C2}, with a content
 * loss through the frozen stage-1 encoder.
 */
public interface Stage2Trainer extends Trainer {

  /**
   * The effective configuration.
   *
   * @return the config the run trains with: after resuming, the saved options plus overrides
   */
  Stage2Config config();

  /**
   * Discriminator/classifier batches run so far over all iterations ({@code B_total}).
   *
   * @return the total, restored from the checkpoint when resuming
   */
  long discriminatorBatches();
}
