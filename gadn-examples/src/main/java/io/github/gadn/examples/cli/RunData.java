package io.github.gadn.examples.cli;

import io.github.gadn.data.DataException;
import io.github.gadn.data.DataSource;
import io.github.gadn.data.LabelledDataset;
import io.github.gadn.json.Json;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The data of a command: from the data options, or from the run folder it continues (resume,
 * encode, stage 2, evaluate), whose {@code options.json} records where its data came from. Data
 * options given again override the recorded ones (the data moved); the data opened must then be
 * the data the run was trained on (same fingerprint) unless {@code --allow-changed-data}.
 */
final class RunData {
  private static final Logger log = LoggerFactory.getLogger(RunData.class);

  /** The data options, in the order {@link #override} applies them. */
  static final List<String> DATA_OPTIONS = List.of(
      "data-root", "labels", "label", "alpha-root", "weight-root", "crop-size", "image-size",
      "skip-unreadable");

  private RunData() {}

  /**
   * The data of a command that may continue a run: the data options alone when {@code run} is
   * null (and no {@code --data-from} is given), otherwise the data recorded in the run folder,
   * overridden by any data option given.
   *
   * @param run the run folder whose data to use, or null for a fresh start
   */
  static LabelledDataset load(Options o, Path run) throws IOException {
    if (run == null && o.declares("data-from") && o.given("data-from")) {
      run = Path.of(o.string("data-from"));
    }
    if (run == null) {
      return open(fromOptions(o), null);
    }
    Map<String, ?> saved = options(run);
    Object recorded = saved.get("dataSource");
    DataSource source;
    if (recorded instanceof Map<?, ?> map) {
      try {
        @SuppressWarnings("unchecked")
        Map<String, ?> m = (Map<String, ?>) map;
        source = override(DataSource.fromMap(m), o);
      } catch (IllegalArgumentException e) {
        throw new IOException(run.resolve("options.json") + ": " + e.getMessage(), e);
      }
    } else if (o.given("data-root")) {
      source = fromOptions(o);
    } else {
      throw new UsageException(run + " does not record its data options (it was made by an"
          + " earlier version, or from data built in code): give --data-root and the other data options");
    }
    boolean moved = o.given("data-root");
    Path recordedIn = run.resolve("options.json");
    LabelledDataset data = open(source, moved ? null : recordedIn);
    if (!moved) {
      log.info("data: {} (recorded in {})", data.description(), recordedIn);
    }
    checkSame(saved, data, run, o.declares("allow-changed-data") && o.bool("allow-changed-data"));
    return data;
  }

  /** The source described by the data options; {@code --data-root} is required. */
  static DataSource fromOptions(Options o) {
    String root = o.required("data-root");
    return override(DataSource.builder(Path.of(root)).build(), o);
  }

  /** {@code base} with every data option that was given. */
  static DataSource override(DataSource base, Options o) {
    DataSource.Builder b = base.toBuilder();
    if (o.given("data-root")) {
      b.root(Path.of(o.string("data-root")));
    }
    if (o.given("labels")) {
      b.labels(Path.of(o.string("labels")));
    }
    if (o.given("label")) {
      b.label(o.string("label"));
    }
    if (o.given("alpha-root")) {
      b.alphaRoot(Path.of(o.string("alpha-root")));
    }
    if (o.given("weight-root")) {
      b.weightRoot(Path.of(o.string("weight-root")));
    }
    if (o.given("crop-size")) {
      b.cropSize(o.integer("crop-size"));
    }
    if (o.given("image-size")) {
      b.imageSize(o.integer("image-size"));
    }
    if (o.given("skip-unreadable")) {
      b.skipUnreadable(o.bool("skip-unreadable"));
    }
    try {
      return b.build();
    } catch (IllegalArgumentException e) {
      throw new UsageException(e.getMessage().replace("imageSize", "--image-size")
          .replace("cropSize", "--crop-size"));
    }
  }

  /** Opens a source; {@code recordedIn} is the options file it was read from, or null. */
  private static LabelledDataset open(DataSource source, Path recordedIn) throws IOException {
    Path root = source.root();
    if (!Files.exists(root)) {
      throw new UsageException(recordedIn == null
          ? "--data-root " + root + " does not exist"
          : "the data root " + root + " recorded in " + recordedIn
              + " does not exist: give --data-root where the data is now");
    }
    if (source.isIdx() && source.labels().isEmpty()) {
      throw new UsageException("--data-root " + root + " is a file (IDX images): give --labels too");
    }
    try {
      return source.open();
    } catch (DataException e) {
      throw e;
    } catch (IllegalArgumentException e) {
      throw new UsageException(source.isIdx() ? "--label: " + e.getMessage() : e.getMessage());
    }
  }

  /**
   * Refuses data that is not what the run was trained on, naming what differs.
   *
   * @throws DataException unless {@code allowChanged}, in which case it is only logged
   */
  static void checkSame(Map<String, ?> saved, LabelledDataset data, Path run, boolean allowChanged)
      throws DataException {
    Object fingerprint = saved.get("dataFingerprint");
    if (fingerprint == null || Objects.equals(fingerprint, data.fingerprint())) {
      return;
    }
    List<String> differences = new ArrayList<>();
    Object size = saved.get("dataSize");
    if (size instanceof Number n && n.intValue() != data.size()) {
      differences.add(data.size() + " images instead of " + n.intValue());
    }
    Object imageSize = saved.get("imageSize");
    if (imageSize instanceof Number n && n.intValue() != data.imageSize()) {
      differences.add(data.imageSize() + "-px images instead of " + n.intValue() + "-px");
    }
    Object names = saved.get("classNames");
    if (names instanceof List<?> list && !list.equals(data.classNames())) {
      differences.add(data.classCount() + " classes " + abbreviate(data.classNames())
          + " instead of " + list.size() + " " + abbreviate(list));
    }
    if (differences.isEmpty()) {
      differences.add("the same number of images and classes, but different images, labels or order");
    }
    String message = "data " + data.description() + " differs from the data " + run
        + " was trained on (" + saved.get("data") + "): " + String.join("; ", differences);
    if (allowChanged) {
      log.warn("{} (used anyway: --allow-changed-data)", message);
      return;
    }
    throw new DataException(message + " (give --allow-changed-data to use it anyway)");
  }

  private static String abbreviate(List<?> names) {
    return names.size() > 6 ? names.subList(0, 6).toString().replace("]", ", …]") : names.toString();
  }

  /**
   * The {@code options.json} of a run folder.
   *
   * @throws IOException naming the folder or file if it is not a run folder
   */
  @SuppressWarnings("unchecked")
  static Map<String, ?> options(Path run) throws IOException {
    Path file = run.resolve("options.json");
    if (!Files.isRegularFile(file)) {
      throw new IOException(run + " is not a run folder: " + file + " is missing");
    }
    Object parsed;
    try {
      parsed = Json.parse(Files.readString(file, StandardCharsets.UTF_8));
    } catch (IllegalArgumentException e) {
      throw new IOException(file + " is not valid JSON: " + e.getMessage(), e);
    }
    if (!(parsed instanceof Map)) {
      throw new IOException(file + " does not hold a JSON object");
    }
    return (Map<String, ?>) parsed;
  }
}
