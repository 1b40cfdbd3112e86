package io.github.gadn.tensorflow.train;

import io.github.gadn.tensorflow.io.AtomicFiles;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The loss log of a run: {@code log.csv} with a header {@code iter,<quantity>,…} and one row per
 * iteration.
 *
 * <p>Crash safety: the file is append-only while training, and rows are written whole (they are
 * collected in memory and written by {@link #flush()} every {@code logIter} iterations and by
 * {@link #sync()}, which also forces them to disk before every checkpoint is written). So after a
 * kill the file holds every row up to the newest checkpoint, possibly followed by later rows of
 * which the last may be torn. Reopening for a resumed run keeps the header and the complete,
 * increasing rows up to the resumed iteration, drops the rest (rows after that checkpoint and a
 * torn last row) and rewrites the file atomically before appending; iterations therefore never
 * repeat or go missing in the file. Rewriting the whole log at every flush instead would cost
 * {@code O(rows)} per flush, too much for a run of a million iterations.
 */
final class LossLog implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(LossLog.class);
  private final FileChannel out;
  private final StringBuilder pending = new StringBuilder();

  /**
   * Opens or creates the log.
   *
   * @param file {@code log.csv}
   * @param columns quantity names
   * @param resumeIteration rows with {@code iter > resumeIteration} are dropped
   */
  LossLog(Path file, List<String> columns, long resumeIteration) throws IOException {
    String header = "iter," + String.join(",", columns);
    StringBuilder kept = new StringBuilder(header).append('\n');
    if (Files.exists(file)) {
      List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
      int rows = 0;
      long previous = 0;
      for (int i = 1; i < lines.size(); i++) {
        long t = iteration(lines.get(i), columns.size());
        if (t <= previous || t > resumeIteration) {
          break; // a torn row, or the first row after the resumed checkpoint
        }
        kept.append(lines.get(i)).append('\n');
        previous = t;
        rows++;
      }
      if (rows < lines.size() - 1) {
        log.info("{}: kept {} rows up to iteration {}, dropped {} later or incomplete rows",
            file, rows, previous, lines.size() - 1 - rows);
      }
    }
    AtomicFiles.writeString(file, kept.toString());
    out = FileChannel.open(file, StandardOpenOption.WRITE, StandardOpenOption.APPEND);
  }

  /** The iteration of a complete row with {@code columns} values, or -1 if it is not one. */
  static long iteration(String row, int columns) {
    String[] fields = row.split(",", -1);
    if (fields.length != columns + 1) {
      return -1;
    }
    try {
      for (int i = 1; i < fields.length; i++) {
        Double.parseDouble(fields[i]);
      }
      return Long.parseLong(fields[0]);
    } catch (NumberFormatException e) {
      return -1;
    }
  }

  /** Appends one row (kept in memory until the next flush). */
  void append(long iteration, double[] values) {
    pending.append(iteration);
    for (double v : values) {
      pending.append(',').append(String.format(Locale.ROOT, "%.6g", v));
    }
    pending.append('\n');
  }

  /** Writes the pending rows to the file. */
  void flush() throws IOException {
    if (pending.length() > 0) {
      ByteBuffer bytes = ByteBuffer.wrap(pending.toString().getBytes(StandardCharsets.UTF_8));
      while (bytes.hasRemaining()) {
        out.write(bytes);
      }
      pending.setLength(0);
    }
  }

  /** Writes the pending rows and forces them to disk (before a checkpoint is written). */
  void sync() throws IOException {
    flush();
    out.force(false);
  }

  @Override
  public void close() throws IOException {
    try {
      flush();
    } finally {
      out.close();
    }
  }
}
