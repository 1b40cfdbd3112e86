package io.github.gadn.metrics;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;

import com.google.common.collect.ImmutableMap;
import java.util.Map;

/**
 * All metrics of one encoder (a row group of the paper's tables 4–7).
 *
 * @param encoder display name, e.g. {@code "GADN"} or {@code "VAE"}
 * @param samples number of codes evaluated
 * @param dimension code length {@code d}
 * @param byK the metrics per truncation, keyed {@code "2"}, {@code "8"}, {@code "all"} (copied,
 *     order kept)
 */
public record EncoderScores(String encoder, int samples, int dimension,
    Map<String, TruncationScores> byK) {
  /** Checks the arguments and copies {@code byK}, keeping its order. */
  public EncoderScores {
    checkNotNull(encoder, "encoder");
    checkArgument(samples > 0, "samples must be positive, got %s", samples);
    checkArgument(dimension > 0, "dimension must be positive, got %s", dimension);
    checkNotNull(byK, "byK");
    byK = ImmutableMap.copyOf(byK);
  }

  /**
   * The metrics of one truncation.
   *
   * @param key {@code "2"}, {@code "8"} or {@code "all"}
   * @return its metrics
   * @throws IllegalArgumentException if there is no such truncation
   */
  public TruncationScores k(String key) {
    TruncationScores s = byK.get(key);
    checkArgument(s != null, "k %s not among %s", key, byK.keySet());
    return s;
  }

  /**
   * A copy under another display name (e.g. to put two runs side by side).
   *
   * @param name the new name
   * @return the renamed scores
   */
  public EncoderScores named(String name) {
    return new EncoderScores(name, samples, dimension, byK);
  }
}
