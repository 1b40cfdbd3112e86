package io.github.gadn.tensorflow.nn;

import org.tensorflow.Operand;
import org.tensorflow.types.family.TFloating;

/**
 * Batch regularisation (spec §3.10): an identity in the forward pass that, in a {@link Pass} with
 * BR on, records {@code mean_c(μ_c² + ℓ_c²)} where {@code μ_c}, {@code ℓ_c} are the mean and
 * log-variance (Bessel factor {@code N/(N−1)}) of {@code (x − m)/softplus(q)} per channel.
 *
 * <p>The original's running statistics are never updated (spec §11.2.1), so the fake-mode target
 * is 0 and real and fake mode compute the same loss; this class reproduces that.
 */
public final class BatchReg<T extends TFloating> {
  /** {@code ln(e − 1)}: the value of {@code q} for which {@code softplus(q) = 1}. */
  public static final double Q0 = Math.log(Math.E - 1);

  private final Nn<T> nn;
  private final Operand<T> m;
  private final Operand<T> q;

  /**
   * Creates {@code m} (0) and {@code q} ({@code ln(e−1)}) per channel.
   *
   * @param nn context scoped to this module
   * @param channels number of channels (last axis)
   */
  public BatchReg(Nn<T> nn, int channels) {
    this.nn = nn;
    this.m = nn.paramFilled("m", new long[] {channels}, 0);
    this.q = nn.paramFilled("q", new long[] {channels}, Q0);
  }

  /**
   * Records the BR loss of {@code x} in {@code pass} if BR is on, and returns {@code x}.
   *
   * @param x activations, channels last, any rank ≥ 2
   * @param pass the current forward pass
   * @return {@code x} unchanged
   */
  public Operand<T> apply(Operand<T> x, Pass<T> pass) {
    if (pass.batchReg()) {
      pass.addBrLoss(loss(x));
    }
    return x;
  }

  /** The BR loss of {@code x} (scalar). */
  public Operand<T> loss(Operand<T> x) {
    var tf = nn.tf();
    Operand<T> z = nn.div(nn.sub(x, m), tf.math.softplus(q));
    int rank = x.shape().numDimensions();
    int[] axes = new int[rank - 1];
    for (int i = 0; i < axes.length; i++) {
      axes[i] = i;
    }
    Operand<T> mu = nn.mean(z, axes);
    Operand<T> e = nn.mean(tf.math.square(z), axes);
    Operand<T> n = nn.cast(tf.slice(tf.shape(x), nn.ints(0), nn.ints(1)));
    Operand<T> bessel = nn.div(n, nn.add(n, -1));
    Operand<T> logVar = tf.math.log(nn.mul(nn.sub(e, tf.math.square(mu)), bessel));
    return nn.meanAll(nn.add(tf.math.square(mu), tf.math.square(logVar)));
  }
}
