package io.github.gadn.tensorflow.train;

import io.github.gadn.tensorflow.io.AtomicFiles;
import io.github.gadn.tensorflow.io.Checkpoint;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Layout of a run folder (docs/method.md §9.3, our serialisation): {@code options.json}, {@code
 * models/last.ckpt} and numbered {@code models/<t>.ckpt}, {@code log.csv}, grid folders.
 */
public final class RunFolder {
  private static final Logger log = LoggerFactory.getLogger(RunFolder.class);
  private static final Pattern NUMBERED = Pattern.compile("(\\d+)\\.ckpt");
  private final Path root;

  /** Wraps a run folder path. */
  public RunFolder(Path root) {
    this.root = root;
  }

  /** The folder. */
  public Path root() {
    return root;
  }

  /** {@code options.json}. */
  public Path options() {
    return root.resolve("options.json");
  }

  /** {@code models/}. */
  public Path models() {
    return root.resolve("models");
  }

  /** {@code models/last.ckpt}. */
  public Path last() {
    return models().resolve("last.ckpt");
  }

  /** {@code models/<iteration>.ckpt}. */
  public Path numbered(long iteration) {
    return models().resolve(iteration + ".ckpt");
  }

  /** The checkpoint for {@code "last"} or an iteration number. */
  public Path checkpoint(String which) {
    if (which.equals("last")) {
      return last();
    }
    try {
      return numbered(Long.parseLong(which));
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(
          "checkpoint must be \"last\" or an iteration number, got \"" + which + "\"");
    }
  }

  /** Iterations of the numbered checkpoints present, ascending. */
  public List<Long> numberedIterations() throws IOException {
    List<Long> out = new ArrayList<>();
    if (!Files.isDirectory(models())) {
      return out;
    }
    try (var files = Files.list(models())) {
      files.forEach(
          f -> {
            Matcher m = NUMBERED.matcher(f.getFileName().toString());
            if (m.matches()) {
              out.add(Long.parseLong(m.group(1)));
            }
          });
    }
    out.sort(null);
    return out;
  }

  /** {@code log.csv}. */
  public Path log() {
    return root.resolve("log.csv");
  }

  /** A sub-folder for grids, e.g. {@code reconstructions}. */
  public Path grids(String name) {
    return root.resolve(name);
  }

  /**
   * Checks before training that the folder can be written (and creates it), so a bad save path
   * fails before any work is done.
   *
   * @throws IOException naming the folder
   */
  public void ensureWritable() throws IOException {
    try {
      Files.createDirectories(models());
      Path probe = Files.createTempFile(models(), ".write-check.", ".tmp");
      Files.delete(probe);
    } catch (IOException e) {
      throw new IOException(
          "run folder " + root + " is not writable (" + e.getClass().getSimpleName() + ": "
              + e.getMessage() + ")", e);
    }
  }

  /**
   * Checks that the file system of the folder has at least {@code bytes} usable bytes.
   *
   * @param bytes the space needed
   * @param purpose what it is needed for, e.g. "two checkpoints of 12.0 MiB"
   * @throws IOException naming the folder, the free space and the need
   */
  public void ensureSpace(long bytes, String purpose) throws IOException {
    long usable = Files.getFileStore(Files.exists(models()) ? models() : root).getUsableSpace();
    if (usable < bytes) {
      throw new IOException(
          "run folder " + root + " has " + mib(usable) + " free but needs " + mib(bytes) + " for "
              + purpose + ": free some space or choose another save path");
    }
  }

  /** A byte count in MiB with one decimal, e.g. {@code "12.5 MiB"}. */
  static String mib(long bytes) {
    return String.format(java.util.Locale.ROOT, "%.1f MiB", bytes / (1024.0 * 1024.0));
  }

  /**
   * Deletes the temporary files of writes that were killed (see {@link AtomicFiles}) in the
   * folder and its direct sub-folders.
   *
   * @return how many were deleted
   */
  public int deleteTemporaries() throws IOException {
    int deleted = 0;
    if (!Files.isDirectory(root)) {
      return 0;
    }
    try (var files = Files.walk(root, 2)) {
      for (Path f : (Iterable<Path>) files::iterator) {
        if (Files.isRegularFile(f) && AtomicFiles.isTemporary(f)) {
          Files.delete(f);
          deleted++;
        }
      }
    }
    return deleted;
  }

  /**
   * Reads the checkpoint to resume from. With {@code fallback}, a checkpoint that is missing or
   * cannot be loaded (truncated, corrupt) is replaced by the newest intact numbered one (older
   * than {@code which} if that is a number), and the choice is logged.
   *
   * @param which {@code "last"} or an iteration number
   * @param fallback whether to fall back to an intact numbered checkpoint
   * @return the file and its verified header
   * @throws IOException naming the checkpoint (and, without fallback, the ones present) if it
   *     cannot be read, or, with fallback, if no intact checkpoint remains
   */
  public Loaded load(String which, boolean fallback) throws IOException {
    Path file = checkpoint(which);
    try {
      return new Loaded(file, header(file));
    } catch (IOException e) {
      if (!fallback) {
        throw e;
      }
      long below = which.equals("last") ? Long.MAX_VALUE : Long.parseLong(which);
      List<Long> numbered = numberedIterations();
      for (int i = numbered.size() - 1; i >= 0; i--) {
        if (numbered.get(i) >= below) {
          continue;
        }
        Path candidate = numbered(numbered.get(i));
        try {
          Loaded loaded = new Loaded(candidate, Checkpoint.readHeader(candidate));
          log.warn("{}; falling back to the newest intact numbered checkpoint {}",
              e.getMessage(), candidate);
          return loaded;
        } catch (IOException skipped) {
          log.warn("{}; skipped", skipped.getMessage());
        }
      }
      throw new IOException(e.getMessage() + "; no intact numbered checkpoint to fall back to", e);
    }
  }

  private Checkpoint.Header header(Path file) throws IOException {
    if (!Files.isRegularFile(file)) {
      throw new FileNotFoundException(
          "checkpoint " + file + " does not exist (" + root + " holds "
              + (Files.isRegularFile(last()) ? "last and " : "") + "numbered checkpoints "
              + numberedIterations() + ")");
    }
    return Checkpoint.readHeader(file);
  }

  /**
   * A checkpoint chosen for resuming, verified; its values are streamed from the file when the
   * variables are restored.
   *
   * @param file the checkpoint file
   * @param header its metadata and tensor shapes
   */
  public record Loaded(Path file, Checkpoint.Header header) {}
}
