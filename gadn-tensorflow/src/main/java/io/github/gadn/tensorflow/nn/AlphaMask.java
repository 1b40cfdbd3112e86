package io.github.gadn.tensorflow.nn;

import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.family.TFloating;

/**
 * The alpha-mask operator {@code am} of docs/method.md §2.3: RGB of missing pixels (alpha 0) set to
 * 0 and the continuous alpha appended as a fourth channel. NHWC.
 */
public final class AlphaMask {
  private AlphaMask() {}

  /** {@code am(x)} for a 4-channel image: its own alpha. */
  public static <T extends TFloating> Operand<T> apply(Nn<T> nn, Operand<T> rgba) {
    return apply(nn, rgb(nn, rgba), alpha(nn, rgba));
  }

  /** {@code am(y, α)}: RGB {@code y} with alpha map {@code α} ({@code [N, H, W, 1]}). */
  public static <T extends TFloating> Operand<T> apply(
      Nn<T> nn, Operand<T> rgb, Operand<T> alpha) {
    Ops tf = nn.tf();
    Operand<T> present =
        tf.stopGradient(tf.dtypes.cast(tf.math.greater(alpha, nn.constant(0)), nn.type()));
    return tf.concat(java.util.List.of(nn.mul(rgb, present), alpha), tf.constant(3));
  }

  /** {@code am(y)} for a 3-channel image: alpha all ones. */
  public static <T extends TFloating> Operand<T> opaque(Nn<T> nn, Operand<T> rgb) {
    Ops tf = nn.tf();
    Operand<T> ones =
        tf.stopGradient(tf.onesLike(tf.slice(rgb, nn.ints(0, 0, 0, 0), nn.ints(-1, -1, -1, 1))));
    return tf.concat(java.util.List.of(rgb, ones), tf.constant(3));
  }

  /** Channels 0–2. */
  public static <T extends TFloating> Operand<T> rgb(Nn<T> nn, Operand<T> rgba) {
    return nn.tf().slice(rgba, nn.ints(0, 0, 0, 0), nn.ints(-1, -1, -1, 3));
  }

  /** Channel 3, kept as {@code [N, H, W, 1]}. */
  public static <T extends TFloating> Operand<T> alpha(Nn<T> nn, Operand<T> rgba) {
    return nn.tf().slice(rgba, nn.ints(0, 0, 0, 3), nn.ints(-1, -1, -1, 1));
  }
}
