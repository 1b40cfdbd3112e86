package io.github.gadn.config;

import static com.google.common.base.Preconditions.checkArgument;

/** Shared validation of config fields; every message names the field. */
final class ConfigChecks {
  private ConfigChecks() {}

  static void imageAndClasses(int imageSize, int classCount) {
    checkArgument(imageSize >= 4, "imageSize must be at least 4, got %s", imageSize);
    checkArgument(imageSize % 2 == 0, "imageSize must be even, got %s", imageSize);
    checkArgument(classCount >= 1, "classCount must be at least 1, got %s", classCount);
  }

  static void positive(String field, long value) {
    checkArgument(value > 0, "%s must be positive, got %s", field, value);
  }

  static void nonNegative(String field, double value) {
    checkArgument(
        value >= 0 && !Double.isNaN(value), "%s must be >= 0, got %s", field, value);
  }

  static void batch(String field, int value) {
    checkArgument(
        value >= 2,
        "%s must be at least 2 (styles are taken from the next sample of the batch), got %s",
        field,
        value);
  }

  static void dropout(String field, double value) {
    checkArgument(
        value > 0 && value <= 1,
        "%s must be in (0, 1] (1 disables nested dropout), got %s",
        field,
        value);
  }

  static void fits(String field, NetworkStructure structure, int imageSize) {
    try {
      SizeSchedule.padsAndTop(imageSize, structure.levels());
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(field + ": " + e.getMessage(), e);
    }
  }
}
