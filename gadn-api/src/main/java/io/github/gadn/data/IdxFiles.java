package io.github.gadn.data;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;

import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;
import org.tukaani.xz.XZInputStream;

/**
 * Reading MNIST-style IDX files: {@code idx3-ubyte} images, {@code idx1-ubyte} labels and
 * QMNIST's {@code idx2-int} extended labels (magic {@code 0x00000C02}, big-endian int32 rows of
 * 8 columns: digit, NIST HSF series, writer id, digit index for this writer, NIST class code,
 * global index, duplicate flag, unused). Files may be plain, gzip or xz compressed; the
 * compression is detected from the first bytes, not from the name. See {@link IdxWriter} for
 * writing.
 */
public final class IdxFiles {
  /** Magic of unsigned-byte 3-D arrays (images). */
  public static final int IMAGES_MAGIC = 0x00000803;
  /** Magic of unsigned-byte 1-D arrays (labels). */
  public static final int LABELS_MAGIC = 0x00000801;
  /** Magic of int32 2-D arrays (QMNIST extended labels). */
  public static final int INT_TABLE_MAGIC = 0x00000C02;

  private static final byte[] XZ_MAGIC = {(byte) 0xfd, '7', 'z', 'X', 'Z', 0};

  private IdxFiles() {}

  /**
   * The images of an idx3-ubyte file.
   *
   * @param count number of images
   * @param rows image height
   * @param columns image width
   * @param pixels {@code count * rows * columns} grey values (unsigned bytes), image-major then
   *     row-major
   */
  public record Images(int count, int rows, int columns, byte[] pixels) {
    /**
     * Checks the sizes.
     *
     * @param count number of images, {@code >= 0}
     * @param rows image height, positive
     * @param columns image width, positive
     * @param pixels the grey values
     */
    public Images {
      checkArgument(count >= 0, "count must be >= 0, got %s", count);
      checkArgument(rows > 0 && columns > 0, "rows and columns must be positive, got %sx%s", rows, columns);
      checkNotNull(pixels, "pixels");
      checkArgument(
          pixels.length == (long) count * rows * columns,
          "pixels must hold count*rows*columns = %s values, got %s",
          (long) count * rows * columns,
          pixels.length);
    }
  }

  /**
   * Opens a file for reading, transparently decompressing gzip ({@code 1f 8b}) or xz
   * ({@code fd 37 7a 58 5a 00}).
   *
   * @param file the file
   * @return a buffered stream of the uncompressed content
   * @throws IOException naming the file if it is missing or cannot be opened
   */
  public static InputStream open(Path file) throws IOException {
    checkNotNull(file, "file");
    if (!Files.isRegularFile(file)) {
      throw new DataException(
          "IDX file " + file + (Files.exists(file) ? " is not a regular file" : " does not exist"));
    }
    InputStream in = new BufferedInputStream(Files.newInputStream(file), 1 << 16);
    try {
      in.mark(8);
      byte[] head = in.readNBytes(6);
      in.reset();
      if (head.length >= 2 && (head[0] & 255) == 0x1f && (head[1] & 255) == 0x8b) {
        return new BufferedInputStream(new GZIPInputStream(in, 1 << 16), 1 << 16);
      }
      boolean xz = head.length == 6;
      for (int i = 0; i < 6 && xz; i++) {
        xz = head[i] == XZ_MAGIC[i];
      }
      if (xz) {
        return new BufferedInputStream(new XZInputStream(in), 1 << 16);
      }
      return in;
    } catch (IOException | RuntimeException e) {
      in.close();
      throw e;
    }
  }

  /**
   * Reads an idx3-ubyte image file.
   *
   * @param file plain, gzip or xz file
   * @return the images
   * @throws DataException naming the file on a wrong magic, impossible dimensions or truncation
   */
  public static Images readImages(Path file) throws IOException {
    try (DataInputStream in = new DataInputStream(open(file))) {
      int magic = in.readInt();
      if (magic != IMAGES_MAGIC) {
        throw new DataException(String.format(
            "%s is not an idx3-ubyte image file (magic 0x%08X, expected 0x%08X)%s",
            file, magic, IMAGES_MAGIC, magic == LABELS_MAGIC || magic == INT_TABLE_MAGIC
                ? "; it is a label file" : ""));
      }
      int count = in.readInt();
      int rows = in.readInt();
      int cols = in.readInt();
      if (count < 0 || rows <= 0 || cols <= 0 || (long) count * rows * cols > Integer.MAX_VALUE - 8) {
        throw new DataException(
            file + " has impossible dimensions " + count + " x " + rows + " x " + cols);
      }
      byte[] pixels = new byte[count * rows * cols];
      int got = in.readNBytes(pixels, 0, pixels.length);
      if (got < pixels.length) {
        throw new DataException(
            file + " is truncated: the header announces " + count + " images of " + rows + "x"
                + cols + " (" + pixels.length + " bytes) but only " + got + " bytes follow");
      }
      return new Images(count, rows, cols, pixels);
    } catch (EOFException e) {
      throw new DataException(file + " is truncated (incomplete header or compressed stream)", e);
    } catch (DataException e) {
      throw e;
    } catch (IOException e) {
      throw new DataException("cannot read IDX file " + file + ": " + e, e);
    }
  }

  /**
   * Reads a label file as a table: an idx1-ubyte file gives one column, an idx2-int file its
   * columns (QMNIST: 8).
   *
   * @param file plain, gzip or xz file
   * @return {@code count} rows of the same length
   * @throws DataException naming the file on a wrong magic or truncation
   */
  public static int[][] readLabels(Path file) throws IOException {
    try (DataInputStream in = new DataInputStream(open(file))) {
      int magic = in.readInt();
      if (magic == LABELS_MAGIC) {
        int count = in.readInt();
        checkCount(file, count, 1);
        byte[] raw = new byte[count];
        int got = in.readNBytes(raw, 0, count);
        if (got < count) {
          throw new DataException(
              file + " is truncated: the header announces " + count + " labels but only " + got
                  + " follow");
        }
        int[][] out = new int[count][1];
        for (int i = 0; i < count; i++) {
          out[i][0] = raw[i] & 255;
        }
        return out;
      }
      if (magic == INT_TABLE_MAGIC) {
        int count = in.readInt();
        int cols = in.readInt();
        if (cols <= 0 || cols > 1024) {
          throw new DataException(file + " has an impossible column count " + cols);
        }
        checkCount(file, count, cols);
        int[][] out = new int[count][cols];
        for (int i = 0; i < count; i++) {
          for (int c = 0; c < cols; c++) {
            try {
              out[i][c] = in.readInt();
            } catch (EOFException e) {
              throw new DataException(
                  file + " is truncated: the header announces " + count + " rows of " + cols
                      + " columns but it ends in row " + i, e);
            }
          }
        }
        return out;
      }
      throw new DataException(String.format(
          "%s is not an IDX label file (magic 0x%08X; expected idx1-ubyte 0x%08X or idx2-int 0x%08X)%s",
          file, magic, LABELS_MAGIC, INT_TABLE_MAGIC,
          magic == IMAGES_MAGIC ? "; it is an image file" : ""));
    } catch (EOFException e) {
      throw new DataException(file + " is truncated (incomplete header or compressed stream)", e);
    } catch (DataException e) {
      throw e;
    } catch (IOException e) {
      throw new DataException("cannot read IDX file " + file + ": " + e, e);
    }
  }

  private static void checkCount(Path file, int count, int cols) throws DataException {
    if (count < 0 || (long) count * cols > Integer.MAX_VALUE - 8) {
      throw new DataException(file + " announces an impossible count " + count);
    }
  }
}
