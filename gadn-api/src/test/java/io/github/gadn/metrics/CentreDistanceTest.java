package io.github.gadn.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class CentreDistanceTest {
  // Class 7: (0,0), (2,0) → centre (1,0); class −3: (10,10), (10,14) → centre (10,12).
  private static final float[] CODES = {0, 0, 2, 0, 10, 10, 10, 14};
  private static final int[] LABELS = {7, 7, -3, -3};

  @Test
  void handComputedExample() {
    ClassIndex cls = ClassIndex.of(LABELS);
    assertThat(CentreDistance.meanDistance(CODES, 4, 2, 2, cls)).isCloseTo(1.5, within(1e-12));
    // First dimension only: class 7 → 1, 1; class −3 → 0, 0.
    assertThat(CentreDistance.meanDistance(CODES, 4, 2, 1, cls)).isCloseTo(0.5, within(1e-12));
    // Whole set: centre (5.5, 6).
    double whole = (Math.sqrt(5.5 * 5.5 + 36) + Math.sqrt(3.5 * 3.5 + 36)
        + Math.sqrt(4.5 * 4.5 + 16) + Math.sqrt(4.5 * 4.5 + 64)) / 4;
    assertThat(CentreDistance.wholeSetDistance(CODES, 4, 2, 2)).isCloseTo(whole, within(1e-12));
    assertThat(CentreDistance.meanDistances(CODES, 4, 2, new int[] {1, 2}, cls))
        .containsExactly(new double[] {0.5, 1.5}, within(1e-12));
  }

  @Test
  void centresAreClassMeansInIncreasingLabelOrder() {
    double[] c = CentreDistance.centres(CODES, 4, 2, ClassIndex.of(LABELS));
    assertThat(c).containsExactly(new double[] {10, 12, 1, 0}, within(1e-12));
  }

  @Test
  void singletonClassesHaveZeroDistance() {
    assertThat(CentreDistance.meanDistance(CODES, 4, 2, 2, ClassIndex.of(new int[] {0, 1, 2, 3})))
        .isZero();
  }

  @Test
  void badArgumentsAreNamed() {
    ClassIndex cls = ClassIndex.of(LABELS);
    assertThatThrownBy(() -> CentreDistance.meanDistance(CODES, 4, 2, 3, cls))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("k must be in [1, d = 2]");
    assertThatThrownBy(() -> CentreDistance.meanDistance(CODES, 3, 2, 2, cls))
        .hasMessageContaining("codes must hold n*d = 6 values, got 8");
    assertThatThrownBy(() -> CentreDistance.meanDistance(CODES, 4, 2, 2, ClassIndex.of(new int[3])))
        .hasMessageContaining("classes must label n = 4 samples, got 3");
  }
}
