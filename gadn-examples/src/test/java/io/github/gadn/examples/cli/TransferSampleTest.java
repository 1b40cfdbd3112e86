package io.github.gadn.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.github.gadn.GadnModel;
import io.github.gadn.ImageBatch;
import io.github.gadn.data.DataSource;
import io.github.gadn.data.ImageFolderDataset;
import io.github.gadn.engine.Engines;
import io.github.gadn.json.Json;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tensorflow.Result;
import org.tensorflow.SavedModelBundle;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;

/**
 * {@code transfer}, {@code sample} and {@code export} on a tiny stage-1 run (12-pixel synthetic digits, classes
 * "0".."9"): every image format of the data loaders, the run's crop, output names, batches, style
 * strips, the neutral style, the {@code --styles} alias and the messages of bad input.
 */
class TransferSampleTest {
  @TempDir static Path tmp;
  /** The tiny run, whose options.json records no data source (no crop). */
  static Path s1;
  /** The same model, recorded as trained on an image tree with a centre crop of 16. */
  static Path s1crop;

  private static final int SIZE = 12;
  private static final int CROP = 16;

  /** Exit code, standard output and the first line of standard error. */
  record Outcome(int exit, String out, String err) {}

  private static Outcome gadn(String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int code = Gadn.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8));
    String e = err.toString(StandardCharsets.UTF_8);
    return new Outcome(code, out.toString(StandardCharsets.UTF_8), e.lines().findFirst().orElse(""));
  }

  private static void succeeds(String... args) {
    Outcome o = gadn(args);
    assertThat(o.exit()).as(String.join(" ", args) + ": " + o.err()).isZero();
  }

  @BeforeAll
  static void tinyRun() throws Exception {
    succeeds("synth", "handwriting", "--out", tmp.resolve("data").toString(), "--writers", "2",
        "--per-digit", "1", "--image-size", String.valueOf(SIZE));
    String images = tmp.resolve("data/images-idx3-ubyte").toString();
    String labels = tmp.resolve("data/labels-idx2-int").toString();
    s1 = tmp.resolve("s1");
    succeeds("stage1", "--data-root", images, "--labels", labels, "--features", "4,8,16",
        "--content-size", "4", "--batch-size", "4", "--niter", "2", "--checkpoint-iter", "2",
        "--visualize-size", "1", "2", "--save-path", s1.toString());
    succeeds("encode", "--data-root", images, "--labels", labels, "--enc-path", s1.toString(),
        "--enc-iter", "2");
    Map<String, Object> options = options(s1);
    options.remove("dataSource");
    writeOptions(s1, options);
    s1crop = copyRun(s1, "s1crop");
    options.put("dataSource", DataSource.builder(tmp.resolve("tree")).cropSize(CROP)
        .imageSize(SIZE).build().toMap());
    writeOptions(s1crop, options);
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> options(Path run) throws IOException {
    return new LinkedHashMap<>((Map<String, Object>) Json.parse(Files.readString(run.resolve("options.json"))));
  }

  private static void writeOptions(Path run, Map<String, Object> options) throws IOException {
    Files.createDirectories(run);
    Files.writeString(run.resolve("options.json"), Json.write(options));
  }

  private static Path copyRun(Path from, String name) throws IOException {
    Path to = tmp.resolve(name);
    try (Stream<Path> files = Files.walk(from)) {
      for (Path f : (Iterable<Path>) files::iterator) {
        Files.copy(f, to.resolve(from.relativize(f).toString()));
      }
    }
    return to;
  }

  // ---- fixtures: images in every format

  /** Seeded grey noise, {@code w × h}, values 0–255. */
  private static int[] noise(int w, int h, long seed) {
    return new SplittableRandom(seed).ints(w * h, 0, 256).toArray();
  }

  /** A binary (P5) or ASCII (P2) PGM. */
  private static Path pgm(Path file, int w, int h, int[] grey, boolean ascii) throws IOException {
    Files.createDirectories(file.getParent());
    ByteArrayOutputStream b = new ByteArrayOutputStream();
    b.writeBytes(((ascii ? "P2" : "P5") + "\n# test\n" + w + " " + h + "\n255\n").getBytes(StandardCharsets.US_ASCII));
    for (int v : grey) {
      if (ascii) {
        b.writeBytes((v + "\n").getBytes(StandardCharsets.US_ASCII));
      } else {
        b.write(v);
      }
    }
    Files.write(file, b.toByteArray());
    return file;
  }

  /** A binary PPM (P6) whose red, green and blue are the grey value, its inverse and 128. */
  private static Path ppm(Path file, int w, int h, int[] grey) throws IOException {
    Files.createDirectories(file.getParent());
    ByteArrayOutputStream b = new ByteArrayOutputStream();
    b.writeBytes(("P6\n" + w + " " + h + "\n255\n").getBytes(StandardCharsets.US_ASCII));
    for (int v : grey) {
      b.write(v);
      b.write(255 - v);
      b.write(128);
    }
    Files.write(file, b.toByteArray());
    return file;
  }

  private static Path png(Path file, int w, int h, long seed) throws IOException {
    Files.createDirectories(file.getParent());
    int[] grey = noise(w, h, seed);
    BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
    for (int i = 0; i < grey.length; i++) {
      img.setRGB(i % w, i / w, grey[i] * 0x010101);
    }
    ImageIO.write(img, "png", file.toFile());
    return file;
  }

  private static BufferedImage read(Path png) throws IOException {
    BufferedImage img = ImageIO.read(png.toFile());
    assertThat(img).as(png.toString()).isNotNull();
    return img;
  }

  private static int[] pixels(BufferedImage img, int x0, int w) {
    return img.getRGB(x0, 0, w, img.getHeight(), null, 0, w);
  }

  private static List<Path> pngsUnder(Path dir) throws IOException {
    try (Stream<Path> s = Files.walk(dir)) {
      return s.filter(p -> p.toString().endsWith(".png")).sorted().toList();
    }
  }

  // ---- formats

  @Test
  void netpbmInputsAreRead() throws Exception {
    Path in = tmp.resolve("netpbm");
    int[] grey = noise(14, 12, 1);
    pgm(in.resolve("binary.pgm"), 14, 12, grey, false);
    pgm(in.resolve("ascii.pgm"), 14, 12, grey, true);
    ppm(in.resolve("colour.ppm"), 14, 12, grey);
    Path out = tmp.resolve("netpbm-out");
    succeeds("transfer", "--run", s1.toString(), "--input", in.toString(), "--style", "3",
        "--out", out.toString());
    for (String name : List.of("binary_3.png", "ascii_3.png", "colour_3.png")) {
      assertThat(read(out.resolve(name)).getWidth()).as(name).isEqualTo(SIZE);
    }
    // the decoded values themselves: grey v becomes 2v/255 - 1 in all three channels
    float[] binary = ModelCommands.prepare(in.resolve("binary.pgm"), 0, 12);
    assertThat(binary).containsExactly(ModelCommands.prepare(in.resolve("ascii.pgm"), 0, 12));
    float[] expected = greyCentre(grey, 14, 12);
    assertThat(binary).containsExactly(expected);
  }

  /** What a {@code w × h} grey image ({@code w >= h}) becomes at side h: its centre columns. */
  private static float[] greyCentre(int[] grey, int w, int h) {
    float[] out = new float[h * h * 4];
    int left = (w - h) / 2;
    for (int y = 0; y < h; y++) {
      for (int x = 0; x < h; x++) {
        float v = grey[y * w + left + x] / 255f * 2 - 1;
        int o = (y * h + x) * 4;
        out[o] = v;
        out[o + 1] = v;
        out[o + 2] = v;
        out[o + 3] = 1;
      }
    }
    return out;
  }

  // ---- the run's crop

  @Test
  void inputsArePreparedExactlyLikeTrainingImages() throws Exception {
    Path tree = tmp.resolve("prepared/a");
    Path file = pgm(tree.resolve("x.pgm"), 30, 24, noise(30, 24, 2), false);
    ImageFolderDataset training =
        ImageFolderDataset.builder(tmp.resolve("prepared")).cropSize(CROP).imageSize(SIZE).build();
    assertThat(ModelCommands.prepare(file, CROP, SIZE)).containsExactly(training.sample(0).rgba());
    assertThat(ModelCommands.prepare(file, 0, SIZE)).isNotEqualTo(training.sample(0).rgba());
  }

  @Test
  void theCropIsReadFromTheRunOrItsStage1Run() throws Exception {
    assertThat(ModelCommands.trainingCrop(s1crop).size()).isEqualTo(CROP);
    assertThat(ModelCommands.trainingCrop(s1).size()).isZero();
    assertThat(ModelCommands.trainingCrop(s1).origin()).endsWith("options.json records no data source");
    // a stage-2 run without a data source looks at its stage-1 run
    Path s2 = tmp.resolve("fake-s2");
    writeOptions(s2, new LinkedHashMap<>(Map.of("stage", "stage2", "stage1Run", s1crop.toString())));
    assertThat(ModelCommands.trainingCrop(s2).size()).isEqualTo(CROP);
    // its own data source comes first
    Path own = tmp.resolve("fake-s2-own");
    writeOptions(own, new LinkedHashMap<>(Map.of("stage", "stage2", "stage1Run", s1crop.toString(),
        "dataSource", DataSource.builder(tmp).cropSize(20).build().toMap())));
    assertThat(ModelCommands.trainingCrop(own).size()).isEqualTo(20);
    // IDX images are never cropped
    Path idx = tmp.resolve("fake-idx");
    writeOptions(idx, new LinkedHashMap<>(Map.of("stage", "stage1", "dataSource",
        DataSource.builder(tmp.resolve("data/images-idx3-ubyte")).labels(tmp.resolve("data/labels-idx2-int"))
            .cropSize(8).build().toMap())));
    assertThat(ModelCommands.trainingCrop(idx).size()).isZero();
  }

  @Test
  void transferAppliesTheRunsCrop() throws Exception {
    // a 24×24 image whose centre 16×16 is the manual crop: the same network input once resized
    int[] big = noise(24, 24, 3);
    for (int i = 0; i < big.length; i++) {
      int x = i % 24;
      int y = i / 24;
      if (x < 4 || x >= 20 || y < 4 || y >= 20) {
        big[i] = 255;
      }
    }
    int[] centre = new int[16 * 16];
    for (int y = 0; y < 16; y++) {
      System.arraycopy(big, (y + 4) * 24 + 4, centre, y * 16, 16);
    }
    Path in = tmp.resolve("crop-in");
    pgm(in.resolve("big.pgm"), 24, 24, big, false);
    pgm(in.resolve("centre.pgm"), 16, 16, centre, false);
    Outcome cropped = gadn("transfer", "--run", s1crop.toString(), "--input", in.resolve("big.pgm").toString(),
        "--style", "5", "--out", tmp.resolve("crop-a").toString());
    assertThat(cropped.exit()).as(cropped.err()).isZero();
    assertThat(cropped.out()).contains("centre crop " + CROP + " (from " + s1crop.resolve("options.json") + ")");
    succeeds("transfer", "--run", s1.toString(), "--input", in.resolve("centre.pgm").toString(),
        "--style", "5", "--out", tmp.resolve("crop-b").toString());
    succeeds("transfer", "--run", s1.toString(), "--input", in.resolve("big.pgm").toString(),
        "--style", "5", "--out", tmp.resolve("crop-c").toString());
    int[] a = pixels(read(tmp.resolve("crop-a/big_5.png")), 0, SIZE);
    int[] b = pixels(read(tmp.resolve("crop-b/centre_5.png")), 0, SIZE);
    int[] c = pixels(read(tmp.resolve("crop-c/big_5.png")), 0, SIZE);
    assertThat(a).as("cropped as in training = the manual crop").containsExactly(b);
    assertThat(a).as("without the crop the network sees another image").isNotEqualTo(c);
  }

  // ---- output names and batches

  @Test
  void subFolderPathsAreKeptInOutputNames() throws Exception {
    Path in = tmp.resolve("nested");
    png(in.resolve("a/x.png"), 12, 12, 4);
    png(in.resolve("b/x.png"), 12, 12, 5);
    png(in.resolve("b/deeper/x.png"), 12, 12, 6);
    png(in.resolve("x.png"), 12, 12, 7);
    Path out = tmp.resolve("nested-out");
    succeeds("transfer", "--run", s1.toString(), "--input", in.toString(), "--style", "1,2",
        "--out", out.toString());
    assertThat(pngsUnder(out)).containsExactly(
        out.resolve("a/x_1.png"), out.resolve("a/x_2.png"),
        out.resolve("b/deeper/x_1.png"), out.resolve("b/deeper/x_2.png"),
        out.resolve("b/x_1.png"), out.resolve("b/x_2.png"),
        out.resolve("x_1.png"), out.resolve("x_2.png"));
  }

  @Test
  void collidingOutputsAreRefusedBeforeAnythingIsWritten() throws Exception {
    Path in = tmp.resolve("clash");
    png(in.resolve("a/x.png"), 12, 12, 8);
    pgm(in.resolve("a/x.pgm"), 12, 12, noise(12, 12, 9), false);
    Path out = tmp.resolve("clash-out");
    Outcome o = gadn("transfer", "--run", s1.toString(), "--input", in.toString(), "--style", "1",
        "--out", out.toString());
    assertThat(o.exit()).isEqualTo(2);
    assertThat(o.err()).isEqualTo("gadn transfer: --input: " + in.resolve("a/x.pgm") + " and "
        + in.resolve("a/x.png") + " would both be written to " + out.resolve("a/x_1.png")
        + ": rename one of them");
    assertThat(out).doesNotExist();
  }

  @Test
  void aStemAndASuffixThatSpellAnotherOutputAreRefused() {
    Path in = tmp.resolve("names");
    List<Path> files = List.of(in.resolve("x.png"), in.resolve("x_a.png"));
    assertThat(ModelCommands.outputStems(in.resolve("x.png"), List.of(in.resolve("x.png")),
        List.of("a", "b"), tmp)).containsExactly("x");
    assertThatThrownBy(() -> ModelCommands.outputStems(in, files, List.of("b", "a_b"), tmp))
        .isInstanceOf(UsageException.class)
        .hasMessageEndingWith("would both be written to " + tmp.resolve("x_a_b.png") + ": rename one of them");
  }

  @Test
  void moreInputsThanTheBatchSizeAreAllWrittenInOrder() throws Exception {
    Path in = tmp.resolve("many");
    List<String> names = new ArrayList<>();
    for (int i = 0; i < 7; i++) {
      String name = (i < 4 ? "p/" : "q/") + "img" + i;
      png(in.resolve(name + ".png"), 12 + 2 * i, 12, 10 + i);
      names.add(name);
    }
    Path small = tmp.resolve("many-3");
    Outcome o = gadn("transfer", "--run", s1.toString(), "--input", in.toString(), "--style", "4",
        "--batch-size", "3", "--out", small.toString());
    assertThat(o.exit()).as(o.err()).isZero();
    assertThat(o.out()).contains("transfer: wrote 7 images for 7 input(s) to " + small);
    Path whole = tmp.resolve("many-64");
    succeeds("transfer", "--run", s1.toString(), "--input", in.toString(), "--style", "4",
        "--out", whole.toString());
    assertThat(pngsUnder(small)).hasSize(7);
    for (String name : names) {
      // each file gets its own image, whichever batch it was drawn in
      assertThat(pixels(read(small.resolve(name + "_4.png")), 0, SIZE)).as(name)
          .containsExactly(pixels(read(whole.resolve(name + "_4.png")), 0, SIZE));
    }
  }

  @Test
  void progressLinesCountRateAndTimeLeft() {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);
    long s = 1_000_000_000L;
    ModelCommands.Progress p = new ModelCommands.Progress("transfer", 100, out, 5 * s, 0);
    assertThat(p.update(10, 4 * s)).isFalse();
    assertThat(p.update(20, 5 * s)).isTrue();
    assertThat(p.update(30, 9 * s)).isFalse();
    assertThat(p.update(100, 20 * s)).as("no line once all is done").isFalse();
    assertThat(bytes.toString(StandardCharsets.UTF_8))
        .isEqualTo("transfer: 20/100 images (4.0 images/s, ETA 0:00:20)" + System.lineSeparator());
    assertThat(ModelCommands.Progress.duration(3725)).isEqualTo("1:02:05");
  }

  // ---- styles: strips, neutral, the alias

  @Test
  void aMixStripHasStepsCellsFromTheFirstStyleToTheSecond() throws Exception {
    Path in = tmp.resolve("mix-in");
    png(in.resolve("m.png"), 16, 12, 20);
    Path out = tmp.resolve("mix-out");
    succeeds("transfer", "--run", s1.toString(), "--input", in.toString(), "--mix", "2,9",
        "--steps", "5", "--style", "2,9,neutral", "--out", out.toString());
    BufferedImage strip = read(out.resolve("m_mix-2-9.png"));
    assertThat(strip.getWidth()).isEqualTo(5 * SIZE);
    assertThat(strip.getHeight()).isEqualTo(SIZE);
    assertThat(pixels(strip, 0, SIZE)).containsExactly(pixels(read(out.resolve("m_2.png")), 0, SIZE));
    assertThat(pixels(strip, 4 * SIZE, SIZE)).containsExactly(pixels(read(out.resolve("m_9.png")), 0, SIZE));
    // towards the neutral style: its end is the neutral image
    Path neutral = tmp.resolve("mix-neutral");
    succeeds("transfer", "--run", s1.toString(), "--input", in.toString(), "--mix", "2,neutral",
        "--steps", "2", "--out", neutral.toString());
    assertThat(pngsUnder(neutral)).containsExactly(neutral.resolve("m_mix-2-neutral.png"));
    BufferedImage two = read(neutral.resolve("m_mix-2-neutral.png"));
    assertThat(two.getWidth()).isEqualTo(2 * SIZE);
    assertThat(pixels(two, SIZE, SIZE)).containsExactly(pixels(read(out.resolve("m_neutral.png")), 0, SIZE));
  }

  @Test
  void theMixCodesRunLinearlyBetweenTheStyleMeans() throws Exception {
    try (var model = io.github.gadn.engine.Engines.get().load(s1, "last")) {
      ModelCommands.NamedStyle a = ModelCommands.style(model, "mix", "1");
      ModelCommands.NamedStyle z = ModelCommands.style(model, "mix", ModelCommands.NEUTRAL);
      assertThat(z.code()).containsOnly(0f).hasSize(model.styles().styleSize());
      float[][] codes = ModelCommands.mixCodes(model.styles(), a, z, 3);
      assertThat(codes[0]).containsExactly(model.styles().mean(1));
      for (int i = 0; i < codes[1].length; i++) {
        assertThat(codes[1][i]).isCloseTo(model.styles().mean(1)[i] / 2, org.assertj.core.data.Offset.offset(1e-6f));
      }
      assertThat(codes[2]).containsOnly(0f);
    }
  }

  @Test
  void sampleTakesNeutralAndTheStylesAlias() throws Exception {
    Path out = tmp.resolve("sample-neutral");
    succeeds("sample", "--run", s1.toString(), "--n", "2", "--style", "neutral,0", "--out", out.toString());
    BufferedImage grid = read(out.resolve("samples.png"));
    assertThat(grid.getWidth()).isEqualTo(2 * (SIZE + 2));
    assertThat(grid.getHeight()).isEqualTo(2 * (SIZE + 2));
    Path alias = tmp.resolve("sample-alias");
    succeeds("sample", "--run", s1.toString(), "--n", "3", "--styles", "0,1,2", "--out", alias.toString());
    assertThat(read(alias.resolve("samples.png")).getWidth()).isEqualTo(3 * (SIZE + 2));
    Outcome help = gadn("sample", "--help");
    assertThat(help.out()).contains("--style V", "(also --styles)", "neutral");
  }

  @Test
  void transferTakesTheStylesAlias() throws Exception {
    Path in = tmp.resolve("alias-in");
    png(in.resolve("y.png"), 12, 12, 21);
    Path out = tmp.resolve("alias-out");
    succeeds("transfer", "--run", s1.toString(), "--input", in.resolve("y.png").toString(),
        "--styles", "6,neutral", "--out", out.toString());
    assertThat(pngsUnder(out)).containsExactly(out.resolve("y_6.png"), out.resolve("y_neutral.png"));
  }

  // ---- export

  @Test
  void exportWritesASavedModelWhoseDefaultSignatureTransfersLikeTheModel() throws Exception {
    Path out = tmp.resolve("exported");
    Outcome o = gadn("export", "--run", s1.toString(), "--iter", "2", "--out", out.toString());
    assertThat(o.exit()).as(o.err()).isZero();
    assertThat(o.out()).isEqualTo("export: SavedModel of " + s1
        + " (checkpoint 2, 10 styles, 12x12 images) -> " + out + System.lineSeparator());
    assertThat(Files.readString(out.resolve("assets.extra/gadn.json")))
        .contains("\"classNames\"", "\"9\"");
    int n = 2;
    float[] pixels = new float[n * SIZE * SIZE * 4];
    for (int i = 0; i < n; i++) {
      float[] one = ModelCommands.prepare(png(tmp.resolve("export-in/" + i + ".png"), 14, 12, 30 + i), 0, SIZE);
      System.arraycopy(one, 0, pixels, i * one.length, one.length);
    }
    try (GadnModel model = Engines.get().load(s1, "2");
        SavedModelBundle bundle = SavedModelBundle.load(out.toString(), "serve");
        TFloat32 x = TFloat32.tensorOf(Shape.of(n, SIZE, SIZE, 4), DataBuffers.of(pixels, true, false));
        TInt32 y = TInt32.vectorOf(3, 3);
        Result r = bundle.call(Map.of("images", x, "style_label", y))) {
      float[] expected = model.transfer(ImageBatch.of(n, SIZE, pixels), 3).toArray();
      TFloat32 images = (TFloat32) r.get("images").orElseThrow();
      assertThat(images.shape().asArray()).containsExactly(n, SIZE, SIZE, 3);
      for (int i = 0; i < n * SIZE * SIZE; i++) {
        for (int c = 0; c < 3; c++) {
          assertThat(images.getFloat(i / (SIZE * SIZE), i / SIZE % SIZE, i % SIZE, c))
              .isCloseTo(expected[i * 4 + c], within(1e-5f));
        }
      }
    }
    assertThat(gadn("export", "--run", s1.toString(), "--out", out.toString()))
        .isEqualTo(new Outcome(2, "", "gadn export: --out " + out + " is a folder that is not empty:"
            + " export writes a new model folder and never overwrites one"));
    assertThat(gadn("export", "--help").out()).contains("--run", "--iter", "--out", "serving_default");
  }

  // ---- enroll

  @Test
  void enrolledStylesAreDrawnByNameAndAReferenceIsFittedOnTheFly() throws Exception {
    Path run = copyRun(s1, "s1enroll");
    Path refs = tmp.resolve("enroll-in");
    png(refs.resolve("r0.png"), 12, 12, 30);
    png(refs.resolve("r1.png"), 12, 12, 31);
    Outcome enrolled = gadn("enroll", "--run", run.toString(), "--name", "newcomer", "--images",
        refs.toString(), "--niter", "20");
    assertThat(enrolled.exit()).as(enrolled.err()).isZero();
    assertThat(enrolled.out()).contains("fitted style newcomer from 2 image(s), 20 iterations",
        "has 1 enrolled style(s): newcomer beside 10 trained classes");
    assertThat(run.resolve("enrolled/newcomer.json")).isRegularFile();
    try (var model = io.github.gadn.engine.Engines.get().load(run, "last")) {
      assertThat(model.styles().mean("newcomer")).isNotEqualTo(model.styles().zeroStyle());
    }
    Path out = tmp.resolve("enroll-out");
    succeeds("transfer", "--run", run.toString(), "--input", refs.resolve("r0.png").toString(),
        "--style", "newcomer,neutral", "--style-from", refs.resolve("r1.png").toString(),
        "--niter", "20", "--out", out.toString());
    assertThat(pngsUnder(out)).containsExactly(out.resolve("r0_from-r1.png"),
        out.resolve("r0_neutral.png"), out.resolve("r0_newcomer.png"));
    assertThat(gadn("enroll", "--run", run.toString(), "--list").out())
        .contains("has 1 enrolled style(s): newcomer beside 10 trained classes");
  }

  // ---- generator weight average

  /** A tiny stage 2 with a weight average: samples use it unless --ema false; bad betas are named. */
  @Test
  void stage2SamplesUseTheWeightAverageUnlessEmaIsFalse() throws Exception {
    String images = tmp.resolve("data/images-idx3-ubyte").toString();
    String labels = tmp.resolve("data/labels-idx2-int").toString();
    Path s2 = tmp.resolve("s2-ema");
    List<String> args = List.of("stage2", "--data-root", images, "--labels", labels, "--enc-path",
        s1.toString(), "--batch-size", "4", "--niter", "2", "--visualize-size", "1", "2",
        "--save-path", s2.toString(), "--ema-beta");
    Outcome bad = gadn(Stream.concat(args.stream(), Stream.of("1")).toArray(String[]::new));
    assertThat(bad.exit()).isEqualTo(2);
    assertThat(bad.err())
        .isEqualTo("gadn stage2: --ema-beta must be in [0, 1) (0 = no weight average), got 1.0");
    succeeds(Stream.concat(args.stream(), Stream.of("0.5")).toArray(String[]::new));
    Path averaged = tmp.resolve("sample-ema");
    Path raw = tmp.resolve("sample-raw");
    succeeds("sample", "--run", s2.toString(), "--n", "2", "--style", "0", "--out", averaged.toString());
    succeeds("sample", "--run", s2.toString(), "--n", "2", "--style", "0", "--ema", "false",
        "--out", raw.toString());
    assertThat(Files.readAllBytes(averaged.resolve("samples.png")))
        .isNotEqualTo(Files.readAllBytes(raw.resolve("samples.png")));
    // Stage 1 keeps no average: both choices give the same grid.
    succeeds("sample", "--run", s1.toString(), "--n", "2", "--style", "0", "--out", tmp.resolve("s1-ema").toString());
    succeeds("sample", "--run", s1.toString(), "--n", "2", "--style", "0", "--ema", "false",
        "--out", tmp.resolve("s1-raw").toString());
    assertThat(Files.readAllBytes(tmp.resolve("s1-ema/samples.png")))
        .isEqualTo(Files.readAllBytes(tmp.resolve("s1-raw/samples.png")));
  }

  // ---- bad input

  @Test
  void badInputIsOneLineNamingTheOptionOrFile() throws Exception {
    Path in = tmp.resolve("bad-in");
    Path good = png(in.resolve("good.png"), 12, 12, 22);
    Path corrupt = in.resolve("sub/corrupt.png");
    Files.createDirectories(corrupt.getParent());
    Files.writeString(corrupt, "not a PNG");
    Path truncated = in.resolve("sub/truncated.pgm");
    Files.writeString(truncated, "P5\n4 4\n255\nabc");
    String run = s1.toString();
    String out = tmp.resolve("bad-out").toString();
    String classes = "(classes: [0, 1, 2, 3, 4, 5, 6, 7, 8, 9], or neutral)";

    assertThat(gadn("transfer", "--run", run, "--input", good.toString(), "--style", "nine", "--out", out))
        .isEqualTo(new Outcome(2, "", "gadn transfer: --style nine is not a style of this model " + classes));
    assertThat(gadn("transfer", "--run", run, "--input", good.toString(), "--mix", "0,nine", "--out", out).err())
        .isEqualTo("gadn transfer: --mix nine is not a style of this model " + classes);
    assertThat(gadn("transfer", "--run", run, "--input", good.toString(), "--mix", "0", "--out", out).err())
        .isEqualTo("gadn transfer: --mix takes two styles A,B, got \"0\"");
    assertThat(gadn("transfer", "--run", run, "--input", good.toString(), "--mix", "0,1", "--steps", "1",
        "--out", out).err()).isEqualTo("gadn transfer: --steps must be at least 2, got 1");
    assertThat(gadn("transfer", "--run", run, "--input", good.toString(), "--batch-size", "0", "--out", out).err())
        .isEqualTo("gadn transfer: --batch-size must be at least 1, got 0");
    assertThat(gadn("sample", "--run", run, "--styles", "0,nine", "--out", out).err())
        .isEqualTo("gadn sample: --style nine is not a style of this model " + classes);

    Outcome unreadable = gadn("transfer", "--run", run, "--input", in.toString(), "--style", "0", "--out", out);
    assertThat(unreadable.exit()).isEqualTo(2);
    assertThat(unreadable.err()).isEqualTo("gadn transfer: --input: cannot decode image " + corrupt
        + ": not a supported image format or corrupt (--skip-unreadable leaves such files out)");
    Outcome skipping = gadn("transfer", "--run", run, "--input", in.toString(), "--style", "0",
        "--skip-unreadable", "--out", out);
    assertThat(skipping.exit()).as(skipping.err()).isZero();
    assertThat(skipping.out())
        .contains("transfer: skipped: cannot decode image " + truncated + ": truncated pixel data")
        .contains("transfer: wrote 1 images for 1 input(s)")
        .contains("; skipped 2 unreadable");
  }
}
