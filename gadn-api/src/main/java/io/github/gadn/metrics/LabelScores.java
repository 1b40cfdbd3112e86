package io.github.gadn.metrics;

import static com.google.common.base.Preconditions.checkNotNull;

/**
 * The metrics of one encoder's codes, truncated to {@code k} dimensions, with respect to one
 * labelling (e.g. by writer or by digit).
 *
 * @param label name of the labelling, e.g. {@code "writer"}
 * @param meanDistance average Euclidean distance to the class centre (the paper's table 4)
 * @param naiveBayes naive-Bayes scores (tables 5–7)
 * @param chance chance levels of the naive-Bayes scores
 * @param chanceDistance chance level of {@code meanDistance}: the whole-set distance
 */
public record LabelScores(String label, double meanDistance, NaiveBayesScores naiveBayes,
    ChanceLevels chance, double chanceDistance) {
  /** Checks for nulls. */
  public LabelScores {
    checkNotNull(label, "label");
    checkNotNull(naiveBayes, "naiveBayes");
    checkNotNull(chance, "chance");
  }
}
