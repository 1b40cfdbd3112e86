package io.github.gadn.data;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;
import org.tukaani.xz.XZInputStream;

/**
 * MNIST-style IDX files: {@code idx3-ubyte} images, {@code idx1-ubyte} labels and QMNIST's
 * {@code idx2-int} extended labels; plain, gzip or xz compressed (detected from the content).
 */
public final class IdxFiles {
  /** Magic of unsigned-byte 3-D arrays (images). */
  public static final int IMAGES_MAGIC = 0x00000803;
  /** Magic of unsigned-byte 1-D arrays (labels). */
  public static final int LABELS_MAGIC = 0x00000801;
  /** Magic of int32 2-D arrays (QMNIST extended labels). */
  public static final int INT_TABLE_MAGIC = 0x00000C02;

  private IdxFiles() {}

  /** Images of an idx3-ubyte file. */
  public record Images(int count, int rows, int columns, byte[] pixels) {}

  /** Opens a file, transparently decompressing gzip or xz. */
  static InputStream open(Path file) throws IOException {
    if (!Files.isRegularFile(file)) {
      throw new DataException("IDX file " + file + " does not exist");
    }
    InputStream in = new BufferedInputStream(Files.newInputStream(file), 1 << 16);
    in.mark(8);
    int b0 = in.read();
    int b1 = in.read();
    int b2 = in.read();
    in.reset();
    if (b0 == 0x1f && b1 == 0x8b) {
      return new BufferedInputStream(new GZIPInputStream(in, 1 << 16), 1 << 16);
    }
    if (b0 == 0xfd && b1 == '7' && b2 == 'z') {
      return new BufferedInputStream(new XZInputStream(in), 1 << 16);
    }
    return in;
  }

  /**
   * Reads images.
   *
   * @throws DataException naming the file on a wrong magic, bad dimensions or truncation
   */
  public static Images readImages(Path file) throws IOException {
    try (DataInputStream in = new DataInputStream(open(file))) {
      int magic = in.readInt();
      if (magic != IMAGES_MAGIC) {
        throw new DataException(String.format(
            "%s is not an idx3-ubyte image file (magic 0x%08X, expected 0x%08X)", file, magic, IMAGES_MAGIC));
      }
      int count = in.readInt();
      int rows = in.readInt();
      int cols = in.readInt();
      if (count < 0 || rows <= 0 || cols <= 0 || (long) count * rows * cols > Integer.MAX_VALUE) {
        throw new DataException(file + " has impossible dimensions " + count + "x" + rows + "x" + cols);
      }
      byte[] pixels = new byte[count * rows * cols];
      try {
        in.readFully(pixels);
      } catch (EOFException e) {
        throw new DataException(
            file + " is truncated: the header announces " + count + " images of " + rows + "x" + cols);
      }
      return new Images(count, rows, cols, pixels);
    } catch (EOFException e) {
      throw new DataException(file + " is truncated (incomplete header)");
    } catch (DataException e) {
      throw e;
    } catch (IOException e) {
      throw new DataException("cannot read IDX file " + file + ": " + e.getMessage(), e);
    }
  }

  /**
   * Reads labels as a table: idx1-ubyte gives one column, idx2-int gives its columns (QMNIST: 8).
   *
   * @throws DataException naming the file on a wrong magic or truncation
   */
  public static int[][] readLabels(Path file) throws IOException {
    try (DataInputStream in = new DataInputStream(open(file))) {
      int magic = in.readInt();
      if (magic == LABELS_MAGIC) {
        int count = in.readInt();
        checkCount(file, count);
        int[][] out = new int[count][1];
        for (int i = 0; i < count; i++) {
          int v = in.read();
          if (v < 0) {
            throw new DataException(file + " is truncated: the header announces " + count + " labels");
          }
          out[i][0] = v;
        }
        return out;
      }
      if (magic == INT_TABLE_MAGIC) {
        int count = in.readInt();
        int cols = in.readInt();
        checkCount(file, count);
        if (cols <= 0 || cols > 1024) {
          throw new DataException(file + " has an impossible column count " + cols);
        }
        int[][] out = new int[count][cols];
        try {
          for (int i = 0; i < count; i++) {
            for (int c = 0; c < cols; c++) {
              out[i][c] = in.readInt();
            }
          }
        } catch (EOFException e) {
          throw new DataException(
              file + " is truncated: the header announces " + count + " rows of " + cols + " columns");
        }
        return out;
      }
      throw new DataException(String.format(
          "%s is not an IDX label file (magic 0x%08X; expected idx1-ubyte 0x%08X or idx2-int 0x%08X)",
          file, magic, LABELS_MAGIC, INT_TABLE_MAGIC));
    } catch (EOFException e) {
      throw new DataException(file + " is truncated (incomplete header)");
    } catch (DataException e) {
      throw e;
    } catch (IOException e) {
      throw new DataException("cannot read IDX file " + file + ": " + e.getMessage(), e);
    }
  }

  private static void checkCount(Path file, int count) throws DataException {
    if (count < 0) {
      throw new DataException(file + " announces a negative count " + count);
    }
  }

  private static OutputStream create(Path file) throws IOException {
    Path parent = file.toAbsolutePath().getParent();
    Files.createDirectories(parent);
    OutputStream out = new BufferedOutputStream(Files.newOutputStream(file), 1 << 16);
    return file.getFileName().toString().endsWith(".gz") ? new GZIPOutputStream(out, 1 << 16) : out;
  }

  /** Writes an idx3-ubyte file (gzip-compressed if the name ends in {@code .gz}). */
  public static void writeImages(Path file, Images images) throws IOException {
    try (DataOutputStream out = new DataOutputStream(create(file))) {
      out.writeInt(IMAGES_MAGIC);
      out.writeInt(images.count());
      out.writeInt(images.rows());
      out.writeInt(images.columns());
      out.write(images.pixels());
    }
  }

  /** Writes an idx1-ubyte label file. */
  public static void writeLabels(Path file, int[] labels) throws IOException {
    try (DataOutputStream out = new DataOutputStream(create(file))) {
      out.writeInt(LABELS_MAGIC);
      out.writeInt(labels.length);
      for (int v : labels) {
        out.write(v);
      }
    }
  }

  /** Writes an idx2-int table (QMNIST extended labels). */
  public static void writeTable(Path file, int[][] rows) throws IOException {
    int cols = rows.length == 0 ? 0 : rows[0].length;
    try (DataOutputStream out = new DataOutputStream(create(file))) {
      out.writeInt(INT_TABLE_MAGIC);
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
