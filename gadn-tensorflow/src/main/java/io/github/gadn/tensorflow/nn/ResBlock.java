package io.github.gadn.tensorflow.nn;

import static com.google.common.base.Preconditions.checkArgument;

import org.tensorflow.Operand;
import org.tensorflow.types.TInt32;
import org.tensorflow.types.family.TFloating;

/**
 * Convolutional residual block (docs/method.md §3.4a) with stride 1, 2 (down) or −2 (up).
 *
 * <table>
 *   <caption>branches</caption>
 *   <tr><th>stride</th><th>residue</th><th>shortcut</th></tr>
 *   <tr><td>1</td><td>conv 3×3, padding 1+pad → CPReLU</td><td>identity or 1×1 conv</td></tr>
 *   <tr><td>2</td><td>conv 6×6/2, padding 2+pad → CPReLU</td>
 *       <td>2×2 average pool over zero padding pad (zeros counted) → 1×1 conv if in≠out</td></tr>
 *   <tr><td>−2</td><td>transposed conv 6×6/2, padding 2+pad → CPReLU (unless linear)</td>
 *       <td>1×1 conv if in≠out → nearest ×2 → crop pad</td></tr>
 * </table>
 *
 * <p>The sum is {@code ρ_s ⊙ shortcut + ρ_r ⊙ residue}, followed by batch regularisation when the
 * network uses it.
 */
public final class ResBlock<T extends TFloating> implements Block<T> {
  private final Nn<T> nn;
  private final int stride;
  private final int pad;
  private final int inSize;
  private final int outSize;
  private final int out;
  private final Conv<T> conv;
  private final ConvTranspose<T> convT;
  private final CPReLU<T> act;
  private final Conv<T> projection;
  private final Gains<T> gains;
  private final BatchReg<T> br;

  /**
   * Creates the block.
   *
   * @param nn context scoped to this block
   * @param in input channels
   * @param out output channels
   * @param stride 1, 2 or −2
   * @param pad level padding from the size schedule (docs/method.md §3.3)
   * @param nonlinear whether the residue branch ends in CPReLU (false only for the generator's
   *     last block)
   * @param ratio residue ratio {@code r} (docs/method.md §3.5)
   * @param batchReg whether a BR module follows the sum
   * @param inSize input side
   */
  public ResBlock(
      Nn<T> nn,
      int in,
      int out,
      int stride,
      int pad,
      boolean nonlinear,
      double ratio,
      boolean batchReg,
      int inSize) {
    checkArgument(stride == 1 || stride == 2 || stride == -2, "stride must be 1, 2 or -2");
    this.nn = nn;
    this.stride = stride;
    this.pad = pad;
    this.inSize = inSize;
    this.out = out;
    if (stride == 1) {
      this.conv = new Conv<>(nn.sub("conv"), in, out, 3, 1, 1 + pad);
      this.convT = null;
      this.outSize = inSize + 2 * pad;
    } else if (stride == 2) {
      this.conv = new Conv<>(nn.sub("conv"), in, out, 6, 2, 2 + pad);
      this.convT = null;
      this.outSize = inSize / 2 + pad;
    } else {
      this.conv = null;
      this.convT = new ConvTranspose<>(nn.sub("convt"), in, out, 6, 2 + pad);
      this.outSize = 2 * inSize - 2 * pad;
    }
    this.act = nonlinear ? new CPReLU<>(nn.sub("act"), out) : null;
    this.projection = in != out ? Conv.pointwise(nn.sub("proj"), in, out) : null;
    this.gains = new Gains<>(nn, out, ratio);
    this.br = batchReg ? new BatchReg<>(nn.sub("br"), out) : null;
  }

  @Override
  public Operand<T> apply(Operand<T> x, Pass<T> pass) {
    Operand<T> residue =
        convT != null ? convT.apply(x, inSize, inSize) : conv.apply(x);
    Operand<T> shortcut = x;
    if (stride == 2) {
      Operand<T> padded = Padding.pad(nn, x, pad, pad);
      shortcut =
          nn.tf()
              .nn
              .avgPool(
                  padded,
                  java.util.List.of(1L, 2L, 2L, 1L),
                  java.util.List.of(1L, 2L, 2L, 1L),
                  "VALID");
      if (projection != null) {
        shortcut = projection.apply(shortcut);
      }
    } else if (stride == -2) {
      if (projection != null) {
        shortcut = projection.apply(shortcut);
      }
      Operand<TInt32> size = nn.ints(2 * inSize, 2 * inSize);
      shortcut = nn.tf().image.resizeNearestNeighbor(shortcut, size);
      shortcut = Padding.crop(nn, shortcut, 2 * inSize, 2 * inSize, pad, pad);
    } else if (projection != null) {
      shortcut = projection.apply(shortcut);
    }
    Operand<T> sum =
        act != null ? gains.mixActivated(shortcut, residue, act) : gains.mix(shortcut, residue);
    return br != null ? br.apply(sum, pass) : sum;
  }

  @Override
  public int outSize() {
    return outSize;
  }

  @Override
  public int outChannels() {
    return out;
  }
}
