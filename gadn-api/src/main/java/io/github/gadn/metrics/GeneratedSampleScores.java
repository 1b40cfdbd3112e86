package io.github.gadn.metrics;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;

import com.google.common.collect.ImmutableMap;
import java.util.Map;

/**
 * Top-1 accuracy of one generator's samples under one or more classifiers (docs/method.md §10.5,
 * the paper's appendix C.2 table): the fraction of generated images whose most probable class is
 * the class whose style drew them.
 *
 * @param generator display name, e.g. {@code "GADN stage 2"}
 * @param samples number of generated images
 * @param classes number of classes {@code K}
 * @param accuracyByClassifier accuracy under each classifier, by display name (copied, order kept)
 */
public record GeneratedSampleScores(
    String generator, int samples, int classes, Map<String, Double> accuracyByClassifier) {
  /** Checks the arguments and copies the map, keeping its order. */
  public GeneratedSampleScores {
    checkNotNull(generator, "generator");
    checkArgument(samples > 0, "samples must be positive, got %s", samples);
    checkArgument(classes >= 2, "classes must be at least 2, got %s", classes);
    checkNotNull(accuracyByClassifier, "accuracyByClassifier");
    checkArgument(!accuracyByClassifier.isEmpty(), "accuracyByClassifier must not be empty");
    accuracyByClassifier.forEach(
        (name, a) ->
            checkArgument(
                a != null && a >= 0 && a <= 1,
                "accuracy under %s must be in [0, 1], got %s", name, a));
    accuracyByClassifier = ImmutableMap.copyOf(accuracyByClassifier);
  }

  /** Accuracy of a classifier that guesses uniformly at random: {@code 1/K}. */
  public double chance() {
    return 1.0 / classes;
  }

  /**
   * The accuracy under one classifier.
   *
   * @param classifier its display name
   * @return the accuracy
   * @throws IllegalArgumentException if there is no such classifier
   */
  public double accuracy(String classifier) {
    Double a = accuracyByClassifier.get(classifier);
    checkArgument(a != null, "classifier %s not among %s", classifier, accuracyByClassifier.keySet());
    return a;
  }
}
