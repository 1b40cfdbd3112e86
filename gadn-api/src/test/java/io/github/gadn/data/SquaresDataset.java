package io.github.gadn.data;

import java.util.List;

/**
 * Test fixture: black {@code size}-pixel images, each with one white square of side {@code side}
 * in its middle (so ink covers {@code side² / size²} of the pixels before dilation), labelled
 * {@code index % 2}.
 */
public final class SquaresDataset implements LabelledDataset {
  private final int count;
  private final int size;
  private final int side;

  public SquaresDataset(int count, int size, int side) {
    this.count = count;
    this.size = size;
    this.side = side;
  }

  @Override
  public int size() {
    return count;
  }

  @Override
  public int imageSize() {
    return size;
  }

  @Override
  public List<String> classNames() {
    return List.of("even", "odd");
  }

  @Override
  public int label(int index) {
    return index % 2;
  }

  @Override
  public boolean hasWeightMaps() {
    return false;
  }

  @Override
  public Sample sample(int index) {
    float[] rgba = new float[size * size * 4];
    int from = (size - side) / 2;
    for (int y = 0; y < size; y++) {
      for (int x = 0; x < size; x++) {
        boolean ink = y >= from && y < from + side && x >= from && x < from + side;
        int o = (y * size + x) * 4;
        rgba[o] = rgba[o + 1] = rgba[o + 2] = ink ? 1 : -1;
        rgba[o + 3] = 1;
      }
    }
    return Sample.of(size, rgba, null, label(index));
  }

  @Override
  public String description() {
    return "squares(" + count + ", " + size + ", " + side + ")";
  }

  @Override
  public String fingerprint() {
    return description();
  }
}
