package io.github.gadn.tensorflow.train;

import com.google.common.base.Ticker;
import java.util.ArrayDeque;
import java.util.Locale;
import java.util.Map;

/**
 * Iteration rate over a sliding window and the time remaining, from an injectable {@link Ticker}
 * so tests are deterministic; formats the progress line.
 */
final class Progress {
  private final Ticker ticker;
  private final ArrayDeque<long[]> window = new ArrayDeque<>();
  private final int windowSize;

  Progress(Ticker ticker, int windowSize) {
    this.ticker = ticker;
    this.windowSize = windowSize;
  }

  /** Records that {@code iteration} just finished. */
  void tick(long iteration) {
    window.addLast(new long[] {iteration, ticker.read()});
    while (window.size() > windowSize) {
      window.removeFirst();
    }
  }

  /** Iterations per second over the window (0 until two ticks). */
  double rate() {
    if (window.size() < 2) {
      return 0;
    }
    long[] first = window.peekFirst();
    long[] last = window.peekLast();
    double seconds = (last[1] - first[1]) / 1e9;
    return seconds <= 0 ? 0 : (last[0] - first[0]) / seconds;
  }

  /** Seconds to {@code total} at the current rate (infinite while unknown). */
  double secondsRemaining(long iteration, long total) {
    double r = rate();
    return r <= 0 ? Double.POSITIVE_INFINITY : Math.max(0, total - iteration) / r;
  }

  /** One progress line: iteration, losses, rate, ETA. */
  static String line(
      String stage, long iteration, long total, Map<String, Double> losses, double rate, double eta) {
    StringBuilder b =
        new StringBuilder().append(stage).append(" iter ").append(iteration).append('/').append(total);
    for (Map.Entry<String, Double> e : losses.entrySet()) {
      b.append(' ').append(e.getKey()).append(' ')
          .append(String.format(Locale.ROOT, "%.4g", e.getValue()));
    }
    b.append(String.format(Locale.ROOT, " | %.2f it/s", rate));
    b.append(" ETA ").append(formatDuration(eta));
    return b.toString();
  }

  static String formatDuration(double seconds) {
    if (Double.isInfinite(seconds) || Double.isNaN(seconds)) {
      return "--";
    }
    long s = Math.round(seconds);
    return s >= 3600
        ? String.format(Locale.ROOT, "%dh%02dm", s / 3600, (s % 3600) / 60)
        : String.format(Locale.ROOT, "%dm%02ds", s / 60, s % 60);
  }
}
