package io.github.gadn.tensorflow.train;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Locale;

/**
 * The loss log of a run: {@code log.csv} with a header {@code iter,<quantity>,…} and one row per
 * iteration, appended (so a resumed run continues the same file) and flushed every {@code logIter}
 * iterations and on close. Rows past the resumed iteration (written after the last save of a
 * crashed run) are dropped when the log is reopened, so iterations never repeat in the file.
 */
final class LossLog implements AutoCloseable {
  private final BufferedWriter out;

  /**
   * Opens or creates the log.
   *
   * @param file {@code log.csv}
   * @param columns quantity names
   * @param resumeIteration rows with {@code iter > resumeIteration} are dropped
   */
  LossLog(Path file, List<String> columns, long resumeIteration) throws IOException {
    String header = "iter," + String.join(",", columns);
    if (Files.exists(file)) {
      List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
      StringBuilder kept = new StringBuilder(header).append('\n');
      for (int i = 1; i < lines.size(); i++) {
        String line = lines.get(i);
        int comma = line.indexOf(',');
        if (comma <= 0) {
          continue;
        }
        try {
          if (Long.parseLong(line.substring(0, comma)) <= resumeIteration) {
            kept.append(line).append('\n');
          }
        } catch (NumberFormatException e) {
          // A torn last line of a killed run: drop it.
        }
      }
      AtomicFiles.writeString(file, kept.toString());
      out =
          Files.newBufferedWriter(
              file, StandardCharsets.UTF_8, StandardOpenOption.APPEND, StandardOpenOption.WRITE);
    } else {
      out = Files.newBufferedWriter(file, StandardCharsets.UTF_8);
      out.write(header);
      out.write('\n');
    }
  }

  /** Appends one row. */
  void append(long iteration, double[] values) throws IOException {
    StringBuilder row = new StringBuilder().append(iteration);
    for (double v : values) {
      row.append(',').append(String.format(Locale.ROOT, "%.6g", v));
    }
    out.write(row.append('\n').toString());
  }

  /** Flushes to disk. */
  void flush() throws IOException {
    out.flush();
  }

  @Override
  public void close() throws IOException {
    out.close();
  }
}
