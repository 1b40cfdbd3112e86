package io.github.gadn.config;

import com.google.common.collect.ImmutableList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * A named choice of every training hyper-parameter of every stage: network widths, code and batch
 * sizes, learning rates and their ramps, loss weights, weight maps and the stage-2 force-loop
 * bound. Each config's {@code defaults(Recipe, …)} factory starts from a recipe; its plain {@code
 * defaults(…)} uses {@link #DEFAULT}; any field can still be set afterwards.
 *
 * <pre>{@code
 * Stage1Config learnsOnACpu = Stage1Config.defaults(28, 10).build();            // Recipe.CPU
 * Stage1Config asInThePaper = Stage1Config.defaults(Recipe.PAPER, 28, 10).build();
 * }</pre>
 *
 * <p>Why two: the original implementation's defaults were made for a GPU and hundreds of thousands
 * of iterations. On a CPU budget (a few thousand iterations) they learn nothing on images that are
 * mostly background, such as handwriting: the per-pixel distance pulls the generator to the
 * all-background image, its {@code tanh} output saturates there and the gradient that would draw
 * strokes vanishes. {@link #CPU} changes what measurably avoids that within minutes (see the
 * project's {@code docs/training.md}).
 */
public enum Recipe {
  /**
   * The original implementation's defaults, exactly: the size table's networks, content and batch
   * sizes; stage-1 Adam at 5e-5 (style table 5e-3) with a 100-iteration ramp; classifier 1e-4;
   * stage-2 RMSprop at 2e-5 (style table 2e-3); loss weights as published; no weight maps; the
   * stage-2 force loops bounded only by a safety net of 1,000 batches.
   */
  PAPER,

  /**
   * The default, for a CPU budget (minutes to an hour on two cores): networks at half the size
   * table's widths (at most 256 channels), a content code a quarter of the table's, half its
   * batch; learning rates 20× the paper's in stage 1 (the style table's 2×) and 10× in classifier
   * pre-training and stage 2, with 50- and 20-iteration ramps; stage-1 adversarial weight 1
   * instead of 0.2, so that the content code sheds the label within the budget; content KL
   * weight 1e-3 instead of 1e-5, so that the code is compact within the budget; weight maps that
   * keep a sparse image's strokes from being outweighed by its background ({@link
   * Stage1Config#inkWeights()}, derived from the data); and at most 3 discriminator batches per
   * stage-2 iteration. Every loss, network block and gradient route is the paper's.
   */
  CPU;

  /** The recipe of the plain {@code defaults(…)} factories and of the command line. */
  public static final Recipe DEFAULT = CPU;

  /** The lower-case name used on the command line and in {@code options.json}. */
  public String id() {
    return name().toLowerCase(Locale.ROOT);
  }

  /**
   * The recipe with this {@link #id()} (case-insensitive).
   *
   * @throws IllegalArgumentException naming the value and the recipes there are
   */
  public static Recipe parse(String id) {
    for (Recipe r : values()) {
      if (r.id().equalsIgnoreCase(id)) {
        return r;
      }
    }
    throw new IllegalArgumentException(
        "recipe must be one of "
            + Arrays.stream(values()).map(Recipe::id).collect(Collectors.joining(", "))
            + ", got \""
            + id
            + "\"");
  }

  /**
   * The size row of this recipe for an image side: the size table of docs/method.md §3.13 for
   * {@link #PAPER}; for {@link #CPU} every width halved and capped at 256, the content code a
   * quarter of the table's (at least 8), half the table's batch (at least 8) for every stage, the
   * same grid columns.
   *
   * @param imageSize image side, even, 12–640
   * @throws IllegalArgumentException if the size is odd or outside the table
   */
  public DefaultSizes sizes(int imageSize) {
    DefaultSizes table = DefaultSizes.forImageSize(imageSize);
    if (this == PAPER) {
      return table;
    }
    List<Integer> features =
        table.features().stream()
            .map(f -> Math.min(256, Math.max(8, f / 2)))
            .collect(ImmutableList.toImmutableList());
    int batch = Math.max(8, table.batchSize() / 2);
    return new DefaultSizes(
        features, Math.max(8, table.contentSize() / 4), batch, batch, table.visColumns());
  }
}
