package io.github.gadn;

import static com.google.common.base.Preconditions.checkArgument;

/**
 * Diagonal Gaussians over codes, one per sample: the posterior {@code N(μ, diag σ²)} of the
 * encoder (docs/method.md §3.7) or a style class's Gaussian (docs/method.md §3.12).
 *
 * @param mean the means {@code μ}
 * @param std the standard deviations {@code σ} (positive), same shape as {@code mean}
 */
public record GaussianCodes(CodeBatch mean, CodeBatch std) {
  /** Checks that mean and std have the same shape. */
  public GaussianCodes {
    checkArgument(
        mean.count() == std.count() && mean.dimension() == std.dimension(),
        "mean (%s x %s) and std (%s x %s) must have the same shape",
        mean.count(),
        mean.dimension(),
        std.count(),
        std.dimension());
  }

  /** Number of codes. */
  public int count() {
    return mean.count();
  }

  /** Code length. */
  public int dimension() {
    return mean.dimension();
  }
}
