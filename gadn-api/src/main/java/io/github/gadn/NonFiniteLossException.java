package io.github.gadn;

/**
 * A logged loss of a training iteration became NaN or infinite. {@link Trainer#train} stops
 * without saving, so the checkpoints on disk keep the last good weights; resume from them with a
 * lower learning rate or after checking the data.
 */
public final class NonFiniteLossException extends IllegalStateException {
  private static final long serialVersionUID = 1L;
  private final String stage;
  private final String quantity;
  private final double value;
  private final long iteration;

  /**
   * Creates the exception; the message names the quantity, its value and the iteration.
   *
   * @param stage the run's stage as named in its {@code options.json} ({@code "stage1"}, {@code
   *     "classifier"}, {@code "stage2"}, {@code "gan"})
   * @param quantity the logged quantity, as named in the run's {@code log.csv} header
   * @param value its non-finite value (NaN or an infinity)
   * @param iteration the iteration that produced it (1-based)
   */
  public NonFiniteLossException(String stage, String quantity, double value, long iteration) {
    super(
        stage + ": loss \"" + quantity + "\" became " + value + " at iteration " + iteration
            + "; stopped without saving (the last checkpoint is intact). Lower the learning rate"
            + " or check the data.");
    this.stage = stage;
    this.quantity = quantity;
    this.value = value;
    this.iteration = iteration;
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
   * The quantity that became non-finite.
   *
   * @return its name in the run's {@code log.csv}
   */
  public String quantity() {
    return quantity;
  }

  /**
   * The non-finite value.
   *
   * @return NaN or an infinity
   */
  public double value() {
    return value;
  }

  /**
   * The iteration that produced the value.
   *
   * @return the 1-based iteration, one past the last iteration the run completed
   */
  public long iteration() {
    return iteration;
  }
}
