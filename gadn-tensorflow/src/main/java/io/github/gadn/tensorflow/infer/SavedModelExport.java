package io.github.gadn.tensorflow.infer;

import io.github.gadn.json.Json;
import io.github.gadn.tensorflow.io.AtomicFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tensorflow.Graph;
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
          Signature transfer = transfer(m, "transfer");
          SavedModelBundle.exporter(tmp.toString())
              .withSession(session)
              .withSignatures(
                  Signature.builder()
                      .key("encode")
                      .input("images", m.images)
                      .output("content_mean", m.mean)
                      .output("content_std", m.std)
                      .build(),
                  Signature.builder()
                      .key("generate")
                      .input("content", m.content)
                      .input("style", m.style)
                      .output("images", m.generated)
                      .build(),
                  transfer,
                  transfer(m, Signature.DEFAULT_KEY),
                  Signature.builder()
                      .key("style")
                      .input("style_label", m.labels)
                      .output("style_mean", m.styleMean)
                      .output("style_std", m.styleStd)
                      .build())
              .export();
        }
      }
      Path extra = Files.createDirectories(tmp.resolve("assets.extra"));
      Files.writeString(extra.resolve(INFO_FILE), Json.write(info(spec)) + "\n");
    });
    LOG.info("exported a SavedModel to {} in {} ms", directory, (System.nanoTime() - start) / 1_000_000);
  }

  private static Signature transfer(ModelGraph m, String key) {
    return Signature.builder()
        .key(key)
        .input("images", m.images)
        .input("style_label", m.labels)
        .output("images", m.transferred)
        .build();
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
