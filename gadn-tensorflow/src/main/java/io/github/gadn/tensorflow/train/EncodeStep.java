package io.github.gadn.tensorflow.train;

import static com.google.common.base.Preconditions.checkArgument;

import io.github.gadn.EncodeResult;
import io.github.gadn.config.ConfigMaps;
import io.github.gadn.config.RunOptions;
import io.github.gadn.config.Stage1Config;
import io.github.gadn.data.LabelledDataset;
import io.github.gadn.data.Sample;
import io.github.gadn.tensorflow.io.Checkpoint;
import io.github.gadn.tensorflow.net.EncoderNet;
import io.github.gadn.tensorflow.nn.AlphaMask;
import io.github.gadn.tensorflow.nn.Nn;
import io.github.gadn.tensorflow.nn.ParamStore;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.op.linalg.SelfAdjointEig;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TFloat64;

/**
 * The encode step (docs/method.md §5): the stage-1 encoder of a numbered checkpoint applied to the
 * whole data set in order, no augmentation, no sampling; posterior means and stds plus aggregate
 * statistics stored in the stage-1 run folder under {@code codes/}.
 *
 * <p>Deviation (docs/method.md §5, §11.2): images go through the same preprocessing as in training
 * (the data set's own transform chain), not the original's chain without the final centre crop.
 */
public final class EncodeStep {
  private static final Logger log = LoggerFactory.getLogger(EncodeStep.class);

  private EncodeStep() {}

  /**
   * Whether the encode step has stored the codes and statistics of {@code stage1Run}'s checkpoint
   * {@code iteration} (both files are written atomically, the statistics last).
   */
  public static boolean isEncoded(Path stage1Run, long iteration) {
    Path dir = stage1Run.resolve("codes");
    return Files.isRegularFile(ContentCodes.codesFile(dir, iteration))
        && Files.isRegularFile(ContentCodes.statsFile(dir, iteration));
  }

  /**
   * Encodes {@code data} with the encoder of {@code stage1Run}'s checkpoint {@code iteration}.
   *
   * @return the codes, also written to {@code <stage1Run>/codes/}
   * @throws IOException naming a missing run, checkpoint or unreadable image
   */
  static ContentCodes run(Path stage1Run, long iteration, LabelledDataset data)
      throws IOException {
    return run(stage1Run, iteration, data, null);
  }

  /**
   * Encodes {@code data} as {@link #run(Path, long, LabelledDataset)} does, on the device and with
   * the engine threads of {@code resources} ({@code null}: those of the stage-1 run), and returns
   * what it stored as the public {@link EncodeResult}.
   */
  public static EncodeResult encode(
      Path stage1Run, long iteration, LabelledDataset data, RunOptions resources)
      throws IOException {
    return run(stage1Run, iteration, data, resources).toResult(stage1Run, iteration);
  }

  /**
   * Encodes {@code data} as {@link #run(Path, long, LabelledDataset)} does, on the device and with
   * the engine threads of {@code resources} ({@code null}: those of the stage-1 run).
   */
  static ContentCodes run(
      Path stage1Run, long iteration, LabelledDataset data, RunOptions resources)
      throws IOException {
    RunFolder folder = new RunFolder(stage1Run);
    Stage1Config config =
        ConfigMaps.stage1(TrainingRun.readOptions(folder, Stage1Run.STAGE)).build();
    RunOptions run = resources == null ? config.run() : resources;
    checkArgument(
        data.imageSize() == config.imageSize(),
        "data %s has %s-px images but the stage-1 run %s was trained at %s px",
        data.description(), data.imageSize(), stage1Run, config.imageSize());
    Path file = folder.numbered(iteration);
    if (!Files.isRegularFile(file)) {
      throw new IOException(
          "stage-1 run " + stage1Run + " has no numbered checkpoint " + iteration + " (" + file
              + " is missing; numbered checkpoints: " + folder.numberedIterations() + ")");
    }
    // The encoder's weights only, not the other networks or the optimiser slots.
    Checkpoint checkpoint = Checkpoint.read(file, name -> name.startsWith("enc/"));
    int cc = config.contentSize();
    int r = config.imageSize();
    int batch = 2 * config.batchSize();
    int n = data.size();
    float[] means = new float[n * cc];
    float[] stds = new float[n * cc];
    try (GraphSession g = new GraphSession(run)) {
      Ops tf = g.ops();
      ParamStore store = new ParamStore(tf);
      Nn<TFloat32> nn = new Nn<>(tf, TFloat32.class, store, 0);
      EncoderNet<TFloat32> encoder = new EncoderNet<>(nn.sub("enc"), config.encoder(), r, cc);
      Placeholder<TFloat32> images =
          tf.placeholder(TFloat32.class, Placeholder.shape(Shape.of(-1, r, r, 4)));
      EncoderNet.Posterior<TFloat32> post = encoder.apply(AlphaMask.apply(nn, images));
      {
        Session session = g.session();
        Map<String, float[]> enc = new LinkedHashMap<>();
        for (ParamStore.Param p : store.all()) {
          float[] v = checkpoint.tensors().get(p.name());
          if (v == null) {
            throw new IOException(file + " lacks the encoder variable " + p.name());
          }
          enc.put(p.name(), v);
        }
        store.write(session, enc);
        for (int start = 0; start < n; start += batch) {
          int m = Math.min(batch, n - start);
          float[] rgba = new float[m * r * r * 4];
          for (int i = 0; i < m; i++) {
            Sample s = data.sample(start + i);
            System.arraycopy(s.rgba(), 0, rgba, i * r * r * 4, r * r * 4);
          }
          try (Feeds feeds = new Feeds(session)) {
            feeds.floats(images, rgba, m, r, r, 4);
            feeds.runner().fetch(post.mean()).fetch(post.std());
            try (Result result = feeds.run()) {
              System.arraycopy(Feeds.toFloats(result.get(0)), 0, means, start * cc, m * cc);
              System.arraycopy(Feeds.toFloats(result.get(1)), 0, stds, start * cc, m * cc);
            }
          }
        }
      }
    }
    ContentStats stats = statistics(means, stds, n, cc);
    ContentCodes codes = new ContentCodes(n, cc, means, stds, stats, data.fingerprint());
    codes.write(stage1Run.resolve("codes"), iteration);
    log.info("encoded {} images with checkpoint {} of {}", n, iteration, stage1Run);
    return codes;
  }

  /** Aggregate statistics of docs/method.md §5 in float64, with a float64 eigen-decomposition. */
  static ContentStats statistics(float[] means, float[] stds, int n, int d) {
    double[] m = new double[d];
    double[] mxx = new double[d * d];
    double[] s2 = new double[d];
    for (int k = 0; k < n; k++) {
      int o = k * d;
      for (int i = 0; i < d; i++) {
        double mi = means[o + i];
        m[i] += mi;
        s2[i] += (double) stds[o + i] * stds[o + i];
        for (int j = i; j < d; j++) {
          mxx[i * d + j] += mi * means[o + j];
        }
      }
    }
    for (int i = 0; i < d; i++) {
      m[i] /= n;
      s2[i] /= n;
      for (int j = i; j < d; j++) {
        mxx[i * d + j] /= n;
        mxx[j * d + i] = mxx[i * d + j];
      }
    }
    double[] std = new double[d];
    double[] weight = new double[d];
    double[] cov = new double[d * d];
    for (int i = 0; i < d; i++) {
      double varMeans = Math.max(mxx[i * d + i] - m[i] * m[i], 0);
      double fullVar = varMeans + s2[i];
      std[i] = Math.sqrt(fullVar);
      weight[i] = fullVar > 0 ? varMeans / fullVar : 0;
      for (int j = 0; j < d; j++) {
        cov[i * d + j] = mxx[i * d + j] - m[i] * m[j] + (i == j ? s2[i] : 0);
      }
    }
    double[][] eig = eigen(cov, d);
    return new ContentStats(m, std, eig[0], eig[1], weight);
  }

  /** Symmetric eigen-decomposition in float64 (ascending values; vectors as columns). */
  static double[][] eigen(double[] matrix, int d) {
    try (Graph g = new Graph()) {
      Ops tf = Ops.create(g);
      Operand<TFloat64> a = tf.constant(Shape.of(d, d), DataBuffers.of(matrix, true, false));
      SelfAdjointEig<TFloat64> e = tf.linalg.selfAdjointEig(a, SelfAdjointEig.computeV(true));
      try (Session s = new Session(g);
          Result r = s.runner().fetch(e.e()).fetch(e.v()).run()) {
        double[] values = new double[d];
        double[] vectors = new double[d * d];
        ((TFloat64) r.get(0)).copyTo(DataBuffers.of(values, false, false));
        ((TFloat64) r.get(1)).copyTo(DataBuffers.of(vectors, false, false));
        return new double[][] {values, vectors};
      }
    }
  }
}
