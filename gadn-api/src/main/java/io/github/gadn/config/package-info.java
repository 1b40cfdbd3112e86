/**
 * Training configurations, filled from a {@link io.github.gadn.config.Recipe}.
 *
 * <p>Every config is an immutable AutoValue type built by a builder pre-filled for a given image
 * size (and class count) from the default recipe, {@link io.github.gadn.config.Recipe#CPU}, which
 * learns within minutes on a CPU; {@link io.github.gadn.config.Recipe#PAPER} gives the original
 * implementation's defaults exactly. Any field can be overridden on the builder:
 *
 * <pre>{@code
 * Stage1Config quick = Stage1Config.defaults(32, 10)
 *     .run(RunOptions.builder().niter(2000).seed(7).build())
 *     .build();
 * Stage1Config paper = Stage1Config.defaults(Recipe.PAPER, 32, 10)
 *     .run(RunOptions.builder().niter(400_000).build())
 *     .build();
 * }</pre>
 */
package io.github.gadn.config;
