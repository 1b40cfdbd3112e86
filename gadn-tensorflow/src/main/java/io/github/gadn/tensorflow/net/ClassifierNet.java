package io.github.gadn.tensorflow.net;

import io.github.gadn.config.NetworkStructure;
import io.github.gadn.tensorflow.nn.Linear;
import io.github.gadn.tensorflow.nn.Nn;
import io.github.gadn.tensorflow.nn.Pass;
import org.tensorflow.Operand;
import org.tensorflow.types.family.TFloating;

/**
 * Classifier or discriminator (docs/method.md §3.7, "ClassifierOrDiscriminator"): encoder body with
 * batch regularisation and a linear head. With {@code outputs > 1} the output is {@code
 * log_softmax} (classifier {@code C1}/{@code C2}); with {@code outputs == 1} it is one unbounded
 * score per sample (discriminator {@code D}, shape {@code [N]}).
 *
 * <p>The head's variables are named {@code head/...} so a discriminator can take a classifier's
 * body and BR parameters and a fresh head ("convert", docs/method.md §7.1).
 */
public final class ClassifierNet<T extends TFloating> {
  private final Nn<T> nn;
  private final EncoderBody<T> body;
  private final Linear<T> head;
  private final int outputs;

  /**
   * Builds the network's variables.
   *
   * @param nn context scoped to the network (e.g. {@code cla} or {@code dis})
   * @param structure features and blocks
   * @param imageSize input side
   * @param outputs number of classes {@code K}, or 1 for a discriminator
   */
  public ClassifierNet(Nn<T> nn, NetworkStructure structure, int imageSize, int outputs) {
    this.nn = nn;
    this.body = new EncoderBody<>(nn, structure, imageSize, 4, true);
    this.head = new Linear<>(nn.sub("head"), body.outWidth(), outputs);
    this.outputs = outputs;
  }

  /**
   * One forward pass.
   *
   * @param maskedImages {@code am}-masked (and possibly augmented) 4-channel images
   * @param pass records BR losses when BR is on
   * @return log-probabilities {@code [N, K]}, or scores {@code [N]} for a discriminator
   */
  public Operand<T> apply(Operand<T> maskedImages, Pass<T> pass) {
    Operand<T> logits = head.apply(body.apply(maskedImages, pass));
    if (outputs == 1) {
      return nn.reshape(logits, -1);
    }
    return nn.tf().nn.logSoftmax(logits);
  }

  /** Number of outputs. */
  public int outputs() {
    return outputs;
  }
}
