package io.github.gadn.tensorflow.nn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.tensorflow.Operand;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.types.TFloat64;

/** docs/method.md §3.8, §4.2, §14: nested-dropout masks and stratified noise. */
class RandomInputsTest {

  @Test
  void nestedDropoutRowsArePrefixesOfOnes() {
    int rows = 2_000;
    int dim = 12;
    float[] m = RandomInputs.nestedDropoutMask(new SplittableRandom(1), rows, dim, 0.8);
    for (int n = 0; n < rows; n++) {
      int kept = 0;
      while (kept < dim && m[n * dim + kept] == 1f) {
        kept++;
      }
      assertThat(kept).as("row %s keeps dimension 0", n).isPositive();
      for (int i = kept; i < dim; i++) {
        assertThat(m[n * dim + i]).as("row %s, dimension %s after the prefix", n, i).isZero();
      }
    }
  }

  @Test
  void nestedDropoutKeepsDimensionIWithProbabilityBaseToTheI() {
    int rows = 40_000;
    int dim = 10;
    double base = 0.75;
    float[] m = RandomInputs.nestedDropoutMask(new SplittableRandom(2), rows, dim, base);
    for (int i = 0; i < dim; i++) {
      double kept = 0;
      for (int n = 0; n < rows; n++) {
        kept += m[n * dim + i];
      }
      // Standard error ≤ 0.0025; 0.01 is four of them.
      assertThat(kept / rows)
          .as("keep rate of dimension %s", i)
          .isCloseTo(Math.pow(base, i), within(0.01));
    }
  }

  @Test
  void nestedDropoutWithBaseOneKeepsEverything() {
    float[] m = RandomInputs.nestedDropoutMask(new SplittableRandom(3), 100, 7, 1.0);
    for (float v : m) {
      assertThat(v).isEqualTo(1f);
    }
  }

  @Test
  void keepProbabilitiesArePowersOfTheBase() {
    assertThat(RandomInputs.keepProbabilities(4, 0.5)).containsExactly(1, 0.5, 0.25, 0.125);
  }

  @Test
  void stratifiedUniformHasExactlyOneValuePerStratumInEveryColumn() {
    int rows = 50;
    int columns = 4;
    for (long seed = 0; seed < 5; seed++) {
      double[] u = RandomInputs.stratifiedUniform(new SplittableRandom(seed), rows, columns);
      for (int c = 0; c < columns; c++) {
        int[] hits = new int[rows];
        for (int n = 0; n < rows; n++) {
          double v = u[n * columns + c];
          assertThat(v).isGreaterThanOrEqualTo(0).isLessThan(1);
          hits[(int) Math.floor(v * rows)]++;
        }
        assertThat(hits).as("column %s, seed %s", c, seed).containsOnly(1);
      }
    }
  }

  @Test
  void stratifiedUniformColumnsAreShuffledIndependently() {
    double[] u = RandomInputs.stratifiedUniform(new SplittableRandom(4), 64, 2);
    int sameStratum = 0;
    for (int n = 0; n < 64; n++) {
      if ((int) (u[2 * n] * 64) == (int) (u[2 * n + 1] * 64)) {
        sameStratum++;
      }
    }
    assertThat(sameStratum).isLessThan(10);
  }

  /** {@code erf} by its Maclaurin series, accurate to ~1e-11 for |x| ≤ 3.2. */
  static double erf(double x) {
    double term = x;
    double sum = x;
    for (int n = 1; n < 200; n++) {
      term *= -x * x / n;
      double add = term / (2 * n + 1);
      sum += add;
      if (Math.abs(add) < 1e-17) {
        break;
      }
    }
    return 2 / Math.sqrt(Math.PI) * sum;
  }

  /** Standard normal CDF. */
  static double phi(double z) {
    return 0.5 * (1 + erf(z / Math.sqrt(2)));
  }

  private static double[] normals(double[] u) {
    try (GraphHarness h = new GraphHarness(1)) {
      Placeholder<TFloat64> x = h.input(u.length);
      Operand<TFloat64> z = RandomInputs.normalFromUniform(h.nn, x);
      return h.values(z, GraphHarness.feed(x, u, u.length));
    }
  }

  @Test
  void referenceNormalCdfIsAccurate() {
    assertThat(phi(0)).isEqualTo(0.5);
    assertThat(phi(1)).isCloseTo(0.8413447460685429, within(1e-12));
    assertThat(phi(-4.41717)).isCloseTo(5.0e-6, within(1e-9));
  }

  @Test
  void stratifiedNormalsFallOnePerNormalQuantileStratumInEveryColumn() {
    int rows = 40;
    int columns = 3;
    double[] u = RandomInputs.stratifiedUniform(new SplittableRandom(5), rows, columns);
    double[] z = normals(u);
    for (int c = 0; c < columns; c++) {
      int[] hits = new int[rows];
      for (int n = 0; n < rows; n++) {
        // z = Φ⁻¹(0.000005 + 0.99999·u): undo the squeeze and find the stratum of Φ(z).
        double q = (phi(z[n * columns + c]) - 0.000005) / 0.99999;
        int stratum = (int) Math.floor(q * rows);
        assertThat(stratum).isEqualTo((int) Math.floor(u[n * columns + c] * rows));
        hits[stratum]++;
      }
      assertThat(hits).as("column %s", c).containsOnly(1);
    }
  }

  @Test
  void javaSideStratifiedNormalsEqualTheGraphsMappingOfTheSameUniforms() {
    double[] u = RandomInputs.stratifiedUniform(new SplittableRandom(9), 25, 4);
    double[] z = RandomInputs.stratifiedNormal(new SplittableRandom(9), 25, 4);
    double[] expected = normals(u);
    assertThat(z).hasSize(100);
    for (int i = 0; i < z.length; i++) {
      assertThat(z[i]).as("value %s", i).isCloseTo(expected[i], within(1e-12));
    }
    assertThat(RandomInputs.stratifiedNormal(new SplittableRandom(9), 0, 4)).isEmpty();
  }

  @Test
  void stratifiedNormalsAreBoundedEvenAtTheEndsOfTheUnitInterval() {
    double[] z = normals(new double[] {0, Math.nextDown(1.0), 0.5});
    assertThat(z[0]).isCloseTo(-4.417173, within(1e-5));
    assertThat(z[1]).isCloseTo(4.417173, within(1e-5));
    assertThat(Math.abs(z[0])).isLessThanOrEqualTo(4.41718);
    assertThat(Math.abs(z[1])).isLessThanOrEqualTo(4.41718);
    assertThat(z[2]).isCloseTo(0, within(1e-12));
  }
}
