package io.github.gadn;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;

/**
 * Which checkpoint of a run folder a resumed trainer continues from (docs/method.md §9.1): the
 * {@code last} checkpoint, written every {@code saveIter} iterations and when a run stops, or a
 * numbered checkpoint {@code models/<t>.ckpt}. With {@link #fallback()}, a checkpoint that is
 * missing or cannot be loaded (truncated, corrupt) is replaced by the newest intact numbered one
 * older than it, and the engine logs the choice.
 *
 * <pre>{@code
 * engine.resumeStage1(run, ResumeFrom.last(), null, data);                  // where it stopped
 * engine.resumeStage1(run, ResumeFrom.numbered(2000), null, data);          // back to 2000
 * engine.resumeStage1(run, ResumeFrom.last().orNewestIntact(), null, data); // past a bad last
 * }</pre>
 *
 * @param checkpoint {@code "last"} or a numbered checkpoint's iteration in decimal ({@code
 *     "2000"}), as {@code GadnEngine.load} takes it
 * @param fallback whether a missing or unreadable {@code checkpoint} falls back to the newest
 *     intact numbered checkpoint before it
 */
public record ResumeFrom(String checkpoint, boolean fallback) {
  /** The name of the checkpoint written whenever a run saves. */
  public static final String LAST = "last";

  /**
   * Checks the checkpoint name.
   *
   * @throws IllegalArgumentException naming {@code checkpoint} if it is neither {@code "last"}
   *     nor a positive iteration number
   */
  public ResumeFrom {
    checkNotNull(checkpoint, "checkpoint");
    checkArgument(
        checkpoint.equals(LAST) || checkpoint.matches("[1-9][0-9]{0,18}"),
        "checkpoint must be \"last\" or a positive iteration number, got \"%s\"",
        checkpoint);
  }

  /**
   * The {@code last} checkpoint, without fallback: the run continues exactly where it stopped.
   *
   * @return the resume point
   */
  public static ResumeFrom last() {
    return new ResumeFrom(LAST, false);
  }

  /**
   * A numbered checkpoint, without fallback: the run goes back to that iteration (weights,
   * optimiser state, data position) and continues from there.
   *
   * @param iteration the checkpoint's iteration, at least 1
   * @return the resume point
   * @throws IllegalArgumentException naming {@code iteration} if it is not positive
   */
  public static ResumeFrom numbered(long iteration) {
    checkArgument(iteration > 0, "iteration must be positive, got %s", iteration);
    return new ResumeFrom(Long.toString(iteration), false);
  }

  /**
   * The same checkpoint, falling back to the newest intact numbered checkpoint before it if it is
   * missing or cannot be loaded.
   *
   * @return the resume point with {@link #fallback()} set
   */
  public ResumeFrom orNewestIntact() {
    return new ResumeFrom(checkpoint, true);
  }

  /**
   * Whether this is the {@code last} checkpoint.
   *
   * @return true for {@code last}, false for a numbered checkpoint
   */
  public boolean isLast() {
    return checkpoint.equals(LAST);
  }
}
