package io.github.gadn.tensorflow.train;

import io.github.gadn.tensorflow.io.AtomicFiles;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Path;
import javax.imageio.ImageIO;

/**
 * Visualisation grids (docs/method.md §4.6, §9.5): cells separated by a 1-pixel black margin around
 * every cell, values mapped by {@code (v+1)/2} and clamped; written as PNG atomically.
 */
public final class Grids {
  private Grids() {}

  /**
   * Lays out groups of images: row {@code i}, group {@code j} shows the {@code k}-th image of
   * every source side by side, for item {@code i·cols + j}.
   *
   * @param sources per source, NHWC values of {@code rows·cols} images with {@code channels}
   *     channels (RGB in [−1,1]; a fourth channel, if present, is alpha in [0,1] shown over grey)
   * @param size image side
   * @param channels 3 or 4
   * @param rows grid rows
   * @param cols items per row
   * @return the grid image
   */
  public static BufferedImage layout(float[][] sources, int size, int channels, int rows, int cols) {
    int cell = size + 2;
    int groups = sources.length;
    BufferedImage img =
        new BufferedImage(cols * groups * cell, rows * cell, BufferedImage.TYPE_INT_RGB);
    for (int i = 0; i < rows; i++) {
      for (int j = 0; j < cols; j++) {
        int item = i * cols + j;
        for (int g = 0; g < groups; g++) {
          int x0 = (j * groups + g) * cell + 1;
          int y0 = i * cell + 1;
          float[] src = sources[g];
          int base = item * size * size * channels;
          for (int y = 0; y < size; y++) {
            for (int x = 0; x < size; x++) {
              int o = base + (y * size + x) * channels;
              double a = channels == 4 ? clamp(src[o + 3]) : 1;
              int rgb = 0;
              for (int c = 0; c < 3; c++) {
                double v = clamp((src[o + c] + 1) / 2);
                v = v * a + 0.5 * (1 - a);
                rgb = (rgb << 8) | (int) Math.round(v * 255);
              }
              img.setRGB(x0 + x, y0 + y, rgb);
            }
          }
        }
      }
    }
    return img;
  }

  private static double clamp(double v) {
    return v < 0 ? 0 : v > 1 ? 1 : v;
  }

  /** Writes a PNG atomically. */
  public static void writePng(BufferedImage image, Path file) throws IOException {
    AtomicFiles.write(file, png(image, file));
  }

  /** Encodes an image as PNG; {@code file}, where it goes, names it in the error. */
  static byte[] png(BufferedImage image, Path file) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    if (!ImageIO.write(image, "png", bytes)) {
      throw new IOException("no PNG writer available for " + file);
    }
    return bytes.toByteArray();
  }
}
