package io.github.gadn;

import io.github.gadn.config.Stage1Config;

/**
 * Stage 1 (docs/method.md §4): trains the encoder {@code E}, generator {@code G}, style table
 * {@code S} and adversarial classifier {@code C1} together, one engine call per iteration.
 */
public interface Stage1Trainer extends Trainer {

  /** The effective configuration (after resuming: the saved options plus overrides). */
  Stage1Config config();
}
