package io.github.gadn.data.synth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.github.gadn.data.DataException;
import io.github.gadn.data.ImageFolderDataset;
import io.github.gadn.data.LabelledDataset;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SyntheticPortraitsTest {
  @TempDir Path dir;

  @Test
  void theSeedDeterminesEveryPixel() {
    SyntheticPortraits a = SyntheticPortraits.generate(3, 5, 32, 2);
    SyntheticPortraits b = SyntheticPortraits.generate(3, 5, 32, 2);
    SyntheticPortraits c = SyntheticPortraits.generate(3, 5, 32, 3);
    assertThat(a.fingerprint()).isEqualTo(b.fingerprint()).isNotEqualTo(c.fingerprint());
    for (int i = 0; i < 15; i++) {
      assertThat(a.sample(i).rgba()).containsExactly(b.sample(i).rgba());
      assertThat(a.factors(i)).containsExactly(b.factors(i));
    }
    assertThat(a.sample(0).rgba()).isNotEqualTo(c.sample(0).rgba());
    assertThat(a.classNames()).containsExactly("artist00", "artist01", "artist02");
    assertThat(a.label(7)).isEqualTo(1);
    assertThat(a.imageSize()).isEqualTo(32);
  }

  @Test
  void writtenFoldersAndFactorsReadBackIdentically() throws Exception {
    SyntheticPortraits p = SyntheticPortraits.generate(3, 6, 32, 2);
    p.write(dir);
    ImageFolderDataset back = ImageFolderDataset.builder(dir).build();
    assertThat(back.classNames()).isEqualTo(p.classNames());
    assertThat(back.size()).isEqualTo(18);
    assertThat(back.imageSize()).isEqualTo(32);
    Map<String, double[]> factors = SyntheticPortraits.readFactors(dir.resolve(SyntheticPortraits.FACTORS_FILE));
    assertThat(factors).hasSize(18);
    for (int i = 0; i < 18; i++) {
      assertThat(back.sample(i).rgba()).containsExactly(p.sample(i).rgba());
      assertThat(back.label(i)).isEqualTo(p.label(i));
      String rel = dir.relativize(back.file(i)).toString().replace('\\', '/');
      assertThat(rel).isEqualTo(p.relativePath(i));
      double[] row = factors.get(rel);
      for (int k = 0; k < SyntheticPortraits.FACTORS.size(); k++) {
        assertThat(row[k]).isCloseTo(p.factor(i, SyntheticPortraits.FACTORS.get(k)), within(1e-6));
      }
    }
    List<String> csv = Files.readAllLines(dir.resolve("factors.csv"));
    assertThat(csv.get(0)).isEqualTo("path,artist,hair_colour,hair_length,eye_colour,mouth,tilt,offset_x,"
        + "offset_y,zoom,background_hue,clothes_hue,missing_side,missing_fraction");
    assertThat(csv.get(7)).startsWith("artist01/0000.png,artist01,");
    Files.writeString(dir.resolve("bad.csv"), csv.get(0) + "\nx.png,a,1,2\n");
    assertThatThrownBy(() -> SyntheticPortraits.readFactors(dir.resolve("bad.csv")))
        .isInstanceOf(DataException.class)
        .hasMessage(dir.resolve("bad.csv") + " line 2: 4 columns, expected 14");
  }

  @Test
  void contentFactorsAreUsableAsSecondLabels() throws Exception {
    SyntheticPortraits p = SyntheticPortraits.generate(4, 50, 32, 5);
    int[] hair = p.factorLabels("hair_colour");
    LabelledDataset byHair = p.byFactor("hair_colour");
    assertThat(byHair.classNames()).isEqualTo(SyntheticPortraits.HAIR_COLOURS);
    int[] counts = new int[8];
    for (int i = 0; i < p.size(); i++) {
      assertThat(byHair.label(i)).isEqualTo(hair[i]);
      assertThat(byHair.sample(i).label()).isEqualTo(hair[i]);
      assertThat(p.factor(i, "hair_colour")).isEqualTo(hair[i]);
      counts[hair[i]]++;
      assertThat(Math.abs(p.factor(i, "tilt"))).isLessThanOrEqualTo(15);
    }
    assertThat(counts).as("every hair colour occurs").doesNotContain(0);
    assertThatThrownBy(() -> p.factorLabels("tilt"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("factor \"tilt\" is not discrete");
    assertThatThrownBy(() -> p.factor(0, "hat"))
        .hasMessageStartingWith("unknown factor \"hat\"");
  }

  @Test
  void someImagesHaveMissingPixelsOnTheRecordedSide() {
    SyntheticPortraits p = SyntheticPortraits.generate(2, 100, 32, 9);
    int cut = 0;
    for (int i = 0; i < p.size(); i++) {
      float[] px = p.sample(i).rgba();
      int side = (int) p.factor(i, "missing_side");
      int transparent = 0;
      double meanX = 0;
      double meanY = 0;
      for (int q = 0; q < 32 * 32; q++) {
        if (px[q * 4 + 3] == 0f) {
          transparent++;
          meanX += (q % 32) / 31.0;
          meanY += (q / 32) / 31.0;
        }
      }
      if (side == 0) {
        assertThat(transparent).as("image %s has no missing pixels", i).isZero();
        continue;
      }
      cut++;
      assertThat(transparent).as("image %s misses pixels", i).isGreaterThan(0);
      meanX /= transparent;
      meanY /= transparent;
      switch (side) {
        case 1 -> assertThat(meanX).isLessThan(0.3);
        case 2 -> assertThat(meanX).isGreaterThan(0.7);
        case 3 -> assertThat(meanY).isLessThan(0.3);
        default -> assertThat(meanY).isGreaterThan(0.7);
      }
    }
    assertThat(cut).isBetween(25, 80);
  }

  @Test
  void artistsHaveAConsistentStyle() {
    // The share of near-white pixels (eye whites and highlights, sized by the artist; pale skin
    // of low-saturation palettes) varies far more between artists than within an artist's
    // images, whose content (hair, tilt, zoom, background, missing borders) changes freely.
    int artists = 8;
    int per = 25;
    SyntheticPortraits p = SyntheticPortraits.generate(artists, per, 64, 4);
    double[] share = new double[p.size()];
    double[] mean = new double[artists];
    for (int i = 0; i < p.size(); i++) {
      float[] px = p.sample(i).rgba();
      int white = 0;
      int seen = 0;
      for (int q = 0; q < 64 * 64; q++) {
        if (px[q * 4 + 3] > 0) {
          seen++;
          if (Math.min(px[q * 4], Math.min(px[q * 4 + 1], px[q * 4 + 2])) > 0.85) {
            white++;
          }
        }
      }
      share[i] = (double) white / seen;
      mean[p.label(i)] += share[i] / per;
    }
    double within = 0;
    for (int i = 0; i < p.size(); i++) {
      double d = share[i] - mean[p.label(i)];
      within += d * d / p.size();
    }
    double grand = java.util.Arrays.stream(mean).average().orElseThrow();
    double between = 0;
    for (double m : mean) {
      between += (m - grand) * (m - grand) / artists;
    }
    assertThat(between).as("variance of artist means vs within-artist variance").isGreaterThan(2 * within);
  }

  @Test
  void badArgumentsAreNamed() {
    assertThatThrownBy(() -> SyntheticPortraits.generate(2, 1, 33, 1))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("size must be even and at least 16, got 33");
    assertThatThrownBy(() -> SyntheticPortraits.generate(1, 1, 32, 1))
        .hasMessage("artists must be at least 2, got 1");
  }
}
