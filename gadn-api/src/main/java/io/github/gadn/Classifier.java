package io.github.gadn;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;

import java.util.List;

/**
 * An image classifier of a GADN run: the pre-trained classifier ({@code gadn classifier}) or the
 * stage-2 adversarial classifier {@code C2}. It sees an image as training did, alpha-masked, but
 * without augmentation and with batch regularisation off. Holds native resources: close it
 * (try-with-resources). All methods are safe to call from several threads at once.
 *
 * <pre>{@code
 * try (Classifier judge = Engines.get().loadClassifier(Path.of("runs/classifier"), "20000")) {
 *   int[] predicted = judge.predict(images);
 * }
 * }</pre>
 */
public interface Classifier extends AutoCloseable {

  /** Image side the classifier expects. */
  int imageSize();

  /** Class names, index = label. */
  List<String> classNames();

  /**
   * Log-probabilities of every class for every image.
   *
   * @param images images of {@link #imageSize()}
   * @return {@code images.count() × classNames().size()} values, row-major
   * @throws IllegalArgumentException if the images have another size
   */
  float[] logProbabilities(ImageBatch images);

  /**
   * The most probable class of every image (the lowest index on a tie).
   *
   * @param images images of {@link #imageSize()}
   * @return one label per image
   */
  default int[] predict(ImageBatch images) {
    checkNotNull(images, "images");
    int k = classNames().size();
    float[] lp = logProbabilities(images);
    int[] out = new int[images.count()];
    for (int n = 0; n < out.length; n++) {
      int best = 0;
      for (int c = 1; c < k; c++) {
        if (lp[n * k + c] > lp[n * k + best]) {
          best = c;
        }
      }
      out[n] = best;
    }
    return out;
  }

  /**
   * Top-1 accuracy on labelled images.
   *
   * @param images images of {@link #imageSize()}
   * @param labels one class index per image
   * @return the fraction of images whose most probable class is their label
   */
  default double accuracy(ImageBatch images, int[] labels) {
    checkNotNull(labels, "labels");
    checkArgument(
        labels.length == images.count(), "%s labels for %s images", labels.length, images.count());
    int[] predicted = predict(images);
    int correct = 0;
    for (int n = 0; n < predicted.length; n++) {
      correct += predicted[n] == labels[n] ? 1 : 0;
    }
    return predicted.length == 0 ? 0 : (double) correct / predicted.length;
  }

  /** Releases native resources. */
  @Override
  void close();
}
