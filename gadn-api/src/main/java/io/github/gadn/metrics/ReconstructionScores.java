package io.github.gadn.metrics;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;

/**
 * How well a stage-1 model redraws its inputs: the mean per-pixel distance between an image and
 * its own-style reconstruction {@code G(μ_E(x), μ_S(a))}, beside the same distance for a blank
 * image (each image's background colour everywhere). A model that has collapsed to a blank output
 * scores a ratio near 1; one that draws the inputs scores far below.
 *
 * @param model display name, e.g. {@code "GADN"}
 * @param images number of images measured
 * @param error mean per-pixel RGB distance of the reconstructions, in the [−1, 1] pixel scale
 * @param blankError the same for blank images
 */
public record ReconstructionScores(String model, int images, double error, double blankError) {
  /** Checks the arguments. */
  public ReconstructionScores {
    checkNotNull(model, "model");
    checkArgument(images > 0, "images must be positive, got %s", images);
    checkArgument(error >= 0 && Double.isFinite(error), "error must be finite and >= 0, got %s", error);
    checkArgument(
        blankError >= 0 && Double.isFinite(blankError),
        "blankError must be finite and >= 0, got %s", blankError);
  }

  /** {@code error / blankError}: below 1 the model beats a blank image (NaN if both are 0). */
  public double ratio() {
    return error / blankError;
  }
}
