package io.github.gadn.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.awt.image.BufferedImage;
import org.junit.jupiter.api.Test;

class ImageGridTest {

  /** {@code n} images of side {@code size}, every pixel of image k holding value {@code v[k]}. */
  private static float[] flat(int size, int channels, float alpha, float... v) {
    float[] out = new float[v.length * size * size * channels];
    for (int k = 0; k < v.length; k++) {
      for (int p = 0; p < size * size; p++) {
        int o = (k * size * size + p) * channels;
        out[o] = v[k];
        out[o + 1] = v[k];
        out[o + 2] = v[k];
        if (channels == 4) {
          out[o + 3] = alpha;
        }
      }
    }
    return out;
  }

  @Test
  void itemsSitSideBySidePerSourceWithABlackMarginAroundEveryCell() {
    // Two sources, 2 rows x 1 item: row i shows item i of source 0 then of source 1.
    float[] a = flat(2, 3, 1, -1, 1);
    float[] b = flat(2, 3, 1, 0, 3);
    BufferedImage grid = ImageGrid.layout(new float[][] {a, b}, 2, 3, 2, 1);
    assertThat(grid.getWidth()).isEqualTo(2 * 4);
    assertThat(grid.getHeight()).isEqualTo(2 * 4);
    assertThat(grid.getRGB(0, 0) & 0xFFFFFF).isZero();
    assertThat(grid.getRGB(1, 1) & 0xFF).isEqualTo(0);       // -1 -> black
    assertThat(grid.getRGB(5, 1) & 0xFF).isEqualTo(128);     // 0 -> mid grey
    assertThat(grid.getRGB(1, 5) & 0xFF).isEqualTo(255);     // 1 -> white
    assertThat(grid.getRGB(5, 5) & 0xFF).isEqualTo(255);     // 3 is clamped to white
    assertThat(grid.getRGB(3, 1) & 0xFFFFFF).isZero();       // margin between the sources
  }

  @Test
  void missingPixelsShowOverGrey() {
    BufferedImage grid = ImageGrid.layout(new float[][] {flat(1, 4, 0, 1)}, 1, 4, 1, 1);
    assertThat(grid.getRGB(1, 1) & 0xFF).isEqualTo(128);
  }

  @Test
  void badArgumentsAreNamed() {
    assertThatThrownBy(() -> ImageGrid.layout(new float[][] {new float[12]}, 2, 2, 1, 1))
        .hasMessage("channels must be 3 or 4, got 2");
    assertThatThrownBy(() -> ImageGrid.layout(new float[][] {new float[12], new float[11]}, 2, 3, 1, 1))
        .hasMessage("sources[1] must hold rows*cols*size*size*channels = 12 values, got 11");
  }
}
