/**
 * The networks of GADN as graph builders (docs/method.md §3.7–§3.12): the encoder {@code E} ({@link
 * io.github.gadn.tensorflow.net.EncoderNet}), the generator {@code G} ({@link
 * io.github.gadn.tensorflow.net.GeneratorNet}), the classifiers and discriminator ({@link
 * io.github.gadn.tensorflow.net.ClassifierNet}, {@link
 * io.github.gadn.tensorflow.net.MlpClassifierNet}) and the style table {@code S} ({@link
 * io.github.gadn.tensorflow.net.StyleBankNet}).
 *
 * <p>Each network creates its variables once; every {@code apply} builds a new forward pass that
 * shares them.
 *
 * <p>Internal to the engine: the module does not export this package; use the engine through
 * {@link io.github.gadn.engine.GadnEngine}.
 */
package io.github.gadn.tensorflow.net;
