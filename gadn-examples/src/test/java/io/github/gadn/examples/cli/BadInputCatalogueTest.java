package io.github.gadn.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.gadn.tensorflow.io.Checkpoint;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every user-facing bad input of the {@code gadn} command line — data, options, checkpoints,
 * the command line itself — with its exit code (2: usage error, 1: other failure) and the exact
 * one-line message. {@code T} stands for the test's temporary folder; a message ending in {@code
 * …} is matched as a prefix (the rest is the JDK's own wording). docs/reliability.md lists the
 * same table, and {@link #theDocumentationListsEveryCase} keeps the two in step.
 */
class BadInputCatalogueTest {
  @TempDir static Path tmp;

  /** One bad input: what it is, the command line, the exit code and the message. */
  record Case(String input, String command, int exit, String message) {
    @Override
    public String toString() {
      return input;
    }
  }

  private static final String IDX = "--data-root T/data/images-idx3-ubyte --labels T/data/labels-idx2-int";
  private static final String TINY = "--features 4,8,16 --content-size 4 --batch-size 4";

  static List<Case> cases() {
    List<Case> c = new ArrayList<>();
    // ---- data
    c.add(new Case("data root missing",
        "stage1 --data-root T/missing --save-path T/r", 2,
        "gadn stage1: --data-root T/missing does not exist"));
    c.add(new Case("data root without class folders",
        "stage1 --data-root T/noclasses --save-path T/r", 1,
        "gadn stage1: data root T/noclasses has no class sub-folders (expected one folder of images per class)"));
    c.add(new Case("empty class folder",
        "stage1 --data-root T/emptyclass --save-path T/r", 1,
        "gadn stage1: class folder T/emptyclass/b holds no images (extensions bmp jpeg jpg pgm png ppm tif tiff)"));
    c.add(new Case("corrupt first image",
        "stage1 --data-root T/corruptfirst --save-path T/r", 1,
        "gadn stage1: cannot decode image T/corruptfirst/a/0.png: not a supported image format or corrupt"));
    c.add(new Case("corrupt image met in training",
        "stage1 --data-root T/corruptlater --image-size 12 " + TINY + " --niter 2 --save-path T/r1", 1,
        "gadn stage1: cannot decode image T/corruptlater/a/1.png: not a supported image format or corrupt"));
    c.add(new Case("odd image height",
        "stage1 --data-root T/odd --save-path T/r", 1,
        "gadn stage1: image size must be even, got 13 (the height of the first image T/odd/a/0.png): set imageSize (--image-size) to an even value"));
    c.add(new Case("IDX images with a wrong magic",
        "stage1 --data-root T/badmagic --labels T/data/labels-idx2-int --save-path T/r", 1,
        "gadn stage1: T/badmagic is not an idx3-ubyte image file (magic 0x01020304, expected 0x00000803)"));
    c.add(new Case("IDX images truncated",
        "stage1 --data-root T/truncated-idx3-ubyte --labels T/data/labels-idx2-int --save-path T/r", 1,
        "gadn stage1: T/truncated-idx3-ubyte is truncated: the header announces 20 images of 12x12 (2880 bytes) but only 2780 bytes follow"));
    c.add(new Case("IDX labels count mismatch",
        "stage1 --data-root T/data/images-idx3-ubyte --labels T/small/labels-idx2-int --save-path T/r", 1,
        "gadn stage1: count mismatch: T/data/images-idx3-ubyte has 20 images but T/small/labels-idx2-int has 10 labels"));
    c.add(new Case("IDX images without --labels",
        "stage1 --data-root T/data/images-idx3-ubyte --save-path T/r", 2,
        "gadn stage1: --data-root T/data/images-idx3-ubyte is a file (IDX images): give --labels too"));
    c.add(new Case("unknown label column",
        "stage1 " + IDX.replace("--labels", "--label colour --labels") + " --save-path T/r", 2,
        "gadn stage1: --label: label must be digit, writer or a column number, got \"colour\""));
    // ---- options
    c.add(new Case("unknown option",
        "stage1 --data-rot x", 2,
        "gadn stage1: unknown option --data-rot for stage1 (did you mean --data-root?)"));
    c.add(new Case("not a number",
        "stage1 " + IDX + " --lr fast --save-path T/r", 2,
        "gadn stage1: option --lr takes a number, got \"fast\""));
    c.add(new Case("not an integer",
        "stage1 " + IDX + " --niter 1e6 --save-path T/r", 2,
        "gadn stage1: option --niter takes an integer, got \"1e6\""));
    c.add(new Case("flag with a bad value",
        "stage1 " + IDX + " --mlp yes --save-path T/r", 2,
        "gadn stage1: option --mlp takes true or false, got \"yes\""));
    c.add(new Case("tuple with too few values",
        "stage1 " + IDX + " --visualize-size 3 --save-path T/r", 2,
        "gadn stage1: option --visualize-size needs 2 values"));
    c.add(new Case("odd image size",
        "stage1 --data-root T/corruptlater --image-size 13 --save-path T/r", 2,
        "gadn stage1: --image-size must be even and >= 0, got 13"));
    c.add(new Case("negative loss weight",
        "stage1 " + IDX + " --cla-weight -1 --save-path T/r", 2,
        "gadn stage1: --cla-weight must be >= 0, got -1.0"));
    c.add(new Case("dropout outside (0, 1]",
        "stage1 " + IDX + " --content-dropout 1.5 --save-path T/r", 2,
        "gadn stage1: --content-dropout must be in (0, 1] (1 disables nested dropout), got 1.5"));
    c.add(new Case("zero save period",
        "stage1 " + IDX + " --save-iter 0 --save-path T/r", 2,
        "gadn stage1: --save-iter must be positive, got 0"));
    c.add(new Case("unknown device",
        "stage1 " + IDX + " --device /TPU:0 --save-path T/r", 2,
        "gadn stage1: --device must look like /CPU:0 or /GPU:0, got \"/TPU:0\""));
    c.add(new Case("malformed block string",
        "stage1 " + IDX + " --features 4,8,16 --blocks cc,xc,f --save-path T/r", 2,
        "gadn stage1: --blocks/--features: blocks[1] = \"xc\": letter 'x' at position 0 is not allowed in an encoder-type network (first letter c, then c, b or n)"));
    // ---- checkpoints and run folders
    c.add(new Case("resume a folder that is not a run",
        "stage1 " + IDX + " --load-path T/noclasses", 1,
        "gadn stage1: T/noclasses is not a run folder: T/noclasses/options.json is missing"));
    c.add(new Case("resume from a missing checkpoint",
        "stage1 " + IDX + " --load-path T/s1 --load-iter 7", 1,
        "gadn stage1: checkpoint T/s1/models/7.ckpt does not exist (T/s1 holds last and numbered checkpoints [2])"));
    c.add(new Case("checkpoint name neither last nor a number",
        "stage1 " + IDX + " --load-path T/s1 --load-iter latest", 2,
        "gadn stage1: option --load-iter takes last or an iteration number, got \"latest\""));
    c.add(new Case("truncated checkpoint",
        "stage1 " + IDX + " --load-path T/truncated", 1,
        "gadn stage1: checkpoint T/truncated/models/last.ckpt cannot be loaded: it is truncated (--load-fallback resumes from the newest intact numbered checkpoint instead)"));
    c.add(new Case("truncated checkpoint, with --load-fallback",
        "stage1 " + IDX + " --load-path T/fallback --load-fallback --niter 3", 0,
        "stage1: 3 iterations; run folder T/fallback"));
    c.add(new Case("checkpoint failing its checksum",
        "stage1 " + IDX + " --load-path T/corrupt", 1,
        "gadn stage1: checkpoint T/corrupt/models/last.ckpt cannot be loaded: its checksum does not match (corrupt) (--load-fallback resumes from the newest intact numbered checkpoint instead)"));
    c.add(new Case("run of another stage",
        "classifier " + IDX + " --load-path T/s1", 1,
        "gadn classifier: T/s1 is a stage1 run, not a classifier run"));
    c.add(new Case("checkpoint of another stage",
        "stage1 " + IDX + " --load-path T/otherstage", 1,
        "gadn stage1: T/otherstage/models/last.ckpt is a classifier checkpoint, not a stage1 one"));
    c.add(new Case("checkpoint of other networks",
        "stage1 " + IDX + " --load-path T/othershape", 1,
        "gadn stage1: T/othershape/models/last.ckpt does not fit these networks: parameter enc/L0/b0/conv/w has 3 values, expected 576 for shape [6, 6, 4, 4]"));
    c.add(new Case("resume changing the networks",
        "stage1 " + IDX + " --load-path T/s1 --features 4,8,8", 2,
        "gadn stage1: --features/--blocks (encoder) is fixed when a run starts and cannot change when resuming (saved {features=[4, 8, 16], blocks=[cc, cbc, f]}, given {features=[4, 8, 8], blocks=[cc, cbc, f]})"));
    c.add(new Case("encode a checkpoint that is not numbered",
        "encode " + IDX + " --enc-path T/s1 --enc-iter 1", 1,
        "gadn encode: stage-1 run T/s1 has no numbered checkpoint 1 (T/s1/models/1.ckpt is missing; numbered checkpoints: [2])"));
    c.add(new Case("stage 2 before the encode step",
        "stage2 " + IDX + " --enc-path T/s1 --enc-iter 2 --save-path T/r", 1,
        "gadn stage2: no content codes for checkpoint 2 (T/s1/codes/2_codes.ckpt is missing): run the encode step first"));
    c.add(new Case("model from a folder that is not a run",
        "transfer --run T/noclasses --input T/emptyclass/a/0.png --out T/o", 1,
        "gadn transfer: T/noclasses is not a run folder: T/noclasses/options.json is missing"));
    c.add(new Case("transfer input without images",
        "transfer --run T/s1 --input T/noclasses --out T/o", 2,
        "gadn transfer: --input T/noclasses holds no images"));
    c.add(new Case("transfer input that cannot be decoded",
        "transfer --run T/s1 --input T/corruptfirst/a/0.png --out T/o", 2,
        "gadn transfer: --input: cannot decode image T/corruptfirst/a/0.png: not a supported image format or corrupt (--skip-unreadable leaves such files out)"));
    c.add(new Case("style the model does not have",
        "transfer --run T/s1 --input T/emptyclass/a/0.png --style nine --out T/o", 2,
        "gadn transfer: --style nine is not a style of this model (classes: [0, 1, 2, 3, 4, 5, 6, 7, 8, 9], or neutral)"));
    c.add(new Case("style strip shorter than two images",
        "transfer --run T/s1 --input T/emptyclass/a/0.png --mix 0,1 --steps 1 --out T/o", 2,
        "gadn transfer: --steps must be at least 2, got 1"));
    c.add(new Case("export from a folder that is not a run",
        "export --run T/noclasses --out T/o", 1,
        "gadn export: T/noclasses is not a run folder: T/noclasses/options.json is missing"));
    c.add(new Case("export of a checkpoint the run lacks",
        "export --run T/s1 --iter 7 --out T/o", 1,
        "gadn export: checkpoint T/s1/models/7.ckpt does not exist"));
    c.add(new Case("export into a folder that is not empty",
        "export --run T/s1 --out T/emptyclass", 2,
        "gadn export: --out T/emptyclass is a folder that is not empty: export writes a new model folder and never overwrites one"));
    c.add(new Case("export onto a file",
        "export --run T/s1 --out T/file", 2,
        "gadn export: --out T/file is a file, not a folder"));
    c.add(new Case("enroll from a folder without images",
        "enroll --run T/s1 --name new --images T/noclasses", 2,
        "gadn enroll: --images T/noclasses holds no images (a style is fitted from 1 to 50)"));
    c.add(new Case("enroll from more than 50 images",
        "enroll --run T/s1 --name new --images T/many", 2,
        "gadn enroll: --images T/many holds 51 images; a style is fitted from 1 to 50"));
    c.add(new Case("enroll a name already enrolled",
        "enroll --run T/enrolled --name old --images T/emptyclass/a/0.png", 2,
        "gadn enroll: --name old is already enrolled in T/enrolled: choose another name, or --replace to fit it again"));
    c.add(new Case("enroll under a trained class's name",
        "enroll --run T/s1 --name 3 --images T/emptyclass/a/0.png", 2,
        "gadn enroll: --name 3 is a trained style class of T/s1: choose another name"));
    c.add(new Case("enroll under a name that is not a file name",
        "enroll --run T/s1 --name ../x --images T/emptyclass/a/0.png", 2,
        "gadn enroll: --name: style name \"../x\" must be 1-64 letters, digits, '.', '_' or '-', starting with a letter or digit"));
    c.add(new Case("enroll into a folder that is not a run",
        "enroll --run T/noclasses --name new --images T/emptyclass/a/0.png", 1,
        "gadn enroll: T/noclasses is not a run folder: T/noclasses/options.json is missing"));
    c.add(new Case("save path holding a run",
        "stage1 " + IDX + " " + TINY + " --save-path T/s1", 1,
        "gadn stage1: T/s1 already holds a run (options.json exists): resume it or choose another save path"));
    c.add(new Case("save path that cannot be written",
        "stage1 " + IDX + " " + TINY + " --save-path T/file/run", 1,
        "gadn stage1: run folder T/file/run is not writable (FileSystemException: T/file/run: Not a directory)"));
    // ---- the command line
    c.add(new Case("no command",
        "", 2,
        "usage: java -jar gadn.jar COMMAND [options]   (COMMAND --help for options)"));
    c.add(new Case("unknown command",
        "stage3", 2,
        "gadn: unknown command \"stage3\""));
    c.add(new Case("missing required option",
        "encode --enc-iter 5", 2,
        "gadn encode: option --enc-path is required for encode"));
    c.add(new Case("neither save nor load path",
        "stage1 " + IDX, 2,
        "gadn stage1: give --save-path (a new run) or --load-path (resume a run)"));
    c.add(new Case("stray argument",
        "stage1 " + IDX + " data --save-path T/r", 2,
        "gadn stage1: unexpected argument \"data\" (options start with --)"));
    c.add(new Case("resume into another folder",
        "stage1 " + IDX + " --load-path T/s1 --save-path T/r", 2,
        "gadn stage1: resuming into a different --save-path is not supported; omit --save-path"));
    return c;
  }

  private static String[] args(String command) {
    if (command.isEmpty()) {
      return new String[0];
    }
    return Arrays.stream(command.split(" ")).map(BadInputCatalogueTest::paths).toArray(String[]::new);
  }

  private static String paths(String s) {
    return s.replace("T/", tmp + "/");
  }

  /** An exit code and the first line of standard error (of standard output if none). */
  private record Outcome(int exit, String line) {}

  /** Runs the CLI. */
  private static Outcome gadn(String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int code = Gadn.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8));
    String text = err.size() > 0 ? err.toString(StandardCharsets.UTF_8) : out.toString(StandardCharsets.UTF_8);
    return new Outcome(code, text.lines().findFirst().orElse(""));
  }

  @BeforeAll
  static void fixtures() throws Exception {
    succeeds("synth handwriting --out T/data --writers 2 --per-digit 1 --image-size 12");
    succeeds("synth handwriting --out T/small --writers 1 --per-digit 1 --image-size 12");
    succeeds("stage1 " + IDX + " " + TINY + " --niter 2 --checkpoint-iter 2 --save-path T/s1");
    Files.createDirectories(tmp.resolve("noclasses"));
    image(tmp.resolve("emptyclass/a/0.png"), 12);
    Files.createDirectories(tmp.resolve("emptyclass/b"));
    garbage(tmp.resolve("corruptfirst/a/0.png"));
    image(tmp.resolve("corruptfirst/a/1.png"), 12);
    image(tmp.resolve("corruptfirst/b/0.png"), 12);
    image(tmp.resolve("corruptlater/a/0.png"), 12);
    garbage(tmp.resolve("corruptlater/a/1.png"));
    image(tmp.resolve("corruptlater/b/0.png"), 12);
    image(tmp.resolve("corruptlater/b/1.png"), 12);
    image(tmp.resolve("odd/a/0.png"), 13);
    image(tmp.resolve("odd/b/0.png"), 13);
    Files.write(tmp.resolve("badmagic"), new byte[] {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16});
    byte[] idx = Files.readAllBytes(tmp.resolve("data/images-idx3-ubyte"));
    Files.write(tmp.resolve("truncated-idx3-ubyte"), Arrays.copyOf(idx, idx.length - 100));
    Files.writeString(tmp.resolve("file"), "not a folder");
    for (int i = 0; i < 51; i++) {
      image(tmp.resolve("many/" + i + ".png"), 12);
    }
    copyRun("enrolled");
    succeeds("enroll --run T/enrolled --name old --images T/emptyclass/a/0.png --niter 2");
    copyRun("truncated");
    Path last = tmp.resolve("truncated/models/last.ckpt");
    byte[] ckpt = Files.readAllBytes(last);
    Files.write(last, Arrays.copyOf(ckpt, ckpt.length / 2));
    copyRun("fallback");
    Files.copy(last, tmp.resolve("fallback/models/last.ckpt"), StandardCopyOption.REPLACE_EXISTING);
    copyRun("corrupt");
    ckpt[ckpt.length / 2] ^= 0x20;
    Files.write(tmp.resolve("corrupt/models/last.ckpt"), ckpt);
    copyRun("otherstage");
    new Checkpoint(Map.of("stage", "classifier", "iteration", "5"), Map.of(), Map.of())
        .write(tmp.resolve("otherstage/models/last.ckpt"));
    copyRun("othershape");
    Checkpoint real = Checkpoint.read(tmp.resolve("s1/models/last.ckpt"));
    Map<String, float[]> tensors = new LinkedHashMap<>(real.tensors());
    Map<String, long[]> shapes = new LinkedHashMap<>(real.shapes());
    String name = tensors.keySet().stream().filter(k -> k.startsWith("enc/")).findFirst().orElseThrow();
    tensors.put(name, new float[] {1, 2, 3});
    shapes.put(name, new long[] {3});
    new Checkpoint(real.metadata(), tensors, shapes).write(tmp.resolve("othershape/models/last.ckpt"));
  }

  private static void succeeds(String command) {
    Outcome o = gadn(args(command));
    assertThat(o.exit()).as(o.line()).isZero();
  }

  private static void image(Path file, int size) throws Exception {
    Files.createDirectories(file.getParent());
    ImageIO.write(new BufferedImage(size, size, BufferedImage.TYPE_INT_RGB), "png", file.toFile());
  }

  private static void garbage(Path file) throws Exception {
    Files.createDirectories(file.getParent());
    Files.writeString(file, "this is not a PNG file");
  }

  private static void copyRun(String name) throws Exception {
    Path from = tmp.resolve("s1");
    try (Stream<Path> files = Files.walk(from)) {
      for (Path f : (Iterable<Path>) files::iterator) {
        Files.copy(f, tmp.resolve(name).resolve(from.relativize(f).toString()));
      }
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void badInputGetsItsExitCodeAndOneLineMessage(Case c) {
    Outcome o = gadn(args(c.command()));
    String expected = paths(c.message());
    assertThat(o.line()).as(c.input()).isEqualTo(expected);
    assertThat(o.exit()).as(c.input()).isEqualTo(c.exit());
  }

  /** The case's row in the table of docs/reliability.md. */
  static String row(Case c) {
    String command = c.command().isEmpty() ? "gadn" : "gadn " + c.command();
    return "| " + c.input() + " | `" + command + "` | " + c.exit() + " | " + c.message() + " |";
  }

  @Test
  void theDocumentationListsEveryCase() throws Exception {
    String doc = Files.readString(Path.of("..", "docs", "reliability.md"));
    for (Case c : cases()) {
      assertThat(doc).as(c.input()).contains(row(c));
    }
  }
}
