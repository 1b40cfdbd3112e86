package io.github.gadn;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;

import java.nio.file.Path;

/**
 * What the encode step (docs/method.md §5) computed and stored: the stage-1 encoder of one
 * numbered checkpoint applied to every image of the data set, in data-set order, without
 * augmentation or sampling, plus the aggregate statistics stage 2 and {@link
 * GadnModel#sampleContent} draw from. The engine has written both files into the stage-1 run
 * folder before it returns this. A plain value: nothing to close.
 *
 * @param stage1Run the stage-1 run folder
 * @param iteration the numbered checkpoint whose encoder was used
 * @param codes each image's content posterior, {@code codes.count()} = the data set's size and
 *     {@code codes.dimension()} = the content code length {@code Cc}
 * @param distribution the aggregate content Gaussian of those posteriors
 * @param codesFile where the posteriors were written ({@code codes/<iteration>_codes.ckpt})
 * @param statsFile where the statistics were written ({@code codes/<iteration>_stats.ckpt})
 */
public record EncodeResult(
    Path stage1Run,
    long iteration,
    GaussianCodes codes,
    ContentDistribution distribution,
    Path codesFile,
    Path statsFile) {

  /**
   * Checks the fields.
   *
   * @throws IllegalArgumentException naming {@code iteration} if it is not positive, or {@code
   *     distribution} if its dimension differs from the codes'
   * @throws NullPointerException naming the null field
   */
  public EncodeResult {
    checkNotNull(stage1Run, "stage1Run");
    checkNotNull(codes, "codes");
    checkNotNull(distribution, "distribution");
    checkNotNull(codesFile, "codesFile");
    checkNotNull(statsFile, "statsFile");
    checkArgument(iteration > 0, "iteration must be positive, got %s", iteration);
    checkArgument(
        distribution.dimension() == codes.dimension(),
        "distribution has %s dimensions but the codes have %s",
        distribution.dimension(), codes.dimension());
  }

  /**
   * Number of images encoded.
   *
   * @return the data set's size
   */
  public int count() {
    return codes.count();
  }

  /**
   * Length of a content code.
   *
   * @return {@code Cc}, the stage-1 run's {@code contentSize}
   */
  public int contentSize() {
    return codes.dimension();
  }
}
