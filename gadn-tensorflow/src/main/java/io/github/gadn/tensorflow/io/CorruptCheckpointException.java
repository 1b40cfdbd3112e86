package io.github.gadn.tensorflow.io;

import java.io.IOException;
import java.nio.file.Path;

/** A checkpoint file that exists but cannot be trusted: truncated, foreign or corrupt. */
public final class CorruptCheckpointException extends IOException {
  private static final long serialVersionUID = 1L;
  private final transient Path file;

  /** Creates the exception; the message names the file and the reason. */
  public CorruptCheckpointException(Path file, String reason) {
    super("checkpoint " + file + " cannot be loaded: " + reason);
    this.file = file;
  }

  /** The bad file. */
  public Path file() {
    return file;
  }
}
