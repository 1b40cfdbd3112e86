package io.github.gadn.tensorflow.nn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.tensorflow.Operand;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.types.TFloat64;

/** docs/method.md §3.10, §14: batch regularisation. */
class BatchRegTest {
  private static final int N = 6;
  private static final int HW = 4;
  private static final int C = 3;

  /** {@code mean_c(μ_c² + ℓ_c²)} of {@code (x − m)/softplus(q)}, Bessel factor N/(N−1). */
  private static double expectedLoss(double[] x, int n, int channels, double[] m, double[] q) {
    double loss = 0;
    int perChannel = x.length / channels;
    for (int c = 0; c < channels; c++) {
      double scale = Math.log1p(Math.exp(q[c]));
      double mean = 0;
      for (int i = c; i < x.length; i += channels) {
        mean += (x[i] - m[c]) / scale;
      }
      mean /= perChannel;
      double ss = 0;
      for (int i = c; i < x.length; i += channels) {
        double z = (x[i] - m[c]) / scale - mean;
        ss += z * z;
      }
      double logVar = Math.log(ss / perChannel * n / (n - 1));
      loss += (mean * mean + logVar * logVar) / channels;
    }
    return loss;
  }

  private static double[] input(long seed, int size) {
    // Non-zero mean and non-unit variance so both terms of the loss matter.
    double[] x = GraphHarness.gaussian(seed, size);
    for (int i = 0; i < size; i++) {
      x[i] = 0.7 + 2.5 * x[i];
    }
    return x;
  }

  @Test
  void moduleOutputIsItsInput() {
    try (GraphHarness h = new GraphHarness(1)) {
      Placeholder<TFloat64> x = h.input(N, 2, 2, C);
      Pass<TFloat64> pass = Pass.withBatchReg();
      Operand<TFloat64> y = h.tf.identity(new BatchReg<>(h.nn.sub("br"), C).apply(x, pass));
      double[] in = input(2, N * HW * C);
      assertThat(h.values(y, GraphHarness.feed(x, in, N, 2, 2, C))).containsExactly(in);
    }
  }

  @Test
  void lossAtInitialisationIsMeanOfSquaredMeanAndSquaredLogUnbiasedVariance() {
    try (GraphHarness h = new GraphHarness(1)) {
      Placeholder<TFloat64> x = h.input(N, 2, 2, C);
      Pass<TFloat64> pass = Pass.withBatchReg();
      new BatchReg<>(h.nn.sub("br"), C).apply(x, pass);
      double[] in = input(3, N * HW * C);
      double got = h.values(pass.brLoss(h.nn), GraphHarness.feed(x, in, N, 2, 2, C))[0];
      assertThat(got)
          .isCloseTo(
              expectedLoss(
                  in, N, C, new double[C], new double[] {BatchReg.Q0, BatchReg.Q0, BatchReg.Q0}),
              within(1e-10));
    }
  }

  @Test
  void initialScaleIsOne() {
    assertThat(Math.log1p(Math.exp(BatchReg.Q0))).isCloseTo(1, within(1e-15));
  }

  @Test
  void lossOfVectorsUsesTheBatchAxisOnly() {
    try (GraphHarness h = new GraphHarness(1)) {
      Placeholder<TFloat64> x = h.input(5, 4);
      Operand<TFloat64> loss = new BatchReg<>(h.nn.sub("br"), 4).loss(x);
      double[] in = input(4, 20);
      double[] q = new double[4];
      java.util.Arrays.fill(q, BatchReg.Q0);
      assertThat(h.values(loss, GraphHarness.feed(x, in, 5, 4))[0])
          .isCloseTo(expectedLoss(in, 5, 4, new double[4], q), within(1e-10));
    }
  }

  @Test
  void lossStandardisesWithTheLearnedShiftAndScale() {
    try (GraphHarness h = new GraphHarness(1)) {
      Placeholder<TFloat64> x = h.input(N, 2, 2, C);
      Operand<TFloat64> loss = new BatchReg<>(h.nn.sub("br"), C).loss(x);
      double[] m = {0.5, -1, 2};
      double[] q = {-0.3, 1.2, 0.1};
      h.write(Map.of("br/m", m, "br/q", q));
      double[] in = input(5, N * HW * C);
      assertThat(h.values(loss, GraphHarness.feed(x, in, N, 2, 2, C))[0])
          .isCloseTo(expectedLoss(in, N, C, m, q), within(1e-10));
    }
  }

  @Test
  void plainPassRecordsNoLoss() {
    try (GraphHarness h = new GraphHarness(1)) {
      Placeholder<TFloat64> x = h.input(N, 2, 2, C);
      Pass<TFloat64> pass = Pass.plain();
      new BatchReg<>(h.nn.sub("br"), C).apply(x, pass);
      assertThat(pass.brCount()).isZero();
      assertThat(h.values(pass.brLoss(h.nn))).containsOnly(new double[] {0}, within(0.0));
    }
  }
}
