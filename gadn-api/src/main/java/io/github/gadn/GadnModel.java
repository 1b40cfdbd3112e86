package io.github.gadn;

import static com.google.common.base.Preconditions.checkArgument;

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

  /** Releases native resources. */
  @Override
  void close();
}
