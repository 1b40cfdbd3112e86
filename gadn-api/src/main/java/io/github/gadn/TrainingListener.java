package io.github.gadn;

/** Receives progress of a training run; called on the training thread, so keep it quick. */
@FunctionalInterface
public interface TrainingListener {

  /** Called after every iteration. */
  void onIteration(TrainingEvent event);

  /** A listener that ignores everything. */
  static TrainingListener none() {
    return event -> {};
  }
}
