package io.github.gadn.tensorflow.train;

import io.github.gadn.EnrolledStyle;
import io.github.gadn.config.EnrollConfig;
import io.github.gadn.json.Json;
import io.github.gadn.tensorflow.io.AtomicFiles;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * The enrolled style entries of a run folder (docs/method.md §3.12a): one JSON file per entry,
 * {@code RUN/enrolled/NAME.json}, beside the checkpoints, which are never touched. Each file is
 * written atomically.
 */
public final class EnrolledStyles {
  /** The folder of the entries inside a run folder. */
  public static final String FOLDER = "enrolled";

  private EnrolledStyles() {}

  /** The file of entry {@code name} in {@code run}. */
  public static Path file(Path run, String name) {
    return run.resolve(FOLDER).resolve(name + ".json");
  }

  /**
   * Writes (or replaces) an entry atomically.
   *
   * @throws IOException if the folder cannot be written
   */
  public static void write(Path run, EnrolledStyle entry) throws IOException {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("name", entry.name());
    m.put("mean", doubles(entry.mean()));
    m.put("std", doubles(entry.std()));
    m.put("images", entry.imageCount());
    m.put("iterations", entry.config().iterations());
    m.put("learningRate", entry.config().learningRate());
    m.put("seed", entry.config().seed());
    m.put("zeroStyleLoss", entry.zeroStyleLoss());
    m.put("loss", entry.loss());
    AtomicFiles.writeString(file(run, entry.name()), Json.write(m));
  }

  /**
   * Reads every entry of a run folder.
   *
   * @param run a run folder
   * @param styleSize the run's {@code Cs}
   * @return name → entry, sorted by name; empty if nothing was enrolled
   * @throws IOException naming a file that cannot be read or does not hold an entry of this size
   */
  public static Map<String, EnrolledStyle> read(Path run, int styleSize) throws IOException {
    Map<String, EnrolledStyle> out = new TreeMap<>();
    Path dir = run.resolve(FOLDER);
    if (!Files.isDirectory(dir)) {
      return out;
    }
    List<Path> files;
    try (Stream<Path> s = Files.list(dir)) {
      files = s.filter(f -> f.getFileName().toString().endsWith(".json") && !AtomicFiles.isTemporary(f))
          .sorted().toList();
    }
    for (Path f : files) {
      EnrolledStyle e = parse(f);
      if (e.styleSize() != styleSize) {
        throw new IOException(f + " holds a style of " + e.styleSize() + " dimensions, but the run's"
            + " style code has " + styleSize);
      }
      out.put(e.name(), e);
    }
    return out;
  }

  private static EnrolledStyle parse(Path f) throws IOException {
    try {
      Map<?, ?> m = (Map<?, ?>) Json.parse(Files.readString(f, StandardCharsets.UTF_8));
      String name = (String) m.get("name");
      String stem = f.getFileName().toString().replaceFirst("\\.json$", "");
      if (!stem.equals(name)) {
        throw new IllegalArgumentException("it names the style \"" + name + "\"");
      }
      EnrollConfig config = EnrollConfig.builder()
          .iterations(((Number) m.get("iterations")).intValue())
          .learningRate(((Number) m.get("learningRate")).doubleValue())
          .seed(((Number) m.get("seed")).longValue())
          .build();
      return new EnrolledStyle(name, floats(m.get("mean")), floats(m.get("std")),
          ((Number) m.get("images")).intValue(), config,
          ((Number) m.get("zeroStyleLoss")).doubleValue(), ((Number) m.get("loss")).doubleValue());
    } catch (RuntimeException e) {
      throw new IOException(f + " is not a valid enrolled style: " + e.getMessage(), e);
    }
  }

  /** Float values widened exactly, so the file reads back bit-identical. */
  private static double[] doubles(float[] values) {
    double[] out = new double[values.length];
    for (int i = 0; i < out.length; i++) {
      out[i] = values[i];
    }
    return out;
  }

  private static float[] floats(Object list) {
    List<?> values = new ArrayList<>((List<?>) list);
    float[] out = new float[values.size()];
    for (int i = 0; i < out.length; i++) {
      out[i] = ((Number) values.get(i)).floatValue();
    }
    return out;
  }
}
