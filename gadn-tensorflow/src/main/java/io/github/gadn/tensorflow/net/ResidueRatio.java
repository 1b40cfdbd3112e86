package io.github.gadn.tensorflow.net;

/**
 * The residue-ratio schedule of docs/method.md §3.5: a running total that starts at 1; each block
 * of a level with {@code m} blocks adds {@code 1/m} and gets {@code r = (1/m)/total}.
 */
final class ResidueRatio {
  private double total = 1;

  double next(int blocksInLevel) {
    double w = 1.0 / blocksInLevel;
    total += w;
    return w / total;
  }
}
