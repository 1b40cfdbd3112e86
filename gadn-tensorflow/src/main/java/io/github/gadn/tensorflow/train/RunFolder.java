package io.github.gadn.tensorflow.train;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Layout of a run folder (spec §9.3, our serialisation): {@code options.json}, {@code
 * models/last.ckpt} and numbered {@code models/<t>.ckpt}, {@code log.csv}, grid folders.
 */
public final class RunFolder {
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
      Path probe = Files.createTempFile(models(), "write-check", ".tmp");
      Files.delete(probe);
    } catch (IOException e) {
      throw new IOException("run folder " + root + " is not writable: " + e.getMessage(), e);
    }
  }
}
