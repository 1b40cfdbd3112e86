package io.github.gadn.tensorflow.train;

import static com.google.common.base.Preconditions.checkArgument;

import io.github.gadn.CodeBatch;
import io.github.gadn.EncodeResult;
import io.github.gadn.GaussianCodes;
import io.github.gadn.tensorflow.io.Checkpoint;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;

/**
 * The encode step's output (docs/method.md §5): per-image content posteriors in data-set order and
 * the aggregate statistics, tied to the data set by its fingerprint (docs/method.md §2.1).
 *
 * @param count number of images
 * @param contentSize {@code Cc}
 * @param mean posterior means, {@code count × Cc}
 * @param std posterior standard deviations, {@code count × Cc}
 * @param stats aggregate statistics
 * @param fingerprint fingerprint of the data set the codes belong to
 */
record ContentCodes(
    int count, int contentSize, float[] mean, float[] std, ContentStats stats, String fingerprint) {

  /**
   * These codes as the public {@link EncodeResult} of the encode step of {@code stage1Run}'s
   * checkpoint {@code iteration} (copies the arrays).
   */
  EncodeResult toResult(Path stage1Run, long iteration) {
    Path dir = stage1Run.resolve("codes");
    return new EncodeResult(
        stage1Run,
        iteration,
        new GaussianCodes(
            CodeBatch.of(count, contentSize, mean), CodeBatch.of(count, contentSize, std)),
        stats.distribution(),
        codesFile(dir, iteration),
        statsFile(dir, iteration));
  }

  /** Writes {@code <dir>/<iteration>_codes.ckpt} and {@code <dir>/<iteration>_stats.ckpt}. */
  void write(Path dir, long iteration) throws IOException {
    long[] shape = {count, contentSize};
    Map<String, String> meta =
        Map.of(
            "stage", "encode",
            "iteration", Long.toString(iteration),
            "fingerprint", fingerprint,
            "count", Integer.toString(count));
    new Checkpoint(meta, Map.of("mean", mean, "std", std), Map.of("mean", shape, "std", shape))
        .write(codesFile(dir, iteration));
    stats.write(statsFile(dir, iteration), meta);
  }

  static Path codesFile(Path dir, long iteration) {
    return dir.resolve(iteration + "_codes.ckpt");
  }

  static Path statsFile(Path dir, long iteration) {
    return dir.resolve(iteration + "_stats.ckpt");
  }

  /**
   * Reads the codes of a stage-1 checkpoint.
   *
   * @throws IOException naming the missing file (run the encode step first)
   */
  static ContentCodes read(Path dir, long iteration) throws IOException {
    Path file = codesFile(dir, iteration);
    if (!java.nio.file.Files.isRegularFile(file)) {
      throw new IOException(
          "no content codes for checkpoint " + iteration + " (" + file
              + " is missing): run the encode step first");
    }
    Checkpoint codes = Checkpoint.read(file);
    long[] shape = codes.shapes().get("mean");
    checkArgument(shape != null && shape.length == 2, "%s holds no code matrix", file);
    ContentStats stats = ContentStats.read(statsFile(dir, iteration));
    return new ContentCodes(
        (int) shape[0],
        (int) shape[1],
        codes.tensors().get("mean"),
        codes.tensors().get("std"),
        stats,
        codes.metadata().get("fingerprint"));
  }
}
