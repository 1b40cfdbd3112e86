package io.github.gadn.tensorflow.nn;

import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TBool;
import org.tensorflow.types.TInt32;
import org.tensorflow.types.family.TFloating;

/**
 * Bilinear sampling with zero padding in the align-corners convention (docs/method.md §13, §11.3).
 *
 * <p>Normalised coordinates {@code (gx, gy) ∈ [−1, 1]²} map to pixels {@code px = (gx+1)(W−1)/2},
 * {@code py = (gy+1)(H−1)/2}; the four neighbours are weighted bilinearly and neighbours outside
 * the map contribute zero. Gradients flow into the map and into the coordinates; the integer
 * corner indices are computed from stopped values, so no gradient is asked of {@code Floor}.
 */
final class BilinearSampler {
  private BilinearSampler() {}

  /**
   * Samples {@code image} at the given points.
   *
   * @param nn context
   * @param image {@code [N, H, W, C]}
   * @param gx normalised x of each output position, {@code [N, Ho, Wo]}
   * @param gy normalised y, {@code [N, Ho, Wo]}
   * @param h input height {@code H}
   * @param w input width {@code W}
   * @param channels {@code C}
   * @return {@code [N, Ho, Wo, C]}
   */
  public static <T extends TFloating> Operand<T> sample(
      Nn<T> nn, Operand<T> image, Operand<T> gx, Operand<T> gy, int h, int w, int channels) {
    Ops tf = nn.tf();
    Operand<T> px = nn.mul(nn.add(gx, 1), (w - 1) / 2.0);
    Operand<T> py = nn.mul(nn.add(gy, 1), (h - 1) / 2.0);
    Operand<T> x0f = tf.math.floor(tf.stopGradient(px));
    Operand<T> y0f = tf.math.floor(tf.stopGradient(py));
    Operand<T> fx = nn.sub(px, x0f);
    Operand<T> fy = nn.sub(py, y0f);
    Operand<TInt32> x0 = tf.dtypes.cast(x0f, TInt32.class);
    Operand<TInt32> y0 = tf.dtypes.cast(y0f, TInt32.class);

    // Batch offset of every output position: n·H·W, shaped [N, 1, 1].
    Operand<TInt32> batch = tf.slice(tf.shape(gx), nn.ints(0), nn.ints(1));
    Operand<TInt32> base =
        tf.math.mul(
            tf.reshape(tf.range(tf.constant(0), tf.reshape(batch, nn.ints()), tf.constant(1)),
                nn.ints(-1, 1, 1)),
            tf.constant(h * w));
    Operand<T> flat = tf.reshape(image, nn.ints(-1, channels));

    Operand<T> one = nn.constant(1);
    Operand<T> result = null;
    for (int dy = 0; dy <= 1; dy++) {
      for (int dx = 0; dx <= 1; dx++) {
        Operand<TInt32> xi = tf.math.add(x0, tf.constant(dx));
        Operand<TInt32> yi = tf.math.add(y0, tf.constant(dy));
        Operand<TBool> valid =
            tf.math.logicalAnd(
                tf.math.logicalAnd(
                    tf.math.greaterEqual(xi, tf.constant(0)), tf.math.less(xi, tf.constant(w))),
                tf.math.logicalAnd(
                    tf.math.greaterEqual(yi, tf.constant(0)), tf.math.less(yi, tf.constant(h))));
        Operand<TInt32> xc = tf.clipByValue(xi, tf.constant(0), tf.constant(w - 1));
        Operand<TInt32> yc = tf.clipByValue(yi, tf.constant(0), tf.constant(h - 1));
        Operand<TInt32> index =
            tf.math.add(base, tf.math.add(tf.math.mul(yc, tf.constant(w)), xc));
        Operand<T> corner = tf.gather(flat, index, tf.constant(0));
        Operand<T> wx = dx == 0 ? nn.sub(one, fx) : fx;
        Operand<T> wy = dy == 0 ? nn.sub(one, fy) : fy;
        Operand<T> weight =
            nn.mul(nn.mul(wx, wy), tf.stopGradient(tf.dtypes.cast(valid, nn.type())));
        Operand<T> term = nn.mul(corner, tf.expandDims(weight, tf.constant(-1)));
        result = result == null ? term : nn.add(result, term);
      }
    }
    return result;
  }

  /**
   * The align-corners normalised coordinate of every column ({@code −1 + 2j/(n−1)}); {@code [0]}
   * when {@code n = 1}.
   */
  public static double[] linspace(int n) {
    double[] out = new double[n];
    for (int j = 0; j < n; j++) {
      out[j] = n == 1 ? 0 : -1 + 2.0 * j / (n - 1);
    }
    return out;
  }
}
