package io.github.gadn.tensorflow.loss;

import io.github.gadn.tensorflow.nn.Nn;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TInt32;
import org.tensorflow.types.family.TFloating;

/** The losses of docs/method.md §12. Images are NHWC. */
public final class Losses {
  private Losses() {}

  /**
   * Per-image normalised pixel weights {@code ŵ = α ω / Σ_p α ω} (docs/method.md §2.4), {@code [N,
   * R, R]}.
   *
   * <p>Deviation from the original (docs/method.md §2.4): the denominator is clamped at 1e-8, so an
   * all-transparent image contributes zero instead of NaN.
   *
   * @param alpha {@code [N, R, R, 1]}
   * @param weights {@code [N, R, R]} weight maps (all ones when the data set has none)
   */
  public static <T extends TFloating> Operand<T> pixelWeights(
      Nn<T> nn, Operand<T> alpha, Operand<T> weights) {
    Ops tf = nn.tf();
    Operand<T> w = nn.mul(tf.squeeze(alpha, org.tensorflow.op.core.Squeeze.axis(java.util.List.of(3L))), weights);
    Operand<T> total =
        tf.math.maximum(
            tf.reduceSum(w, nn.ints(1, 2), org.tensorflow.op.core.ReduceSum.keepDims(true)),
            nn.constant(1e-8));
    return nn.div(w, total);
  }

  /**
   * Weighted per-pixel distance (docs/method.md §4.3, stage-1 reconstruction): {@code mean_n Σ_p
   * ŵ[n,p] · √(Σ_rgb (u − v)² + 1e-8)}.
   *
   * @param u {@code [N, R, R, 3]}
   * @param v {@code [N, R, R, 3]}
   * @param weights normalised weights {@code [N, R, R]}
   */
  public static <T extends TFloating> Operand<T> reconstruction(
      Nn<T> nn, Operand<T> u, Operand<T> v, Operand<T> weights) {
    Ops tf = nn.tf();
    Operand<T> d = tf.math.sqrt(nn.add(nn.sum(tf.math.square(nn.sub(u, v)), 3), 1e-8));
    return nn.meanAll(nn.sum(nn.mul(weights, d), 1, 2));
  }

  /**
   * Per-dimension KL of diagonal Gaussians to {@code N(0, 1)} averaged over the batch: {@code
   * mean_n [½(μ² + σ²) − ln σ − ½]}, a vector of length {@code C}.
   */
  public static <T extends TFloating> Operand<T> gaussianKlPerDimension(
      Nn<T> nn, Operand<T> mean, Operand<T> std) {
    Ops tf = nn.tf();
    // Deviation (docs/method.md §4.3): ln σ is taken of max(σ, 1e-30), so a posterior whose
    // softplus underflows to 0 gives a large finite KL instead of infinity.
    Operand<T> logStd = tf.math.log(tf.math.maximum(std, nn.constant(1e-30)));
    Operand<T> kl =
        nn.add(
            nn.sub(nn.mul(nn.add(tf.math.square(mean), tf.math.square(std)), 0.5), logStd),
            -0.5);
    return nn.mean(kl, 0);
  }

  /** {@code Σ_i w_i v_i} for a constant weight vector (keep probabilities of nested dropout). */
  public static <T extends TFloating> Operand<T> weightedSum(
      Nn<T> nn, Operand<T> vector, double[] weights) {
    return nn.sumAll(nn.mul(vector, nn.constant(new long[] {weights.length}, weights)));
  }

  /** {@code ℓ[n, a_n]}: the log-probability of each sample's label, {@code [N]}. */
  public static <T extends TFloating> Operand<T> pick(
      Nn<T> nn, Operand<T> logProbs, Operand<TInt32> labels) {
    Ops tf = nn.tf();
    Operand<TInt32> classes = tf.slice(tf.shape(logProbs), nn.ints(1), nn.ints(1));
    Operand<T> oneHot =
        tf.oneHot(labels, tf.reshape(classes, nn.ints()), nn.constant(1), nn.constant(0));
    return nn.sum(nn.mul(logProbs, tf.stopGradient(oneHot)), 1);
  }

  /** Cross entropy {@code mean_n −ℓ[n, a_n]}. */
  public static <T extends TFloating> Operand<T> crossEntropy(
      Nn<T> nn, Operand<T> logProbs, Operand<TInt32> labels) {
    return nn.tf().math.neg(nn.meanAll(pick(nn, logProbs, labels)));
  }

  /**
   * Capped adversarial NLL of stage 1 (docs/method.md §4.3): {@code mean_n −max(ℓ[n, a_n], ln
   * π_{a_n})}. Its gradient w.r.t. {@code ℓ} is zero for samples strictly below the prior ("random
   * guess"); at an exact tie TF's {@code Maximum} passes the gradient to {@code ℓ}.
   *
   * @param logPrior {@code ln π}, length {@code K}
   */
  public static <T extends TFloating> Operand<T> cappedNll(
      Nn<T> nn, Operand<T> logProbs, Operand<TInt32> labels, Operand<T> logPrior) {
    Ops tf = nn.tf();
    Operand<T> own = pick(nn, logProbs, labels);
    Operand<T> floor = tf.gather(logPrior, labels, tf.constant(0));
    return tf.math.neg(nn.meanAll(tf.math.maximum(own, floor)));
  }

  /**
   * Negative log-unlikelihood (docs/method.md §7.2, the stage-2 classifier on fakes): {@code mean_n
   * −ln(1 − exp ℓ[n, a'_n] + 1e-6)}.
   */
  public static <T extends TFloating> Operand<T> negativeLogUnlikelihood(
      Nn<T> nn, Operand<T> logProbs, Operand<TInt32> labels) {
    Ops tf = nn.tf();
    Operand<T> p = tf.math.exp(pick(nn, logProbs, labels));
    return tf.math.neg(nn.meanAll(tf.math.log(nn.add(nn.sub(nn.constant(1), p), 1e-6))));
  }

  /** Least-squares GAN term {@code mean (score − target)²}. */
  public static <T extends TFloating> Operand<T> leastSquares(
      Nn<T> nn, Operand<T> scores, double target) {
    return nn.meanAll(nn.tf().math.square(nn.add(scores, -target)));
  }

  /** {@code mean_n ‖a_n − b_n‖²} (stage-1 match loss). */
  public static <T extends TFloating> Operand<T> meanSquaredDistance(
      Nn<T> nn, Operand<T> a, Operand<T> b) {
    return nn.meanAll(nn.sum(nn.tf().math.square(nn.sub(a, b)), 1));
  }

  /**
   * Rolls the batch by one: {@code roll(v)[n] = v[(n+1) mod N]} (docs/method.md §0), built from
   * slice and concat (both differentiable in TF Java).
   *
   * @param rank rank of {@code v}
   */
  public static <T extends org.tensorflow.types.family.TType> Operand<T> roll(
      Ops tf, Operand<T> v, int rank) {
    int[] begin1 = new int[rank];
    int[] size = new int[rank];
    java.util.Arrays.fill(size, -1);
    begin1[0] = 1;
    int[] size0 = size.clone();
    size0[0] = 1;
    Operand<T> rest = tf.slice(v, tf.constant(begin1), tf.constant(size));
    Operand<T> first = tf.slice(v, tf.constant(new int[rank]), tf.constant(size0));
    return tf.concat(java.util.List.of(rest, first), tf.constant(0));
  }
}
