package io.github.gadn.tensorflow.nn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.tensorflow.Operand;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.types.TFloat64;

/** docs/method.md §3.4e, §14: the spatial transform and its fold penalty. */
class SpatialTransformTest {
  private static final int S = 4;
  private static final int C = 3;

  /** Input {@code [1, S, S, C+2]} of random values with the given constant offsets. */
  private static double[] withOffsets(double ox, double oy) {
    double[] z = GraphHarness.uniform(new SplittableRandom(1), S * S * (C + 2), -1, 1);
    for (int p = 0; p < S * S; p++) {
      z[p * (C + 2) + C] = ox;
      z[p * (C + 2) + C + 1] = oy;
    }
    return z;
  }

  /** Runs the transform; returns {transformed values, fold penalty}. */
  private static double[][] transform(double[] z, int n, int size) {
    try (GraphHarness h = new GraphHarness(1)) {
      Placeholder<TFloat64> x = h.input(n, size, size, C + 2);
      Pass<TFloat64> pass = Pass.plain();
      Operand<TFloat64> y = SpatialTransform.apply(h.nn, x, size, C, pass);
      GraphHarness.Feed f = GraphHarness.feed(x, z, n, size, size, C + 2);
      return new double[][] {h.values(y, f), h.values(pass.foldPenalty(h.nn), f)};
    }
  }

  private static double value(double[] z, int i, int j, int c) {
    return z[(i * S + j) * (C + 2) + c];
  }

  @Test
  void zeroOffsetsAreTheIdentity() {
    double[] z = withOffsets(0, 0);
    double[] out = transform(z, 1, S)[0];
    for (int i = 0; i < S; i++) {
      for (int j = 0; j < S; j++) {
        for (int c = 0; c < C; c++) {
          assertThat(out[(i * S + j) * C + c]).isCloseTo(value(z, i, j, c), within(1e-12));
        }
      }
    }
  }

  @Test
  void zeroOffsetsHaveNoFoldPenalty() {
    assertThat(transform(withOffsets(0, 0), 1, S)[1]).containsOnly(new double[] {0}, within(0.0));
  }

  @Test
  void anOffsetOfTwoWidthsOverWidthMinusOneShiftsByOnePixelAndClampsAtTheBorder() {
    // One offset unit is 1/W in normalised coordinates; a pixel is 2/(W−1).
    double[] z = withOffsets(2.0 * S / (S - 1), 0);
    double[] out = transform(z, 1, S)[0];
    for (int i = 0; i < S; i++) {
      for (int j = 0; j < S; j++) {
        int source = Math.min(j + 1, S - 1);
        for (int c = 0; c < C; c++) {
          assertThat(out[(i * S + j) * C + c]).isCloseTo(value(z, i, source, c), within(1e-12));
        }
      }
    }
  }

  @Test
  void verticalOffsetsMoveRows() {
    double[] z = withOffsets(0, -2.0 * S / (S - 1));
    double[] out = transform(z, 1, S)[0];
    for (int i = 0; i < S; i++) {
      int source = Math.max(i - 1, 0);
      for (int j = 0; j < S; j++) {
        assertThat(out[(i * S + j) * C]).isCloseTo(value(z, source, j, 0), within(1e-12));
      }
    }
  }

  /**
   * A hand-made 3×3 case, sample 0 of two (sample 1 has zero offsets):
   *
   * <pre>
   * ox = [[0, −1.5, 0], [0, 0, 0], [0, 0, 0]]   oy = [[0, 0, 0], [−2, 0, 0], [0, 0, 0]]
   * cell (0,0): dx = min(−1.5, 0) + 1 − max(0, 0) = −0.5 → 0.5;  dy = min(−2, 0) + 1 − 0 = −1 → 1
   * cell (0,1): dx = min(0, 0) + 1 − max(−1.5, 0) = 1;           dy = 1
   * cell (1,0): dx = 1;  dy = min(0, 0) + 1 − max(−2, 0) = 1
   * cell (1,1): dx = dy = 1
   * penalty = (0.5 + 1) / (2 samples · 4 cells) = 0.1875
   * </pre>
   */
  private static final double[] OX = {0, -1.5, 0, 0, 0, 0, 0, 0, 0};

  private static final double[] OY = {0, 0, 0, -2, 0, 0, 0, 0, 0};

  @Test
  void foldPenaltyOfAHandComputedCase() {
    try (GraphHarness h = new GraphHarness(1)) {
      Placeholder<TFloat64> ox = h.input(2, 3, 3);
      Placeholder<TFloat64> oy = h.input(2, 3, 3);
      Operand<TFloat64> pen = SpatialTransform.foldPenalty(h.nn, ox, oy, 3);
      double[] x = new double[18];
      double[] y = new double[18];
      System.arraycopy(OX, 0, x, 0, 9);
      System.arraycopy(OY, 0, y, 0, 9);
      double value =
          h.values(pen, GraphHarness.feed(ox, x, 2, 3, 3), GraphHarness.feed(oy, y, 2, 3, 3))[0];
      assertThat(value).isCloseTo(0.1875, within(1e-15));
    }
  }

  @Test
  void transformReportsTheFoldPenaltyOfItsLastTwoChannels() {
    double[] z = new double[2 * 9 * (C + 2)];
    for (int p = 0; p < 9; p++) {
      z[p * (C + 2) + C] = OX[p];
      z[p * (C + 2) + C + 1] = OY[p];
    }
    assertThat(transform(z, 2, 3)[1][0]).isCloseTo(0.1875, within(1e-15));
  }

  @Test
  void neighboursCloserByLessThanOneUnitAreNotPenalised() {
    try (GraphHarness h = new GraphHarness(1)) {
      Placeholder<TFloat64> ox = h.input(1, 2, 2);
      Operand<TFloat64> pen = SpatialTransform.foldPenalty(h.nn, ox, h.tf.zerosLike(ox), 2);
      assertThat(h.values(pen, GraphHarness.feed(ox, new double[] {0, -0.9, 0, -0.9}, 1, 2, 2)))
          .containsOnly(new double[] {0}, within(0.0));
      assertThat(h.values(pen, GraphHarness.feed(ox, new double[] {0, -1.5, 0, -1.5}, 1, 2, 2))[0])
          .isCloseTo(0.5, within(1e-15));
    }
  }
}
