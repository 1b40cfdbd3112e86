package io.github.gadn.config;

import static com.google.common.base.Preconditions.checkArgument;

/** The padding schedule of docs/method.md §3.3. */
public final class SizeSchedule {
  private SizeSchedule() {}

  /**
   * Computes per-level paddings and the top size for an input side and a number of levels.
   *
   * @param imageSize input side, even and at least 4
   * @param levels number of resolution levels {@code L >= 1}
   * @return an array of {@code L + 1} entries: {@code pad[0..L−1]}, then the top size
   * @throws IllegalArgumentException if the size is odd or too small for the number of levels
   */
  public static int[] padsAndTop(int imageSize, int levels) {
    checkArgument(imageSize % 2 == 0, "image size must be even, got %s", imageSize);
    checkArgument(levels >= 1, "levels must be at least 1, got %s", levels);
    int[] out = new int[levels + 1];
    int size = imageSize;
    for (int i = 0; i < levels - 1; i++) {
      out[i] = (size % 4) / 2;
      size = size / 2 + out[i];
    }
    out[levels - 1] = 0;
    int top = size / 2;
    checkArgument(
        top >= 1 && size >= 2,
        "image size %s is too small for %s resolution levels",
        imageSize,
        levels);
    out[levels] = top;
    return out;
  }

  /**
   * The level output sides for an input side (docs/method.md §3.3 table), e.g. 42 → 22, 12, 6, 3.
   *
   * @param imageSize input side
   * @param levels number of levels
   * @return {@code L} sides: the output of each level
   */
  public static int[] levelSizes(int imageSize, int levels) {
    int[] pt = padsAndTop(imageSize, levels);
    int[] sizes = new int[levels];
    int size = imageSize;
    for (int i = 0; i < levels; i++) {
      size = size / 2 + pt[i];
      sizes[i] = size;
    }
    return sizes;
  }
}
