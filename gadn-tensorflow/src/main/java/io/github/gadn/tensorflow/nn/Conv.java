package io.github.gadn.tensorflow.nn;

import java.util.List;
import org.tensorflow.Operand;
import org.tensorflow.types.family.TFloating;

/**
 * 2-D convolution with bias on NHWC maps (docs/method.md §3.1): filter {@code [k, k, in, out]}
 * uniform in {@code ±1/√(in·k²)}, every output filter rescaled to unit L2 norm; explicit zero
 * padding {@code pad} on every side, then a VALID convolution (PyTorch padding semantics).
 */
final class Conv<T extends TFloating> {
  private final Nn<T> nn;
  private final Operand<T> filter;
  private final Operand<T> bias;
  private final int stride;
  private final int pad;
  private final int out;
  private final int kernel;

  /**
   * Creates the layer's parameters ({@code w}, {@code b}) under {@code nn}'s scope.
   *
   * @param nn context scoped to this layer
   * @param in input channels
   * @param out output channels
   * @param kernel kernel side
   * @param stride stride
   * @param pad zero padding on every side
   */
  public Conv(Nn<T> nn, int in, int out, int kernel, int stride, int pad) {
    this.nn = nn;
    this.stride = stride;
    this.pad = pad;
    this.out = out;
    this.kernel = kernel;
    double bound = 1 / Math.sqrt((double) in * kernel * kernel);
    this.filter =
        nn.param(
            "w",
            new long[] {kernel, kernel, in, out},
            () -> {
              double[] w = Init.uniform(nn.random("w"), kernel * kernel * in * out, bound);
              Init.normalizeLastAxis(w, out, 1.0);
              return w;
            });
    this.bias = nn.param("b", new long[] {out}, () -> Init.uniform(nn.random("b"), out, bound));
  }

  /** A 1×1 convolution, stride 1, no padding. */
  public static <T extends TFloating> Conv<T> pointwise(Nn<T> nn, int in, int out) {
    return new Conv<>(nn, in, out, 1, 1, 0);
  }

  /** Applies the convolution to {@code x} of shape {@code [N, H, W, in]}. */
  public Operand<T> apply(Operand<T> x) {
    if (nn.forwardConvs() && ForwardConv.supports(x, kernel, stride, pad)) {
      return ForwardConv.conv(nn, x, filter, bias, stride, pad);
    }
    Operand<T> padded = Padding.pad(nn, x, pad, pad);
    Operand<T> y =
        nn.tf()
            .nn
            .conv2d(padded, filter, List.of(1L, (long) stride, (long) stride, 1L), "VALID");
    return nn.tf().nn.biasAdd(y, bias);
  }

  /** Output channels. */
  public int out() {
    return out;
  }
}
