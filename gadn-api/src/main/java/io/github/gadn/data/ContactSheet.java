package io.github.gadn.data;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import javax.imageio.ImageIO;

/**
 * A contact sheet of a data set: a grid of samples, one row per class (up to {@code rows}
 * classes, {@code cols} samples each), missing pixels shown on a grey/white checkerboard.
 */
public final class ContactSheet {
  private ContactSheet() {}

  /**
   * Renders the sheet.
   *
   * @param data the data set
   * @param rows number of classes shown (the first ones)
   * @param cols samples per class (the first ones of each class)
   */
  public static BufferedImage render(LabelledDataset data, int rows, int cols) throws IOException {
    int r = data.imageSize();
    int shownRows = Math.min(rows, data.classCount());
    int cell = r + 2;
    BufferedImage img = new BufferedImage(cols * cell, shownRows * cell, BufferedImage.TYPE_INT_RGB);
    int[] filled = new int[shownRows];
    for (int i = 0; i < data.size(); i++) {
      int label = data.label(i);
      if (label >= shownRows || filled[label] >= cols) {
        continue;
      }
      Sample s = data.sample(i);
      int x0 = filled[label]++ * cell + 1;
      int y0 = label * cell + 1;
      float[] p = s.rgba();
      for (int y = 0; y < r; y++) {
        for (int x = 0; x < r; x++) {
          int o = (y * r + x) * 4;
          double a = p[o + 3];
          double back = ((x / 4 + y / 4) % 2 == 0) ? 0.75 : 1.0;
          int rgb = 0;
          for (int c = 0; c < 3; c++) {
            double v = (p[o + c] + 1) / 2 * a + back * (1 - a);
            rgb = (rgb << 8) | (int) Math.round(Math.max(0, Math.min(1, v)) * 255);
          }
          img.setRGB(x0 + x, y0 + y, rgb);
        }
      }
    }
    return img;
  }

  /** Renders and writes a PNG. */
  public static void write(LabelledDataset data, int rows, int cols, Path png) throws IOException {
    java.nio.file.Files.createDirectories(png.toAbsolutePath().getParent());
    if (!ImageIO.write(render(data, rows, cols), "png", png.toFile())) {
      throw new IOException("no PNG writer for " + png);
    }
  }
}
