package io.github.gadn;

import java.nio.file.Path;
import java.util.List;

/**
 * A network variable held NaN or infinity when a checkpoint was about to be written. {@link
 * Trainer#train} stops and does not write that checkpoint, so {@code last} and the numbered
 * checkpoints on disk keep the last good weights.
 */
public final class NonFiniteWeightException extends IllegalStateException {
  private static final long serialVersionUID = 1L;
  private final String stage;
  private final List<String> variables;
  private final long iteration;
  private final transient Path file;

  /**
   * Creates the exception; the message names the first bad variable, how many there are, the
   * iteration and the checkpoint that was not written.
   *
   * @param stage the run's stage ({@code "stage1"}, {@code "classifier"}, {@code "stage2"},
   *     {@code "gan"})
   * @param variables the names of every variable holding a non-finite value, at least one
   * @param iteration the iteration whose weights they are
   * @param file the checkpoint that was about to be written
   * @throws IllegalArgumentException if {@code variables} is empty
   */
  public NonFiniteWeightException(String stage, List<String> variables, long iteration, Path file) {
    super(message(stage, variables, iteration, file));
    this.stage = stage;
    this.variables = List.copyOf(variables);
    this.iteration = iteration;
    this.file = file;
  }

  private static String message(String stage, List<String> variables, long iteration, Path file) {
    if (variables.isEmpty()) {
      throw new IllegalArgumentException("variables must name at least one variable");
    }
    return stage + ": variable \"" + variables.get(0) + "\""
        + (variables.size() > 1 ? " and " + (variables.size() - 1) + " more" : "")
        + " holds NaN or infinity at iteration " + iteration + "; stopped without writing "
        + file + " (the checkpoints on disk are intact). Lower the learning rate or check"
        + " the data.";
  }

  /**
   * The run's stage.
   *
   * @return {@code "stage1"}, {@code "classifier"}, {@code "stage2"} or {@code "gan"}
   */
  public String stage() {
    return stage;
  }

  /**
   * The variables holding NaN or infinity.
   *
   * @return their names as stored in checkpoints (e.g. {@code "gen/fc/w"}), in the engine's order
   */
  public List<String> variables() {
    return variables;
  }

  /**
   * The iteration whose weights were checked.
   *
   * @return the iteration the refused checkpoint would have held
   */
  public long iteration() {
    return iteration;
  }

  /**
   * The checkpoint that was not written.
   *
   * @return its path (not serialised with the exception)
   */
  public Path file() {
    return file;
  }
}
