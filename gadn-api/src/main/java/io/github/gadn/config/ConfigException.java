package io.github.gadn.config;

/**
 * A config field has a value it cannot take, or a value that may not change when a run is
 * resumed. The message starts with the field's name, so a front end can replace it by its own
 * name for the setting (the command line's option, for example).
 */
public class ConfigException extends IllegalArgumentException {
  private static final long serialVersionUID = 1L;
  private final String field;

  /**
   * Creates the exception.
   *
   * @param field the config field, e.g. {@code claWeight}
   * @param message the whole message, starting with {@code field}
   */
  public ConfigException(String field, String message) {
    super(message);
    this.field = field;
  }

  /**
   * The config field the message is about.
   *
   * @return the field name, as in the builders and {@code options.json}
   */
  public String field() {
    return field;
  }
}
