package io.github.gadn.tensorflow.train;

import io.github.gadn.tensorflow.io.AtomicFiles;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Path;
import javax.imageio.ImageIO;

/**
 * Writes the visualisation grids of a run (docs/method.md §4.6, §9.5), laid out by {@link
 * io.github.gadn.data.ImageGrid}, as PNG atomically.
 */
final class Grids {
  private Grids() {}

  /** Writes a PNG atomically. */
  static void writePng(BufferedImage image, Path file) throws IOException {
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
