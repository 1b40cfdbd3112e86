package io.github.gadn.tensorflow.nn;

import static com.google.common.base.Preconditions.checkArgument;

import java.util.List;
import org.tensorflow.GraphOperation;
import org.tensorflow.Operand;
import org.tensorflow.Output;
import org.tensorflow.op.Ops;
import org.tensorflow.op.linalg.MatMul;
import org.tensorflow.op.nn.Conv2d;
import org.tensorflow.types.family.TFloating;
import org.tensorflow.types.family.TType;

/**
 * Convolutions whose gradients are forward convolutions. On CPU, TensorFlow's own forward {@code
 * Conv2D} kernel (the one used with {@code TF_ENABLE_ONEDNN_OPTS=0}) is about twice as fast as
 * its {@code Conv2DBackpropInput} and {@code Conv2DBackpropFilter} kernels for the same
 * multiply-accumulates (docs/performance.md), and both gradients of a convolution are themselves
 * convolutions:
 *
 * <ul>
 *   <li>stride 1, {@code k×k}, padding {@code p}: {@code ∂x = conv(pad(∂y, k−1−p), W')} with
 *       {@code W'} the kernel rotated by 180° and its channel axes swapped;
 *   <li>stride 2, {@code k = 2m}: the same per output phase — {@code ∂x = crop(depthToSpace(conv(
 *       pad(∂y, m−1−⌊p/2⌋), P(W))))} with the {@code m×m} polyphase kernel {@code P(W)} of {@link
 *       #polyphase} (the four phases of the transposed convolution side by side);
 *   <li>{@code ∂W[a,b,c,o] = Σ x̃[s·i+a, s·j+b, c] ∂y[i,j,o]}: a forward convolution of the padded
 *       input with batch and channel axes swapped, by the upstream gradient, dilated by the stride;
 *       for {@code 1×1} kernels a matrix product.
 * </ul>
 *
 * <p>The forward value is computed on stopped inputs and handed on through an {@code IdentityN}
 * op whose gradient returns the gradients above ({@link IdentityGradients}). The forward of
 * {@link #conv} is the same computation as {@code biasAdd(conv2d(pad(x), W))}; only the
 * gradients' summation order differs.
 */
final class ForwardConv {
  private ForwardConv() {}

  /**
   * What the gradient of one wrapped convolution needs, recorded when it is built: the gradient
   * callback must not query the graph (the gradient builder holds its lock; shape and name
   * look-ups would deadlock).
   *
   * @param h input height
   * @param w input width
   * @param k kernel side
   * @param c input channels
   * @param o output channels
   * @param type element type
   */
  private record Spec(
      int stride, int pad, int h, int w, int k, int c, int o, Class<? extends TType> type) {}

  /**
   * Whether {@link #conv} handles a {@code k×k} convolution of {@code x} with this stride and
   * padding: static spatial size, stride 1 or 2, {@code p ≤ k − 1}; for stride 2 an even kernel,
   * an even padded size and {@code ⌊p/2⌋ ≤ k/2 − 1}.
   */
  public static boolean supports(Operand<?> x, int k, int stride, int pad) {
    long[] xs = x.shape().asArray();
    if (xs == null || xs.length != 4 || xs[1] <= 0 || xs[2] <= 0 || pad < 0 || pad > k - 1) {
      return false;
    }
    if (stride == 1) {
      return true;
    }
    return stride == 2 && k % 2 == 0 && (xs[1] + 2 * pad) % 2 == 0 && (xs[2] + 2 * pad) % 2 == 0
        && pad / 2 <= k / 2 - 1;
  }

  /**
   * {@code biasAdd(conv2d(pad(x, p), W, stride, VALID), b)} with forward-convolution gradients.
   *
   * @param x {@code [N, H, W, C]} with static spatial size
   * @param filter {@code [k, k, C, O]}; for stride 2, {@code k} even and {@code H + 2p} even
   * @param bias {@code [O]}
   * @param stride 1 or 2
   * @param pad zero padding on every side, at most {@code k − 1}
   */
  public static <T extends TFloating> Operand<T> conv(
      Nn<T> nn, Operand<T> x, Operand<T> filter, Operand<T> bias, int stride, int pad) {
    long[] ws = filter.shape().asArray();
    checkArgument(ws[0] == ws[1], "square kernels only, got %s", filter.shape());
    checkArgument(
        supports(x, (int) ws[0], stride, pad),
        "no forward-convolution gradient for a %s-kernel stride-%s convolution of %s with padding %s",
        ws[0], stride, x.shape(), pad);
    Ops tf = nn.tf();
    long[] xs = x.shape().asArray();
    int k = (int) ws[0];
    List<Long> strides = List.of(1L, (long) stride, (long) stride, 1L);
    // Where TensorFlow's SAME padding is this symmetric padding, the kernel pads internally.
    Operand<T> conv =
        same(xs[1], k, stride, pad) && same(xs[2], k, stride, pad)
            ? tf.nn.conv2d(tf.stopGradient(x), tf.stopGradient(filter), strides, "SAME")
            : tf.nn.conv2d(
                tf.stopGradient(Padding.pad(nn, x, pad, pad)),
                tf.stopGradient(filter),
                strides,
                "VALID");
    Operand<T> y = tf.nn.biasAdd(conv, tf.stopGradient(bias));
    Spec spec =
        new Spec(
            stride, pad, (int) xs[1], (int) xs[2], k, (int) ws[2], (int) ws[3], nn.type());
    @SuppressWarnings("unchecked")
    Operand<T> out =
        (Operand<T>)
            IdentityGradients.wrap(
                    tf, List.of(y, x, filter, bias), (g, op, grads) -> gradient(g, op, grads, spec))
                .get(0);
    return out;
  }

  /**
   * The polyphase kernel of a stride-2 kernel {@code W [2m, 2m, C, O]}: {@code P [m, m, O, 4C]}
   * with {@code P[b, b', o, (r·2 + r')·C + c] = W[2(m−1−b)+r, 2(m−1−b')+r', c, o]}. {@code
   * depthToSpace(conv(pad(y, m−1), P), 2)} is the transposed stride-2 convolution of {@code y}
   * with {@code W} ({@code Conv2DBackpropInput}).
   */
  public static <T extends TType> Operand<T> polyphase(Ops tf, Operand<T> filter) {
    long[] s = filter.shape().asArray();
    return polyphase(tf, filter, (int) s[0], (int) s[2], (int) s[3]);
  }

  private static <T extends TType> Operand<T> polyphase(
      Ops tf, Operand<T> filter, int k, int c, int o) {
    int m = k / 2;
    Operand<T> split = tf.reshape(filter, tf.constant(new int[] {m, 2, m, 2, c, o}));
    Operand<T> flipped = tf.reverse(split, tf.constant(new int[] {0, 2}));
    Operand<T> moved = tf.linalg.transpose(flipped, tf.constant(new int[] {0, 2, 5, 1, 3, 4}));
    return tf.reshape(moved, tf.constant(new int[] {m, m, o, 4 * c}));
  }

  @SuppressWarnings({"unchecked", "rawtypes"})
  private static List<Operand<?>> gradient(
      Ops tf, GraphOperation op, List<Output<?>> grads, Spec spec) {
    Operand dy = grads.get(0);
    Operand x = op.input(1);
    Operand filter = op.input(2);
    // ∂W needs the padded input; the forward may have padded inside the kernel (SAME).
    Operand padded = padSpatial(tf, x, spec.pad(), spec);
    Operand dx = inputGradient(tf, dy, filter, spec);
    Operand dw = filterGradient(tf, dy, padded, spec);
    Operand db = tf.nn.biasAddGrad(dy);
    return List.of(dy, dx, dw, db);
  }

  @SuppressWarnings("unchecked")
  private static <T extends TType> Operand<T> padSpatial(Ops tf, Operand<T> v, int p, Spec spec) {
    if (p == 0) {
      return v;
    }
    Operand<T> zero = (Operand<T>) tf.zeros(tf.constant(new int[0]), spec.type());
    return tf.pad(v, tf.constant(new int[][] {{0, 0}, {p, p}, {p, p}, {0, 0}}), zero);
  }

  /** Whether SAME padding of a side {@code n} pads {@code p} on both ends. */
  private static boolean same(long n, int k, int stride, int p) {
    long out = (n + stride - 1) / stride;
    return Math.max((out - 1) * stride + k - n, 0) == 2L * p;
  }

  /** A stride-1 {@code k×k} convolution of {@code v} zero-padded by {@code p}. */
  private static <T extends TType> Operand<T> convPadded(
      Ops tf, Operand<T> v, Operand<T> w, int k, int p, long h, long wd, Spec spec) {
    if (same(h, k, 1, p) && same(wd, k, 1, p)) {
      return conv2d(tf, v, w, "SAME");
    }
    return conv2d(tf, padSpatial(tf, v, p, spec), w, "VALID");
  }

  private static final List<Long> ONES = List.of(1L, 1L, 1L, 1L);

  @SuppressWarnings({"unchecked", "rawtypes"})
  private static <T extends TType> Operand<T> conv2d(
      Ops tf, Operand<T> in, Operand<T> w, String padding) {
    return (Operand<T>) tf.nn.conv2d((Operand) in, (Operand) w, ONES, padding);
  }

  private static <T extends TType> Operand<T> inputGradient(
      Ops tf, Operand<T> dy, Operand<T> filter, Spec spec) {
    int k = spec.k();
    if (k == 1 && spec.pad() == 0 && spec.stride() == 1) {
      // ∂x = ∂y · Wᵀ of a 1×1 convolution, as a matrix product.
      Operand<T> rows = tf.reshape(dy, tf.constant(new int[] {-1, spec.o()}));
      Operand<T> w = tf.reshape(filter, tf.constant(new int[] {spec.c(), spec.o()}));
      Operand<T> product = tf.linalg.matMul(rows, w, MatMul.transposeB(true));
      return tf.reshape(product, tf.constant(new int[] {-1, spec.h(), spec.w(), spec.c()}));
    }
    if (spec.stride() == 1) {
      Operand<T> flipped = tf.reverse(filter, tf.constant(new int[] {0, 1}));
      Operand<T> rotated = tf.linalg.transpose(flipped, tf.constant(new int[] {0, 1, 3, 2}));
      int ho = spec.h() + 2 * spec.pad() - k + 1;
      int wo = spec.w() + 2 * spec.pad() - k + 1;
      return convPadded(tf, dy, rotated, k, k - 1 - spec.pad(), ho, wo, spec);
    }
    int m = k / 2;
    int q = spec.pad() / 2;
    int ho = (spec.h() + 2 * spec.pad() - k) / 2 + 1;
    int wo = (spec.w() + 2 * spec.pad() - k) / 2 + 1;
    Operand<T> phases =
        convPadded(
            tf, dy, polyphase(tf, filter, k, spec.c(), spec.o()), m, m - 1 - q, ho, wo, spec);
    Operand<T> full = tf.nn.depthToSpace(phases, 2L);
    int crop = spec.pad() - 2 * q;
    if (crop == 0) {
      return full;
    }
    return tf.slice(
        full,
        tf.constant(new int[] {0, crop, crop, 0}),
        tf.constant(new int[] {-1, spec.h(), spec.w(), -1}));
  }

  private static <T extends TType> Operand<T> filterGradient(
      Ops tf, Operand<T> dy, Operand<T> padded, Spec spec) {
    int k = spec.k();
    int c = spec.c();
    int o = spec.o();
    if (k == 1 && spec.stride() == 1) {
      Operand<T> xr = tf.reshape(padded, tf.constant(new int[] {-1, c}));
      Operand<T> dr = tf.reshape(dy, tf.constant(new int[] {-1, o}));
      Operand<T> product = tf.linalg.matMul(xr, dr, MatMul.transposeA(true));
      return tf.reshape(product, tf.constant(new int[] {1, 1, c, o}));
    }
    int s = spec.stride();
    Operand<T> input = tf.linalg.transpose(padded, tf.constant(new int[] {3, 1, 2, 0}));
    Operand<T> kernel = tf.linalg.transpose(dy, tf.constant(new int[] {1, 2, 0, 3}));
    @SuppressWarnings({"unchecked", "rawtypes"})
    Operand<T> swapped =
        (Operand<T>)
            tf.nn.conv2d(
                (Operand) input,
                (Operand) kernel,
                ONES,
                "VALID",
                Conv2d.dilations(List.of(1L, (long) s, (long) s, 1L)));
    int hp = spec.h() + 2 * spec.pad();
    int wp = spec.w() + 2 * spec.pad();
    // Rows of the padded input after the last full window are not used by the convolution.
    if ((hp - k) % s != 0 || (wp - k) % s != 0) {
      swapped =
          tf.slice(swapped, tf.constant(new int[] {0, 0, 0, 0}), tf.constant(new int[] {c, k, k, o}));
    }
    return tf.linalg.transpose(swapped, tf.constant(new int[] {1, 2, 0, 3}));
  }
}
