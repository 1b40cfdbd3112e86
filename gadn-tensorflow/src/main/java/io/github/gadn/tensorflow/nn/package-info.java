/**
 * Graph building blocks of docs/method.md §3: the primitive layers with their norm-rescaled
 * initialisation ({@link io.github.gadn.tensorflow.nn.Linear}, {@link
 * io.github.gadn.tensorflow.nn.Conv}, {@link io.github.gadn.tensorflow.nn.ConvTranspose}), {@link
 * io.github.gadn.tensorflow.nn.CPReLU}, every residual block kind, batch regularisation, the
 * spatial transform with its bilinear sampler, the alpha mask and the augmentation warp.
 *
 * <p>{@link io.github.gadn.tensorflow.nn.ForwardConv} builds convolution gradients and transposed
 * convolutions from forward convolution kernels only (faster on CPU without oneDNN), attaching
 * hand-written gradients through {@code IdentityN} as batch regularisation also does.
 *
 * <p>Every layer is generic over its floating type so the same code builds float32 training graphs
 * and float64 graphs for finite-difference gradient checks.
 *
 * <p>Internal to the engine: the module does not export this package; use the engine through
 * {@link io.github.gadn.engine.GadnEngine}.
 */
package io.github.gadn.tensorflow.nn;
