package io.github.gadn.tensorflow.nn;

import java.util.List;
import org.tensorflow.GraphOperation;
import org.tensorflow.Operand;
import org.tensorflow.Output;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TInt32;
import org.tensorflow.types.family.TFloating;
import org.tensorflow.types.family.TType;

/**
 * Batch regularisation (docs/method.md §3.10): an identity in the forward pass that, in a {@link
 * Pass} with BR on, records {@code mean_c(μ_c² + ℓ_c²)} where {@code μ_c}, {@code ℓ_c} are the mean
 * and log-variance (Bessel factor {@code N/(N−1)}) of {@code (x − m)/softplus(q)} per channel.
 *
 * <p>The original's running statistics are never updated (docs/method.md §3.10, §11.2), so the
 * fake-mode target is 0 and real and fake mode compute the same loss; this class reproduces that.
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

  /**
   * The BR loss of {@code x} (scalar), from the per-channel sums {@code S1 = Σ(x − m)} and {@code
   * S2 = Σ(x − m)²} over all but the channel axis: {@code μ = S1/(n·s)}, {@code mean(z²) =
   * S2/(n·s²)} with {@code s = softplus(q)}. The sums have a hand-written gradient ({@code ∂x =
   * ∂S1 + 2∂S2·(x − m)}, {@code ∂m = −n·∂S1 − 2∂S2·S1}), two element-wise passes over the map
   * instead of the broadcasts and divisions of differentiating {@code z} itself.
   */
  public Operand<T> loss(Operand<T> x) {
    var tf = nn.tf();
    int rank = x.shape().numDimensions();
    int[] axes = new int[rank - 1];
    for (int i = 0; i < axes.length; i++) {
      axes[i] = i;
    }
    Operand<T> sx = tf.stopGradient(x);
    Operand<T> sm = tf.stopGradient(m);
    Operand<T> count = count(tf, x, rank);
    Operand<T> s1 = nn.sub(nn.sum(sx, axes), nn.mul(count, sm));
    Operand<T> s2 = nn.sum(tf.math.squaredDifference(sx, sm), axes);
    List<Output<?>> sums =
        IdentityGradients.wrap(
            tf, List.of(s1, s2, x, m), (g, op, grads) -> sumsGradient(g, op, grads, rank));
    @SuppressWarnings("unchecked")
    Operand<T> sum1 = (Operand<T>) sums.get(0);
    @SuppressWarnings("unchecked")
    Operand<T> sum2 = (Operand<T>) sums.get(1);
    Operand<T> scale = tf.math.softplus(q);
    Operand<T> mu = nn.div(sum1, nn.mul(count, scale));
    Operand<T> e = nn.div(sum2, nn.mul(count, tf.math.square(scale)));
    Operand<T> n = nn.cast(tf.slice(tf.shape(x), nn.ints(0), nn.ints(1)));
    Operand<T> bessel = nn.div(n, nn.add(n, -1));
    Operand<T> logVar = tf.math.log(nn.mul(nn.sub(e, tf.math.square(mu)), bessel));
    return nn.meanAll(nn.add(tf.math.square(mu), tf.math.square(logVar)));
  }

  /** The number of elements per channel of {@code x}, as a scalar of its type. */
  @SuppressWarnings("unchecked")
  private static <T extends TType> Operand<T> count(Ops tf, Operand<T> x, int rank) {
    Operand<TInt32> dims =
        tf.slice(tf.shape(x), tf.constant(new int[] {0}), tf.constant(new int[] {rank - 1}));
    return (Operand<T>) tf.dtypes.cast(tf.reduceProd(dims, tf.constant(0)), x.type());
  }

  @SuppressWarnings({"unchecked", "rawtypes"})
  private static List<Operand<?>> sumsGradient(
      Ops tf, GraphOperation op, List<Output<?>> grads, int rank) {
    Operand g1 = grads.get(0);
    Operand g2 = grads.get(1);
    Operand s1 = op.input(0);
    Operand x = op.input(2);
    Operand m = op.input(3);
    Operand twoG2 = tf.math.add(g2, g2);
    // ∂x = x·2∂S2 + (∂S1 − 2∂S2·m), broadcast over the channel axis
    Operand dx = tf.math.add(tf.math.mul(x, twoG2), tf.math.sub(g1, tf.math.mul(twoG2, m)));
    Operand dm =
        tf.math.neg(tf.math.add(tf.math.mul(count(tf, x, rank), g1), tf.math.mul(twoG2, s1)));
    return List.of(g1, g2, dx, dm);
  }
}
