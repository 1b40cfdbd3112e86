package io.github.gadn.data;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Contact sheets of a data set: a grid of samples with 1-pixel dark separators, missing pixels
 * (alpha &lt; 1) composited over a light grey checkerboard.
 *
 * <pre>{@code
 * ContactSheet.write(data, 10, 8, Path.of("first80.png"));            // the first 80 samples
 * ContactSheet.writePerClass(data, 10, 8, Path.of("per-class.png"));   // 10 of each of 8 classes
 * }</pre>
 */
public final class ContactSheet {
  private static final int SEPARATOR = 0xFF202020;

  private ContactSheet() {}

  /**
   * The given samples in row-major order, {@code cols} per row.
   *
   * @param data the data set
   * @param indices sample indices; {@code -1} leaves a cell empty
   * @param cols cells per row, at least 1
   * @param scale integer magnification (nearest neighbour), at least 1
   * @return the sheet
   * @throws IOException naming the file of a sample that cannot be read
   */
  public static BufferedImage render(LabelledDataset data, int[] indices, int cols, int scale)
      throws IOException {
    checkNotNull(data, "data");
    checkNotNull(indices, "indices");
    checkArgument(cols >= 1, "cols must be >= 1, got %s", cols);
    checkArgument(scale >= 1, "scale must be >= 1, got %s", scale);
    int r = data.imageSize();
    int cell = r * scale + 1;
    int rows = Math.max(1, (indices.length + cols - 1) / cols);
    BufferedImage img = new BufferedImage(cols * cell + 1, rows * cell + 1, BufferedImage.TYPE_INT_RGB);
    int[] fill = new int[img.getWidth() * img.getHeight()];
    java.util.Arrays.fill(fill, SEPARATOR);
    img.setRGB(0, 0, img.getWidth(), img.getHeight(), fill, 0, img.getWidth());
    for (int k = 0; k < indices.length; k++) {
      if (indices[k] < 0) {
        continue;
      }
      float[] p = data.sample(indices[k]).rgba();
      int x0 = (k % cols) * cell + 1;
      int y0 = (k / cols) * cell + 1;
      for (int y = 0; y < r * scale; y++) {
        for (int x = 0; x < r * scale; x++) {
          int o = ((y / scale) * r + x / scale) * 4;
          double a = Math.max(0, Math.min(1, p[o + 3]));
          double back = ((x / 4 + y / 4) % 2 == 0) ? 0.72 : 0.9;
          int rgb = 0;
          for (int c = 0; c < 3; c++) {
            double v = (p[o + c] + 1) / 2 * a + back * (1 - a);
            rgb = (rgb << 8) | RgbaImage.byte255(v);
          }
          img.setRGB(x0 + x, y0 + y, rgb);
        }
      }
    }
    return img;
  }

  /**
   * The first {@code cols × rows} samples (fewer if the data set is smaller).
   *
   * @param data the data set
   * @param cols cells per row
   * @param rows rows
   * @return the sheet, magnified 2× for images under 48 pixels
   * @throws IOException naming the file of a sample that cannot be read
   */
  public static BufferedImage first(LabelledDataset data, int cols, int rows) throws IOException {
    checkArgument(rows >= 1, "rows must be >= 1, got %s", rows);
    int n = Math.min(data.size(), cols * rows);
    int[] indices = new int[n];
    for (int i = 0; i < n; i++) {
      indices[i] = i;
    }
    return render(data, indices, cols, autoScale(data));
  }

  /**
   * One row per class (the first {@code classes} classes), holding the first {@code perClass}
   * samples of that class.
   *
   * @param data the data set
   * @param perClass samples per row
   * @param classes rows (classes shown)
   * @return the sheet, magnified 2× for images under 48 pixels
   * @throws IOException naming the file of a sample that cannot be read
   */
  public static BufferedImage perClass(LabelledDataset data, int perClass, int classes)
      throws IOException {
    checkArgument(perClass >= 1, "perClass must be >= 1, got %s", perClass);
    checkArgument(classes >= 1, "classes must be >= 1, got %s", classes);
    int shown = Math.min(classes, data.classCount());
    List<List<Integer>> rows = new ArrayList<>();
    for (int k = 0; k < shown; k++) {
      rows.add(new ArrayList<>());
    }
    for (int i = 0; i < data.size(); i++) {
      int k = data.label(i);
      if (k < shown && rows.get(k).size() < perClass) {
        rows.get(k).add(i);
      }
    }
    int[] indices = new int[shown * perClass];
    java.util.Arrays.fill(indices, -1);
    for (int k = 0; k < shown; k++) {
      for (int j = 0; j < rows.get(k).size(); j++) {
        indices[k * perClass + j] = rows.get(k).get(j);
      }
    }
    return render(data, indices, perClass, autoScale(data));
  }

  private static int autoScale(LabelledDataset data) {
    return data.imageSize() < 48 ? 2 : 1;
  }

  /**
   * Writes the sheet of the first {@code cols × rows} samples as a PNG.
   *
   * @param data the data set
   * @param cols cells per row
   * @param rows rows
   * @param png the file (parent folders are created)
   * @throws IOException if a sample cannot be read or the file cannot be written
   */
  public static void write(LabelledDataset data, int cols, int rows, Path png) throws IOException {
    ImageFiles.writePng(first(data, cols, rows), png);
  }

  /**
   * Writes the per-class sheet ({@link #perClass}) as a PNG.
   *
   * @param data the data set
   * @param perClass samples per row
   * @param classes rows (classes shown)
   * @param png the file (parent folders are created)
   * @throws IOException if a sample cannot be read or the file cannot be written
   */
  public static void writePerClass(LabelledDataset data, int perClass, int classes, Path png)
      throws IOException {
    ImageFiles.writePng(perClass(data, perClass, classes), png);
  }
}
