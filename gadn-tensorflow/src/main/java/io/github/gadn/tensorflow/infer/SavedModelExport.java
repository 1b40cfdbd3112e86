package io.github.gadn.tensorflow.infer;

import io.github.gadn.json.Json;
import io.github.gadn.tensorflow.io.AtomicFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.SavedModelBundle;
import org.tensorflow.Session;
import org.tensorflow.Signature;
import org.tensorflow.op.Ops;

/**
 * Writes a model as a TensorFlow SavedModel (tag {@code serve}) with the signatures that {@link
 * io.github.gadn.GadnModel#export} documents: {@code encode}, {@code generate}, {@code transfer}
 * (also {@code serving_default}) and {@code style}.
 *
 * <p>The graph is built afresh from the model's structure, without device placement (it loads on
 * any device) and with the engine's own convolution kernels, and its variables are assigned the
 * given weights before the exporter saves them.
 */
final class SavedModelExport {
  private static final Logger LOG = LoggerFactory.getLogger(SavedModelExport.class);

  /** The file, under {@code assets.extra/}, that describes the model for its users. */
  static final String INFO_FILE = "gadn.json";

  private SavedModelExport() {}

  /**
   * Exports atomically ({@link AtomicFiles#writeFolder}).
   *
   * @param directory the SavedModel folder to create (absent or empty)
   * @param spec the networks and sizes
   * @param weights every variable of {@code E}, {@code G} and {@code S} by name
   * @throws IOException if {@code directory} exists and is not empty, or cannot be written
   */
  static void write(Path directory, ModelGraph.Spec spec, Map<String, float[]> weights)
      throws IOException {
    long start = System.nanoTime();
    AtomicFiles.writeFolder(directory, tmp -> {
      try (Graph g = new Graph()) {
        ModelGraph m = new ModelGraph(Ops.create(g), spec, false, true);
        try (Session session = new Session(g)) {
          SessionCalls.assign(m.store, session, weights, "model");
          Map<String, Operand<?>> transferIn = Map.of("images", m.images, "style_label", m.labels);
          Map<String, Operand<?>> transferOut = Map.of("images", m.transferred);
          SavedModelBundle.exporter(tmp.toString())
              .withSession(session)
              .withSignatures(
                  signature("encode", Map.of("images", m.images),
                      Map.of("content_mean", m.mean, "content_std", m.std)),
                  signature("generate", Map.of("content", m.content, "style", m.style),
                      Map.of("images", m.generated)),
                  signature("transfer", transferIn, transferOut),
                  signature(Signature.DEFAULT_KEY, transferIn, transferOut),
                  signature("style", Map.of("style_label", m.labels),
                      Map.of("style_mean", m.styleMean, "style_std", m.styleStd)))
              .export();
        }
      }
      Path extra = Files.createDirectories(tmp.resolve("assets.extra"));
      Files.writeString(extra.resolve(INFO_FILE), Json.write(info(spec)) + "\n");
    });
    LOG.info("exported a SavedModel to {} in {} ms", directory, (System.nanoTime() - start) / 1_000_000);
  }

  private static Signature signature(
      String key, Map<String, Operand<?>> inputs, Map<String, Operand<?>> outputs) {
    Signature.Builder b = Signature.builder().key(key);
    new TreeMap<>(inputs).forEach(b::input);
    new TreeMap<>(outputs).forEach(b::output);
    return b.build();
  }

  /** What a user of the SavedModel needs besides its signatures. */
  private static Map<String, Object> info(ModelGraph.Spec spec) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("imageSize", spec.imageSize());
    m.put("contentSize", spec.contentSize());
    m.put("styleSize", spec.styleSize());
    m.put("classNames", spec.classNames());
    m.put("imageLayout", "NHWC");
    m.put("inputImages", "float32 RGBA: RGB in [-1, 1], alpha in [0, 1] (0 = missing pixel)");
    m.put("outputImages", "float32 RGB in (-1, 1)");
    return m;
  }
}
