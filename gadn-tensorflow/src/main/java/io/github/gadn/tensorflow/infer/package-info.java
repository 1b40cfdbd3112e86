/**
 * Inference: trained runs loaded into the public {@link io.github.gadn.GadnModel} API.
 *
 * <p>Internal to the engine: the module does not export this package; use the engine through
 * {@link io.github.gadn.engine.GadnEngine}.
 */
package io.github.gadn.tensorflow.infer;
