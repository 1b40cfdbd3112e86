package io.github.gadn;

/** The aggregate Gaussian of content codes over a training set (docs/method.md §5). */
public interface ContentDistribution {

  /** Code length. */
  int dimension();

  /** Per-dimension mean. */
  double[] mean();

  /** Per-dimension standard deviation of the aggregate posterior. */
  double[] std();

  /**
   * Fraction of each dimension's variance that is informative (spread of posterior means over
   * total), in [0, 1].
   */
  double[] dimensionWeight();

  /**
   * Draws codes from the full-covariance Gaussian with stratified noise (docs/method.md §4.2):
   * within one call, each noise dimension covers each of the {@code count} normal quantile strata
   * once, so even a few codes spread over the distribution. The same seed and count give the same
   * codes.
   *
   * @param count number of codes
   * @param seed seed of the noise
   */
  CodeBatch sample(int count, long seed);
}
