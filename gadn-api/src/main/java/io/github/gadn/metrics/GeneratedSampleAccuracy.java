package io.github.gadn.metrics;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;

import io.github.gadn.Classifier;
import io.github.gadn.CodeBatch;
import io.github.gadn.GadnModel;
import io.github.gadn.ImageBatch;
import io.github.gadn.data.LabelledDataset;
import io.github.gadn.data.Sample;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Accuracy of generated samples (docs/method.md §10.5, the paper's appendix C.2): how recognisable
 * a generator's styles are on content it never saw. Content codes are drawn at random from the
 * aggregate content Gaussian of the training set (docs/method.md §5); class {@code k} is drawn
 * exactly {@code classCounts[k]} times (normally its count in the training set) with its style mean
 * {@code S(k)}; each image is classified by every given classifier and the top-1 accuracy against
 * {@code k} is reported.
 *
 * <p>Choices the paper leaves open, fixed here: the style code is the class's style mean; the
 * images are classified with alpha 1, without augmentation and without dropout masks. Samples are
 * drawn in chunks of {@value #CHUNK}, each with its own seed derived from {@code seed}, so memory
 * stays flat for any number of samples.
 */
public final class GeneratedSampleAccuracy {
  /** Images generated and classified at once. */
  public static final int CHUNK = 256;

  private GeneratedSampleAccuracy() {}

  /**
   * Generates and classifies the samples.
   *
   * @param generator display name of the generator in the report
   * @param model the generator (its encoder's content distribution must be known: run the encode
   *     step)
   * @param classCounts samples per class, one entry per class of the model's style table
   * @param classifiers the judges by display name, each for the model's image size and classes
   * @param seed seed of the content codes
   * @return the accuracy under each classifier, in the map's order
   * @throws IllegalArgumentException naming the classifier or count that does not fit
   * @throws IllegalStateException if the model has no content distribution
   */
  public static GeneratedSampleScores evaluate(
      String generator,
      GadnModel model,
      int[] classCounts,
      Map<String, ? extends Classifier> classifiers,
      long seed) {
    checkNotNull(model, "model");
    checkNotNull(classCounts, "classCounts");
    checkNotNull(classifiers, "classifiers");
    int k = model.styles().classNames().size();
    checkArgument(
        classCounts.length == k,
        "classCounts has %s entries but the model has %s classes", classCounts.length, k);
    long total = 0;
    for (int c = 0; c < k; c++) {
      checkArgument(classCounts[c] >= 0, "classCounts[%s] is negative: %s", c, classCounts[c]);
      total += classCounts[c];
    }
    checkArgument(total > 0, "classCounts must ask for at least one sample");
    checkArgument(total <= Integer.MAX_VALUE, "too many samples: %s", total);
    checkArgument(!classifiers.isEmpty(), "classifiers must not be empty");
    for (Map.Entry<String, ? extends Classifier> e : classifiers.entrySet()) {
      Classifier judge = e.getValue();
      checkArgument(
          judge.imageSize() == model.imageSize(),
          "classifier %s expects %s-px images but the generator draws %s px",
          e.getKey(), judge.imageSize(), model.imageSize());
      checkArgument(
          judge.classNames().size() == k,
          "classifier %s has %s classes but the generator's style table %s",
          e.getKey(), judge.classNames().size(), k);
    }

    long[] correct = new long[classifiers.size()];
    int[] labels = new int[CHUNK];
    int cls = 0;
    int usedOfClass = 0;
    for (long start = 0, chunk = 0; start < total; start += CHUNK, chunk++) {
      int m = (int) Math.min(CHUNK, total - start);
      for (int i = 0; i < m; i++) {
        while (usedOfClass == classCounts[cls]) {
          cls++;
          usedOfClass = 0;
        }
        labels[i] = cls;
        usedOfClass++;
      }
      CodeBatch contents = model.sampleContent(m, chunkSeed(seed, chunk));
      int styleSize = model.styles().styleSize();
      float[] styles = new float[m * styleSize];
      float[][] means = new float[k][];
      for (int i = 0; i < m; i++) {
        if (means[labels[i]] == null) {
          means[labels[i]] = model.styles().mean(labels[i]);
        }
        System.arraycopy(means[labels[i]], 0, styles, i * styleSize, styleSize);
      }
      ImageBatch images = model.generator().generate(contents, CodeBatch.of(m, styleSize, styles));
      count(classifiers, images, labels, correct);
    }
    return new GeneratedSampleScores(generator, (int) total, k, accuracies(classifiers, correct, total));
  }

  /**
   * The same classifiers on the real training images, as a reference row for the table: how well
   * each judge recognises the classes where they are certainly right.
   *
   * @param name display name of the row, e.g. {@code "real images (reference)"}
   * @param data labelled images of the classifiers' size and classes
   * @param classifiers the judges by display name
   * @return the accuracy of each judge on every image of {@code data}
   * @throws IllegalArgumentException naming the classifier that does not fit the data
   * @throws IOException if an image cannot be read
   */
  public static GeneratedSampleScores realImages(
      String name, LabelledDataset data, Map<String, ? extends Classifier> classifiers)
      throws IOException {
    checkNotNull(data, "data");
    checkNotNull(classifiers, "classifiers");
    checkArgument(!classifiers.isEmpty(), "classifiers must not be empty");
    checkArgument(data.size() > 0, "data %s is empty", data.description());
    for (Map.Entry<String, ? extends Classifier> e : classifiers.entrySet()) {
      checkArgument(
          e.getValue().imageSize() == data.imageSize()
              && e.getValue().classNames().size() == data.classCount(),
          "classifier %s expects %s-px images of %s classes but data %s has %s-px images of %s",
          e.getKey(), e.getValue().imageSize(), e.getValue().classNames().size(),
          data.description(), data.imageSize(), data.classCount());
    }
    int r = data.imageSize();
    int per = r * r * ImageBatch.CHANNELS;
    long[] correct = new long[classifiers.size()];
    for (int start = 0; start < data.size(); start += CHUNK) {
      int m = Math.min(CHUNK, data.size() - start);
      float[] rgba = new float[m * per];
      int[] labels = new int[m];
      for (int i = 0; i < m; i++) {
        Sample s = data.sample(start + i);
        System.arraycopy(s.rgba(), 0, rgba, i * per, per);
        labels[i] = s.label();
      }
      count(classifiers, ImageBatch.of(m, r, rgba), labels, correct);
    }
    return new GeneratedSampleScores(
        name, data.size(), data.classCount(), accuracies(classifiers, correct, data.size()));
  }

  /** Adds, per classifier, how many of the images it assigns to their label ({@code labels[i]}). */
  private static void count(
      Map<String, ? extends Classifier> classifiers, ImageBatch images, int[] labels, long[] correct) {
    int j = 0;
    for (Classifier judge : classifiers.values()) {
      int[] predicted = judge.predict(images);
      for (int i = 0; i < predicted.length; i++) {
        correct[j] += predicted[i] == labels[i] ? 1 : 0;
      }
      j++;
    }
  }

  private static Map<String, Double> accuracies(
      Map<String, ? extends Classifier> classifiers, long[] correct, long total) {
    Map<String, Double> accuracy = new LinkedHashMap<>();
    int j = 0;
    for (String judge : classifiers.keySet()) {
      accuracy.put(judge, (double) correct[j++] / total);
    }
    return accuracy;
  }

  /** A well-mixed seed per chunk (SplitMix64 finaliser of seed + chunk). */
  private static long chunkSeed(long seed, long chunk) {
    long z = seed + 0x9E3779B97F4A7C15L * (chunk + 1);
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return z ^ (z >>> 31);
  }
}
