package io.github.gadn.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.github.gadn.data.TestImages.FakeDataset;
import io.github.gadn.data.synth.SyntheticHandwriting;
import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.List;
import java.util.SplittableRandom;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Sample/image conversions, contact sheets and the data-set wrappers. */
class DataTest {
  @TempDir Path dir;

  @Test
  void sampleImagesRoundTripArgbExactly() throws Exception {
    BufferedImage img = new BufferedImage(6, 6, BufferedImage.TYPE_INT_ARGB);
    SplittableRandom r = new SplittableRandom(3);
    for (int y = 0; y < 6; y++) {
      for (int x = 0; x < 6; x++) {
        img.setRGB(x, y, r.nextInt());
      }
    }
    Sample s = SampleImages.fromImage(img, 6, 2);
    assertThat(s.label()).isEqualTo(2);
    BufferedImage back = SampleImages.toImage(s);
    for (int y = 0; y < 6; y++) {
      for (int x = 0; x < 6; x++) {
        assertThat(back.getRGB(x, y)).isEqualTo(img.getRGB(x, y));
      }
    }
    Path png = dir.resolve("s.png");
    SampleImages.writePng(s, png);
    assertThat(SampleImages.read(png, 6, 0).rgba()).containsExactly(s.rgba());
    Batch batch = new Batch(2, 6, concat(s.rgba(), s.rgba()), null, new int[] {2, 2}, new int[] {0, 1});
    assertThat(SampleImages.toImage(batch, 1).getRGB(5, 5)).isEqualTo(img.getRGB(5, 5));
    assertThatThrownBy(() -> SampleImages.fromImage(img, 5, 0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("size must be positive and even, got 5");
  }

  private static float[] concat(float[] a, float[] b) {
    float[] out = java.util.Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, out, a.length, b.length);
    return out;
  }

  @Test
  void contactSheetsLayOutSamplesAndShowMissingPixelsOnACheckerboard() throws Exception {
    FakeDataset d = new FakeDataset(10, 3, 0, i -> false, false) {
      @Override
      public Sample sample(int index) throws java.io.IOException {
        Sample s = super.sample(index);
        float[] p = s.rgba().clone();
        p[3] = 0;
        return Sample.of(4, p, null, s.label());
      }
    };
    BufferedImage first = ContactSheet.first(d, 4, 2);
    assertThat(first.getWidth()).isEqualTo(4 * (4 * 2 + 1) + 1);
    assertThat(first.getHeight()).isEqualTo(2 * (4 * 2 + 1) + 1);
    assertThat(first.getRGB(1, 1) & 0xFFFFFF).as("alpha 0 shows the checkerboard").isEqualTo(0xB8B8B8);
    assertThat(first.getRGB(0, 0) & 0xFFFFFF).isEqualTo(0x202020);
    BufferedImage perClass = ContactSheet.perClass(d, 5, 3);
    assertThat(perClass.getHeight()).isEqualTo(3 * 9 + 1);
    assertThat(perClass.getWidth()).isEqualTo(5 * 9 + 1);
    // Class 0 has samples 0, 3, 6, 9: the fifth cell of row 0 stays empty (separator colour).
    assertThat(perClass.getRGB(4 * 9 + 3, 3) & 0xFFFFFF).isEqualTo(0x202020);
    // Sample 3 is the second cell of row 0; its red channel encodes 3/10.
    int red = (perClass.getRGB(9 + 1 + 2, 1 + 2) >> 16) & 255;
    assertThat(red).isEqualTo(RgbaImage.byte255((0.3 + 1) / 2));
    Path png = dir.resolve("sheet/first.png");
    ContactSheet.write(d, 4, 2, png);
    assertThat(ImageIO.read(png.toFile()).getWidth()).isEqualTo(first.getWidth());
  }

  @Test
  void cachedDatasetRespectsItsBudget() throws Exception {
    FakeDataset d = new FakeDataset(10);
    CachedDataset c = (CachedDataset) CachedDataset.of(d, 3 * 64 * 4);
    for (int round = 0; round < 2; round++) {
      for (int i = 0; i < 10; i++) {
        assertThat(c.sample(i).rgba()[0]).isEqualTo(i / 10f);
      }
    }
    assertThat(c.bytesUsed()).isEqualTo(3 * 64 * 4);
    assertThat(d.decodes.get()).isEqualTo(10 + 7);
    assertThat(c.fingerprint()).isEqualTo(d.fingerprint());
    assertThat(c.classNames()).isEqualTo(d.classNames());
  }

  // The two tests below came with InkWeights and CachedDataset.

  @Test
  void cachedDatasetDecodesEachSampleOnce() throws Exception {
    int[] calls = new int[1];
    LabelledDataset counting = new SlowDataset(SyntheticHandwriting.generate(1, 1, 12, 1).dataset("digit")) {
      @Override
      public Sample sample(int index) throws java.io.IOException {
        calls[0]++;
        return super.sample(index);
      }
    };
    LabelledDataset cached = CachedDataset.of(counting);
    float[] first = cached.sample(3).rgba();
    assertThat(cached.sample(3).rgba()).isSameAs(first);
    assertThat(calls[0]).isEqualTo(1);
  }

  @Test
  void inkWeightsEmphasiseStrokes() throws Exception {
    LabelledDataset d = InkWeights.of(SyntheticHandwriting.generate(1, 1, 28, 1).dataset("digit"), 0.1);
    Sample s = d.sample(0);
    float[] w = s.weight().orElseThrow();
    assertThat(w[0]).isCloseTo(0.1f, within(1e-6f));
    float max = 0;
    for (float v : w) {
      max = Math.max(max, v);
    }
    assertThat(max).isGreaterThan(0.9f);
  }

  /** Delegates with a 20 ms delay per sample. */
  private static class SlowDataset implements LabelledDataset {
    private final LabelledDataset d;

    SlowDataset(LabelledDataset d) {
      this.d = d;
    }

    @Override
    public int size() {
      return d.size();
    }

    @Override
    public int imageSize() {
      return d.imageSize();
    }

    @Override
    public List<String> classNames() {
      return d.classNames();
    }

    @Override
    public int label(int index) {
      return d.label(index);
    }

    @Override
    public boolean hasWeightMaps() {
      return false;
    }

    @Override
    public Sample sample(int index) throws java.io.IOException {
      try {
        Thread.sleep(20);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      return d.sample(index);
    }

    @Override
    public String description() {
      return "slow";
    }

    @Override
    public String fingerprint() {
      return "slow";
    }
  }
}
