package io.github.gadn.data;

import java.io.IOException;

/** Bad input data: the message names the file or folder and what is wrong with it. */
public class DataException extends IOException {
  private static final long serialVersionUID = 1L;

  /** Creates the exception with a message naming the file or folder. */
  public DataException(String message) {
    super(message);
  }

  /** Creates the exception with a cause. */
  public DataException(String message, Throwable cause) {
    super(message, cause);
  }
}
