package io.github.gadn;

import static com.google.common.base.Preconditions.checkArgument;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Optional;

/**
 * A trained GADN model loaded from a run folder: its encoder, generator and style table, plus the
 * conveniences built from them. Holds native resources: close it (try-with-resources). All methods
 * are safe to call from several threads at once.
 *
 * <pre>{@code
 * try (GadnModel model = Engines.get().load(Path.of("runs/stage2"), "last")) {
 *   ImageBatch content = ImageBatch.fromImages(List.of(ImageIO.read(file)), model.imageSize());
 *   ImageBatch drawn = model.transfer(content, model.styles().classNames().indexOf("artist7"));
 *   ImageIO.write(drawn.toImage(0), "png", new File("out.png"));
 * }
 * }</pre>
 */
public interface GadnModel extends AutoCloseable {

  /**
   * The content encoder {@code E}.
   *
   * @return the encoder; it runs on this model's native resources, so it works until the model
   *     is closed
   */
  Encoder encoder();

  /**
   * The generator {@code G}.
   *
   * @return the generator; it works until the model is closed
   */
  Generator generator();

  /**
   * The style table {@code S}.
   *
   * @return the style table; it works until the model is closed
   */
  StyleTable styles();

  /**
   * The aggregate content distribution of the training set (docs/method.md §5), if the encode step
   * was run for this model's encoder.
   */
  Optional<ContentDistribution> contentDistribution();

  /**
   * Which weights {@code G} and {@code S} were loaded with: {@link ModelWeights#AVERAGED} only if
   * the checkpoint's moving average was used.
   *
   * @return the weights in use
   */
  default ModelWeights weights() {
    return ModelWeights.RAW;
  }

  /** Image side. */
  default int imageSize() {
    return generator().imageSize();
  }

  /**
   * Draws the content of each image in the style of one class (its style mean).
   *
   * @param content images of {@link #imageSize()}
   * @param styleLabel class index
   * @return one image per input
   */
  default ImageBatch transfer(ImageBatch content, int styleLabel) {
    GaussianCodes codes = encoder().encode(content);
    float[] style = styles().mean(styleLabel);
    return generator().generate(codes.mean(), CodeBatch.repeat(style, content.count()));
  }

  /**
   * A content × style grid: row {@code i} shows content {@code i} drawn with the style mean of
   * each class in {@code styleLabels}, one column per class, on a 1-pixel black margin.
   *
   * @param contents content codes (e.g. {@code encoder().encode(images).mean()} or {@link
   *     #sampleContent})
   * @param styleLabels class indices, one per column
   * @return the grid
   */
  default java.awt.image.BufferedImage grid(CodeBatch contents, int... styleLabels) {
    int r = imageSize();
    int cell = r + 2;
    java.awt.image.BufferedImage img = new java.awt.image.BufferedImage(
        styleLabels.length * cell, contents.count() * cell, java.awt.image.BufferedImage.TYPE_INT_RGB);
    java.awt.Graphics2D g = img.createGraphics();
    for (int k = 0; k < styleLabels.length; k++) {
      ImageBatch drawn = generator().generate(
          contents, CodeBatch.repeat(styles().mean(styleLabels[k]), contents.count()));
      for (int i = 0; i < contents.count(); i++) {
        g.drawImage(drawn.toImage(i), k * cell + 1, i * cell + 1, null);
      }
    }
    g.dispose();
    return img;
  }

  /**
   * Random content codes from the aggregate content Gaussian.
   *
   * @param count number of codes
   * @param seed seed of the noise
   * @throws IllegalStateException if the model has no content distribution (run the encode step)
   */
  default CodeBatch sampleContent(int count, long seed) {
    checkArgument(count >= 0, "count must be >= 0, got %s", count);
    return contentDistribution()
        .orElseThrow(
            () ->
                new IllegalStateException(
                    "this model has no stored content statistics: run the encode step for its"
                        + " stage-1 checkpoint"))
        .sample(count, seed);
  }

  /**
   * Writes this model (its {@code E}, {@code G} and {@code S}, with the weights this model computes
   * with) as a self-contained model folder that other programs and runtimes can serve without
   * gadn-java. The TensorFlow engine writes a TensorFlow SavedModel (tag {@code serve}) with
   * these signatures, where {@code N} is any batch size, {@code R} is {@link #imageSize()} and
   * {@code Cc}, {@code Cs} are the content and style code sizes:
   *
   * <table>
   *   <caption>Signatures of an exported model</caption>
   *   <tr><th>signature</th><th>inputs</th><th>outputs</th></tr>
   *   <tr><td>{@code encode}</td><td>{@code images} float32 {@code [N, R, R, 4]}</td>
   *       <td>{@code content_mean}, {@code content_std} float32 {@code [N, Cc]}</td></tr>
   *   <tr><td>{@code generate}</td><td>{@code content} float32 {@code [N, Cc]}, {@code style}
   *       float32 {@code [N, Cs]}</td><td>{@code images} float32 {@code [N, R, R, 3]}</td></tr>
   *   <tr><td>{@code transfer} (also {@code serving_default})</td><td>{@code images} float32
   *       {@code [N, R, R, 4]}, {@code style_label} int32 {@code [N]}</td>
   *       <td>{@code images} float32 {@code [N, R, R, 3]}</td></tr>
   *   <tr><td>{@code style}</td><td>{@code style_label} int32 {@code [N]}</td>
   *       <td>{@code style_mean}, {@code style_std} float32 {@code [N, Cs]}</td></tr>
   * </table>
   *
   * <p>Images are NHWC (rows top to bottom, channels last), as in {@link ImageBatch}: inputs are
   * RGBA with RGB in {@code [-1, 1]} and alpha in {@code [0, 1]} (alpha 0 marks a missing
   * pixel); outputs are RGB in {@code (-1, 1)}. {@code transfer} computes the same as {@link
   * #transfer}: the generator applied to the encoder's content mean and the style mean of each
   * image's class; {@code style} gives the rows of {@link StyleTable#styles}. The folder also
   * holds {@code assets.extra/gadn.json}: image, content and style sizes and the class names in
   * label order.
   *
   * <p>The model is written to a temporary sibling folder and renamed into place when complete,
   * so a failed export leaves nothing at {@code directory}.
   *
   * @param directory the model folder to create; it must not exist or be an empty folder
   * @throws java.nio.file.FileAlreadyExistsException if {@code directory} is a file or a folder
   *     that is not empty
   * @throws IOException if the folder cannot be written
   * @throws UnsupportedOperationException if this model's engine cannot export models (the
   *     default)
   */
  default void export(Path directory) throws IOException {
    throw new UnsupportedOperationException("this engine cannot export models");
  }

  /**
   * Fits a new style entry to a few images (docs/method.md §3.12a) with {@code E} and {@code G}
   * frozen: only the entry's mean and log-std are trained, by Adam on the stage-1 reconstruction
   * loss of {@code G(E(x), style sample)} against the images (with the run's per-pixel weighting
   * and reconstruction weight) plus the run's weighted style KL term. The model itself is not
   * changed; {@link io.github.gadn.engine.GadnEngine#enroll} fits and stores an entry so that
   * models loaded later know it by name.
   *
   * @param name the entry's name ({@link EnrolledStyle#checkName})
   * @param images 1 to 50 images of {@link #imageSize()} in one style
   * @param config iterations, learning rate and seed; the same seed and images fit the same entry
   * @return the fitted entry
   * @throws IllegalArgumentException naming the bad name, image count or image size
   * @throws UnsupportedOperationException if this model cannot fit styles
   * @throws IllegalStateException if the model does not know its run's loss weights
   */
  default EnrolledStyle fitStyle(
      String name, ImageBatch images, io.github.gadn.config.EnrollConfig config) {
    throw new UnsupportedOperationException(getClass().getName() + " cannot fit styles");
  }

  /** Releases native resources. */
  @Override
  void close();
}
