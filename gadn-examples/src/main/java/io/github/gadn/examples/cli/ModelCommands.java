package io.github.gadn.examples.cli;

import io.github.gadn.CodeBatch;
import io.github.gadn.EnrolledStyle;
import io.github.gadn.GadnModel;
import io.github.gadn.ImageBatch;
import io.github.gadn.StyleTable;
import io.github.gadn.config.EnrollConfig;
import io.github.gadn.data.DataException;
import io.github.gadn.data.DataSource;
import io.github.gadn.data.ImageFiles;
import io.github.gadn.data.ImageGrid;
import io.github.gadn.data.RgbaImage;
import io.github.gadn.data.synth.SyntheticHandwriting;
import io.github.gadn.data.synth.SyntheticPortraits;
import io.github.gadn.engine.Engines;
import io.github.gadn.json.Json;
import java.awt.image.BufferedImage;
import java.io.File;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/** {@code transfer}, {@code sample}, {@code enroll}, {@code export} and {@code synth}. */
final class ModelCommands {
  private ModelCommands() {}

  /** Style name of the all-zero style code, the population-average style. */
  static final String NEUTRAL = "neutral";

  /** Seconds between two progress lines of {@code transfer}. */
  static final long PROGRESS_SECONDS = 5;

  static List<Command> all() {
    return List.of(new Transfer(), new Sample(), new Enroll(), new Export(), new Synth());
  }

  /**
   * A style code and its name in file names and messages.
   *
   * @param name class name, or {@link #NEUTRAL}
   * @param label class index, or -1 for the neutral style
   * @param code the style code
   */
  record NamedStyle(String name, int label, float[] code) {}

  /**
   * Resolves the names of {@code --option}: class names (the class's style mean), {@code neutral}
   * (the zero style code) and {@code all} (every class, in class order). A class of that name
   * wins over {@code neutral} and {@code all}. No names means all; repeated names count once.
   *
   * @throws UsageException naming the option and the unknown name
   */
  static List<NamedStyle> styles(GadnModel model, String option, List<String> names) {
    List<String> classes = model.styles().classNames();
    Map<String, NamedStyle> out = new LinkedHashMap<>();
    for (String n : names.isEmpty() ? List.of("all") : names) {
      if (n.equals("all") && !classes.contains(n)) {
        for (int k = 0; k < classes.size(); k++) {
          out.putIfAbsent(classes.get(k), new NamedStyle(classes.get(k), k, model.styles().mean(k)));
        }
      } else {
        out.putIfAbsent(n, style(model, option, n));
      }
    }
    return new ArrayList<>(out.values());
  }

  /** One style name: a class name, an enrolled style's name or {@code neutral}. */
  static NamedStyle style(GadnModel model, String option, String name) {
    StyleTable table = model.styles();
    List<String> classes = table.classNames();
    int k = classes.indexOf(name);
    if (k >= 0) {
      return new NamedStyle(name, k, table.mean(k));
    }
    if (table.enrolled(name).isPresent()) {
      return new NamedStyle(name, -1, table.mean(name));
    }
    if (name.equals(NEUTRAL)) {
      return new NamedStyle(NEUTRAL, -1, table.zeroStyle());
    }
    List<String> enrolled = table.enrolledNames();
    throw new UsageException(
        "--" + option + " " + name + " is not a style of this model (classes: "
            + (classes.size() > 10 ? classes.subList(0, 10) + "…" : classes)
            + (enrolled.isEmpty() ? "" : ", enrolled: "
                + (enrolled.size() > 10 ? enrolled.subList(0, 10) + "…" : enrolled))
            + ", or " + NEUTRAL + ")");
  }

  /**
   * The images a style is fitted from ({@code enroll --images}, {@code transfer --style-from}):
   * an image file or every image of a folder (searched recursively), read as in training (the
   * run's centre crop, then resized to the model's size) and at most {@link
   * EnrollConfig#MAX_IMAGES} of them.
   *
   * @throws UsageException naming the option: a missing path, no images, too many, or an image
   *     that cannot be decoded
   */
  static ImageBatch fitImages(String option, Path input, Path run, int size) throws IOException {
    if (!Files.exists(input)) {
      throw new UsageException("--" + option + " " + input + " does not exist");
    }
    List<Path> files = Files.isDirectory(input) ? ImageFiles.list(input) : List.of(input);
    if (files.size() < EnrollConfig.MIN_IMAGES) {
      throw new UsageException("--" + option + " " + input + " holds no images (a style is fitted"
          + " from " + EnrollConfig.MIN_IMAGES + " to " + EnrollConfig.MAX_IMAGES + ")");
    }
    if (files.size() > EnrollConfig.MAX_IMAGES) {
      throw new UsageException("--" + option + " " + input + " holds " + files.size() + " images;"
          + " a style is fitted from " + EnrollConfig.MIN_IMAGES + " to " + EnrollConfig.MAX_IMAGES);
    }
    int crop = trainingCrop(run).size();
    int len = size * size * ImageBatch.CHANNELS;
    float[] pixels = new float[files.size() * len];
    for (int i = 0; i < files.size(); i++) {
      try {
        System.arraycopy(prepare(files.get(i), crop, size), 0, pixels, i * len, len);
      } catch (DataException e) {
        throw new UsageException("--" + option + ": " + e.getMessage());
      }
    }
    return ImageBatch.of(files.size(), size, pixels);
  }

  /** The fitting options of {@code enroll} and {@code transfer --style-from}. */
  static EnrollConfig enrollConfig(Options o) {
    int niter = o.integer("niter");
    if (niter < 1) {
      throw new UsageException("--niter must be at least 1, got " + niter);
    }
    double lr = o.number("lr");
    if (!(lr > 0) || !Double.isFinite(lr)) {
      throw new UsageException("--lr must be a positive number, got " + o.string("lr"));
    }
    return EnrollConfig.builder().iterations(niter).learningRate(lr).seed(o.longValue("seed")).build();
  }

  /** Adds the fitting options of {@code enroll} and {@code transfer --style-from}. */
  static Options fitOptions(Options o, String what) {
    return o.add("niter", "300", what + ": Adam iterations (one Session.run each)")
        .add("lr", "0.01", what + ": learning rate of the style's mean and log-std")
        .add("seed", "0", what + ": seed of the style noise (same seed and images, same style)");
  }

  /** One line about a fitted style. */
  static String fitted(String command, EnrolledStyle e, long startNanos) {
    return String.format(Locale.ROOT, "%s: fitted style %s from %d image(s), %d iterations in %.1f s:"
            + " reconstruction loss %.4f with the neutral style, %.4f with the fitted one",
        command, e.name(), e.imageCount(), e.config().iterations(),
        (System.nanoTime() - startNanos) / 1e9, e.zeroStyleLoss(), e.loss());
  }

  /**
   * The style codes of an interpolation strip: {@code steps} codes evenly spaced from {@code
   * from}'s code ({@code t = 0}) to {@code to}'s ({@code t = 1}), linear in code space. Between two
   * classes this is {@link StyleTable#interpolate}; towards the neutral style it is the same line
   * towards the zero code.
   */
  static float[][] mixCodes(StyleTable table, NamedStyle from, NamedStyle to, int steps) {
    float[][] codes = new float[steps][];
    for (int j = 0; j < steps; j++) {
      double t = (double) j / (steps - 1);
      if (from.label() >= 0 && to.label() >= 0) {
        codes[j] = table.interpolate(from.label(), to.label(), t);
      } else {
        float[] a = from.code();
        float[] b = to.code();
        codes[j] = new float[a.length];
        for (int i = 0; i < a.length; i++) {
          codes[j][i] = (float) ((1 - t) * a[i] + t * b[i]);
        }
      }
    }
    return codes;
  }

  /**
   * The centre crop of a run's training images and where it was read.
   *
   * @param size crop side before resizing, 0 for none
   * @param origin where it was read, or why there is none (a phrase for parentheses)
   */
  record Crop(int size, String origin) {}

  /**
   * The centre crop that the training images of {@code run} had before resizing: the {@code
   * cropSize} of the {@code dataSource} in its {@code options.json}, or, for a stage-2 run without
   * one, in its stage-1 run's ({@code stage1Run}). Older run folders record no data source: no
   * crop. IDX images are never cropped.
   *
   * @throws IOException naming the {@code options.json} that cannot be read or holds a malformed
   *     data source
   */
  static Crop trainingCrop(Path run) throws IOException {
    Path file = run.resolve("options.json");
    Map<?, ?> options = readJson(file);
    Object source = options.get("dataSource");
    if (source == null && "stage2".equals(options.get("stage"))
        && options.get("stage1Run") instanceof String s1) {
      file = Path.of(s1).resolve("options.json");
      if (!Files.isRegularFile(file)) {
        return new Crop(0, "its stage-1 run " + s1 + " has no options.json");
      }
      source = readJson(file).get("dataSource");
    }
    if (source == null) {
      return new Crop(0, file + " records no data source");
    }
    if (!(source instanceof Map<?, ?> map)) {
      throw new IOException(file + ": dataSource must be an object, got " + source);
    }
    DataSource data;
    try {
      @SuppressWarnings("unchecked")
      Map<String, ?> m = (Map<String, ?>) map;
      data = DataSource.fromMap(m);
    } catch (IllegalArgumentException | ClassCastException e) {
      throw new IOException(file + ": " + e.getMessage(), e);
    }
    // IDX images (a file with a labels file) are read at their own size, without a crop.
    boolean idx = data.isIdx() || (data.labels().isPresent() && !Files.isDirectory(data.root()));
    return new Crop(idx ? 0 : data.cropSize(), (idx ? "IDX images, " : "") + "from " + file);
  }

  private static Map<?, ?> readJson(Path file) throws IOException {
    Object json;
    try {
      json = Json.parse(Files.readString(file, StandardCharsets.UTF_8));
    } catch (IllegalArgumentException e) {
      throw new IOException(file + " is not valid JSON: " + e.getMessage(), e);
    }
    if (!(json instanceof Map<?, ?> map)) {
      throw new IOException(file + " does not hold a JSON object");
    }
    return map;
  }

  /**
   * One input image as the network sees it, decoded and preprocessed exactly as {@link
   * io.github.gadn.data.ImageFolderDataset} prepares training images: {@link ImageFiles#read}
   * (PNG, JPEG, BMP, TIFF, PGM/PPM), then {@link RgbaImage#preprocess} (centre crop, resize of the
   * shorter side, centre crop, RGB to {@code [-1, 1]}).
   *
   * @return {@code size * size * 4} values in {@link ImageBatch} encoding
   * @throws DataException naming the file that cannot be read
   */
  static float[] prepare(Path file, int cropSize, int size) throws DataException {
    return ImageFiles.read(file).preprocess(cropSize, size);
  }

  /**
   * Output names of the inputs: each input's path relative to the input folder (its file name for
   * a single file), without the extension, so that {@code DIR/a/x.png} becomes {@code OUT/a/x_S.png}
   * for suffix {@code S}.
   *
   * @throws UsageException if two inputs, or an input and a suffix, would write the same file
   */
  static List<String> outputStems(Path input, List<Path> files, List<String> suffixes, Path out) {
    boolean folder = Files.isDirectory(input);
    List<String> stems = new ArrayList<>(files.size());
    Map<String, Path> byStem = new HashMap<>();
    for (Path f : files) {
      String rel = (folder ? input.relativize(f) : f.getFileName()).toString();
      int dot = rel.lastIndexOf('.');
      String stem = dot > 0 && dot > rel.lastIndexOf(File.separatorChar) ? rel.substring(0, dot) : rel;
      Path other = byStem.putIfAbsent(stem, f);
      if (other != null) {
        throw new UsageException("--input: " + other + " and " + f + " would both be written to "
            + out.resolve(stem + "_" + suffixes.get(0) + ".png") + ": rename one of them");
      }
      stems.add(stem);
    }
    // stem "x_a" with suffix "b" and stem "x" with suffix "a_b" name the same file.
    Set<String> known = new HashSet<>(suffixes);
    for (String stem : stems) {
      for (String suffix : suffixes) {
        String name = stem + "_" + suffix;
        for (int i = name.indexOf('_'); i >= 0; i = name.indexOf('_', i + 1)) {
          String otherStem = name.substring(0, i);
          if (i != stem.length() && byStem.containsKey(otherStem) && known.contains(name.substring(i + 1))) {
            throw new UsageException("--input: " + byStem.get(stem) + " and " + byStem.get(otherStem)
                + " would both be written to " + out.resolve(name + ".png") + ": rename one of them");
          }
        }
      }
    }
    return stems;
  }

  /** A progress line at most every few seconds: done / total, images/s and the time left. */
  static final class Progress {
    private final String command;
    private final long total;
    private final PrintStream out;
    private final long intervalNanos;
    private final long startNanos;
    private long lastNanos;

    Progress(String command, long total, PrintStream out, long intervalNanos, long startNanos) {
      this.command = command;
      this.total = total;
      this.out = out;
      this.intervalNanos = intervalNanos;
      this.startNanos = startNanos;
      this.lastNanos = startNanos;
    }

    /** Prints a line if the interval has passed since the last one and work remains. */
    boolean update(long done, long nowNanos) {
      if (done >= total || nowNanos - lastNanos < intervalNanos) {
        return false;
      }
      lastNanos = nowNanos;
      out.println(line(done, nowNanos));
      return true;
    }

    String line(long done, long nowNanos) {
      double rate = rate(done, nowNanos);
      String eta = rate > 0 ? duration((total - done) / rate) : "unknown";
      return String.format(Locale.ROOT, "%s: %d/%d images (%.1f images/s, ETA %s)",
          command, done, total, rate, eta);
    }

    double rate(long done, long nowNanos) {
      double seconds = (nowNanos - startNanos) / 1e9;
      return seconds > 0 ? done / seconds : 0;
    }

    static String duration(double seconds) {
      long s = Math.round(seconds);
      return String.format(Locale.ROOT, "%d:%02d:%02d", s / 3600, s / 60 % 60, s % 60);
    }
  }

  static final class Transfer implements Command {
    @Override
    public String name() {
      return "transfer";
    }

    @Override
    public Options options() {
      return CommonOptions.ema(CommonOptions.resources(fitOptions(
          new Options("transfer", "Draw the content of input images in named styles. Inputs are"
                  + " read as in training (PNG, JPEG, BMP, TIFF, PGM/PPM; the run's centre crop, then"
                  + " resized to the model's size); DIR/a/x.png is written as OUT/a/x_STYLE.png.")
              .add("run", null, "stage-1 or stage-2 run folder")
              .add("iter", "last", "checkpoint: last or an iteration")
              .add("input", null, "an image file or a folder of images (searched recursively)")
              .list("style", "all", "style class names, enrolled style names (gadn enroll), "
                  + NEUTRAL + " (the zero style code), or all (every class); none when --mix or"
                  + " --style-from is given without it")
              .alias("styles", "style")
              .add("style-from", null, "a reference image (or a folder of up to "
                  + EnrollConfig.MAX_IMAGES + "): its style is fitted on the fly as gadn enroll"
                  + " fits one, not stored, and drawn as style from-STEM")
              .list("mix", null, "two styles A,B: per input, a strip OUT/…/x_mix-A-B.png of --steps"
                  + " images morphing from A's style code to B's")
              .add("steps", "8", "images per --mix strip, at least 2")
              .add("batch-size", "64", "images read and drawn at a time (bounds the memory)")
              .flag("skip-unreadable", false, "leave out unreadable images instead of failing")
              .add("out", null, "output folder"), "--style-from")));
    }

    @Override
    public int run(Options o, PrintStream out) throws Exception {
      EnrollConfig fit = o.given("style-from") ? enrollConfig(o) : null;
      Path input = Path.of(o.required("input"));
      if (!Files.exists(input)) {
        throw new UsageException("--input " + input + " does not exist");
      }
      List<Path> files = Files.isDirectory(input) ? ImageFiles.list(input) : List.of(input);
      if (files.isEmpty()) {
        throw new UsageException("--input " + input + " holds no images");
      }
      Path dir = Path.of(o.required("out"));
      int batchSize = o.integer("batch-size");
      if (batchSize < 1) {
        throw new UsageException("--batch-size must be at least 1, got " + batchSize);
      }
      boolean mix = o.given("mix");
      List<String> mixNames = o.strings("mix");
      if (mix && mixNames.size() != 2) {
        throw new UsageException("--mix takes two styles A,B, got \"" + o.string("mix") + "\"");
      }
      int steps = o.integer("steps");
      if (steps < 2) {
        throw new UsageException("--steps must be at least 2, got " + steps);
      }
      boolean skipUnreadable = o.bool("skip-unreadable");
      Path run = Path.of(o.required("run"));
      try (GadnModel model =
          Engines.get().load(run, o.string("iter"), CommonOptions.resourceOptions(o),
              CommonOptions.weights(o))) {
        List<NamedStyle> styles = new ArrayList<>(
            (mix || fit != null) && !o.given("style")
                ? List.of() : styles(model, "style", o.strings("style")));
        if (fit != null) {
          Path reference = Path.of(o.string("style-from"));
          ImageBatch images = fitImages("style-from", reference, run, model.imageSize());
          long fitStart = System.nanoTime();
          EnrolledStyle fitted = model.fitStyle(fromName(reference), images, fit);
          out.println(fitted("transfer", fitted, fitStart));
          styles.add(new NamedStyle(fitted.name(), -1, fitted.mean()));
        }
        NamedStyle[] ends = mix
            ? new NamedStyle[] {
                style(model, "mix", mixNames.get(0)), style(model, "mix", mixNames.get(1))}
            : null;
        float[][] mixCodes = mix ? mixCodes(model.styles(), ends[0], ends[1], steps) : null;
        String mixSuffix = mix ? "mix-" + ends[0].name() + "-" + ends[1].name() : null;
        List<String> suffixes = new ArrayList<>();
        for (NamedStyle s : styles) {
          suffixes.add(s.name());
        }
        if (mix) {
          suffixes.add(mixSuffix);
        }
        List<String> stems = outputStems(input, files, suffixes, dir);
        Crop crop = trainingCrop(run);
        int size = model.imageSize();
        out.println("transfer: " + files.size() + " input(s), read as in training: "
            + (crop.size() > 0 ? "centre crop " + crop.size() : "no crop") + " (" + crop.origin()
            + "), resized to " + size + "x" + size);
        Files.createDirectories(dir);

        int len = size * size * ImageBatch.CHANNELS;
        long start = System.nanoTime();
        Progress progress =
            new Progress("transfer", files.size(), out, PROGRESS_SECONDS * 1_000_000_000L, start);
        long written = 0;
        int skipped = 0;
        for (int from = 0; from < files.size(); from += batchSize) {
          int to = Math.min(files.size(), from + batchSize);
          float[] pixels = new float[(to - from) * len];
          List<Integer> kept = new ArrayList<>();
          for (int i = from; i < to; i++) {
            try {
              float[] one = prepare(files.get(i), crop.size(), size);
              System.arraycopy(one, 0, pixels, kept.size() * len, len);
              kept.add(i);
            } catch (DataException e) {
              if (!skipUnreadable) {
                throw new UsageException("--input: " + e.getMessage()
                    + " (--skip-unreadable leaves such files out)");
              }
              out.println("transfer: skipped: " + e.getMessage());
              skipped++;
            }
          }
          int n = kept.size();
          if (n > 0) {
            ImageBatch content =
                ImageBatch.of(n, size, n == to - from ? pixels : Arrays.copyOf(pixels, n * len));
            CodeBatch codes = model.encoder().encode(content).mean();
            for (NamedStyle s : styles) {
              ImageBatch drawn = model.generator().generate(codes, CodeBatch.repeat(s.code(), n));
              for (int i = 0; i < n; i++) {
                ImageFiles.writePng(drawn.toImage(i), output(dir, stems.get(kept.get(i)), s.name()));
                written++;
              }
            }
            if (mix) {
              BufferedImage[] strips = new BufferedImage[n];
              for (int i = 0; i < n; i++) {
                strips[i] = new BufferedImage(steps * size, size, BufferedImage.TYPE_INT_ARGB);
              }
              for (int j = 0; j < steps; j++) {
                ImageBatch drawn = model.generator().generate(codes, CodeBatch.repeat(mixCodes[j], n));
                for (int i = 0; i < n; i++) {
                  int[] argb = drawn.toImage(i).getRGB(0, 0, size, size, null, 0, size);
                  strips[i].setRGB(j * size, 0, size, size, argb, 0, size);
                }
              }
              for (int i = 0; i < n; i++) {
                ImageFiles.writePng(strips[i], output(dir, stems.get(kept.get(i)), mixSuffix));
                written++;
              }
            }
          }
          progress.update(to, System.nanoTime());
        }
        long now = System.nanoTime();
        out.println(String.format(Locale.ROOT, "transfer: wrote %d images for %d input(s) to %s in %s"
                + " (%.1f inputs/s)%s",
            written, files.size() - skipped, dir, Progress.duration((now - start) / 1e9),
            progress.rate(files.size(), now), skipped > 0 ? "; skipped " + skipped + " unreadable" : ""));
      }
      return 0;
    }

    private static Path output(Path dir, String stem, String suffix) {
      return dir.resolve(stem + "_" + suffix + ".png");
    }

    /** The style name of a reference: {@code from-} and its file name without extension. */
    static String fromName(Path reference) {
      String stem = String.valueOf(reference.toAbsolutePath().normalize().getFileName());
      int dot = stem.lastIndexOf('.');
      stem = dot > 0 ? stem.substring(0, dot) : stem;
      String name = "from-" + stem.replaceAll("[^A-Za-z0-9._-]", "-");
      return name.length() > 64 ? name.substring(0, 64) : name;
    }
  }

  static final class Enroll implements Command {
    @Override
    public String name() {
      return "enroll";
    }

    @Override
    public Options options() {
      return CommonOptions.resources(fitOptions(
          new Options("enroll", "Fit a new style (artist) from 1 to " + EnrollConfig.MAX_IMAGES
                  + " images with the run's encoder and generator frozen, and store it as"
                  + " RUN/enrolled/NAME.json beside the trained style table (which stays"
                  + " untouched); transfer --style NAME then draws in it. Images are read as in"
                  + " training (the run's centre crop, then resized to the model's size).")
              .add("run", null, "stage-1 or stage-2 run folder")
              .add("iter", "last", "checkpoint whose encoder and generator are used: last or an"
                  + " iteration")
              .add("name", null, "name of the new style: letters, digits, '.', '_', '-'; not a"
                  + " class of the run")
              .add("images", null, "an image file or a folder of 1 to " + EnrollConfig.MAX_IMAGES
                  + " images (searched recursively) in the new style")
              .flag("replace", false, "replace an enrolled style of the same name")
              .flag("list", false, "only list the run's enrolled styles"), "fitting"));
    }

    @Override
    public int run(Options o, PrintStream out) throws Exception {
      Path run = Path.of(o.required("run"));
      if (o.bool("list")) {
        try (GadnModel model = Engines.get().load(run, o.string("iter"))) {
          list(out, run, model.styles());
        }
        return 0;
      }
      String name = o.required("name");
      try {
        EnrolledStyle.checkName(name);
      } catch (IllegalArgumentException e) {
        throw new UsageException("--name: " + e.getMessage());
      }
      EnrollConfig config = enrollConfig(o);
      Path input = Path.of(o.required("images"));
      ImageBatch images;
      List<String> names = new ArrayList<>();
      int classes;
      try (GadnModel model = Engines.get().load(run, o.string("iter"))) {
        StyleTable table = model.styles();
        if (table.classNames().contains(name)) {
          throw new UsageException("--name " + name + " is a trained style class of " + run
              + ": choose another name");
        }
        if (table.enrolledNames().contains(name) && !o.bool("replace")) {
          throw new UsageException("--name " + name + " is already enrolled in " + run
              + ": choose another name, or --replace to fit it again");
        }
        images = fitImages("images", input, run, model.imageSize());
        names.addAll(table.enrolledNames());
        classes = table.classNames().size();
      }
      long start = System.nanoTime();
      EnrolledStyle entry = Engines.get().enroll(run, o.string("iter"), name, images, config,
          o.bool("replace"), CommonOptions.resourceOptions(o));
      out.println(fitted("enroll", entry, start));
      if (!names.contains(name)) {
        names.add(name);
        names.sort(null);
      }
      out.println("enroll: wrote " + run.resolve("enrolled").resolve(name + ".json") + "; "
          + line(run, names, classes));
      return 0;
    }

    private static void list(PrintStream out, Path run, StyleTable table) {
      out.println("enroll: " + line(run, table.enrolledNames(), table.classNames().size()));
    }

    private static String line(Path run, List<String> names, int classes) {
      return run + " has " + names.size() + " enrolled style(s)"
          + (names.isEmpty() ? "" : ": " + String.join(", ", names))
          + " beside " + classes + " trained classes";
    }
  }

  static final class Sample implements Command {
    @Override
    public String name() {
      return "sample";
    }

    @Override
    public Options options() {
      return CommonOptions.ema(CommonOptions.resources(
          new Options("sample", "Random contents × styles grid from a trained model (OUT/samples.png:"
                  + " one row per content, one column per style).")
              .add("run", null, "stage-1 or stage-2 run folder")
              .add("iter", "last", "checkpoint: last or an iteration")
              .list("style", "all", "style class names, " + NEUTRAL + " (the zero style code), or all"
                  + " (at most 16 columns shown)")
              .alias("styles", "style")
              .add("n", "8", "number of random contents (grid rows)")
              .add("seed", "0", "seed of the random contents")
              .add("out", null, "output folder")));
    }

    @Override
    public int run(Options o, PrintStream out) throws Exception {
      Path dir = Path.of(o.required("out"));
      int n = o.integer("n");
      if (n < 1) {
        throw new UsageException("--n must be at least 1, got " + n);
      }
      try (GadnModel model = Engines.get().load(
          Path.of(o.required("run")), o.string("iter"), CommonOptions.resourceOptions(o),
          CommonOptions.weights(o))) {
        List<NamedStyle> styles = styles(model, "style", o.strings("style"));
        if (styles.size() > 16) {
          out.println("sample: showing the first 16 of " + styles.size() + " styles");
          styles = styles.subList(0, 16);
        }
        CodeBatch contents = model.sampleContent(n, o.longValue("seed"));
        int r = model.imageSize();
        float[][] columns = new float[styles.size()][];
        for (int s = 0; s < styles.size(); s++) {
          columns[s] = model.generator()
              .generate(contents, CodeBatch.repeat(styles.get(s).code(), n)).toArray();
        }
        Files.createDirectories(dir);
        Path png = dir.resolve("samples.png");
        ImageFiles.writePng(ImageGrid.layout(columns, r, 4, n, 1), png);
        out.println("sample: " + n + " random contents x " + styles.size() + " styles -> " + png);
      }
      return 0;
    }
  }

  static final class Export implements Command {
    @Override
    public String name() {
      return "export";
    }

    @Override
    public Options options() {
      return new Options("export", "Write a trained model (E, G, S) as a TensorFlow SavedModel (tag"
              + " serve) with the signatures encode, generate, transfer (also serving_default) and"
              + " style; images are NHWC float32, RGB in [-1, 1]; class names in"
              + " OUT/assets.extra/gadn.json.")
          .add("run", null, "stage-1 or stage-2 run folder")
          .add("iter", "last", "checkpoint: last or an iteration")
          .add("out", null, "SavedModel folder to create (must not exist, or be empty)");
    }

    @Override
    public int run(Options o, PrintStream out) throws Exception {
      Path dir = Path.of(o.required("out"));
      if (Files.isDirectory(dir)) {
        try (var entries = Files.list(dir)) {
          if (entries.findAny().isPresent()) {
            throw new UsageException("--out " + dir + " is a folder that is not empty: export"
                + " writes a new model folder and never overwrites one");
          }
        }
      } else if (Files.exists(dir)) {
        throw new UsageException("--out " + dir + " is a file, not a folder");
      }
      Path run = Path.of(o.required("run"));
      String iter = o.string("iter");
      try (GadnModel model = Engines.get().load(run, iter)) {
        model.export(dir);
        out.println("export: SavedModel of " + run + " (checkpoint " + iter + ", "
            + model.styles().classNames().size() + " styles, " + model.imageSize() + "x"
            + model.imageSize() + " images) -> " + dir);
      }
      return 0;
    }
  }

  static final class Synth implements Command {
    @Override
    public String name() {
      return "synth";
    }

    @Override
    public Options options() {
      return new Options("synth", "Write a synthetic data set: synth handwriting|portraits --out DIR.")
          .add("kind", null, "handwriting or portraits (also accepted as the first argument)")
          .add("out", null, "output folder")
          .add("writers", "100", "handwriting: number of writers")
          .add("per-digit", "10", "handwriting: samples per digit and writer")
          .add("artists", "16", "portraits: number of artists")
          .add("per-artist", "200", "portraits: images per artist")
          .add("image-size", null, "image side (handwriting 28, portraits 64)")
          .add("seed", "1", "seed");
    }

    @Override
    public int run(Options o, PrintStream out) throws Exception {
      Path dir = Path.of(o.required("out"));
      String kind = o.required("kind");
      long seed = o.longValue("seed");
      if (kind.equals("handwriting")) {
        int size = o.given("image-size") ? o.integer("image-size") : 28;
        SyntheticHandwriting set =
            SyntheticHandwriting.generate(o.integer("writers"), o.integer("per-digit"), size, seed);
        set.write(dir);
        out.println("synth: " + set.images().count() + " handwritten digits in " + dir
            + " (" + SyntheticHandwriting.IMAGES_FILE + ", " + SyntheticHandwriting.LABELS_FILE + ")");
        out.println("synth: train on it with --data-root " + dir.resolve(SyntheticHandwriting.IMAGES_FILE)
            + " --labels " + dir.resolve(SyntheticHandwriting.LABELS_FILE)
            + " [--label digit|writer]");
      } else if (kind.equals("portraits")) {
        int size = o.given("image-size") ? o.integer("image-size") : 64;
        SyntheticPortraits set =
            SyntheticPortraits.generate(o.integer("artists"), o.integer("per-artist"), size, seed);
        set.write(dir);
        out.println("synth: " + set.size() + " portraits in " + dir + " (class folders + factors.csv)");
        out.println("synth: train on it with --data-root " + dir
            + " (labelled by artist; evaluate with --second-label hair_colour)");
      } else {
        throw new UsageException("synth kind must be handwriting or portraits, got \"" + kind + "\"");
      }
      return 0;
    }
  }
}
