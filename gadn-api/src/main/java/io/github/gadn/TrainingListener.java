package io.github.gadn;

/** Receives progress of a training run; called on the training thread, so keep it quick. */
@FunctionalInterface
public interface TrainingListener {

  /**
   * Called after every iteration, before the run's periodic grids and checkpoints of that
   * iteration.
   *
   * @param event the iteration just finished, its logged losses and the progress so far
   */
  void onIteration(TrainingEvent event);

  /**
   * A listener that ignores everything.
   *
   * @return the listener
   */
  static TrainingListener none() {
    return event -> {};
  }
}
