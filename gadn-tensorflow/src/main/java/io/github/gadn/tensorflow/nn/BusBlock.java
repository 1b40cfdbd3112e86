package io.github.gadn.tensorflow.nn;

import org.tensorflow.Operand;
import org.tensorflow.types.family.TFloating;

/**
 * Bus block (docs/method.md §3.4c): attention-pooled global summary broadcast back to every
 * position.
 *
 * <pre>
 * V = conv1×1(x), A = softplus(conv1×1(x))
 * p = Σ_s V·A / (Σ_s A + 1e-4)       (per sample and bus channel)
 * out = ρ_s ⊙ x + ρ_r ⊙ Linear(p)    (broadcast over positions)
 * </pre>
 */
public final class BusBlock<T extends TFloating> implements Block<T> {
  private final Nn<T> nn;
  private final Conv<T> values;
  private final Conv<T> weights;
  private final Linear<T> broadcast;
  private final Gains<T> gains;
  private final BatchReg<T> br;
  private final int size;
  private final int channels;

  /**
   * Creates the block with a bus as wide as the map.
   *
   * @param nn context scoped to this block
   * @param channels map channels {@code f} (bus width {@code B = f})
   * @param ratio residue ratio
   * @param batchReg whether BR follows the sum
   * @param size map side
   */
  public BusBlock(Nn<T> nn, int channels, double ratio, boolean batchReg, int size) {
    this.nn = nn;
    this.size = size;
    this.channels = channels;
    this.values = Conv.pointwise(nn.sub("v"), channels, channels);
    this.weights = Conv.pointwise(nn.sub("a"), channels, channels);
    this.broadcast = new Linear<>(nn.sub("q"), channels, channels);
    this.gains = new Gains<>(nn, channels, ratio);
    this.br = batchReg ? new BatchReg<>(nn.sub("br"), channels) : null;
  }

  @Override
  public Operand<T> apply(Operand<T> x, Pass<T> pass) {
    var tf = nn.tf();
    Operand<T> v = values.apply(x);
    Operand<T> a = tf.math.softplus(weights.apply(x));
    Operand<T> num = nn.sum(nn.mul(v, a), 1, 2);
    Operand<T> den = nn.add(nn.sum(a, 1, 2), 1e-4);
    Operand<T> q = broadcast.apply(nn.div(num, den));
    Operand<T> q4 = nn.reshape(q, -1, 1, 1, channels);
    Operand<T> sum = gains.mix(x, q4);
    return br != null ? br.apply(sum, pass) : sum;
  }

  @Override
  public int outSize() {
    return size;
  }

  @Override
  public int outChannels() {
    return channels;
  }
}
