/**
 * The trainers: each stage's iteration built as one TensorFlow graph (forward passes, every
 * gradient routed as docs/method.md §4.4 and §7.3 describe, every optimiser update) and run with
 * one {@code Session.run} per iteration, plus run folders, checkpoints, grids, loss logs and
 * progress.
 *
 * <p>Internal to the engine: the module does not export this package; use the engine through
 * {@link io.github.gadn.engine.GadnEngine}.
 */
package io.github.gadn.tensorflow.train;
