package io.github.gadn.tensorflow.train;

import io.github.gadn.data.LabelledDataset;
import io.github.gadn.data.Sample;
import java.util.ArrayList;
import java.util.List;

/**
 * A small in-memory labelled set for trainer tests: each image is a soft blob (content: position
 * and size vary per image) drawn in a class colour (style), on a grey background.
 */
final class ToyDataset implements LabelledDataset {
  private final int size;
  private final int classes;
  private final int count;

  ToyDataset(int size, int classes, int count) {
    this.size = size;
    this.classes = classes;
    this.count = count;
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
    List<String> names = new ArrayList<>();
    for (int k = 0; k < classes; k++) {
      names.add("class" + k);
    }
    return names;
  }

  @Override
  public int label(int index) {
    return index % classes;
  }

  @Override
  public boolean hasWeightMaps() {
    return false;
  }

  @Override
  public Sample sample(int index) {
    java.util.SplittableRandom random = new java.util.SplittableRandom(index * 7919L + 1);
    int label = label(index);
    double cx = size * (0.25 + 0.5 * random.nextDouble());
    double cy = size * (0.25 + 0.5 * random.nextDouble());
    double radius = size * (0.15 + 0.15 * random.nextDouble());
    double[] colour = {
      Math.cos(label * 2.1), Math.cos(label * 2.1 + 2.1), Math.cos(label * 2.1 + 4.2)
    };
    float[] rgba = new float[size * size * 4];
    for (int y = 0; y < size; y++) {
      for (int x = 0; x < size; x++) {
        double d = Math.hypot(x + 0.5 - cx, y + 0.5 - cy) / radius;
        double w = 1 / (1 + Math.exp((d - 1) * 6));
        int o = (y * size + x) * 4;
        for (int c = 0; c < 3; c++) {
          rgba[o + c] = (float) (w * colour[c]);
        }
        rgba[o + 3] = 1f;
      }
    }
    return Sample.of(size, rgba, null, label);
  }

  @Override
  public String description() {
    return "toy blobs " + size + "px x" + count;
  }

  @Override
  public String fingerprint() {
    return "toy-" + size + "-" + classes + "-" + count;
  }
}
