package io.github.gadn.tensorflow.infer;

import static com.google.common.base.Preconditions.checkArgument;

import io.github.gadn.Classifier;
import io.github.gadn.ImageBatch;
import io.github.gadn.config.NetworkStructure;
import io.github.gadn.tensorflow.net.ClassifierNet;
import io.github.gadn.tensorflow.nn.AlphaMask;
import io.github.gadn.tensorflow.nn.Nn;
import io.github.gadn.tensorflow.nn.ParamStore;
import io.github.gadn.tensorflow.nn.Pass;
import java.util.List;
import java.util.Map;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.Session;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.types.TFloat32;

/**
 * A trained classifier ({@code cla/…} variables of a classifier or stage-2 run) in one graph:
 * {@code log_softmax(C(am(x)))} without augmentation and with batch regularisation off
 * (docs/method.md §10.5). Every call is one {@code Session.run} per chunk of images on tensors it
 * closes itself.
 */
public final class TfClassifier implements Classifier {
  private static final int CHUNK = 64;

  private final Graph graph;
  private final Session session;
  private final int imageSize;
  private final List<String> classNames;
  private final Placeholder<TFloat32> images;
  private final Operand<TFloat32> logProbs;

  /**
   * Builds the graph and assigns the weights.
   *
   * @param structure the classifier's features and blocks
   * @param imageSize input side
   * @param classNames one name per output
   * @param weights variables by name; those under {@code cla/} are used
   * @throws IllegalArgumentException if a variable is missing or has another shape
   */
  public TfClassifier(
      NetworkStructure structure, int imageSize, List<String> classNames, Map<String, float[]> weights) {
    checkArgument(classNames.size() >= 2, "a classifier needs at least 2 classes, got %s", classNames.size());
    this.imageSize = imageSize;
    this.classNames = List.copyOf(classNames);
    this.graph = new Graph();
    try {
      Ops tf = Ops.create(graph);
      ParamStore store = new ParamStore(tf);
      Nn<TFloat32> nn = new Nn<>(tf, TFloat32.class, store, 0);
      ClassifierNet<TFloat32> cla =
          new ClassifierNet<>(nn.sub("cla"), structure, imageSize, classNames.size());
      images = tf.placeholder(TFloat32.class, Placeholder.shape(Shape.of(-1, imageSize, imageSize, 4)));
      logProbs = cla.apply(AlphaMask.apply(nn, images), Pass.plain());
      session = new Session(graph);
      SessionCalls.assign(store, session, weights, "classifier");
    } catch (RuntimeException e) {
      graph.close();
      throw e;
    }
  }

  @Override
  public int imageSize() {
    return imageSize;
  }

  @Override
  public List<String> classNames() {
    return classNames;
  }

  @Override
  public float[] logProbabilities(ImageBatch batch) {
    checkArgument(
        batch.size() == imageSize,
        "the classifier expects %s-px images, got %s px", imageSize, batch.size());
    int n = batch.count();
    int k = classNames.size();
    int per = imageSize * imageSize * 4;
    float[] all = batch.toArray();
    float[] out = new float[n * k];
    for (int start = 0; start < n; start += CHUNK) {
      int m = Math.min(CHUNK, n - start);
      float[] part = java.util.Arrays.copyOfRange(all, start * per, (start + m) * per);
      float[][] got =
          SessionCalls.run(
              session,
              Map.of(images, new Object[] {part, Shape.of(m, imageSize, imageSize, 4)}),
              List.of(logProbs));
      System.arraycopy(got[0], 0, out, start * k, m * k);
    }
    return out;
  }

  @Override
  public void close() {
    session.close();
    graph.close();
  }
}
