/**
 * Example programs that use only the public API: {@link io.github.gadn.examples.AnimeExample}
 * (artist-style disentanglement) and {@link io.github.gadn.examples.NistExample} (writer/digit).
 */
package io.github.gadn.examples;
