package io.github.gadn.data;

/**
 * A mini-batch ready to feed to a trainer: images, optional weight maps, labels and the data-set
 * indices the images came from.
 *
 * @param size number of samples {@code N}
 * @param imageSize image side {@code R}
 * @param rgba {@code N * R * R * 4} values, sample-major, then row-major, channels last
 * @param weights {@code N * R * R} weight-map values, or {@code null} when the data set has none
 * @param labels the {@code N} class indices
 * @param indices the {@code N} data-set indices (stage 2 pairs stored codes by these)
 */
public record Batch(int size, int imageSize, float[] rgba, float[] weights, int[] labels, int[] indices) {}
