/**
 * Every loss of GADN in one place, named and written as in docs/method.md §12.
 *
 * <p>Internal to the engine: the module does not export this package; use the engine through
 * {@link io.github.gadn.engine.GadnEngine}.
 */
package io.github.gadn.tensorflow.loss;
