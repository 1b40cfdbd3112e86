package io.github.gadn.tensorflow.net;

import io.github.gadn.config.NetworkStructure;
import io.github.gadn.tensorflow.nn.Linear;
import io.github.gadn.tensorflow.nn.Nn;
import io.github.gadn.tensorflow.nn.Pass;
import org.tensorflow.Operand;
import org.tensorflow.types.family.TFloating;

/**
 * The content encoder {@code E} (docs/method.md §3.7): encoder body without batch regularisation
 * and two heads, {@code μ = Linear(h)} and {@code σ = softplus(Linear(h))}.
 */
public final class EncoderNet<T extends TFloating> {
  /** Output of one forward: posterior mean and standard deviation, {@code [N, Cc]} each. */
  public record Posterior<T extends TFloating>(Operand<T> mean, Operand<T> std) {}

  private final Nn<T> nn;
  private final EncoderBody<T> body;
  private final Linear<T> meanHead;
  private final Linear<T> stdHead;
  private final int contentSize;

  /**
   * Builds {@code E}'s variables under {@code nn}'s scope.
   *
   * @param nn context scoped to the encoder (e.g. {@code enc})
   * @param structure features and blocks
   * @param imageSize input side
   * @param contentSize {@code Cc}
   */
  public EncoderNet(Nn<T> nn, NetworkStructure structure, int imageSize, int contentSize) {
    this.nn = nn;
    this.body = new EncoderBody<>(nn, structure, imageSize, 4, false);
    this.meanHead = new Linear<>(nn.sub("mean"), body.outWidth(), contentSize);
    this.stdHead = new Linear<>(nn.sub("std"), body.outWidth(), contentSize);
    this.contentSize = contentSize;
  }

  /** Encodes {@code am}-masked 4-channel images. */
  public Posterior<T> apply(Operand<T> maskedImages) {
    Operand<T> h = body.apply(maskedImages, Pass.plain());
    return new Posterior<>(meanHead.apply(h), nn.tf().math.softplus(stdHead.apply(h)));
  }

  /** {@code Cc}. */
  public int contentSize() {
    return contentSize;
  }
}
