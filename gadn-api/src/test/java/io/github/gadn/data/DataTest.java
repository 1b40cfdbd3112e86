package io.github.gadn.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.github.gadn.data.synth.SyntheticHandwriting;
import io.github.gadn.data.synth.SyntheticPortraits;
import java.awt.Color;
import java.awt.image.BufferedImage;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPOutputStream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tukaani.xz.LZMA2Options;
import org.tukaani.xz.XZOutputStream;

class DataTest {
  @TempDir Path dir;

  private static BufferedImage solid(int w, int h, Color c) {
    BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_INT_ARGB);
    for (int y = 0; y < h; y++) {
      for (int x = 0; x < w; x++) {
        img.setRGB(x, y, c.getRGB());
      }
    }
    return img;
  }

  private Path png(Path file, BufferedImage img) throws Exception {
    Files.createDirectories(file.getParent());
    ImageIO.write(img, "png", file.toFile());
    return file;
  }

  // ------------------------------------------------------------ image folders

  @Test
  void classesAreSortedFoldersAndFilesAreFoundRecursivelyInOrder() throws Exception {
    png(dir.resolve("b/x/2.png"), solid(4, 4, Color.RED));
    png(dir.resolve("b/1.png"), solid(4, 4, Color.RED));
    png(dir.resolve("a/z.PNG"), solid(4, 4, Color.RED));
    Files.writeString(dir.resolve("a/notes.txt"), "ignored");
    ImageFolderDataset d = ImageFolderDataset.builder(dir).build();
    assertThat(d.classNames()).containsExactly("a", "b");
    assertThat(d.size()).isEqualTo(3);
    assertThat(dir.relativize(d.file(1)).toString()).isEqualTo("b/1.png");
    assertThat(dir.relativize(d.file(2)).toString()).isEqualTo("b/x/2.png");
    assertThat(d.label(2)).isEqualTo(1);
    assertThat(d.imageSize()).isEqualTo(4);
    assertThat(d.classFrequencies()).containsExactly(1 / 3.0, 2 / 3.0);
  }

  @Test
  void transparentPixelsKeepAlphaZeroAndGreyBecomesRgb() throws Exception {
    BufferedImage img = solid(4, 4, new Color(255, 0, 0, 255));
    img.setRGB(0, 0, 0x00FFFFFF);
    png(dir.resolve("c/1.png"), img);
    BufferedImage grey = new BufferedImage(4, 4, BufferedImage.TYPE_BYTE_GRAY);
    grey.setRGB(1, 1, 0xFF808080);
    png(dir.resolve("c/2.png"), grey);
    ImageFolderDataset d = ImageFolderDataset.builder(dir).build();
    float[] p = d.sample(0).rgba();
    assertThat(p[3]).isZero();
    assertThat(p[4 * 5]).isEqualTo(1f);
    assertThat(p[4 * 5 + 1]).isEqualTo(-1f);
    assertThat(p[4 * 5 + 3]).isEqualTo(1f);
    float[] g = d.sample(1).rgba();
    int o = (1 * 4 + 1) * 4;
    assertThat(g[o]).isEqualTo(g[o + 1]).isEqualTo(g[o + 2]);
    assertThat(g[o + 3]).isEqualTo(1f);
  }

  @Test
  void jpegWithSeparateAlphaTreeIsReadAsPairs() throws Exception {
    Path rgb = dir.resolve("rgb/artist/face.jpg");
    Files.createDirectories(rgb.getParent());
    BufferedImage jpg = new BufferedImage(8, 8, BufferedImage.TYPE_INT_RGB);
    ImageIO.write(jpg, "jpg", rgb.toFile());
    BufferedImage alpha = new BufferedImage(8, 8, BufferedImage.TYPE_BYTE_GRAY);
    for (int y = 0; y < 8; y++) {
      for (int x = 4; x < 8; x++) {
        alpha.setRGB(x, y, 0xFFFFFFFF);
      }
    }
    png(dir.resolve("alpha/artist/face.png"), alpha);
    ImageFolderDataset d =
        ImageFolderDataset.builder(dir.resolve("rgb")).alphaRoot(dir.resolve("alpha")).build();
    float[] p = d.sample(0).rgba();
    assertThat(p[3]).isZero();
    assertThat(p[(0 * 8 + 7) * 4 + 3]).isEqualTo(1f);
  }

  @Test
  void missingAlphaFileIsNamed() throws Exception {
    png(dir.resolve("rgb/a/x.png"), solid(4, 4, Color.RED));
    Files.createDirectories(dir.resolve("alpha/a"));
    assertThatThrownBy(
            () -> ImageFolderDataset.builder(dir.resolve("rgb")).alphaRoot(dir.resolve("alpha")).build())
        .isInstanceOf(DataException.class)
        .hasMessageContaining("has no " + dir.resolve("alpha/a/x.png"));
  }

  @Test
  void downscaleIsAntialiased() throws Exception {
    BufferedImage checker = new BufferedImage(64, 64, BufferedImage.TYPE_INT_RGB);
    for (int y = 0; y < 64; y++) {
      for (int x = 0; x < 64; x++) {
        checker.setRGB(x, y, (x + y) % 2 == 0 ? 0xFFFFFF : 0);
      }
    }
    png(dir.resolve("k/c.png"), checker);
    float[] p = ImageFolderDataset.builder(dir).imageSize(16).build().sample(0).rgba();
    for (int i = 0; i < p.length; i += 4) {
      assertThat(p[i]).isCloseTo(0f, within(0.05f));
    }
  }

  @Test
  void weightMapsPairFileByFileAndMismatchesAreNamed() throws Exception {
    png(dir.resolve("img/a/1.png"), solid(4, 4, Color.RED));
    png(dir.resolve("img/a/2.png"), solid(4, 4, Color.RED));
    png(dir.resolve("w/a/1.png"), solid(4, 4, Color.WHITE));
    assertThatThrownBy(
            () -> ImageFolderDataset.builder(dir.resolve("img")).weightRoot(dir.resolve("w")).build())
        .hasMessageContaining("class a has 2 images but 1 weight maps");
    png(dir.resolve("w/a/2.png"), solid(4, 4, new Color(128, 0, 0)));
    ImageFolderDataset d =
        ImageFolderDataset.builder(dir.resolve("img")).weightRoot(dir.resolve("w")).build();
    assertThat(d.hasWeightMaps()).isTrue();
    assertThat(d.sample(0).weight().orElseThrow()[0]).isEqualTo(1f);
    assertThat(d.sample(1).weight().orElseThrow()[0]).isCloseTo(0.5f, within(0.01f));
  }

  @Test
  void badFoldersAreNamed() throws Exception {
    assertThatThrownBy(() -> ImageFolderDataset.builder(dir.resolve("nope")).build())
        .isInstanceOf(DataException.class).hasMessageContaining("is not a folder");
    assertThatThrownBy(() -> ImageFolderDataset.builder(dir).build())
        .hasMessageContaining("has no class sub-folders");
    Files.createDirectories(dir.resolve("empty"));
    assertThatThrownBy(() -> ImageFolderDataset.builder(dir).build())
        .hasMessageContaining("class folder " + dir.resolve("empty") + " holds no images");
  }

  @Test
  void corruptImageIsNamedOrSkipped() throws Exception {
    png(dir.resolve("a/good.png"), solid(4, 4, Color.RED));
    Files.write(dir.resolve("a/bad.png"), new byte[] {1, 2, 3});
    assertThatThrownBy(() -> ImageFolderDataset.builder(dir).build())
        .isInstanceOf(DataException.class).hasMessageContaining(dir.resolve("a/bad.png").toString());
    ImageFolderDataset strict = ImageFolderDataset.builder(dir).imageSize(4).build();
    assertThatThrownBy(() -> strict.sample(0))
        .isInstanceOf(DataException.class).hasMessageContaining(dir.resolve("a/bad.png").toString());
    ImageFolderDataset lenient = ImageFolderDataset.builder(dir).skipUnreadable(true).build();
    assertThat(lenient.size()).isEqualTo(1);
    assertThat(lenient.skipped()).isEqualTo(1);
  }

  @Test
  void oddImageSizeIsRejected() throws Exception {
    png(dir.resolve("a/x.png"), solid(5, 5, Color.RED));
    assertThatThrownBy(() -> ImageFolderDataset.builder(dir).build())
        .hasMessageContaining("image size must be even, got 5");
  }

  @Test
  void pgmAndPpmAreRead() throws Exception {
    Files.createDirectories(dir.resolve("a"));
    Files.writeString(dir.resolve("a/g.pgm"), "P2\n# c\n2 2\n255\n0 255\n128 64\n");
    byte[] header = "P6 2 2 255\n".getBytes();
    byte[] data = {(byte) 255, 0, 0, 0, (byte) 255, 0, 0, 0, (byte) 255, 1, 2, 3};
    byte[] ppm = new byte[header.length + data.length];
    System.arraycopy(header, 0, ppm, 0, header.length);
    System.arraycopy(data, 0, ppm, header.length, data.length);
    Files.write(dir.resolve("a/h.ppm"), ppm);
    ImageFolderDataset d = ImageFolderDataset.builder(dir).build();
    assertThat(d.sample(0).rgba()[4]).isEqualTo(1f);
    assertThat(d.sample(1).rgba()[0]).isEqualTo(1f);
    assertThat(d.sample(1).rgba()[5]).isEqualTo(1f);
  }

  // ------------------------------------------------------------ IDX

  private static void writeImages(OutputStream out, int count, int side) throws Exception {
    java.io.DataOutputStream d = new java.io.DataOutputStream(out);
    d.writeInt(IdxFiles.IMAGES_MAGIC);
    d.writeInt(count);
    d.writeInt(side);
    d.writeInt(side);
    for (int i = 0; i < count * side * side; i++) {
      d.write(i % 256);
    }
    d.flush();
  }

  @Test
  void idxReadsPlainGzipAndXz() throws Exception {
    Path plain = dir.resolve("i.idx3-ubyte");
    try (OutputStream o = Files.newOutputStream(plain)) {
      writeImages(o, 3, 4);
    }
    Path gz = dir.resolve("i.idx3-ubyte.gz");
    try (OutputStream o = new GZIPOutputStream(Files.newOutputStream(gz))) {
      writeImages(o, 3, 4);
    }
    Path xz = dir.resolve("i.idx3-ubyte.xz");
    try (OutputStream o = new XZOutputStream(Files.newOutputStream(xz), new LZMA2Options())) {
      writeImages(o, 3, 4);
    }
    IdxFiles.writeLabels(dir.resolve("l.idx1-ubyte"), new int[] {7, 3, 7});
    for (Path p : List.of(plain, gz, xz)) {
      IdxDataset d = IdxDataset.read(p, dir.resolve("l.idx1-ubyte"), "digit");
      assertThat(d.size()).isEqualTo(3);
      assertThat(d.classNames()).containsExactly("3", "7");
      assertThat(d.label(1)).isZero();
      assertThat(d.sample(0).rgba()[4]).isCloseTo(1 / 127.5f - 1, within(1e-6f));
    }
  }

  @Test
  void idxBadInputsAreNamed() throws Exception {
    Path images = dir.resolve("i");
    try (OutputStream o = Files.newOutputStream(images)) {
      writeImages(o, 3, 4);
    }
    IdxFiles.writeLabels(dir.resolve("two"), new int[] {1, 2});
    assertThatThrownBy(() -> IdxDataset.read(images, dir.resolve("two"), "digit"))
        .hasMessageContaining("has 3 images but").hasMessageContaining("has 2 labels");
    IdxFiles.writeLabels(dir.resolve("three"), new int[] {1, 2, 3});
    assertThatThrownBy(() -> IdxDataset.read(images, dir.resolve("three"), "writer"))
        .hasMessageContaining("label column 2 (\"writer\") is out of range");
    assertThatThrownBy(() -> IdxDataset.read(dir.resolve("three"), dir.resolve("three"), "digit"))
        .hasMessageContaining("is not an idx3-ubyte image file");
    Path truncated = dir.resolve("t");
    byte[] all = Files.readAllBytes(images);
    Files.write(truncated, java.util.Arrays.copyOf(all, all.length - 5));
    assertThatThrownBy(() -> IdxDataset.read(truncated, dir.resolve("three"), "digit"))
        .hasMessageContaining(truncated + " is truncated");
    assertThatThrownBy(() -> IdxDataset.column("colour"))
        .hasMessageContaining("label must be digit, writer or a column number, got \"colour\"");
  }

  // ------------------------------------------------------------ synthetic sets

  @Test
  void syntheticHandwritingIsSeededAndRoundTripsThroughQmnistFiles() throws Exception {
    SyntheticHandwriting a = SyntheticHandwriting.generate(5, 2, 28, 3);
    SyntheticHandwriting b = SyntheticHandwriting.generate(5, 2, 28, 3);
    SyntheticHandwriting c = SyntheticHandwriting.generate(5, 2, 28, 4);
    assertThat(a.images().pixels()).isEqualTo(b.images().pixels());
    assertThat(a.images().pixels()).isNotEqualTo(c.images().pixels());
    assertThat(a.dataset("digit").classCount()).isEqualTo(10);
    assertThat(a.dataset("writer").classCount()).isEqualTo(5);
    a.write(dir);
    IdxDataset back =
        IdxDataset.read(dir.resolve(SyntheticHandwriting.IMAGES_FILE), dir.resolve(SyntheticHandwriting.LABELS_FILE), "writer");
    LabelledDataset mem = a.dataset("writer");
    assertThat(back.size()).isEqualTo(100);
    assertThat(back.fingerprint()).isEqualTo(mem.fingerprint());
    for (int i = 0; i < 100; i += 17) {
      assertThat(back.sample(i).rgba()).containsExactly(mem.sample(i).rgba());
      assertThat(back.label(i)).isEqualTo(mem.label(i));
    }
  }

  @Test
  void syntheticPortraitsRoundTripThroughFoldersAndFactors() throws Exception {
    SyntheticPortraits p = SyntheticPortraits.generate(3, 4, 32, 2);
    p.write(dir);
    ImageFolderDataset back = ImageFolderDataset.builder(dir).build();
    assertThat(back.classNames()).containsExactly("artist00", "artist01", "artist02");
    assertThat(back.size()).isEqualTo(12);
    for (int i = 0; i < 12; i++) {
      assertThat(back.sample(i).rgba()).containsExactly(p.sample(i).rgba());
    }
    List<String> csv = Files.readAllLines(dir.resolve("factors.csv"));
    assertThat(csv.get(0)).startsWith("path,artist,hair_colour,hair_length");
    assertThat(csv).hasSize(13);
    String[] row = csv.get(5).split(",");
    assertThat(row[0]).isEqualTo("artist01/0000.png");
    assertThat(Double.parseDouble(row[2])).isEqualTo(p.factor(4, "hair_colour"));
  }

  // ------------------------------------------------------------ batching

  @Test
  void sameSeedGivesIdenticalBatchesWhateverTheThreadCount() throws Exception {
    LabelledDataset d = SyntheticHandwriting.generate(3, 2, 12, 1).dataset("digit");
    try (BatchIterator a = BatchIterator.shuffled(d, 7, 5, 1, null);
        BatchIterator b = BatchIterator.shuffled(d, 7, 5, 3, null)) {
      for (int i = 0; i < 12; i++) {
        Batch x = a.next();
        Batch y = b.next();
        assertThat(x.indices()).containsExactly(y.indices());
        assertThat(x.rgba()).containsExactly(y.rgba());
      }
    }
  }

  @Test
  void epochsAreShuffledPermutationsWithTheTailDropped() throws Exception {
    LabelledDataset d = SyntheticHandwriting.generate(3, 2, 12, 1).dataset("digit");
    try (BatchIterator it = BatchIterator.shuffled(d, 7, 5, 2, null)) {
      java.util.Set<Integer> seen = new java.util.HashSet<>();
      for (int i = 0; i < 8; i++) {
        for (int idx : it.next().indices()) {
          assertThat(seen.add(idx)).isTrue();
        }
      }
      assertThat(seen).hasSize(56);
      assertThat(it.state()).containsEntry("data.epoch", "0").containsEntry("data.position", "56");
      it.next();
      assertThat(it.state()).containsEntry("data.epoch", "1").containsEntry("data.position", "7");
    }
  }

  @Test
  void resumingFromAStateContinuesIdentically() throws Exception {
    LabelledDataset d = SyntheticHandwriting.generate(3, 2, 12, 1).dataset("digit");
    Map<String, String> state;
    try (BatchIterator it = BatchIterator.shuffled(d, 7, 5, 1, null)) {
      for (int i = 0; i < 10; i++) {
        it.next();
      }
      state = it.state();
      try (BatchIterator resumed = BatchIterator.shuffled(d, 7, 5, 2, state)) {
        for (int i = 0; i < 10; i++) {
          assertThat(resumed.next().indices()).containsExactly(it.next().indices());
        }
      }
    }
  }

  @Test
  void loaderPrefetchesAheadOfConsumption() throws Exception {
    LabelledDataset slow = new SlowDataset(SyntheticHandwriting.generate(2, 2, 12, 1).dataset("digit"));
    try (BatchIterator it = BatchIterator.shuffled(slow, 4, 1, 2, null)) {
      it.next();
      long deadline = System.nanoTime() + 5_000_000_000L;
      while (it.ready() < 2 && System.nanoTime() < deadline) {
        Thread.sleep(10);
      }
      assertThat(it.ready()).isGreaterThanOrEqualTo(2);
    }
  }

  @Test
  void unreadableSampleSurfacesWithItsMessage() {
    LabelledDataset broken = new SlowDataset(SyntheticHandwriting.generate(2, 2, 12, 1).dataset("digit")) {
      @Override
      public Sample sample(int index) throws java.io.IOException {
        throw new DataException("cannot read image /x/" + index + ".png");
      }
    };
    try (BatchIterator it = BatchIterator.shuffled(broken, 4, 1, 2, null)) {
      assertThatThrownBy(it::next).isInstanceOf(DataException.class).hasMessageStartingWith("cannot read image /x/");
    }
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
