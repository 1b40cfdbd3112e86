package io.github.gadn.tensorflow.nn;

import org.tensorflow.Operand;
import org.tensorflow.types.family.TFloating;

/**
 * Centred PReLU (spec §3.2): {@code y = (max(0,x) + a·min(0,x) − μ0) / σ0} with a learnable slope
 * {@code a} per channel (or per element) starting at 0.25, and constants {@code μ0, σ0} fixed from
 * that initial slope so that a standard normal input gives zero mean and unit variance.
 */
public final class CPReLU<T extends TFloating> {
  /** Initial slope {@code a0}. */
  public static final double INITIAL_SLOPE = 0.25;

  /** {@code μ0 = (1 − a0)/√(2π)}. */
  public static final double MU0 = (1 - INITIAL_SLOPE) / Math.sqrt(2 * Math.PI);

  /** {@code σ0 = √((1 + a0²)/2 − μ0²)}. */
  public static final double SIGMA0 =
      Math.sqrt((1 + INITIAL_SLOPE * INITIAL_SLOPE) / 2 - MU0 * MU0);

  private final Nn<T> nn;
  private final Operand<T> slope;

  /**
   * Creates the slope parameter {@code a}.
   *
   * @param nn context scoped to this activation
   * @param slopeShape shape of the slopes, broadcast against the input's trailing axes ({@code
   *     {C}} per channel; {@code {H, W, C}} per element)
   */
  public CPReLU(Nn<T> nn, long... slopeShape) {
    this.nn = nn;
    this.slope = nn.paramFilled("a", slopeShape, INITIAL_SLOPE);
  }

  /**
   * Applies the activation as {@code relu(x)·(1−a)/σ0 + x·a/σ0 − μ0/σ0}, the same function as
   * {@code (max(0,x) + a·min(0,x) − μ0)/σ0} with fewer element-wise passes (forward and gradient)
   * over the map; the per-channel factors are computed on the slopes.
   */
  public Operand<T> apply(Operand<T> x) {
    Operand<T> linear = nn.mul(slope, 1 / SIGMA0);
    Operand<T> rectified = nn.mul(nn.sub(nn.constant(1), slope), 1 / SIGMA0);
    Operand<T> y = nn.add(nn.mul(nn.tf().nn.relu(x), rectified), nn.mul(x, linear));
    return nn.add(y, -MU0 / SIGMA0);
  }
}
