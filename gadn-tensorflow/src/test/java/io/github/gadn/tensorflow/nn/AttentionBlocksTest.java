package io.github.gadn.tensorflow.nn;

import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.tensorflow.Operand;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.types.TFloat64;

/**
 * docs/method.md §3.4c–§3.4d: the bus and non-local blocks against a direct Java evaluation of the
 * formulas.
 */
class AttentionBlocksTest {
  private static final int N = 2;

  /** A 1×1 convolution / linear layer: {@code x [rows, in]} times {@code w [in, out]} plus bias. */
  private static double[] dense(double[] x, int rows, int in, double[] w, double[] b) {
    int out = b.length;
    double[] y = new double[rows * out];
    for (int r = 0; r < rows; r++) {
      for (int o = 0; o < out; o++) {
        double v = b[o];
        for (int c = 0; c < in; c++) {
          v += x[r * in + c] * w[c * out + o];
        }
        y[r * out + o] = v;
      }
    }
    return y;
  }

  private static double softplus(double v) {
    return Math.max(v, 0) + Math.log1p(Math.exp(-Math.abs(v)));
  }

  /** {@code gs ⊙ x + gr ⊙ residue} with per-channel gains. */
  private static double[] mix(double[] x, double[] residue, double[] gs, double[] gr) {
    int f = gs.length;
    double[] out = new double[x.length];
    for (int i = 0; i < x.length; i++) {
      out[i] = gs[i % f] * x[i] + gr[i % f] * residue[i];
    }
    return out;
  }

  @Test
  void nonLocalBlockWithTwoHeadsMatchesTheFormula() {
    int f = 512;
    int side = 2;
    int hw = side * side;
    int v = 64;
    int heads = 2;
    double[] x = GraphHarness.uniform(new SplittableRandom(1), N * hw * f, -1.5, 1.5);
    try (GraphHarness h = new GraphHarness(2)) {
      Placeholder<TFloat64> in = h.input(N, side, side, f);
      Operand<TFloat64> y =
          new NonLocalBlock<>(h.nn.sub("nl"), f, 0.4, false, side).apply(in, Pass.plain());
      double[] got = h.values(y, GraphHarness.feed(in, x, N, side, side, f));
      Map<String, double[]> p =
          h.read(
              "nl/wv/w",
              "nl/wv/b",
              "nl/wk/w",
              "nl/wk/b",
              "nl/rk/w",
              "nl/rk/b",
              "nl/out/w",
              "nl/out/b",
              "nl/gs",
              "nl/gr");
      double[] wv = dense(x, N * hw, f, p.get("nl/wv/w"), p.get("nl/wv/b"));
      double[] wk = dense(x, N * hw, f, p.get("nl/wk/w"), p.get("nl/wk/b"));
      double[] rk = dense(x, N * hw, f, p.get("nl/rk/w"), p.get("nl/rk/b"));
      int width = v * heads;
      double[] o = new double[N * hw * width];
      for (int n = 0; n < N; n++) {
        for (int m = 0; m < heads; m++) {
          for (int i = 0; i < hw; i++) {
            double[] t = new double[hw];
            double total = 0;
            for (int j = 0; j < hw; j++) {
              double logit = 0;
              for (int c = 0; c < v; c++) {
                logit +=
                    rk[(n * hw + i) * width + m * v + c] * wk[(n * hw + j) * width + m * v + c];
              }
              t[j] = softplus(logit);
              total += t[j];
            }
            for (int j = 0; j < hw; j++) {
              for (int c = 0; c < v; c++) {
                o[(n * hw + i) * width + m * v + c] +=
                    t[j] / (total + 1e-4) * wv[(n * hw + j) * width + m * v + c];
              }
            }
          }
        }
      }
      double[] residue = dense(o, N * hw, width, p.get("nl/out/w"), p.get("nl/out/b"));
      double[] expected = mix(x, residue, p.get("nl/gs"), p.get("nl/gr"));
      GraphHarness.assertAllClose(got, expected, 1e-9);
    }
  }

  @Test
  void busBlockMatchesTheFormula() {
    int f = 4;
    int side = 3;
    int hw = side * side;
    double[] x = GraphHarness.uniform(new SplittableRandom(3), N * hw * f, -1.5, 1.5);
    try (GraphHarness h = new GraphHarness(4)) {
      Placeholder<TFloat64> in = h.input(N, side, side, f);
      Operand<TFloat64> y =
          new BusBlock<>(h.nn.sub("bus"), f, 0.3, false, side).apply(in, Pass.plain());
      double[] got = h.values(y, GraphHarness.feed(in, x, N, side, side, f));
      Map<String, double[]> p =
          h.read(
              "bus/v/w", "bus/v/b", "bus/a/w", "bus/a/b", "bus/q/w", "bus/q/b", "bus/gs", "bus/gr");
      double[] values = dense(x, N * hw, f, p.get("bus/v/w"), p.get("bus/v/b"));
      double[] weights = dense(x, N * hw, f, p.get("bus/a/w"), p.get("bus/a/b"));
      double[] pooled = new double[N * f];
      for (int n = 0; n < N; n++) {
        for (int b = 0; b < f; b++) {
          double num = 0;
          double den = 1e-4;
          for (int s = 0; s < hw; s++) {
            double a = softplus(weights[(n * hw + s) * f + b]);
            num += values[(n * hw + s) * f + b] * a;
            den += a;
          }
          pooled[n * f + b] = num / den;
        }
      }
      double[] q = dense(pooled, N, f, p.get("bus/q/w"), p.get("bus/q/b"));
      double[] residue = new double[N * hw * f];
      for (int i = 0; i < residue.length; i++) {
        residue[i] = q[(i / (hw * f)) * f + i % f];
      }
      GraphHarness.assertAllClose(got, mix(x, residue, p.get("bus/gs"), p.get("bus/gr")), 1e-12);
    }
  }
}
