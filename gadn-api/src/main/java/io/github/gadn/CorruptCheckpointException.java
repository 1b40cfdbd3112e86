package io.github.gadn;

import java.io.IOException;
import java.nio.file.Path;

/**
 * A checkpoint file that exists but cannot be trusted: truncated, not written by gadn-java, or
 * failing its checksum. Engines throw it wherever they read a run folder's checkpoints (resuming a
 * trainer, loading a model or classifier, encoding, starting stage 2); the message names the file
 * and the reason.
 *
 * <p>A resumed run can continue from the newest intact numbered checkpoint instead: {@link
 * ResumeFrom#orNewestIntact()} ({@code --load-fallback} on the command line).
 */
public final class CorruptCheckpointException extends IOException {
  private static final long serialVersionUID = 1L;
  private final transient Path file;

  /**
   * Creates the exception.
   *
   * @param file the checkpoint file that cannot be loaded
   * @param reason why, as a clause that completes the message, e.g. {@code "it is truncated"}
   */
  public CorruptCheckpointException(Path file, String reason) {
    super("checkpoint " + file + " cannot be loaded: " + reason);
    this.file = file;
  }

  /**
   * The checkpoint file that cannot be loaded.
   *
   * @return the file as the engine was asked to read it (not serialised with the exception)
   */
  public Path file() {
    return file;
  }
}
