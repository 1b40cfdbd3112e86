/**
 * Crash-safe checkpoint files of named float tensors plus trainer metadata.
 *
 * <p>Internal to the engine: the module does not export this package; use the engine through
 * {@link io.github.gadn.engine.GadnEngine}.
 */
package io.github.gadn.tensorflow.io;
