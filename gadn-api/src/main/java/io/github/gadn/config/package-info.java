/**
 * Training configurations with the specification's defaults (spec Appendix C, §3.13).
 *
 * <p>Every config is an immutable AutoValue type built by a builder pre-filled with the spec's
 * defaults for a given image size and class count, for example:
 *
 * <pre>{@code
 * Stage1Config config = Stage1Config.defaults(32, 10).niter(2000).seed(7).build();
 * }</pre>
 */
package io.github.gadn.config;
