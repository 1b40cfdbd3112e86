package io.github.gadn.tensorflow.io;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Comparator;
import java.util.stream.Stream;

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

  /** Writes the files of a folder. */
  @FunctionalInterface
  public interface FolderContent {
    /** Writes everything into {@code folder}, which exists and is empty. */
    void writeInto(Path folder) throws IOException;
  }

  /**
   * Writes a whole folder atomically: {@code content} fills a hidden temporary sibling ({@code
   * .<name>.<random>}), every file in it is forced to disk, and the sibling is renamed to {@code
   * folder}. A failure at any point removes the temporary folder and leaves nothing new at {@code
   * folder}. It never replaces anything: {@code folder} must not exist, or be an empty folder.
   *
   * @param folder the final name
   * @param content writes the files
   * @throws FileAlreadyExistsException if {@code folder} is a file or a folder that is not empty
   * @throws IOException if the parent cannot be written or {@code content} fails
   */
  public static void writeFolder(Path folder, FolderContent content) throws IOException {
    refuseExisting(folder);
    Path target = folder.toAbsolutePath();
    Path parent = target.getParent();
    Files.createDirectories(parent);
    Path tmp = Files.createTempDirectory(parent, "." + target.getFileName() + ".");
    try {
      content.writeInto(tmp);
      try (Stream<Path> files = Files.walk(tmp)) {
        for (Path f : (Iterable<Path>) files::iterator) {
          if (Files.isRegularFile(f)) {
            try (FileChannel channel = FileChannel.open(f, StandardOpenOption.WRITE)) {
              channel.force(true);
            }
          } else {
            forceFolder(f);
          }
        }
      }
      refuseExisting(folder);
      // An empty folder is replaced; one that gained files meanwhile makes the delete fail.
      Files.deleteIfExists(target);
      try {
        Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(tmp, target);
      }
      forceFolder(parent);
    } finally {
      deleteTree(tmp);
    }
  }

  /** Throws if {@code folder} is a file or a folder that is not empty. */
  private static void refuseExisting(Path folder) throws IOException {
    if (Files.isDirectory(folder)) {
      try (Stream<Path> entries = Files.list(folder)) {
        if (entries.findAny().isPresent()) {
          throw new FileAlreadyExistsException(folder.toString(), null, "is a folder that is not empty");
        }
      }
    } else if (Files.exists(folder, LinkOption.NOFOLLOW_LINKS)) {
      throw new FileAlreadyExistsException(folder.toString(), null, "is a file, not a folder");
    }
  }

  /** Deletes a folder and everything in it, if it exists. */
  private static void deleteTree(Path dir) throws IOException {
    if (!Files.exists(dir, LinkOption.NOFOLLOW_LINKS)) {
      return;
    }
    try (Stream<Path> files = Files.walk(dir)) {
      for (Path f : (Iterable<Path>) files.sorted(Comparator.reverseOrder())::iterator) {
        Files.deleteIfExists(f);
      }
    }
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
