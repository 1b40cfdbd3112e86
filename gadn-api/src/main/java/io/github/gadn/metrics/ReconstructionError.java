package io.github.gadn.metrics;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;

import io.github.gadn.CodeBatch;
import io.github.gadn.GadnModel;
import io.github.gadn.GaussianCodes;
import io.github.gadn.ImageBatch;
import io.github.gadn.data.InkWeights;
import io.github.gadn.data.LabelledDataset;
import io.github.gadn.data.Sample;
import java.io.IOException;

/**
 * Measures {@link ReconstructionScores}: each image {@code x} of class {@code a} is encoded to its
 * posterior mean and drawn again with the mean style of {@code a}; the distance is the stage-1
 * per-pixel distance {@code √(Σ_rgb (x̃ − x)² + 1e-8)} averaged over the pixels whose alpha is
 * positive, and the blank image fills every pixel with the image's background colour (the median
 * of its border, as {@link InkWeights} finds it).
 */
public final class ReconstructionError {
  /** Images encoded and drawn at once. */
  static final int CHUNK = 256;

  private ReconstructionError() {}

  /**
   * Measures up to {@code maxImages} images spread evenly over the data set.
   *
   * @param name display name of the model in the report
   * @param model the model (its image size must be the data's)
   * @param data the images and their style labels
   * @param maxImages at most this many images, at least 1
   * @return the scores
   * @throws IOException if an image cannot be read
   */
  public static ReconstructionScores evaluate(
      String name, GadnModel model, LabelledDataset data, int maxImages) throws IOException {
    checkNotNull(name, "name");
    checkArgument(maxImages >= 1, "maxImages must be at least 1, got %s", maxImages);
    checkArgument(
        data.imageSize() == model.imageSize(),
        "the data's image size %s differs from the model's %s", data.imageSize(), model.imageSize());
    int n = Math.min(maxImages, data.size());
    int r = data.imageSize();
    int styleSize = model.styles().styleSize();
    double modelSum = 0;
    double blankSum = 0;
    long pixels = 0;
    for (int start = 0; start < n; start += CHUNK) {
      int m = Math.min(CHUNK, n - start);
      float[] rgba = new float[m * r * r * 4];
      int[] labels = new int[m];
      for (int i = 0; i < m; i++) {
        Sample s = data.sample((int) ((long) (start + i) * data.size() / n));
        System.arraycopy(s.rgba(), 0, rgba, i * r * r * 4, r * r * 4);
        labels[i] = s.label();
      }
      GaussianCodes codes = model.encoder().encode(ImageBatch.of(m, r, rgba));
      float[] styles = model.styles().styles(labels).mean().toArray();
      float[] rec = model.generator().generate(codes.mean(), CodeBatch.of(m, styleSize, styles)).toArray();
      for (int i = 0; i < m; i++) {
        float[] image = new float[r * r * 4];
        System.arraycopy(rgba, i * r * r * 4, image, 0, image.length);
        double[] bg = InkWeights.backgroundColour(image, r);
        for (int p = 0; p < r * r; p++) {
          int o = (i * r * r + p) * 4;
          if (rgba[o + 3] <= 0) {
            continue;
          }
          double d = 0;
          double b = 0;
          for (int c = 0; c < 3; c++) {
            double x = rgba[o + c];
            d += (rec[o + c] - x) * (rec[o + c] - x);
            b += (bg[c] - x) * (bg[c] - x);
          }
          modelSum += Math.sqrt(d + 1e-8);
          blankSum += Math.sqrt(b + 1e-8);
          pixels++;
        }
      }
    }
    checkArgument(pixels > 0, "every measured pixel of %s is transparent", data.description());
    return new ReconstructionScores(name, n, modelSum / pixels, blankSum / pixels);
  }
}
