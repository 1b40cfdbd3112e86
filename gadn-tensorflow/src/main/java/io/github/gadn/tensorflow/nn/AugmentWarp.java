package io.github.gadn.tensorflow.nn;

import io.github.gadn.config.AugmentConfig;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.family.TFloating;

/**
 * The random similarity warp of docs/method.md §2.6. Per-sample parameters are computed in Java
 * from stratified uniforms ({@link #affine}) and fed as a {@code [N, 6]} tensor {@code (a00, a01,
 * a10, a11, tx, ty)}; the graph samples every output pixel at {@code A·(X, Y) + t} bilinearly with
 * zero padding (align-corners), so gradients reach the image.
 */
public final class AugmentWarp {
  /** Values per sample in the fed parameter tensor. */
  public static final int PARAMS = 6;

  private AugmentWarp() {}

  /**
   * Maps four uniforms to warp parameters (docs/method.md §2.6).
   *
   * @param u {@code u0..u3} in {@code [0, 1)}
   * @param config augmentation options; disabled gives the identity
   * @return {@code (a00, a01, a10, a11, tx, ty)}
   */
  public static double[] affine(double[] u, AugmentConfig config) {
    if (!config.enabled()) {
      return new double[] {1, 0, 0, 1, 0, 0};
    }
    double t = u[0] < 0.5 ? Math.sqrt(2 * u[0]) - 1 : 1 - Math.sqrt(2 * (1 - u[0]));
    double theta = t * config.maxAngle() * Math.PI / 180;
    double zeta = Math.pow(config.maxScale(), u[1]);
    double cmin = 2 * config.minMargin() / zeta - 1;
    double cmax = 1 - 2 * config.minMargin() / zeta;
    double tx = cmin + u[2] * (cmax - cmin);
    double ty = cmin + u[3] * (cmax - cmin);
    double c = Math.cos(theta) / zeta;
    double s = Math.sin(theta) / zeta;
    return new double[] {c, -s, s, c, tx, ty};
  }

  /**
   * Stratified warp parameters for a batch (docs/method.md §2.6): four stratified uniform columns
   * mapped through {@link #affine}.
   *
   * @return row-major {@code n × 6} parameters
   */
  public static double[] stratifiedParams(
      java.util.SplittableRandom random, int n, AugmentConfig config) {
    double[] u = RandomInputs.stratifiedUniform(random, n, 4);
    double[] out = new double[n * PARAMS];
    for (int i = 0; i < n; i++) {
      double[] a =
          affine(new double[] {u[i * 4], u[i * 4 + 1], u[i * 4 + 2], u[i * 4 + 3]}, config);
      System.arraycopy(a, 0, out, i * PARAMS, PARAMS);
    }
    return out;
  }

  /**
   * Warps a batch.
   *
   * @param nn context
   * @param image {@code [N, R, R, C]}
   * @param params {@code [N, 6]} from {@link #affine}
   * @param size {@code R}
   * @param channels {@code C}
   * @return the warped batch, same shape
   */
  public static <T extends TFloating> Operand<T> apply(
      Nn<T> nn, Operand<T> image, Operand<T> params, int size, int channels) {
    Ops tf = nn.tf();
    double[] lin = BilinearSampler.linspace(size);
    double[] gridX = new double[size * size];
    double[] gridY = new double[size * size];
    for (int i = 0; i < size; i++) {
      for (int j = 0; j < size; j++) {
        gridX[i * size + j] = lin[j];
        gridY[i * size + j] = lin[i];
      }
    }
    Operand<T> x = nn.constant(new long[] {1, size, size}, gridX);
    Operand<T> y = nn.constant(new long[] {1, size, size}, gridY);
    Operand<T>[] p = column(nn, params);
    Operand<T> gx = nn.add(nn.add(nn.mul(p[0], x), nn.mul(p[1], y)), p[4]);
    Operand<T> gy = nn.add(nn.add(nn.mul(p[2], x), nn.mul(p[3], y)), p[5]);
    return BilinearSampler.sample(nn, image, gx, gy, size, size, channels);
  }

  /**
   * Warps a batch when augmentation is on; otherwise returns it unchanged. With augmentation off
   * the fed parameters are the identity ({@link #affine}), which the sampler reproduces only up to
   * float rounding; leaving it out of the graph gives the exact image and saves its gathers and
   * their gradients.
   *
   * @param nn context
   * @param image {@code [N, R, R, C]}
   * @param params {@code [N, 6]} from {@link #affine} (still fed when augmentation is off)
   * @param size {@code R}
   * @param channels {@code C}
   * @param config augmentation options
   * @return the warped batch, or {@code image} itself
   */
  public static <T extends TFloating> Operand<T> applyIfEnabled(
      Nn<T> nn, Operand<T> image, Operand<T> params, int size, int channels, AugmentConfig config) {
    return config.enabled() ? apply(nn, image, params, size, channels) : image;
  }

  @SuppressWarnings("unchecked")
  private static <T extends TFloating> Operand<T>[] column(Nn<T> nn, Operand<T> params) {
    Operand<T>[] out = new Operand[PARAMS];
    for (int k = 0; k < PARAMS; k++) {
      out[k] = nn.reshape(nn.tf().slice(params, nn.ints(0, k), nn.ints(-1, 1)), -1, 1, 1);
    }
    return out;
  }
}
