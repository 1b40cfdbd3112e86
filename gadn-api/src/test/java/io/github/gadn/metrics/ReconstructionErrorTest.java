package io.github.gadn.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.github.gadn.CodeBatch;
import io.github.gadn.ContentDistribution;
import io.github.gadn.Encoder;
import io.github.gadn.GadnModel;
import io.github.gadn.GaussianCodes;
import io.github.gadn.Generator;
import io.github.gadn.ImageBatch;
import io.github.gadn.StyleTable;
import io.github.gadn.data.SquaresDataset;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * {@link ReconstructionError} on hand-made models: one whose content code is the image itself
 * (perfect reconstructions), one that always draws black (a collapsed generator).
 */
class ReconstructionErrorTest {
  private static final int SIZE = 8;

  /** Encodes an image as its RGB values; the generator writes the code back, or draws black. */
  private static GadnModel model(boolean copies) {
    int dim = SIZE * SIZE * 3;
    return new GadnModel() {
      @Override
      public Encoder encoder() {
        return new Encoder() {
          @Override
          public int imageSize() {
            return SIZE;
          }

          @Override
          public int contentSize() {
            return dim;
          }

          @Override
          public GaussianCodes encode(ImageBatch images) {
            float[] codes = new float[images.count() * dim];
            for (int n = 0; n < images.count(); n++) {
              float[] rgba = images.image(n);
              for (int p = 0; p < SIZE * SIZE; p++) {
                System.arraycopy(rgba, p * 4, codes, n * dim + p * 3, 3);
              }
            }
            return new GaussianCodes(
                CodeBatch.of(images.count(), dim, codes), CodeBatch.zeros(images.count(), dim));
          }
        };
      }

      @Override
      public Generator generator() {
        return new Generator() {
          @Override
          public int imageSize() {
            return SIZE;
          }

          @Override
          public int contentSize() {
            return dim;
          }

          @Override
          public int styleSize() {
            return 1;
          }

          @Override
          public ImageBatch generate(CodeBatch content, CodeBatch style) {
            float[] rgb = copies ? content.toArray() : new float[content.count() * dim];
            if (!copies) {
              java.util.Arrays.fill(rgb, -1f);
            }
            return ImageBatch.fromRgb(content.count(), SIZE, rgb);
          }
        };
      }

      @Override
      public StyleTable styles() {
        return new StyleTable() {
          @Override
          public List<String> classNames() {
            return List.of("even", "odd");
          }

          @Override
          public int styleSize() {
            return 1;
          }

          @Override
          public GaussianCodes styles(int... labels) {
            return new GaussianCodes(
                CodeBatch.zeros(labels.length, 1), CodeBatch.zeros(labels.length, 1));
          }
        };
      }

      @Override
      public Optional<ContentDistribution> contentDistribution() {
        return Optional.empty();
      }

      @Override
      public void close() {}
    };
  }

  @Test
  void perfectReconstructionsScoreNearZero() throws Exception {
    ReconstructionScores s =
        ReconstructionError.evaluate("copy", model(true), new SquaresDataset(10, SIZE, 2), 10);
    assertThat(s.images()).isEqualTo(10);
    assertThat(s.error()).isLessThan(1e-3);
    assertThat(s.ratio()).isLessThan(0.01);
  }

  @Test
  void aBlankGeneratorScoresTheBlankBaseline() throws Exception {
    // 4 of 64 pixels are white (distance √12 to black), the rest black (√1e-8 = 1e-4).
    ReconstructionScores s =
        ReconstructionError.evaluate("blank", model(false), new SquaresDataset(10, SIZE, 2), 4);
    assertThat(s.images()).isEqualTo(4);
    assertThat(s.blankError()).isCloseTo((4 * Math.sqrt(12) + 60 * 1e-4) / 64, within(1e-6));
    assertThat(s.ratio()).isCloseTo(1, within(1e-6));
  }

  @Test
  void theImageSizeMustMatch() {
    assertThatThrownBy(
            () -> ReconstructionError.evaluate("copy", model(true), new SquaresDataset(2, 16, 2), 2))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("the data's image size 16 differs from the model's 8");
  }

  @Test
  void scoresRoundTripThroughTheReport() throws Exception {
    ReconstructionScores s =
        ReconstructionError.evaluate("copy", model(false), new SquaresDataset(4, SIZE, 2), 4);
    int[] labels = TestCodes.cycling(40, 4);
    EncoderScores encoder = DisentanglementMetrics.evaluate(
        "GADN", TestCodes.blobs(labels, 3, 1, 5), 40, 3, java.util.Map.of("class", labels));
    MetricsReport report = MetricsReport.of(encoder).with(s);
    assertThat(MetricsReport.fromJson(report.toJson())).isEqualTo(report);
    assertThat(report.toMarkdown()).contains("## Reconstruction error").contains("| copy | 4 |");
  }
}
