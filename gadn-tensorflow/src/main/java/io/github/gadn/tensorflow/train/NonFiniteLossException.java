package io.github.gadn.tensorflow.train;

/**
 * A loss became NaN or infinite: training stops without saving, so the last good checkpoint is
 * kept.
 */
public final class NonFiniteLossException extends IllegalStateException {
  private static final long serialVersionUID = 1L;

  /** Creates the exception naming the quantity, its value and the iteration. */
  public NonFiniteLossException(String stage, String quantity, double value, long iteration) {
    super(
        stage + ": loss \"" + quantity + "\" became " + value + " at iteration " + iteration
            + "; stopped without saving (the last checkpoint is intact). Lower the learning rate"
            + " or check the data.");
  }
}
