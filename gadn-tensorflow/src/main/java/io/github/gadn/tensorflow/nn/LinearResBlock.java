package io.github.gadn.tensorflow.nn;

import org.tensorflow.Operand;
import org.tensorflow.types.family.TFloating;

/**
 * Fully connected residual block (docs/method.md §3.4b): {@code out = ρ_s ⊙ x + ρ_r ⊙
 * CPReLU(Linear(x))}, then BR if the network uses it.
 */
public final class LinearResBlock<T extends TFloating> {
  private final Linear<T> linear;
  private final CPReLU<T> act;
  private final Gains<T> gains;
  private final BatchReg<T> br;

  /**
   * Creates the block.
   *
   * @param nn context scoped to this block
   * @param width input and output width
   * @param ratio residue ratio {@code r}
   * @param batchReg whether BR follows the sum
   */
  public LinearResBlock(Nn<T> nn, int width, double ratio, boolean batchReg) {
    this.linear = new Linear<>(nn.sub("fc"), width, width);
    this.act = new CPReLU<>(nn.sub("act"), width);
    this.gains = new Gains<>(nn, width, ratio);
    this.br = batchReg ? new BatchReg<>(nn.sub("br"), width) : null;
  }

  /** Applies the block to {@code x} of shape {@code [N, width]}. */
  public Operand<T> apply(Operand<T> x, Pass<T> pass) {
    Operand<T> sum = gains.mixActivated(x, linear.apply(x), act);
    return br != null ? br.apply(sum, pass) : sum;
  }
}
