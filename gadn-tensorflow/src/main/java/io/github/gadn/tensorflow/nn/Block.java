package io.github.gadn.tensorflow.nn;

import org.tensorflow.Operand;
import org.tensorflow.types.family.TFloating;

/** A block acting on an NHWC feature map of known static spatial size. */
public interface Block<T extends TFloating> {

  /** Applies the block within a forward pass. */
  Operand<T> apply(Operand<T> x, Pass<T> pass);

  /** Output side. */
  int outSize();

  /** Output channels. */
  int outChannels();
}
