package io.github.gadn.metrics;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;

import com.google.common.collect.ImmutableMap;
import java.util.Map;

/**
 * The metrics of one encoder on the first {@code dims} code dimensions.
 *
 * @param key the truncation as named in reports: {@code "2"}, {@code "8"} or {@code "all"}
 * @param dims the number of dimensions actually used ({@code k} clipped to the code length)
 * @param wholeSetDistance average distance to the centre of the whole set
 * @param byLabel the metrics per labelling, in report order (copied)
 */
public record TruncationScores(String key, int dims, double wholeSetDistance,
    Map<String, LabelScores> byLabel) {
  /** Checks the arguments and copies {@code byLabel}, keeping its order. */
  public TruncationScores {
    checkNotNull(key, "key");
    checkArgument(dims >= 1, "dims must be positive, got %s", dims);
    checkNotNull(byLabel, "byLabel");
    byLabel = ImmutableMap.copyOf(byLabel);
  }

  /**
   * The metrics for one labelling.
   *
   * @param label name of the labelling
   * @return its metrics
   * @throws IllegalArgumentException if there is no such labelling
   */
  public LabelScores label(String label) {
    LabelScores s = byLabel.get(label);
    checkArgument(s != null, "label %s not among %s", label, byLabel.keySet());
    return s;
  }
}
