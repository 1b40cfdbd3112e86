package io.github.gadn.tensorflow.nn;

import org.tensorflow.Operand;
import org.tensorflow.op.train.BatchMatMul;
import org.tensorflow.types.family.TFloating;

/**
 * Non-local block (docs/method.md §3.4d) with softplus-normalised attention: value/key width {@code
 * min(f/4, 64)}, {@code max(f/256, 1)} heads; {@code T = softplus(R Wᵀ)} normalised by its row sums
 * (+1e-4); the attended values go through a 1×1 conv back to {@code f} channels.
 */
public final class NonLocalBlock<T extends TFloating> implements Block<T> {
  private final Nn<T> nn;
  private final Conv<T> value;
  private final Conv<T> key;
  private final Conv<T> query;
  private final Conv<T> output;
  private final Gains<T> gains;
  private final BatchReg<T> br;
  private final int size;
  private final int channels;
  private final int width;
  private final int heads;

  /**
   * Creates the block.
   *
   * @param nn context scoped to this block
   * @param channels map channels {@code f}
   * @param ratio residue ratio
   * @param batchReg whether BR follows the sum
   * @param size map side
   */
  public NonLocalBlock(Nn<T> nn, int channels, double ratio, boolean batchReg, int size) {
    this.nn = nn;
    this.size = size;
    this.channels = channels;
    this.width = Math.max(1, Math.min(channels / 4, 64));
    this.heads = Math.max(channels / 256, 1);
    this.value = Conv.pointwise(nn.sub("wv"), channels, width * heads);
    this.key = Conv.pointwise(nn.sub("wk"), channels, width * heads);
    this.query = Conv.pointwise(nn.sub("rk"), channels, width * heads);
    this.output = Conv.pointwise(nn.sub("out"), width * heads, channels);
    this.gains = new Gains<>(nn, channels, ratio);
    this.br = batchReg ? new BatchReg<>(nn.sub("br"), channels) : null;
  }

  private Operand<T> heads(Operand<T> x) {
    // [N, H, W, M·v] -> [N, HW, M, v] -> [N, M, HW, v] -> [N·M, HW, v]
    Operand<T> r = nn.reshape(x, -1, size * size, heads, width);
    r = nn.tf().linalg.transpose(r, nn.ints(0, 2, 1, 3));
    return nn.reshape(r, -1, size * size, width);
  }

  @Override
  public Operand<T> apply(Operand<T> x, Pass<T> pass) {
    var tf = nn.tf();
    Operand<T> wv = heads(value.apply(x));
    Operand<T> wk = heads(key.apply(x));
    Operand<T> rk = heads(query.apply(x));
    Operand<T> logits =
        tf.train.batchMatMul(rk, wk, nn.type(), BatchMatMul.adjY(true));
    Operand<T> att = tf.math.softplus(logits);
    att = nn.div(att, nn.add(tf.reduceSum(att, nn.ints(2), org.tensorflow.op.core.ReduceSum.keepDims(true)), 1e-4));
    Operand<T> o = tf.train.batchMatMul(att, wv, nn.type());
    // [N·M, HW, v] -> [N, M, HW, v] -> [N, HW, M, v] -> [N, H, W, M·v]
    o = nn.reshape(o, -1, heads, size * size, width);
    o = tf.linalg.transpose(o, nn.ints(0, 2, 1, 3));
    o = nn.reshape(o, -1, size, size, heads * width);
    Operand<T> sum = gains.mix(x, output.apply(o));
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
