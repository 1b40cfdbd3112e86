package io.github.gadn.metrics;

import static com.google.common.base.Preconditions.checkNotNull;

/**
 * Chance levels of the naive-Bayes scores for a labelling with {@code K} classes and empirical
 * priors {@code π_c}.
 *
 * @param classes number of classes {@code K}
 * @param uniform {@code 1/K}: the paper's chance level for the mean posterior and for top-1
 * @param prior {@code Σ_c π_c²}: the mean posterior of the correct class when every posterior
 *     equals the prior (codes carry no information), and the accuracy of guessing a class drawn
 *     from the prior
 * @param rank {@code (K+1)/2}: mean rank of the correct class under a random order
 * @param majority {@code max_c π_c}: the accuracy of always answering the largest class, which
 *     the empirical-prior classifier does on uninformative codes
 */
public record ChanceLevels(int classes, double uniform, double prior, double rank,
    double majority) {
  /**
   * The chance levels of a labelling.
   *
   * @param labels the labelling
   * @return its chance levels
   */
  public static ChanceLevels of(ClassIndex labels) {
    checkNotNull(labels, "labels");
    // Integer sums: exact and independent of the class order.
    int k = labels.classes();
    long sq = 0;
    int max = 0;
    for (int c = 0; c < k; c++) {
      long m = labels.count(c);
      sq += m * m;
      max = Math.max(max, labels.count(c));
    }
    double n = labels.samples();
    return new ChanceLevels(k, 1.0 / k, sq / n / n, (k + 1) / 2.0, max / n);
  }
}
