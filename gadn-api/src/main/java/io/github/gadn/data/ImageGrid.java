package io.github.gadn.data;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;

import java.awt.image.BufferedImage;

/**
 * The grids of docs/method.md §9.5 that training runs draw ({@code reconstructions/}, {@code
 * samples/}, {@code styles/}) and that front ends use for style-swap sheets: images in cells
 * separated by a 1-pixel black margin around every cell, colour values mapped from {@code [-1, 1]}
 * by {@code (v + 1) / 2} and clamped, missing pixels (alpha &lt; 1) shown over mid grey. A plain
 * Java image: nothing to close.
 *
 * <pre>{@code
 * // Row i: input i beside its reconstruction.
 * float[][] columns = {inputs.toArray(), drawn.toArray()};
 * BufferedImage grid = ImageGrid.layout(columns, inputs.size(), 4, inputs.count(), 1);
 * }</pre>
 */
public final class ImageGrid {
  private ImageGrid() {}

  /**
   * Lays out groups of images: in row {@code i}, item {@code j} ({@code i·cols + j}) shows its
   * image from every source side by side.
   *
   * @param sources per source, the NHWC values of at least {@code rows·cols} images with {@code
   *     channels} channels (RGB in [−1, 1]; a fourth channel is alpha in [0, 1]), e.g. {@link
   *     io.github.gadn.ImageBatch#toArray()}
   * @param size image side in pixels
   * @param channels 3 or 4
   * @param rows grid rows
   * @param cols items per row
   * @return the grid, {@code cols·sources.length·(size + 2)} wide and {@code rows·(size + 2)}
   *     high
   * @throws IllegalArgumentException naming {@code channels}, {@code size}, {@code rows}, {@code
   *     cols} or the source that holds too few values
   */
  public static BufferedImage layout(
      float[][] sources, int size, int channels, int rows, int cols) {
    checkNotNull(sources, "sources");
    checkArgument(channels == 3 || channels == 4, "channels must be 3 or 4, got %s", channels);
    checkArgument(size >= 1, "size must be positive, got %s", size);
    checkArgument(
        rows >= 1 && cols >= 1, "rows and cols must be positive, got %s and %s", rows, cols);
    long needed = (long) rows * cols * size * size * channels;
    for (int g = 0; g < sources.length; g++) {
      checkArgument(
          sources[g] != null && sources[g].length >= needed,
          "sources[%s] must hold rows*cols*size*size*channels = %s values, got %s",
          g, needed, sources[g] == null ? null : sources[g].length);
    }
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
}
