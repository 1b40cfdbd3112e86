package io.github.gadn.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DataSourceTest {
  @TempDir Path dir;

  private Path folders() throws Exception {
    for (String c : new String[] {"a", "b"}) {
      Files.createDirectories(dir.resolve("tree").resolve(c));
      for (int i = 0; i < 2; i++) {
        ImageIO.write(new BufferedImage(10, 10, BufferedImage.TYPE_INT_RGB), "png",
            dir.resolve("tree").resolve(c).resolve(i + ".png").toFile());
      }
    }
    return dir.resolve("tree");
  }

  @Test
  void defaultsAreTheLoadersDefaults() {
    DataSource s = DataSource.builder(Path.of("x")).build();
    assertThat(s.label()).isEqualTo("digit");
    assertThat(s.cropSize()).isZero();
    assertThat(s.imageSize()).isZero();
    assertThat(s.skipUnreadable()).isFalse();
    assertThat(s.labels()).isEmpty();
  }

  @Test
  void pathsAreMadeAbsolute() {
    DataSource s = DataSource.builder(Path.of("rel/images")).labels(Path.of("rel/../labels")).build();
    assertThat(s.root().isAbsolute()).isTrue();
    assertThat(s.root().endsWith(Path.of("rel/images"))).isTrue();
    assertThat(s.labels().orElseThrow()).isEqualTo(Path.of("labels").toAbsolutePath());
  }

  @Test
  void roundTripsThroughItsMap() {
    DataSource s = DataSource.builder(dir.resolve("tree")).alphaRoot(dir.resolve("alpha"))
        .weightRoot(dir.resolve("w")).cropSize(8).imageSize(6).skipUnreadable(true).label("writer")
        .labels(dir.resolve("l")).build();
    assertThat(DataSource.fromMap(s.toMap())).isEqualTo(s);
  }

  @Test
  void absentOptionsAreLeftOutOfTheMap() {
    Map<String, Object> m = DataSource.builder(dir).build().toMap();
    assertThat(m).doesNotContainKeys("labels", "alphaRoot", "weightRoot");
  }

  @Test
  void opensAFolderTreeAndReportsItselfAsTheSource() throws Exception {
    DataSource s = DataSource.builder(folders()).imageSize(8).build();
    LabelledDataset data = s.open();
    assertThat(data.size()).isEqualTo(4);
    assertThat(data.imageSize()).isEqualTo(8);
    assertThat(data.classNames()).containsExactly("a", "b");
    assertThat(data.source()).contains(s);
    assertThat(s.isIdx()).isFalse();
  }

  @Test
  void wrappersKeepTheSource() throws Exception {
    DataSource s = DataSource.builder(folders()).build();
    assertThat(InkWeights.of(s.open(), 0.5).source()).contains(s);
  }

  @Test
  void theSameSourceOpensTheSameData() throws Exception {
    DataSource s = DataSource.builder(folders()).build();
    assertThat(DataSource.fromMap(s.toMap()).open().fingerprint()).isEqualTo(s.open().fingerprint());
  }

  @Test
  void aMissingRootIsNamed() {
    Path missing = dir.resolve("nope");
    assertThatThrownBy(() -> DataSource.builder(missing).build().open())
        .isInstanceOf(DataException.class)
        .hasMessage("data root " + missing + " does not exist");
  }

  @Test
  void idxImagesWithoutLabelsAreNamed() throws Exception {
    Path file = Files.writeString(dir.resolve("images-idx3-ubyte"), "x");
    assertThatThrownBy(() -> DataSource.builder(file).build().open())
        .isInstanceOf(DataException.class)
        .hasMessage("data root " + file + " is a file (IDX images): the labels file is missing");
  }

  @Test
  void anOddImageSizeIsRefused() {
    assertThatThrownBy(() -> DataSource.builder(dir).imageSize(7).build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("imageSize must be even and >= 0, got 7");
  }

  @Test
  void aMapWithoutRootIsRefusedByKey() {
    assertThatThrownBy(() -> DataSource.fromMap(Map.of("label", "digit")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("data source: root must be a path, got null");
  }

  @Test
  void aMapWithAWrongTypeIsRefusedByKey() {
    Map<String, Object> m = new LinkedHashMap<>(DataSource.builder(dir).build().toMap());
    m.put("cropSize", "big");
    assertThatThrownBy(() -> DataSource.fromMap(m))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("data source: cropSize must be an integer, got big");
  }
}
