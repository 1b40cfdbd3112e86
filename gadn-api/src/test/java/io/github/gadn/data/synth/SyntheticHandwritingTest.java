package io.github.gadn.data.synth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.gadn.data.IdxDataset;
import io.github.gadn.data.IdxFiles;
import io.github.gadn.data.IdxWriter;
import io.github.gadn.data.LabelledDataset;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SyntheticHandwritingTest {
  @TempDir Path dir;

  @Test
  void theSeedDeterminesEveryPixel() {
    SyntheticHandwriting a = SyntheticHandwriting.generate(4, 3, 28, 3);
    SyntheticHandwriting b = SyntheticHandwriting.generate(4, 3, 28, 3);
    SyntheticHandwriting c = SyntheticHandwriting.generate(4, 3, 28, 4);
    assertThat(a.images().pixels()).isEqualTo(b.images().pixels());
    assertThat(a.table()).isDeepEqualTo(b.table());
    assertThat(a.images().pixels()).isNotEqualTo(c.images().pixels());
    // The hand of writer 1 does not depend on how many writers are generated.
    SyntheticHandwriting more = SyntheticHandwriting.generate(6, 3, 28, 3);
    int n = 28 * 28 * 30;
    assertThat(java.util.Arrays.copyOfRange(more.images().pixels(), n, 2 * n))
        .isEqualTo(java.util.Arrays.copyOfRange(a.images().pixels(), n, 2 * n));
  }

  @Test
  void theDefaultSetHasTenDigitsAndAHundredWritersInBalancedClasses() {
    SyntheticHandwriting set = SyntheticHandwriting.generate(1);
    assertThat(set.count()).isEqualTo(10_000);
    assertThat(set.size()).isEqualTo(28);
    LabelledDataset digits = set.dataset("digit");
    LabelledDataset writers = set.dataset("writer");
    assertThat(digits.classCount()).isEqualTo(10);
    assertThat(digits.classNames()).containsExactly("0", "1", "2", "3", "4", "5", "6", "7", "8", "9");
    assertThat(writers.classCount()).isEqualTo(100);
    assertThat(digits.classFrequencies()).containsOnly(0.1);
    assertThat(writers.classFrequencies()).containsOnly(0.01);
    assertThat(writers.label(1234)).isEqualTo(12);
    assertThat(digits.label(1234)).isEqualTo(3);
    assertThat(set.writer(1234)).isEqualTo(12);
    assertThat(set.digit(1234)).isEqualTo(3);
  }

  @Test
  void digitsAreWhiteInkOnBlackInsideTheFrame() {
    SyntheticHandwriting set = SyntheticHandwriting.generate(20, 2, 28, 7);
    byte[] px = set.images().pixels();
    int touching = 0;
    for (int i = 0; i < set.count(); i++) {
      int max = 0;
      int ink = 0;
      int border = 0;
      for (int p = 0; p < 28 * 28; p++) {
        int v = px[i * 784 + p] & 255;
        max = Math.max(max, v);
        if (v > 128) {
          ink++;
          int x = p % 28;
          int y = p / 28;
          if (x == 0 || y == 0 || x == 27 || y == 27) {
            border++;
          }
        }
      }
      assertThat(max).as("image %s has bright ink", i).isGreaterThan(170);
      assertThat(ink).as("image %s ink pixels", i).isBetween(15, 400);
      if (border > 0) {
        touching++;
      }
    }
    assertThat(touching).as("digits touching the image border").isLessThanOrEqualTo(set.count() / 100);
  }

  @Test
  void writersHaveAPersistentHand() {
    // The amount of ink per image (stroke weight, size, intensity) varies more between writers
    // than within a writer's own samples.
    int writers = 12;
    SyntheticHandwriting set = SyntheticHandwriting.generate(writers, 4, 28, 11);
    byte[] px = set.images().pixels();
    double[] mean = new double[writers];
    double within = 0;
    double[] ink = new double[set.count()];
    for (int i = 0; i < set.count(); i++) {
      for (int p = 0; p < 784; p++) {
        ink[i] += (px[i * 784 + p] & 255) / 255.0;
      }
      mean[set.writer(i)] += ink[i] / 40;
    }
    // Within-writer spread is measured per digit so that digit shape does not count.
    double[][] digitMean = new double[writers][10];
    for (int i = 0; i < set.count(); i++) {
      digitMean[set.writer(i)][set.digit(i)] += ink[i] / 4;
    }
    for (int i = 0; i < set.count(); i++) {
      double d = ink[i] - digitMean[set.writer(i)][set.digit(i)];
      within += d * d / set.count();
    }
    double grand = 0;
    for (double m : mean) {
      grand += m / writers;
    }
    double between = 0;
    for (double m : mean) {
      between += (m - grand) * (m - grand) / writers;
    }
    assertThat(between).as("variance of writer means vs within-writer variance").isGreaterThan(3 * within);
  }

  @Test
  void qmnistFilesRoundTripThroughIdxDataset() throws Exception {
    SyntheticHandwriting a = SyntheticHandwriting.generate(5, 2, 28, 3);
    for (IdxWriter.Compression c : IdxWriter.Compression.values()) {
      Path out = dir.resolve(c.name());
      a.write(out, c);
      String suffix = c == IdxWriter.Compression.NONE ? "" : c == IdxWriter.Compression.GZIP ? ".gz" : ".xz";
      Path images = out.resolve(SyntheticHandwriting.IMAGES_FILE + suffix);
      Path labels = out.resolve(SyntheticHandwriting.LABELS_FILE + suffix);
      assertThat(IdxFiles.readLabels(labels)).isDeepEqualTo(a.table());
      for (String label : new String[] {"digit", "writer"}) {
        IdxDataset back = IdxDataset.read(images, labels, label);
        LabelledDataset mem = a.dataset(label);
        assertThat(back.size()).isEqualTo(100);
        assertThat(back.fingerprint()).isEqualTo(mem.fingerprint());
        assertThat(back.classNames()).isEqualTo(mem.classNames());
        for (int i = 0; i < 100; i++) {
          assertThat(back.sample(i).rgba()).containsExactly(mem.sample(i).rgba());
          assertThat(back.label(i)).isEqualTo(mem.label(i));
        }
      }
    }
    int[][] t = a.table();
    assertThat(t[37]).as("writer 1, its 18th image: digit 8, second sample").containsExactly(8, 0, 1, 17, 0x38, 37, 0, 0);
  }

  @Test
  void badArgumentsAreNamed() {
    assertThatThrownBy(() -> SyntheticHandwriting.generate(2, 1, 27, 1))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("size must be even and at least 8, got 27");
    assertThatThrownBy(() -> SyntheticHandwriting.generate(0, 1, 28, 1))
        .hasMessage("writers must be at least 1, got 0");
    assertThatThrownBy(() -> SyntheticHandwriting.generate(1, 1, 28, 1).dataset("9"))
        .hasMessage("label column 9 is out of range: the table has 8 columns");
  }
}
