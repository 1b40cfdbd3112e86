package io.github.gadn.tensorflow.net;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.gadn.config.DefaultSizes;
import io.github.gadn.config.SizeSchedule;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** docs/method.md §3.3, §14: the padding schedule against the table. */
class SizeScheduleTest {

  private static int[] parse(String s) {
    String[] parts = s.trim().split(" ");
    int[] out = new int[parts.length];
    for (int i = 0; i < parts.length; i++) {
      out[i] = Integer.parseInt(parts[i]);
    }
    return out;
  }

  @ParameterizedTest(name = "R = {0}")
  @CsvSource({
    "28, 3, 0 1 0, 14 8 4, 4",
    "32, 3, 0 0 0, 16 8 4, 4",
    "42, 4, 1 1 0 0, 22 12 6 3, 3",
    "64, 4, 0 0 0 0, 32 16 8 4, 4",
    "128, 5, 0 0 0 0 0, 64 32 16 8 4, 4",
    "162, 6, 1 1 1 1 0 0, 82 42 22 12 6 3, 3",
    "256, 6, 0 0 0 0 0 0, 128 64 32 16 8 4, 4"
  })
  void padsLevelSizesAndTopMatchTheSpecTable(
      int r, int levels, String pads, String sizes, int top) {
    assertThat(DefaultSizes.forImageSize(r).features()).hasSize(levels + 1);
    assertThat(SizeSchedule.levelSizes(r, levels)).containsExactly(parse(sizes));
    int[] expected = new int[levels + 1];
    System.arraycopy(parse(pads), 0, expected, 0, levels);
    expected[levels] = top;
    assertThat(SizeSchedule.padsAndTop(r, levels)).containsExactly(expected);
  }
}
