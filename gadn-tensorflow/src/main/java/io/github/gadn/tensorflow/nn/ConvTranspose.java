package io.github.gadn.tensorflow.nn;

import java.util.List;
import org.tensorflow.Operand;
import org.tensorflow.types.TInt32;
import org.tensorflow.types.family.TFloating;

/**
 * Stride-2 transposed convolution with bias (docs/method.md §3.1, §3.4a): filter {@code [k, k, out,
 * in]} uniform in {@code ±1/√(out·k²)}, each output channel's slice rescaled to L2 norm 2 (=
 * √(stride²)).
 *
 * <p>PyTorch padding semantics: the full transposed convolution of an {@code s × s} map is {@code
 * (2s + k − 2)} wide; {@code padding} pixels are removed from each border.
 */
final class ConvTranspose<T extends TFloating> {
  private final Nn<T> nn;
  private final Operand<T> filter;
  private final Operand<T> bias;
  private final int kernel;
  private final int padding;
  private final int out;

  /**
   * Creates the layer's parameters ({@code w}, {@code b}).
   *
   * @param nn context scoped to this layer
   * @param in input channels
   * @param out output channels
   * @param kernel kernel side (6 in GADN)
   * @param padding pixels removed from each border of the full result
   */
  public ConvTranspose(Nn<T> nn, int in, int out, int kernel, int padding) {
    this.nn = nn;
    this.kernel = kernel;
    this.padding = padding;
    this.out = out;
    double bound = 1 / Math.sqrt((double) out * kernel * kernel);
    this.filter =
        nn.param(
            "w",
            new long[] {kernel, kernel, out, in},
            () -> {
              double[] w = Init.uniform(nn.random("w"), kernel * kernel * out * in, bound);
              Init.normalizeSecondLastAxis(w, out, in, 2.0);
              return w;
            });
    this.bias = nn.param("b", new long[] {out}, () -> Init.uniform(nn.random("b"), out, bound));
  }

  /**
   * Applies the layer to {@code x} of shape {@code [N, h, w, in]} with static spatial size.
   *
   * @param x input
   * @param h input height
   * @param w input width
   * @return {@code [N, 2h + k − 2 − 2·padding, 2w + k − 2 − 2·padding, out]}
   */
  public Operand<T> apply(Operand<T> x, int h, int w) {
    int fullH = 2 * h + kernel - 2;
    int fullW = 2 * w + kernel - 2;
    int m = kernel / 2;
    if (nn.forwardConvs() && kernel % 2 == 0 && padding / 2 <= m - 1) {
      // The four output phases as one stride-1 m×m convolution of the input (ForwardConv.polyphase),
      // only over the phases' rows that survive the crop, then interleaved.
      int q = padding / 2;
      Operand<T> phases =
          ForwardConv.conv(
              nn, x, ForwardConv.polyphase(nn.tf(), filter),
              nn.tf().tile(bias, nn.ints(4)), 1, m - 1 - q);
      Operand<T> interleaved = nn.tf().nn.depthToSpace(phases, 2L);
      int crop = padding - 2 * q;
      return Padding.crop(nn, interleaved, fullH - 4 * q, fullW - 4 * q, crop, crop);
    }
    Operand<TInt32> batch = nn.tf().slice(nn.tf().shape(x), nn.ints(0), nn.ints(1));
    Operand<TInt32> sizes =
        nn.tf().concat(List.of(batch, nn.ints(fullH, fullW, out)), nn.tf().constant(0));
    Operand<T> full =
        nn.tf().nn.conv2dBackpropInput(sizes, filter, x, List.of(1L, 2L, 2L, 1L), "VALID");
    Operand<T> cropped = Padding.crop(nn, full, fullH, fullW, padding, padding);
    return nn.tf().nn.biasAdd(cropped, bias);
  }
}
