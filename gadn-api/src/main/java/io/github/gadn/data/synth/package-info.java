/**
 * Synthetic data sets with known factors, generated from a seed in seconds: handwritten digits by
 * synthetic writers (the NIST example's default) and drawn portraits by synthetic artists (the
 * anime example's default).
 */
package io.github.gadn.data.synth;
