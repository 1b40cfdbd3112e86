/**
 * Optimisers as graph update ops with feedable learning rates (docs/method.md §11.3): Adam with
 * TF's "epsilon hat" placement (the PyTorch-before-1.3 behaviour the original ran with) and RMSprop
 * with PyTorch's rule (accumulator starts at 0, epsilon added after the square root).
 *
 * <p>Every update is gated by {@link io.github.gadn.tensorflow.optim.Gate} on all gradients of the
 * iteration, so no network's update races with another network's backward pass in the same {@code
 * Session.run}.
 *
 * <p>Internal to the engine: the module does not export this package; use the engine through
 * {@link io.github.gadn.engine.GadnEngine}.
 */
package io.github.gadn.tensorflow.optim;
