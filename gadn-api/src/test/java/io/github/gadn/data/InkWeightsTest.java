package io.github.gadn.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class InkWeightsTest {

  @Test
  void balancedFloorEqualisesThePullsTowardsInkAndBackground() throws Exception {
    // An 8×8 white square in 16×16: ink 64 pixels, dilated 10×10 = 100, ring 36, far 156.
    // A = 64 − 192 = −128, B = 64 − 36 = 28, floor = 28 / (28 + 128).
    assertThat(InkWeights.balancedFloor(new SquaresDataset(10, 16, 8), 100))
        .isCloseTo(28.0 / 156, within(1e-9));
  }

  @Test
  void balancedWeightsPullAsHardTowardsInkAsTowardsBackground() throws Exception {
    LabelledDataset squares = new SquaresDataset(2, 16, 8);
    double floor = InkWeights.balancedFloor(squares, 2);
    Sample s = InkWeights.of(squares, floor).sample(0);
    float[] w = s.weight().orElseThrow();
    double towardsInk = 0;
    double towardsBackground = 0;
    for (int p = 0; p < w.length; p++) {
      boolean ink = s.rgba()[p * 4] > 0;
      if (ink) {
        towardsInk += w[p];
      } else {
        towardsBackground += w[p];
      }
    }
    assertThat(towardsInk).isCloseTo(towardsBackground, within(1e-3));
  }

  @Test
  void mostlyInkNeedsNoWeightMaps() throws Exception {
    assertThat(InkWeights.balancedFloor(new SquaresDataset(10, 16, 12), 100)).isEqualTo(1.0);
  }

  @Test
  void strokesThinnerThanTheirDilatedRingGetTheLowestFloor() throws Exception {
    // A 4×4 square: ink 16, ring 20, so B = −4 and no floor balances the pulls.
    assertThat(InkWeights.balancedFloor(new SquaresDataset(4, 16, 4), 4))
        .isEqualTo(InkWeights.MIN_FLOOR);
  }

  @Test
  void aBalanceBelowTheLowestFloorIsRaisedToIt() throws Exception {
    // A 6×6 square in 64×64: B = 36 − 28 = 8, A = 36 − 4060, balance 8 / 4032 ≈ 0.002.
    assertThat(InkWeights.balancedFloor(new SquaresDataset(4, 64, 6), 4))
        .isEqualTo(InkWeights.MIN_FLOOR);
  }

  @Test
  void backgroundColourIsTheBorderMedian() {
    float[] rgba = new SquaresDataset(1, 8, 2).sample(0).rgba();
    assertThat(InkWeights.backgroundColour(rgba, 8)).containsExactly(-1, -1, -1);
  }

  @Test
  void maxImagesMustBePositive() {
    assertThatThrownBy(() -> InkWeights.balancedFloor(new SquaresDataset(2, 8, 2), 0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("maxImages must be at least 1, got 0");
  }
}
