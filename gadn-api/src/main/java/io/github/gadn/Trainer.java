package io.github.gadn;

import java.io.IOException;
import java.nio.file.Path;

/**
 * A training run bound to a run folder (docs/method.md §9): it writes options, checkpoints, grids
 * and a loss log there, and can be resumed from it.
 *
 * <p>Trainers own native resources: use try-with-resources.
 *
 * <pre>{@code
 * try (Stage1Trainer trainer = Engines.get().stage1(config, dataset, runDir)) {
 *   trainer.train(event -> System.err.println(event.iteration()));
 * }
 * }</pre>
 */
public interface Trainer extends AutoCloseable {

  /** The run folder. */
  Path runDirectory();

  /** Iterations done so far (restored from the checkpoint when resuming). */
  long iteration();

  /**
   * Trains until the configured {@code niter} or until {@link #requestStop()}, then saves the
   * {@code last} checkpoint and, unless the folder has it, a numbered checkpoint of the final
   * iteration. A trainer whose iteration already reached {@code niter} trains no further.
   *
   * @param listener progress receiver, called on this thread after every iteration
   * @throws IOException if a checkpoint, grid or log cannot be written
   * @throws NonFiniteLossException if a logged loss becomes NaN or infinite (nothing is saved)
   * @throws NonFiniteWeightException if a weight is NaN or infinite when a checkpoint is due (that
   *     checkpoint is not written)
   */
  void train(TrainingListener listener) throws IOException;

  /**
   * Asks a running {@link #train} to stop after the current iteration and save; safe to call
   * from any thread (for example a shutdown hook).
   */
  void requestStop();

  /** Releases native resources. Does not save. */
  @Override
  void close();
}
