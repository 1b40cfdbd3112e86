package io.github.gadn.config;

import static com.google.common.base.Preconditions.checkArgument;

import com.google.auto.value.AutoValue;
import com.google.common.collect.ImmutableList;
import java.util.ArrayList;
import java.util.List;

/**
 * The structure of one network: channels per resolution level plus the fully connected width, and
 * one block string per level plus one for the fully connected part (docs/method.md §3.6).
 *
 * <p>Encoder-type networks ({@code E}, classifiers, discriminator) accept the letters {@code c}
 * (conv block; the first letter of every level is the stride-2 down block and must be {@code c}),
 * {@code b} (bus block) and {@code n} (non-local block). Generator level strings are read right to
 * left; their first letter is the up-sampling block ({@code c}, or {@code t} for a conv block
 * followed by a spatial transform) and the others may be {@code c}, {@code b}, {@code n}, {@code
 * t}. Only the length of the last (fully connected) string matters: it is the number of fully
 * connected layers.
 */
@AutoValue
public abstract class NetworkStructure {

  /** Which kind of network a structure describes; the two kinds accept different letters. */
  public enum Kind {
    /** Encoder, classifier or discriminator body (docs/method.md §3.7). */
    ENCODER,
    /** Generator (docs/method.md §3.8). */
    GENERATOR
  }

  /** Channels of levels {@code 0..L−1}, then the fully connected width {@code F}. */
  public abstract ImmutableList<Integer> features();

  /** One block string per level, then the fully connected string. */
  public abstract ImmutableList<String> blocks();

  /** Number of resolution levels {@code L}. */
  public int levels() {
    return features().size() - 1;
  }

  /** Fully connected width {@code F}. */
  public int fcWidth() {
    return features().get(levels());
  }

  /** Number of fully connected layers (length of the last block string). */
  public int fcLayers() {
    return blocks().get(levels()).length();
  }

  /**
   * Creates and validates a structure.
   *
   * @param kind encoder-type or generator
   * @param features channels per level then the FC width; at least two entries, all positive
   * @param blocks one string per entry of {@code features}
   * @return the structure
   * @throws IllegalArgumentException naming the offending entry
   */
  public static NetworkStructure of(Kind kind, List<Integer> features, List<String> blocks) {
    checkArgument(
        features.size() >= 2,
        "features needs at least one level and the FC width, got %s",
        features);
    for (int f : features) {
      checkArgument(f > 0, "features must be positive, got %s in %s", f, features);
    }
    checkArgument(
        blocks.size() == features.size(),
        "blocks needs one string per features entry (%s), got %s: %s",
        features.size(),
        blocks.size(),
        blocks);
    int levels = features.size() - 1;
    for (int i = 0; i < levels; i++) {
      String s = blocks.get(i);
      checkArgument(!s.isEmpty(), "blocks[%s] is empty: every level needs at least one block", i);
      for (int j = 0; j < s.length(); j++) {
        char ch = s.charAt(j);
        if (kind == Kind.ENCODER) {
          checkArgument(
              j == 0 ? ch == 'c' : (ch == 'c' || ch == 'b' || ch == 'n'),
              "blocks[%s] = \"%s\": letter '%s' at position %s is not allowed in an encoder-type"
                  + " network (first letter c, then c, b or n)",
              i,
              s,
              ch,
              j);
        } else {
          checkArgument(
              j == 0 ? (ch == 'c' || ch == 't') : "cbnt".indexOf(ch) >= 0,
              "blocks[%s] = \"%s\": letter '%s' at position %s is not allowed in a generator"
                  + " (first letter c or t, then c, b, n or t)",
              i,
              s,
              ch,
              j);
        }
      }
    }
    checkArgument(
        !blocks.get(levels).isEmpty(),
        "the last blocks entry (fully connected part) must have at least one letter");
    return new AutoValue_NetworkStructure(
        ImmutableList.copyOf(features), ImmutableList.copyOf(blocks));
  }

  /**
   * The default structure of docs/method.md §3.6 for the given features: encoder-type {@code
   * ['cc'] + ['cbc'] × (L−1) + ['f']}, generator {@code ['tc'] + ['cbc'] × (L−1) + ['f']}.
   *
   * @param kind encoder-type or generator
   * @param features channels per level then the FC width
   * @return the structure
   */
  public static NetworkStructure defaults(Kind kind, List<Integer> features) {
    int levels = features.size() - 1;
    List<String> blocks = new ArrayList<>();
    blocks.add(kind == Kind.ENCODER ? "cc" : "tc");
    for (int i = 1; i < levels; i++) {
      blocks.add("cbc");
    }
    blocks.add("f");
    return of(kind, features, blocks);
  }

  /**
   * The paper's structure ({@code cc} on every level, docs/method.md §10.1, §11.1).
   *
   * @param kind encoder-type or generator
   * @param features channels per level then the FC width
   * @return the structure
   */
  public static NetworkStructure paper(Kind kind, List<Integer> features) {
    List<String> blocks = new ArrayList<>();
    for (int i = 0; i < features.size() - 1; i++) {
      blocks.add("cc");
    }
    blocks.add("f");
    return of(kind, features, blocks);
  }

  /**
   * The spatial-size schedule of docs/method.md §3.3 for an input side {@code R}.
   *
   * @param imageSize input side (even)
   * @return {@code pads[0..L−1]} followed by the top size as the last element
   */
  public int[] padsAndTop(int imageSize) {
    return SizeSchedule.padsAndTop(imageSize, levels());
  }
}
