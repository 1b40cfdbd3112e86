package io.github.gadn.examples.cli;

import io.github.gadn.CodeBatch;
import io.github.gadn.GadnModel;
import io.github.gadn.ImageBatch;
import io.github.gadn.data.ImageFiles;
import io.github.gadn.data.synth.SyntheticHandwriting;
import io.github.gadn.data.synth.SyntheticPortraits;
import io.github.gadn.engine.Engines;
import io.github.gadn.tensorflow.train.Grids;
import java.awt.image.BufferedImage;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.imageio.ImageIO;

/** {@code transfer}, {@code sample} and {@code synth}. */
final class ModelCommands {
  private ModelCommands() {}

  static List<Command> all() {
    return List.of(new Transfer(), new Sample(), new Synth());
  }

  /** Resolves style names (class names), label values or "all" to class indices. */
  static List<Integer> styles(GadnModel model, List<String> names) {
    List<String> classes = model.styles().classNames();
    List<Integer> out = new ArrayList<>();
    if (names.isEmpty() || (names.size() == 1 && names.get(0).equals("all"))) {
      for (int k = 0; k < classes.size(); k++) {
        out.add(k);
      }
      return out;
    }
    for (String n : names) {
      int k = classes.indexOf(n);
      if (k < 0) {
        throw new UsageException(
            "--style " + n + " is not a style of this model (classes: "
                + (classes.size() > 10 ? classes.subList(0, 10) + "…" : classes) + ")");
      }
      out.add(k);
    }
    return out;
  }

  static final class Transfer implements Command {
    @Override
    public String name() {
      return "transfer";
    }

    @Override
    public Options options() {
      return CommonOptions.resources(
          new Options("transfer", "Draw the content of input images in named styles.")
              .add("run", null, "stage-1 or stage-2 run folder")
              .add("iter", "last", "checkpoint: last or an iteration")
              .add("input", null, "an image file or a folder of images")
              .list("style", "all", "style class names, or all")
              .add("out", null, "output folder"));
    }

    @Override
    public int run(Options o, PrintStream out) throws Exception {
      Path input = Path.of(o.required("input"));
      if (!Files.exists(input)) {
        throw new UsageException("--input " + input + " does not exist");
      }
      List<Path> files = Files.isDirectory(input) ? ImageFiles.list(input) : List.of(input);
      if (files.isEmpty()) {
        throw new UsageException("--input " + input + " holds no images");
      }
      Path dir = Path.of(o.required("out"));
      Files.createDirectories(dir);
      try (GadnModel model = Engines.get().load(
          Path.of(o.required("run")), o.string("iter"), CommonOptions.resourceOptions(o))) {
        List<Integer> styles = styles(model, o.strings("style"));
        List<BufferedImage> images = new ArrayList<>();
        for (Path f : files) {
          images.add(ImageIO.read(f.toFile()));
        }
        ImageBatch content = ImageBatch.fromImages(images, model.imageSize());
        int written = 0;
        for (int k : styles) {
          ImageBatch drawn = model.transfer(content, k);
          String style = model.styles().classNames().get(k);
          for (int i = 0; i < files.size(); i++) {
            String base = files.get(i).getFileName().toString().replaceFirst("\\.[^.]+$", "");
            ImageIO.write(drawn.toImage(i), "png", dir.resolve(base + "_" + style + ".png").toFile());
            written++;
          }
        }
        out.println("transfer: wrote " + written + " images to " + dir);
      }
      return 0;
    }
  }

  static final class Sample implements Command {
    @Override
    public String name() {
      return "sample";
    }

    @Override
    public Options options() {
      return CommonOptions.resources(
          new Options("sample", "Random contents × styles grid from a trained model.")
              .add("run", null, "stage-1 or stage-2 run folder")
              .add("iter", "last", "checkpoint: last or an iteration")
              .list("styles", "all", "style class names, or all (at most 16 shown)")
              .add("n", "8", "number of random contents (grid rows)")
              .add("seed", "0", "seed of the random contents")
              .add("out", null, "output folder"));
    }

    @Override
    public int run(Options o, PrintStream out) throws Exception {
      Path dir = Path.of(o.required("out"));
      Files.createDirectories(dir);
      int n = o.integer("n");
      if (n < 1) {
        throw new UsageException("--n must be at least 1, got " + n);
      }
      try (GadnModel model = Engines.get().load(
          Path.of(o.required("run")), o.string("iter"), CommonOptions.resourceOptions(o))) {
        List<Integer> styles = styles(model, o.strings("styles"));
        if (styles.size() > 16) {
          styles = styles.subList(0, 16);
        }
        CodeBatch contents = model.sampleContent(n, o.longValue("seed"));
        int r = model.imageSize();
        float[][] columns = new float[styles.size()][];
        for (int s = 0; s < styles.size(); s++) {
          float[] style = model.styles().mean(styles.get(s));
          columns[s] = model.generator().generate(contents, CodeBatch.repeat(style, n)).toArray();
        }
        Path png = dir.resolve("samples.png");
        Grids.writePng(Grids.layout(columns, r, 4, n, 1), png);
        out.println("sample: " + n + " random contents x " + styles.size() + " styles -> " + png);
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
      } else if (kind.equals("portraits")) {
        int size = o.given("image-size") ? o.integer("image-size") : 64;
        SyntheticPortraits set =
            SyntheticPortraits.generate(o.integer("artists"), o.integer("per-artist"), size, seed);
        set.write(dir);
        out.println("synth: " + set.size() + " portraits in " + dir + " (class folders + factors.csv)");
      } else {
        throw new UsageException("synth kind must be handwriting or portraits, got \"" + kind + "\"");
      }
      return 0;
    }
  }
}
