package io.github.gadn;

/**
 * Stage 2 (docs/method.md §7): fine-tunes {@code G} and {@code S} as a dual-conditional GAN against
 * a least-squares discriminator {@code D} and an adversarial classifier {@code C2}, with a content
 * loss through the frozen stage-1 encoder.
 */
public interface Stage2Trainer extends Trainer {

  /** Discriminator/classifier batches run so far over all iterations ({@code B_total}). */
  long discriminatorBatches();
}
