package io.github.gadn.tensorflow.train;

import java.nio.file.Path;
import java.util.List;

/**
 * A variable held NaN or infinity when a checkpoint was about to be written: training stops and
 * the checkpoint is not written, so {@code last} keeps the last good weights.
 */
public final class NonFiniteWeightException extends IllegalStateException {
  private static final long serialVersionUID = 1L;

  /** Creates the exception naming the first bad variable, how many there are and the iteration. */
  public NonFiniteWeightException(String stage, List<String> variables, long iteration, Path file) {
    super(
        stage + ": variable \"" + variables.get(0) + "\""
            + (variables.size() > 1 ? " and " + (variables.size() - 1) + " more" : "")
            + " holds NaN or infinity at iteration " + iteration + "; stopped without writing "
            + file + " (the checkpoints on disk are intact). Lower the learning rate or check"
            + " the data.");
  }
}
