package io.github.gadn.tensorflow.infer;

import static com.google.common.base.Preconditions.checkArgument;

import io.github.gadn.CodeBatch;
import io.github.gadn.ContentDistribution;
import io.github.gadn.Encoder;
import io.github.gadn.EnrolledStyle;
import io.github.gadn.GadnModel;
import io.github.gadn.GaussianCodes;
import io.github.gadn.Generator;
import io.github.gadn.ImageBatch;
import io.github.gadn.ModelWeights;
import io.github.gadn.StyleTable;
import io.github.gadn.config.EnrollConfig;
import io.github.gadn.config.NetworkStructure;
import io.github.gadn.config.RunOptions;
import io.github.gadn.tensorflow.nn.ParamStore;
import io.github.gadn.tensorflow.train.ContentStats;
import io.github.gadn.tensorflow.train.GraphSession;
import io.github.gadn.tensorflow.train.StyleFit;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.tensorflow.Operand;
import org.tensorflow.Session;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;

/**
 * A trained model in one graph: {@code E}, {@code G} and {@code S} with feedable inputs; every call
 * is one {@code Session.run} on tensors it closes itself, so concurrent calls are safe.
 */
public final class TfModel implements GadnModel {
  private static final int CHUNK = 64;

  private final GraphSession graph;
  private final Session session;
  private final ModelGraph.Spec spec;
  private final int imageSize;
  private final int contentSize;
  private final int styleSize;
  private final List<String> classNames;
  private final ModelGraph net;
  private final Placeholder<TFloat32> images;
  private final Operand<TFloat32> mean;
  private final Operand<TFloat32> std;
  private final Placeholder<TFloat32> content;
  private final Placeholder<TFloat32> style;
  private final Operand<TFloat32> generated;
  private final Placeholder<TInt32> labels;
  private final Operand<TFloat32> styleMean;
  private final Operand<TFloat32> styleStd;
  private final ContentStats stats;
  private final ParamStore store;
  private final NetworkStructure generatorStructure;
  private final RunOptions run;
  private volatile StyleFit.Settings fitSettings;
  private volatile Map<String, EnrolledStyle> enrolled = Map.of();
  private final ModelWeights weightChoice;

  /**
   * Builds the graph on the device and with the engine threads of {@code run} and assigns the
   * weights.
   *
   * @param weights variables by name ({@code enc/…}, {@code gen/…}, {@code sty/…})
   * @param stats aggregate content statistics, or {@code null}
   * @param run device and thread settings (the other fields are not used)
   * @param weightChoice whether {@code weights} holds G's and S's averaged or trained weights
   */
  public TfModel(
      NetworkStructure encoder,
      NetworkStructure generator,
      int imageSize,
      int contentSize,
      int styleSize,
      List<String> classNames,
      Map<String, float[]> weights,
      ContentStats stats,
      RunOptions run,
      ModelWeights weightChoice) {
    this.weightChoice = weightChoice;
    this.spec =
        new ModelGraph.Spec(encoder, generator, imageSize, contentSize, styleSize, classNames);
    this.imageSize = imageSize;
    this.contentSize = contentSize;
    this.styleSize = styleSize;
    this.classNames = spec.classNames();
    this.stats = stats;
    this.generatorStructure = generator;
    this.run = run;
    this.graph = new GraphSession(run);
    try {
      net = new ModelGraph(graph.ops(), spec, GraphSession.forwardConvs(run), false);
      images = net.images;
      mean = net.mean;
      std = net.std;
      content = net.content;
      style = net.style;
      generated = net.generated;
      labels = net.labels;
      styleMean = net.styleMean;
      styleStd = net.styleStd;
      store = net.store;
      session = graph.session();
      SessionCalls.assign(net.store, session, weights, "model");
    } catch (RuntimeException e) {
      graph.close();
      throw e;
    }
  }

  /**
   * Gives the model what fitting and naming new styles needs (docs/method.md §3.12a): the loss
   * weights of its run and the entries already enrolled in it. Entries named like a class are
   * left out (enrolling refuses such names).
   *
   * @param settings the run's loss weights and weighting, or {@code null} if unknown (then {@link
   *     #fitStyle} fails)
   * @param entries the run's enrolled entries by name
   * @return this model
   */
  public TfModel withStyleFits(StyleFit.Settings settings, Map<String, EnrolledStyle> entries) {
    this.fitSettings = settings;
    Map<String, EnrolledStyle> kept = new java.util.TreeMap<>(entries);
    kept.keySet().removeAll(classNames);
    this.enrolled = java.util.Collections.unmodifiableMap(kept);
    return this;
  }

  @Override
  public EnrolledStyle fitStyle(String name, ImageBatch images, EnrollConfig config) {
    EnrolledStyle.checkName(name);
    checkArgument(
        images.count() >= EnrollConfig.MIN_IMAGES && images.count() <= EnrollConfig.MAX_IMAGES,
        "a style is fitted from %s to %s images, got %s",
        EnrollConfig.MIN_IMAGES, EnrollConfig.MAX_IMAGES, images.count());
    checkArgument(
        images.size() == imageSize, "the model draws %s-px images, got %s px", imageSize, images.size());
    StyleFit.Settings settings = fitSettings;
    if (settings == null) {
      throw new IllegalStateException(
          "this model does not know its run's loss weights, so it cannot fit styles");
    }
    float[] content = encoder.encode(images).mean().toArray();
    Map<String, float[]> gen = store.read(session, store.withPrefix("gen/"));
    int[] all = new int[classNames.size()];
    for (int k = 0; k < all.length; k++) {
      all[k] = k;
    }
    CodeBatch stds = styles.styles(all).std();
    float[] initialStd = new float[styleSize];
    for (int k = 0; k < all.length; k++) {
      for (int j = 0; j < styleSize; j++) {
        initialStd[j] += stds.get(k, j) / all.length;
      }
    }
    return StyleFit.fit(
        name, images, content, gen, initialStd, generatorStructure, contentSize, settings, config,
        run);
  }

  private float[][] run(Map<Placeholder<?>, Object> feeds, List<Operand<TFloat32>> fetches) {
    return SessionCalls.run(session, feeds, fetches);
  }

  private final Encoder encoder =
      new Encoder() {
        @Override
        public int imageSize() {
          return imageSize;
        }

        @Override
        public int contentSize() {
          return contentSize;
        }

        @Override
        public GaussianCodes encode(ImageBatch batch) {
          checkArgument(
              batch.size() == imageSize,
              "the encoder expects %s-px images, got %s px", imageSize, batch.size());
          int n = batch.count();
          float[] all = batch.toArray();
          float[] mu = new float[n * contentSize];
          float[] sd = new float[n * contentSize];
          int per = imageSize * imageSize * 4;
          for (int start = 0; start < n; start += CHUNK) {
            int m = Math.min(CHUNK, n - start);
            float[] part = java.util.Arrays.copyOfRange(all, start * per, (start + m) * per);
            float[][] out =
                run(Map.of(images, new Object[] {part, Shape.of(m, imageSize, imageSize, 4)}),
                    List.of(mean, std));
            System.arraycopy(out[0], 0, mu, start * contentSize, m * contentSize);
            System.arraycopy(out[1], 0, sd, start * contentSize, m * contentSize);
          }
          return new GaussianCodes(
              CodeBatch.of(n, contentSize, mu), CodeBatch.of(n, contentSize, sd));
        }
      };

  private final Generator generator =
      new Generator() {
        @Override
        public int imageSize() {
          return imageSize;
        }

        @Override
        public int contentSize() {
          return contentSize;
        }

        @Override
        public int styleSize() {
          return styleSize;
        }

        @Override
        public ImageBatch generate(CodeBatch c, CodeBatch s) {
          checkArgument(
              c.dimension() == contentSize, "content codes must have %s dimensions, got %s",
              contentSize, c.dimension());
          checkArgument(
              s.dimension() == styleSize, "style codes must have %s dimensions, got %s",
              styleSize, s.dimension());
          checkArgument(
              c.count() == s.count(), "%s content codes but %s style codes", c.count(), s.count());
          int n = c.count();
          float[] cs = c.toArray();
          float[] ss = s.toArray();
          int per = imageSize * imageSize * 3;
          float[] rgb = new float[n * per];
          for (int start = 0; start < n; start += CHUNK) {
            int m = Math.min(CHUNK, n - start);
            float[][] out =
                run(
                    Map.of(
                        content,
                        new Object[] {
                          java.util.Arrays.copyOfRange(cs, start * contentSize, (start + m) * contentSize),
                          Shape.of(m, contentSize)
                        },
                        style,
                        new Object[] {
                          java.util.Arrays.copyOfRange(ss, start * styleSize, (start + m) * styleSize),
                          Shape.of(m, styleSize)
                        }),
                    List.of(generated));
            System.arraycopy(out[0], 0, rgb, start * per, m * per);
          }
          return ImageBatch.fromRgb(n, imageSize, rgb);
        }
      };

  private final StyleTable styles =
      new StyleTable() {
        @Override
        public List<String> classNames() {
          return classNames;
        }

        @Override
        public int styleSize() {
          return styleSize;
        }

        @Override
        public GaussianCodes styles(int... which) {
          for (int label : which) {
            com.google.common.base.Preconditions.checkElementIndex(label, classNames.size(), "style label");
          }
          float[][] out = run(Map.of(labels, which), List.of(styleMean, styleStd));
          return new GaussianCodes(
              CodeBatch.of(which.length, styleSize, out[0]),
              CodeBatch.of(which.length, styleSize, out[1]));
        }

        @Override
        public List<String> enrolledNames() {
          return List.copyOf(enrolled.keySet());
        }

        @Override
        public Optional<EnrolledStyle> enrolled(String name) {
          return Optional.ofNullable(enrolled.get(name));
        }
      };

  @Override
  public Encoder encoder() {
    return encoder;
  }

  @Override
  public Generator generator() {
    return generator;
  }

  @Override
  public StyleTable styles() {
    return styles;
  }

  @Override
  public ModelWeights weights() {
    return weightChoice;
  }

  @Override
  public Optional<ContentDistribution> contentDistribution() {
    if (stats == null) {
      return Optional.empty();
    }
    return Optional.of(stats.distribution());
  }

  /**
   * Writes a SavedModel ({@link SavedModelExport}) of the weights this model computes with, read
   * back from its session in one {@code Session.run}.
   */
  @Override
  public void export(Path directory) throws IOException {
    SavedModelExport.write(directory, spec, net.store.read(session, net.store.all()));
  }

  @Override
  public void close() {
    graph.close();
  }
}
