package io.github.gadn.data;

import java.io.IOException;

/** Bad input data: the message names the file or folder and what is wrong with it. */
public class DataException extends IOException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates the exception.
   *
   * @param message what is wrong, naming the file or folder
   */
  public DataException(String message) {
    super(message);
  }

  /**
   * Creates the exception with a cause.
   *
   * @param message what is wrong, naming the file or folder
   * @param cause the underlying error
   */
  public DataException(String message, Throwable cause) {
    super(message, cause);
  }
}
