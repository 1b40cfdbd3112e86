package io.github.gadn.tensorflow.infer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.github.gadn.CodeBatch;
import io.github.gadn.GaussianCodes;
import io.github.gadn.ImageBatch;
import io.github.gadn.config.NetworkStructure;
import io.github.gadn.config.NetworkStructure.Kind;
import io.github.gadn.config.RunOptions;
import io.github.gadn.json.Json;
import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tensorflow.Graph;
import org.tensorflow.Result;
import org.tensorflow.SavedModelBundle;
import org.tensorflow.Session;
import org.tensorflow.Tensor;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;

/**
 * A tiny model (12-px images, levels of 4, 8 and 16 channels with bus blocks and a spatial
 * transform, 3 classes) exported as a SavedModel, loaded back with {@link SavedModelBundle#load}
 * and called through each signature: the outputs equal the model's own to 1e-5.
 */
class SavedModelExportTest {
  private static final int SIZE = 12;
  private static final int CONTENT = 6;
  private static final int STYLE = 3;
  private static final int N = 5;
  private static final float TOLERANCE = 1e-5f;

  @TempDir static Path tmp;
  static Map<String, float[]> weights;
  static TfModel model;
  static Path exported;

  private static ModelGraph.Spec spec() {
    List<Integer> features = List.of(4, 8, 16);
    return new ModelGraph.Spec(
        NetworkStructure.defaults(Kind.ENCODER, features),
        NetworkStructure.defaults(Kind.GENERATOR, features),
        SIZE, CONTENT, STYLE, List.of("a", "b", "c"));
  }

  /**
   * Initial weights of the tiny networks with seeded noise on the style table, so that every
   * class has its own style.
   */
  private static Map<String, float[]> weights() {
    try (Graph g = new Graph()) {
      ModelGraph m = new ModelGraph(Ops.create(g), spec(), false, false);
      try (Session s = new Session(g)) {
        m.store.initialize(s);
        Map<String, float[]> w = m.store.read(s, m.store.all());
        SplittableRandom random = new SplittableRandom(17);
        float[] styles = w.get("sty/m");
        for (int i = 0; i < styles.length; i++) {
          styles[i] = (float) random.nextGaussian();
        }
        return w;
      }
    }
  }

  @BeforeAll
  static void export() throws IOException {
    weights = weights();
    model = new TfModel(spec().encoder(), spec().generator(), SIZE, CONTENT, STYLE,
        spec().classNames(), weights, null, RunOptions.builder().build(), io.github.gadn.ModelWeights.RAW);
    exported = tmp.resolve("model");
    model.export(exported);
  }

  @AfterAll
  static void close() {
    model.close();
  }

  /** Seeded images with some missing pixels (alpha 0). */
  private static ImageBatch images() {
    SplittableRandom random = new SplittableRandom(5);
    float[] rgba = new float[N * SIZE * SIZE * 4];
    for (int i = 0; i < rgba.length; i++) {
      double u = random.nextDouble();
      rgba[i] = i % 4 < 3 ? (float) (u * 2 - 1) : u < 0.2 ? 0f : 1f;
    }
    return ImageBatch.of(N, SIZE, rgba);
  }

  private static TFloat32 tensor(float[] values, long... shape) {
    return TFloat32.tensorOf(Shape.of(shape), DataBuffers.of(values, true, false));
  }

  private static float[] values(Result result, String name) {
    Tensor t = result.get(name).orElseThrow(() -> new AssertionError("no output " + name));
    float[] out = new float[(int) t.shape().size()];
    ((TFloat32) t).copyTo(DataBuffers.of(out, false, false));
    return out;
  }

  /** RGB of a batch that {@link ImageBatch#fromRgb} made, in NHWC order. */
  private static float[] rgb(ImageBatch batch) {
    float[] rgba = batch.toArray();
    float[] rgb = new float[rgba.length / 4 * 3];
    for (int p = 0, q = 0; p < rgba.length; p += 4, q += 3) {
      System.arraycopy(rgba, p, rgb, q, 3);
    }
    return rgb;
  }

  private static void assertClose(float[] actual, float[] expected, String what) {
    assertThat(actual).as(what).hasSameSizeAs(expected);
    for (int i = 0; i < expected.length; i++) {
      assertThat(actual[i]).as("%s[%s]", what, i).isCloseTo(expected[i], within(TOLERANCE));
    }
  }

  @Test
  void everySignatureComputesWhatTheModelComputes() {
    ImageBatch images = images();
    int[] labels = {0, 1, 2, 1, 0};
    try (SavedModelBundle bundle = SavedModelBundle.load(exported.toString(), "serve");
        TFloat32 x = tensor(images.toArray(), N, SIZE, SIZE, 4);
        TInt32 y = TInt32.vectorOf(labels)) {
      assertThat(bundle.signatures()).extracting(s -> s.key()).containsExactlyInAnyOrder(
          "encode", "generate", "transfer", "serving_default", "style");

      GaussianCodes codes = model.encoder().encode(images);
      try (Result r = bundle.function("encode").call(Map.of("images", x))) {
        assertClose(values(r, "content_mean"), codes.mean().toArray(), "content_mean");
        assertClose(values(r, "content_std"), codes.std().toArray(), "content_std");
      }

      GaussianCodes styles = model.styles().styles(labels);
      try (Result r = bundle.function("style").call(Map.of("style_label", y))) {
        assertClose(values(r, "style_mean"), styles.mean().toArray(), "style_mean");
        assertClose(values(r, "style_std"), styles.std().toArray(), "style_std");
      }

      CodeBatch c = codes.mean();
      CodeBatch s = styles.mean();
      float[] generated = rgb(model.generator().generate(c, s));
      try (TFloat32 ct = tensor(c.toArray(), N, CONTENT);
          TFloat32 st = tensor(s.toArray(), N, STYLE);
          Result r = bundle.function("generate").call(Map.of("content", ct, "style", st))) {
        assertClose(values(r, "images"), generated, "generate");
      }

      float[] expected = new float[N * SIZE * SIZE * 3];
      for (int i = 0; i < N; i++) {
        ImageBatch one = ImageBatch.of(1, SIZE, images.image(i));
        float[] drawn = rgb(model.transfer(one, labels[i]));
        System.arraycopy(drawn, 0, expected, i * drawn.length, drawn.length);
      }
      for (String key : List.of("transfer", "serving_default")) {
        try (Result r = bundle.function(key).call(Map.of("images", x, "style_label", y))) {
          assertClose(values(r, "images"), expected, key);
        }
      }
      try (TInt32 zeros = TInt32.vectorOf(new int[N]);
          Result r = bundle.function("transfer").call(Map.of("images", x, "style_label", zeros))) {
        assertThat(values(r, "images")).as("the style label matters").isNotEqualTo(expected);
      }
    }
  }

  @Test
  void theFolderDescribesTheModel() throws IOException {
    assertThat(exported.resolve("saved_model.pb")).isRegularFile();
    assertThat(exported.resolve("variables/variables.index")).isRegularFile();
    Map<?, ?> info = (Map<?, ?>) Json.parse(
        Files.readString(exported.resolve("assets.extra").resolve(SavedModelExport.INFO_FILE)));
    assertThat(info.get("classNames")).isEqualTo(List.of("a", "b", "c"));
    assertThat(((Number) info.get("imageSize")).intValue()).isEqualTo(SIZE);
    assertThat(((Number) info.get("contentSize")).intValue()).isEqualTo(CONTENT);
    assertThat(((Number) info.get("styleSize")).intValue()).isEqualTo(STYLE);
    assertThat(info.get("imageLayout")).isEqualTo("NHWC");
  }

  @Test
  void anExistingFolderWithFilesOrAFileIsRefusedAndLeftAsItWas() throws IOException {
    Path full = tmp.resolve("full");
    Files.createDirectories(full);
    Files.writeString(full.resolve("keep.txt"), "mine");
    assertThatThrownBy(() -> model.export(full))
        .isInstanceOf(FileAlreadyExistsException.class)
        .hasMessage(full + ": is a folder that is not empty");
    assertThat(Files.readString(full.resolve("keep.txt"))).isEqualTo("mine");
    try (Stream<Path> files = Files.list(full)) {
      assertThat(files).hasSize(1);
    }

    Path file = tmp.resolve("file");
    Files.writeString(file, "mine");
    assertThatThrownBy(() -> model.export(file))
        .isInstanceOf(FileAlreadyExistsException.class)
        .hasMessage(file + ": is a file, not a folder");

    Path empty = Files.createDirectories(tmp.resolve("empty"));
    model.export(empty);
    assertThat(empty.resolve("saved_model.pb")).isRegularFile();
    try (Stream<Path> siblings = Files.list(tmp)) {
      assertThat(siblings.map(p -> p.getFileName().toString()))
          .as("no temporary folder is left behind")
          .noneMatch(name -> name.startsWith("."));
    }
  }

  @Test
  void anExportThatFailsHalfwayLeavesNothing() throws IOException {
    Map<String, float[]> incomplete = new java.util.LinkedHashMap<>(weights);
    incomplete.remove("sty/m");
    Path target = tmp.resolve("half");
    assertThatThrownBy(() -> SavedModelExport.write(target, spec(), incomplete))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("sty/m");
    assertThat(target).doesNotExist();
    try (Stream<Path> siblings = Files.list(tmp)) {
      assertThat(siblings.map(p -> p.getFileName().toString())).noneMatch(n -> n.startsWith(".half"));
    }
  }
}
