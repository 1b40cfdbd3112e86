package io.github.gadn.config;

/** Shared validation of config fields; every message starts with the field's name. */
final class ConfigChecks {
  private ConfigChecks() {}

  /**
   * Fails with a {@link ConfigException} about {@code field} unless {@code ok}.
   *
   * @param template the message after the field name, with {@code %s} placeholders
   */
  static void check(boolean ok, String field, String template, Object... args) {
    if (!ok) {
      throw new ConfigException(field, field + " " + String.format(template, args));
    }
  }

  static void imageAndClasses(int imageSize, int classCount) {
    check(imageSize >= 4, "imageSize", "must be at least 4, got %s", imageSize);
    check(imageSize % 2 == 0, "imageSize", "must be even, got %s", imageSize);
    check(classCount >= 1, "classCount", "must be at least 1, got %s", classCount);
  }

  static void positive(String field, long value) {
    check(value > 0, field, "must be positive, got %s", value);
  }

  static void nonNegative(String field, double value) {
    check(value >= 0 && !Double.isNaN(value), field, "must be >= 0, got %s", value);
  }

  static void batch(String field, int value) {
    check(
        value >= 2,
        field,
        "must be at least 2 (styles are taken from the next sample of the batch), got %s",
        value);
  }

  static void dropout(String field, double value) {
    check(
        value > 0 && value <= 1,
        field,
        "must be in (0, 1] (1 disables nested dropout), got %s",
        value);
  }

  static void fits(String field, NetworkStructure structure, int imageSize) {
    try {
      SizeSchedule.padsAndTop(imageSize, structure.levels());
    } catch (IllegalArgumentException e) {
      throw new ConfigException(field, field + ": " + e.getMessage());
    }
  }
}
