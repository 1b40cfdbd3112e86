package io.github.gadn.examples;

import io.github.gadn.GadnModel;
import io.github.gadn.GaussianCodes;
import io.github.gadn.ImageBatch;
import io.github.gadn.Stage1Trainer;
import io.github.gadn.TrainingListener;
import io.github.gadn.config.RunOptions;
import io.github.gadn.config.Stage1Config;
import io.github.gadn.data.IdxDataset;
import io.github.gadn.data.LabelledDataset;
import io.github.gadn.data.synth.SyntheticHandwriting;
import io.github.gadn.engine.Engines;
import java.io.File;
import java.nio.file.Path;
import java.util.stream.IntStream;
import javax.imageio.ImageIO;

/**
 * Writer/digit disentanglement (the paper's NIST experiment, appendix B) with the public API only.
 *
 * <pre>
 * java -cp gadn.jar io.github.gadn.examples.NistExample [--label digit|writer] [--iterations N]
 *     [--images images-idx3-ubyte --labels labels-idx2-int] [--out DIR]
 * </pre>
 *
 * Without {@code --images} it trains on the embedded synthetic handwriting; with QMNIST files
 * ({@code --labels} in the idx2-int format) it trains on the real NIST digits. The style label is
 * the digit (content = the writer's hand) or the writer (content = the digit). It writes a grid in
 * which every row is one input's content drawn in the first ten styles.
 */
public final class NistExample {
  private NistExample() {}

  /** Entry point. */
  public static void main(String[] args) throws Exception {
    String label = arg(args, "--label", "digit");
    int iterations = Integer.parseInt(arg(args, "--iterations", "1500"));
    Path out = Path.of(arg(args, "--out", "nist-example"));
    LabelledDataset data =
        arg(args, "--images", null) == null
            ? SyntheticHandwriting.generate(60, 5, 28, 1).dataset(label)
            : IdxDataset.read(Path.of(arg(args, "--images", null)), Path.of(arg(args, "--labels", null)), label);
    // The default recipe: networks, learning rates and ink-balancing weight maps for a CPU budget.
    Stage1Config config =
        Stage1Config.defaults(data.imageSize(), data.classCount())
            .run(RunOptions.builder().niter(iterations).checkpointIter(iterations).logIter(100).build())
            .build();
    Path run = out.resolve("stage1");
    try (Stage1Trainer trainer = Engines.get().stage1(config, data, run)) {
      trainer.train(TrainingListener.none());
    }

    try (GadnModel model = Engines.get().load(run, "last")) {
      // Eight inputs; each row shows the input's content drawn in the first ten styles.
      int rows = 8;
      int r = data.imageSize();
      float[] inputs = new float[rows * r * r * 4];
      for (int i = 0; i < rows; i++) {
        System.arraycopy(data.sample(i * 37 % data.size()).rgba(), 0, inputs, i * r * r * 4, r * r * 4);
      }
      GaussianCodes content = model.encoder().encode(ImageBatch.of(rows, r, inputs));
      int[] styles = IntStream.range(0, Math.min(10, data.classCount())).toArray();
      File png = out.resolve("contents-by-style.png").toFile();
      ImageIO.write(model.grid(content.mean(), styles), "png", png);
      System.out.println("NistExample: style label " + label + "; grid " + png);
    }
  }

  static String arg(String[] args, String name, String fallback) {
    for (int i = 0; i + 1 < args.length; i++) {
      if (args[i].equals(name)) {
        return args[i + 1];
      }
    }
    return fallback;
  }

}
