package io.github.gadn.tensorflow.nn;

import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.family.TFloating;

/**
 * Spatial transform (docs/method.md §3.4e): the last two channels of the input are per-pixel
 * offsets; the other channels are resampled at the identity grid plus offset/size (clamped to
 * {@code [−1, 1]}), bilinearly, align-corners. Every application records its fold penalty in the
 * {@link Pass}.
 */
public final class SpatialTransform {
  private SpatialTransform() {}

  /**
   * Applies the transform.
   *
   * @param nn context
   * @param z {@code [N, H, W, C + 2]}
   * @param size map side ({@code H = W})
   * @param channels {@code C}
   * @param pass receives the fold penalty of this forward
   * @return {@code [N, H, W, C]}
   */
  public static <T extends TFloating> Operand<T> apply(
      Nn<T> nn, Operand<T> z, int size, int channels, Pass<T> pass) {
    Ops tf = nn.tf();
    Operand<T> v = tf.slice(z, nn.ints(0, 0, 0, 0), nn.ints(-1, -1, -1, channels));
    Operand<T> ox = nn.reshape(tf.slice(z, nn.ints(0, 0, 0, channels), nn.ints(-1, -1, -1, 1)),
        -1, size, size);
    Operand<T> oy = nn.reshape(tf.slice(z, nn.ints(0, 0, 0, channels + 1), nn.ints(-1, -1, -1, 1)),
        -1, size, size);
    double[] lin = BilinearSampler.linspace(size);
    double[] gridX = new double[size * size];
    double[] gridY = new double[size * size];
    for (int i = 0; i < size; i++) {
      for (int j = 0; j < size; j++) {
        gridX[i * size + j] = lin[j];
        gridY[i * size + j] = lin[i];
      }
    }
    Operand<T> one = nn.constant(1);
    Operand<T> minusOne = nn.constant(-1);
    Operand<T> gx =
        tf.clipByValue(
            nn.add(nn.mul(ox, 1.0 / size), nn.constant(new long[] {size, size}, gridX)),
            minusOne,
            one);
    Operand<T> gy =
        tf.clipByValue(
            nn.add(nn.mul(oy, 1.0 / size), nn.constant(new long[] {size, size}, gridY)),
            minusOne,
            one);
    pass.addFoldPenalty(foldPenalty(nn, ox, oy, size));
    return BilinearSampler.sample(nn, v, gx, gy, size, size, channels);
  }

  /**
   * Fold penalty of one offset field (docs/method.md §3.4e): mean over positions of {@code max(0,
   * −dx) + max(0, −dy)}, where {@code dx}, {@code dy} are the gaps between neighbouring sample
   * positions in offset units (1 unit ≈ half a pixel) after adding the grid spacing.
   *
   * @param ox horizontal offsets {@code [N, H, W]}
   * @param oy vertical offsets {@code [N, H, W]}
   */
  public static <T extends TFloating> Operand<T> foldPenalty(
      Nn<T> nn, Operand<T> ox, Operand<T> oy, int size) {
    Ops tf = nn.tf();
    int s1 = size - 1;
    // Shifted views [N, H-1, W-1]: (i, j), (i, j+1), (i+1, j), (i+1, j+1).
    Operand<T> x00 = tf.slice(ox, nn.ints(0, 0, 0), nn.ints(-1, s1, s1));
    Operand<T> x01 = tf.slice(ox, nn.ints(0, 0, 1), nn.ints(-1, s1, s1));
    Operand<T> x10 = tf.slice(ox, nn.ints(0, 1, 0), nn.ints(-1, s1, s1));
    Operand<T> x11 = tf.slice(ox, nn.ints(0, 1, 1), nn.ints(-1, s1, s1));
    Operand<T> y00 = tf.slice(oy, nn.ints(0, 0, 0), nn.ints(-1, s1, s1));
    Operand<T> y01 = tf.slice(oy, nn.ints(0, 0, 1), nn.ints(-1, s1, s1));
    Operand<T> y10 = tf.slice(oy, nn.ints(0, 1, 0), nn.ints(-1, s1, s1));
    Operand<T> y11 = tf.slice(oy, nn.ints(0, 1, 1), nn.ints(-1, s1, s1));
    Operand<T> dx =
        nn.sub(nn.add(tf.math.minimum(x01, x11), 1), tf.math.maximum(x00, x10));
    Operand<T> dy =
        nn.sub(nn.add(tf.math.minimum(y10, y11), 1), tf.math.maximum(y00, y01));
    Operand<T> zero = nn.constant(0);
    Operand<T> pen =
        nn.add(tf.math.maximum(zero, tf.math.neg(dx)), tf.math.maximum(zero, tf.math.neg(dy)));
    return nn.meanAll(pen);
  }
}
