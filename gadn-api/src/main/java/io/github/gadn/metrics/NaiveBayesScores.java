package io.github.gadn.metrics;

/**
 * Scores of the naive-Bayes classifier on codes (docs/method.md §10.3, the paper's tables 5–7).
 *
 * @param meanProb mean posterior probability of the correct class, in {@code [0, 1]}
 * @param meanRank mean rank of the correct class among the {@code K} classes, 1 = best (mid-rank
 *     for ties)
 * @param top1 top-1 accuracy, in {@code [0, 1]} (ties shared)
 */
public record NaiveBayesScores(double meanProb, double meanRank, double top1) {}
