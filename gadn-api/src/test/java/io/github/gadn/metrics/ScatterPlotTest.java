package io.github.gadn.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.awt.Color;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ScatterPlotTest {
  private static Set<Integer> colours(BufferedImage img) {
    Set<Integer> s = new HashSet<>();
    for (int y = 0; y < img.getHeight(); y++) {
      for (int x = 0; x < img.getWidth(); x++) {
        s.add(img.getRGB(x, y) & 0xFFFFFF);
      }
    }
    return s;
  }

  /** Whether some pixel is within {@code tol} per channel of {@code c}. */
  private static boolean hasColourNear(BufferedImage img, Color c, int tol) {
    for (int y = 0; y < img.getHeight(); y++) {
      for (int x = 0; x < img.getWidth(); x++) {
        int p = img.getRGB(x, y);
        if (Math.abs(((p >> 16) & 255) - c.getRed()) <= tol
            && Math.abs(((p >> 8) & 255) - c.getGreen()) <= tol
            && Math.abs((p & 255) - c.getBlue()) <= tol) {
          return true;
        }
      }
    }
    return false;
  }

  @Test
  void writesAReadablePngWithOneColourPerClass(@TempDir Path dir) throws IOException {
    int[] labels = TestCodes.cycling(300, 3);
    float[] flat = TestCodes.blobs(labels, 4, 3, 1);
    float[][] codes = new float[300][4];
    for (int i = 0; i < 300; i++) {
      System.arraycopy(flat, i * 4, codes[i], 0, 4);
    }
    Path png = dir.resolve("plots/scatter-digit.png");
    ScatterPlot.write(codes, labels, List.of("zero", "one", "two"), "GADN content by digit", png);
    BufferedImage img = ImageIO.read(png.toFile());
    assertThat(img).isNotNull();
    assertThat(img.getWidth()).isEqualTo(ScatterPlot.DEFAULT_WIDTH);
    assertThat(img.getHeight()).isEqualTo(ScatterPlot.DEFAULT_HEIGHT);
    assertThat(colours(img).size()).isGreaterThan(2);
    for (int c = 0; c < 3; c++) {
      // The legend swatches are opaque class colours.
      assertThat(hasColourNear(img, ScatterPlot.colour(c, 3), 2)).as("class %s", c).isTrue();
    }
    assertThat(img.getRGB(2, 2) & 0xFFFFFF).isEqualTo(0xFFFFFF);
  }

  @Test
  void manyClassesUseHashedColours(@TempDir Path dir) throws IOException {
    int classes = 3579;
    int[] labels = TestCodes.cycling(3 * classes, classes);
    float[] codes = TestCodes.blobs(labels, 2, 1, 2);
    Path png = dir.resolve("scatter-writer.png");
    ScatterPlot.write(codes, labels.length, 2, labels, null, "by writer", png);
    BufferedImage img = ImageIO.read(png.toFile());
    assertThat(img.getWidth()).isEqualTo(ScatterPlot.DEFAULT_WIDTH);
    assertThat(colours(img).size()).isGreaterThan(100);
    Set<Integer> hashed = new HashSet<>();
    for (int c = 0; c < classes; c++) {
      hashed.add(ScatterPlot.colour(c, classes).getRGB());
    }
    assertThat(hashed.size()).isGreaterThan(classes * 9 / 10);
  }

  @Test
  void renderSizeDegenerateDataAndOneDimension() {
    BufferedImage img = ScatterPlot.render(new float[] {1, 1, 1}, 3, 1, new int[] {5, 6, 5}, null,
        "", 300, 200);
    assertThat(img.getWidth()).isEqualTo(300);
    assertThat(img.getHeight()).isEqualTo(200);
    assertThat(colours(img).size()).isGreaterThan(2);
  }

  @Test
  void niceTicks() {
    assertThat(ScatterPlot.ticks(-2.3, 2.7)).containsExactly(-2, -1, 0, 1, 2);
    assertThat(ScatterPlot.ticks(0.01, 0.09)).hasSizeBetween(4, 9);
  }

  @Test
  void badArgumentsAreNamed() {
    assertThatThrownBy(() -> ScatterPlot.render(new float[4], 2, 2, new int[] {0, 3},
        List.of("a", "b"), "t", 400, 300))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("labels[1] = 3 is not an index into classNames (size 2)");
    assertThatThrownBy(() -> ScatterPlot.render(new float[4], 2, 2, new int[2], null, "t", 10, 300))
        .hasMessageContaining("width must be >= 200");
  }
}
