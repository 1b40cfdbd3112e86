package io.github.gadn.tensorflow.io;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;

/**
 * Writes files crash-safely: the content goes to a hidden temporary sibling ({@code
 * .<name>.<random>.tmp}), is forced to disk, and is atomically renamed over the final name; the
 * folder is then forced too, so the rename itself survives a power cut. A process killed at any
 * moment leaves either the old file or the new one under the final name, never a mixture; at
 * worst a stale temporary file, which {@link #isTemporary} recognises.
 */
public final class AtomicFiles {
  private AtomicFiles() {}

  /** Writes the content of a file to a stream. */
  @FunctionalInterface
  public interface Content {
    /** Writes everything to {@code out} (buffered; do not close it). */
    void writeTo(OutputStream out) throws IOException;
  }

  /**
   * Writes {@code file} atomically.
   *
   * @param file the final name
   * @param content writes the bytes
   * @throws IOException if the folder cannot be written or the disk is full; the previous file,
   *     if any, is then left intact and the temporary file removed
   */
  public static void write(Path file, Content content) throws IOException {
    Path dir = file.toAbsolutePath().getParent();
    Files.createDirectories(dir);
    Path tmp = Files.createTempFile(dir, "." + file.getFileName() + ".", ".tmp");
    try {
      try (FileChannel channel = FileChannel.open(tmp, StandardOpenOption.WRITE)) {
        OutputStream out = new BufferedOutputStream(Channels.newOutputStream(channel), 1 << 20);
        content.writeTo(out);
        out.flush();
        channel.force(true);
      }
      try {
        Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
      }
      forceFolder(dir);
    } finally {
      Files.deleteIfExists(tmp);
    }
  }

  /** Writes {@code bytes} to {@code file} atomically. */
  public static void write(Path file, byte[] bytes) throws IOException {
    write(file, out -> out.write(bytes));
  }

  /**
   * Copies {@code source} to {@code target} atomically (the target appears whole or not at all).
   *
   * @throws IOException if the source cannot be read or the target's folder cannot be written
   */
  public static void copy(Path source, Path target) throws IOException {
    write(target, out -> Files.copy(source, out));
  }

  /** Writes {@code text} as UTF-8 to {@code file} atomically. */
  public static void writeString(Path file, String text) throws IOException {
    write(file, text.getBytes(StandardCharsets.UTF_8));
  }

  /** Whether {@code file} is a temporary file left by a write that was killed. */
  public static boolean isTemporary(Path file) {
    String name = file.getFileName().toString();
    return name.startsWith(".") && name.endsWith(".tmp");
  }

  /**
   * Forces a folder's entries (a rename) to disk. Some platforms cannot open a folder as a
   * channel; there the rename is as durable as the file system makes it.
   */
  static void forceFolder(Path dir) {
    try (FileChannel channel = FileChannel.open(dir, StandardOpenOption.READ)) {
      channel.force(true);
    } catch (IOException | UnsupportedOperationException e) {
      // Not supported here (e.g. Windows); the data itself was forced before the rename.
    }
  }
}
