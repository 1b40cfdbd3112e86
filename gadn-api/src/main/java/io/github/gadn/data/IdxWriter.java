package io.github.gadn.data;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;

import java.io.BufferedOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPOutputStream;
import org.tukaani.xz.LZMA2Options;
import org.tukaani.xz.XZOutputStream;

/**
 * Writes MNIST-style IDX files readable by {@link IdxFiles}: {@code idx3-ubyte} images,
 * {@code idx1-ubyte} labels and QMNIST-style {@code idx2-int} label tables, plain or compressed.
 *
 * <pre>{@code
 * IdxWriter.writeImages(dir.resolve("images-idx3-ubyte.gz"), images, IdxWriter.Compression.GZIP);
 * IdxWriter.writeTable(dir.resolve("labels-idx2-int"), rows, IdxWriter.Compression.NONE);
 * }</pre>
 */
public final class IdxWriter {
  private IdxWriter() {}

  /** Compression of a written file. */
  public enum Compression {
    /** Plain IDX. */
    NONE,
    /** gzip, as MNIST is distributed ({@code .gz}). */
    GZIP,
    /** xz, as QMNIST is distributed ({@code .xz}). */
    XZ;

    /**
     * The compression suggested by a file name: {@code .gz} → GZIP, {@code .xz} → XZ, else NONE.
     *
     * @param file a file name
     * @return the compression
     */
    public static Compression forName(Path file) {
      String name = String.valueOf(file.getFileName());
      return name.endsWith(".gz") ? GZIP : name.endsWith(".xz") ? XZ : NONE;
    }
  }

  private static DataOutputStream create(Path file, Compression compression) throws IOException {
    checkNotNull(file, "file");
    checkNotNull(compression, "compression");
    Path parent = file.toAbsolutePath().getParent();
    if (parent != null) {
      Files.createDirectories(parent);
    }
    OutputStream out = new BufferedOutputStream(Files.newOutputStream(file), 1 << 16);
    try {
      OutputStream wrapped = switch (compression) {
        case NONE -> out;
        case GZIP -> new GZIPOutputStream(out, 1 << 16);
        case XZ -> new XZOutputStream(out, new LZMA2Options());
      };
      return new DataOutputStream(new BufferedOutputStream(wrapped, 1 << 16));
    } catch (IOException | RuntimeException e) {
      out.close();
      throw e;
    }
  }

  /**
   * Writes an idx3-ubyte image file.
   *
   * @param file the file
   * @param images the images
   * @param compression how to compress it
   * @throws IOException if it cannot be written
   */
  public static void writeImages(Path file, IdxFiles.Images images, Compression compression)
      throws IOException {
    checkNotNull(images, "images");
    try (DataOutputStream out = create(file, compression)) {
      out.writeInt(IdxFiles.IMAGES_MAGIC);
      out.writeInt(images.count());
      out.writeInt(images.rows());
      out.writeInt(images.columns());
      out.write(images.pixels());
    }
  }

  /**
   * Writes an idx1-ubyte label file.
   *
   * @param file the file
   * @param labels values in {@code [0, 255]}
   * @param compression how to compress it
   * @throws IOException if it cannot be written
   */
  public static void writeLabels(Path file, int[] labels, Compression compression) throws IOException {
    checkNotNull(labels, "labels");
    for (int i = 0; i < labels.length; i++) {
      checkArgument(labels[i] >= 0 && labels[i] <= 255, "labels[%s] = %s is not an unsigned byte", i, labels[i]);
    }
    try (DataOutputStream out = create(file, compression)) {
      out.writeInt(IdxFiles.LABELS_MAGIC);
      out.writeInt(labels.length);
      for (int v : labels) {
        out.write(v);
      }
    }
  }

  /**
   * Writes an idx2-int table (QMNIST extended labels: 8 columns per row).
   *
   * @param file the file
   * @param rows rows of equal, positive length
   * @param compression how to compress it
   * @throws IOException if it cannot be written
   */
  public static void writeTable(Path file, int[][] rows, Compression compression) throws IOException {
    checkNotNull(rows, "rows");
    int cols = rows.length == 0 ? 1 : rows[0].length;
    checkArgument(cols > 0, "rows must have at least one column");
    for (int i = 0; i < rows.length; i++) {
      checkArgument(rows[i].length == cols, "row %s has %s columns, expected %s", i, rows[i].length, cols);
    }
    try (DataOutputStream out = create(file, compression)) {
      out.writeInt(IdxFiles.INT_TABLE_MAGIC);
      out.writeInt(rows.length);
      out.writeInt(cols);
      for (int[] row : rows) {
        for (int v : row) {
          out.writeInt(v);
        }
      }
    }
  }
}
