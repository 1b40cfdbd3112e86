package io.github.gadn.tensorflow.nn;

import org.tensorflow.Operand;
import org.tensorflow.types.family.TFloating;

/**
 * Fully connected layer {@code y = x W + b} (docs/method.md §3.1): {@code W} of shape {@code [in,
 * out]} starts uniform in {@code ±1/√in} and every output unit's weights are rescaled to unit L2
 * norm; the bias stays uniform in {@code ±1/√in}.
 */
public final class Linear<T extends TFloating> {
  private final Nn<T> nn;
  private final Operand<T> weight;
  private final Operand<T> bias;
  private final int in;
  private final int out;

  /**
   * Creates the layer's parameters under {@code nn}'s scope ({@code w}, {@code b}).
   *
   * @param nn context (already scoped to this layer)
   * @param in input width
   * @param out output width
   */
  public Linear(Nn<T> nn, int in, int out) {
    this.nn = nn;
    this.in = in;
    this.out = out;
    double bound = 1 / Math.sqrt(in);
    this.weight =
        nn.param(
            "w",
            new long[] {in, out},
            () -> {
              double[] w = Init.uniform(nn.random("w"), in * out, bound);
              Init.normalizeLastAxis(w, out, 1.0);
              return w;
            });
    this.bias = nn.param("b", new long[] {out}, () -> Init.uniform(nn.random("b"), out, bound));
  }

  /** Applies the layer to {@code x} of shape {@code [N, in]}. */
  public Operand<T> apply(Operand<T> x) {
    return nn.tf().nn.biasAdd(nn.tf().linalg.matMul(x, weight), bias);
  }

  /** Input width. */
  public int in() {
    return in;
  }

  /** Output width. */
  public int out() {
    return out;
  }
}
