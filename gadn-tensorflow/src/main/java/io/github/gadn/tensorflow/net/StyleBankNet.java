package io.github.gadn.tensorflow.net;

import static com.google.common.base.Preconditions.checkArgument;

import io.github.gadn.tensorflow.nn.BatchReg;
import io.github.gadn.tensorflow.nn.Nn;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TInt32;
import org.tensorflow.types.family.TFloating;

/**
 * The normalised style bank {@code S} (docs/method.md §3.12): per class a Gaussian {@code (M_k,
 * softplus(Q_k))}, normalised by the class-frequency-weighted population mean and std so the
 * mixture has zero mean and unit variance per dimension.
 *
 * <p>The class frequencies {@code π} are a non-trainable buffer saved with the weights.
 */
public final class StyleBankNet<T extends TFloating> {
  /** Normalised table: means {@code M̃} and stds {@code σ̃}, each {@code [K, Cs]}. */
  public record Normalized<T extends TFloating>(Operand<T> mean, Operand<T> std) {}

  private final Nn<T> nn;
  private final Operand<T> m;
  private final Operand<T> q;
  private final Operand<T> prior;
  private final int classes;
  private final int styleSize;

  /**
   * Builds the variables {@code M} (zeros), {@code Q} ({@code ln(e−1)}) and the buffer {@code π}.
   *
   * @param nn context scoped to the bank (e.g. {@code sty})
   * @param frequencies class frequencies {@code π}, summing to 1
   * @param styleSize {@code Cs}
   */
  public StyleBankNet(Nn<T> nn, double[] frequencies, int styleSize) {
    checkArgument(frequencies.length >= 1, "need at least one class");
    this.nn = nn;
    this.classes = frequencies.length;
    this.styleSize = styleSize;
    long[] shape = {classes, styleSize};
    this.m = nn.paramFilled("m", shape, 0);
    this.q = nn.paramFilled("q", shape, BatchReg.Q0);
    this.prior = nn.buffer("prior", new long[] {classes}, frequencies.clone());
  }

  /** The normalised table. */
  public Normalized<T> normalized() {
    Ops tf = nn.tf();
    Operand<T> sigma = tf.math.softplus(q);
    Operand<T> pi = nn.reshape(prior, classes, 1);
    Operand<T> mean = nn.sum(nn.mul(pi, m), 0);
    Operand<T> second = nn.sum(nn.mul(pi, nn.add(tf.math.square(m), tf.math.square(sigma))), 0);
    Operand<T> std = tf.math.sqrt(nn.add(nn.sub(second, tf.math.square(mean)), 1e-8));
    return new Normalized<>(nn.div(nn.sub(m, mean), std), nn.div(sigma, std));
  }

  /**
   * Looks up classes.
   *
   * @param table from {@link #normalized()}
   * @param labels {@code [N]} class indices
   * @return means and stds {@code [N, Cs]}
   */
  public Normalized<T> lookup(Normalized<T> table, Operand<TInt32> labels) {
    Ops tf = nn.tf();
    return new Normalized<>(
        tf.gather(table.mean(), labels, tf.constant(0)),
        tf.gather(table.std(), labels, tf.constant(0)));
  }

  /** The π-weighted KL vector {@code Σ_k π_k KL(N(M̃_k, σ̃_k²) ‖ N(0, 1))}, length {@code Cs}. */
  public Operand<T> klVector(Normalized<T> table) {
    Ops tf = nn.tf();
    Operand<T> kl =
        nn.add(
            nn.sub(
                nn.mul(nn.add(tf.math.square(table.mean()), tf.math.square(table.std())), 0.5),
                tf.math.log(table.std())),
            -0.5);
    return nn.sum(nn.mul(nn.reshape(prior, classes, 1), kl), 0);
  }

  /** The class-frequency buffer {@code π}. */
  public Operand<T> prior() {
    return prior;
  }

  /** Number of classes. */
  public int classes() {
    return classes;
  }

  /** {@code Cs}. */
  public int styleSize() {
    return styleSize;
  }
}
