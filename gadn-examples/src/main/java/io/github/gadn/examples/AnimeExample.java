package io.github.gadn.examples;

import io.github.gadn.GadnModel;
import io.github.gadn.GaussianCodes;
import io.github.gadn.ImageBatch;
import io.github.gadn.Stage1Trainer;
import io.github.gadn.TrainingListener;
import io.github.gadn.config.RunOptions;
import io.github.gadn.config.Stage1Config;
import io.github.gadn.data.ImageFolderDataset;
import io.github.gadn.data.LabelledDataset;
import io.github.gadn.data.synth.SyntheticPortraits;
import io.github.gadn.engine.Engines;
import java.io.File;
import java.nio.file.Path;
import java.util.stream.IntStream;
import javax.imageio.ImageIO;

/**
 * Artist-style disentanglement (the paper's main experiment) with the public API only.
 *
 * <pre>
 * java -cp gadn.jar io.github.gadn.examples.AnimeExample [--data-root DIR [--alpha-root DIR]]
 *     [--image-size 64] [--iterations N] [--out DIR]
 * </pre>
 *
 * Without {@code --data-root} it trains on the embedded synthetic portraits (16 artists); with an
 * artist-per-folder tree it trains on real illustrations — the paper's published layout (RGB as
 * JPEG plus alpha as a PNG tree) is read directly with {@code --alpha-root}. It writes a grid in
 * which each row is one portrait's content drawn in the style of each of the first eight artists.
 */
public final class AnimeExample {
  private AnimeExample() {}

  /** Entry point. */
  public static void main(String[] args) throws Exception {
    int iterations = Integer.parseInt(NistExample.arg(args, "--iterations", "1000"));
    int size = Integer.parseInt(NistExample.arg(args, "--image-size", "64"));
    Path out = Path.of(NistExample.arg(args, "--out", "anime-example"));
    String root = NistExample.arg(args, "--data-root", null);
    LabelledDataset data;
    if (root == null) {
      data = SyntheticPortraits.generate(16, 200, size, 1);
    } else {
      ImageFolderDataset.Builder b = ImageFolderDataset.builder(Path.of(root)).imageSize(size);
      String alpha = NistExample.arg(args, "--alpha-root", null);
      if (alpha != null) {
        b.alphaRoot(Path.of(alpha));
      }
      data = b.build();
    }

    // The default recipe: networks and learning rates for a CPU budget.
    Stage1Config config =
        Stage1Config.defaults(data.imageSize(), data.classCount())
            .run(RunOptions.builder().niter(iterations).checkpointIter(iterations).logIter(100).build())
            .build();
    Path run = out.resolve("stage1");
    try (Stage1Trainer trainer = Engines.get().stage1(config, data, run)) {
      trainer.train(TrainingListener.none());
    }

    try (GadnModel model = Engines.get().load(run, "last")) {
      // Six portraits; each row shows one portrait's content drawn in the first eight artists' styles.
      int rows = 6;
      int r = data.imageSize();
      float[] inputs = new float[rows * r * r * 4];
      for (int i = 0; i < rows; i++) {
        System.arraycopy(data.sample((i * 131 + 7) % data.size()).rgba(), 0, inputs, i * r * r * 4, r * r * 4);
      }
      GaussianCodes content = model.encoder().encode(ImageBatch.of(rows, r, inputs));
      int[] artists = IntStream.range(0, Math.min(8, data.classCount())).toArray();
      File png = out.resolve("portraits-by-artist.png").toFile();
      ImageIO.write(model.grid(content.mean(), artists), "png", png);
      System.out.println("AnimeExample: " + data.description() + "; grid " + png);
    }
  }
}
