package io.github.gadn.data;

import static io.github.gadn.data.TestImages.grey;
import static io.github.gadn.data.TestImages.png;
import static io.github.gadn.data.TestImages.solid;
import static io.github.gadn.data.TestImages.write;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.awt.Color;
import java.awt.color.ColorSpace;
import java.awt.image.BufferedImage;
import java.awt.image.ComponentColorModel;
import java.awt.image.DataBuffer;
import java.awt.image.IndexColorModel;
import java.awt.image.WritableRaster;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ImageFolderDatasetTest {
  @TempDir Path dir;

  private static float v(int byteValue) {
    return byteValue / 255f * 2 - 1;
  }

  @Test
  void classesAreSortedFoldersByCodePointAndFilesAreFoundRecursivelyInOrder() throws Exception {
    png(dir.resolve("b/x/2.png"), solid(4, 4, Color.RED));
    png(dir.resolve("b/1.png"), solid(4, 4, Color.RED));
    png(dir.resolve("b/y/0.png"), solid(4, 4, Color.RED));
    png(dir.resolve("a/z.PNG"), solid(4, 4, Color.RED));
    write(dir.resolve("a/m.JPEG"), solid(4, 4, Color.RED), "png");
    png(dir.resolve("B/q.png"), solid(4, 4, Color.RED));
    Files.writeString(dir.resolve("a/notes.txt"), "ignored");
    ImageFolderDataset d = ImageFolderDataset.builder(dir).build();
    assertThat(d.classNames()).containsExactly("B", "a", "b");
    assertThat(d.size()).isEqualTo(6);
    String[] rel = new String[6];
    for (int i = 0; i < 6; i++) {
      rel[i] = dir.relativize(d.file(i)).toString();
    }
    assertThat(rel).containsExactly("B/q.png", "a/m.JPEG", "a/z.PNG", "b/1.png", "b/x/2.png", "b/y/0.png");
    assertThat(d.label(0)).isZero();
    assertThat(d.label(2)).isEqualTo(1);
    assertThat(d.label(5)).isEqualTo(2);
    assertThat(d.imageSize()).isEqualTo(4);
    assertThat(d.classFrequencies()).containsExactly(1 / 6.0, 2 / 6.0, 3 / 6.0);
    assertThat(d.description()).isEqualTo(dir.toString());
  }

  @Test
  void transparentPixelsKeepAlphaZeroAndTheRgbOfTheFile() throws Exception {
    BufferedImage img = solid(4, 4, new Color(0, 0, 255, 255));
    img.setRGB(0, 0, 0x00FF0000);
    img.setRGB(1, 0, 0x80FFFFFF);
    png(dir.resolve("c/1.png"), img);
    float[] p = ImageFolderDataset.builder(dir).build().sample(0).rgba();
    assertThat(new float[] {p[0], p[1], p[2], p[3]}).containsExactly(1f, -1f, -1f, 0f);
    assertThat(p[4 + 3]).isCloseTo(128 / 255f, within(1e-6f));
    assertThat(new float[] {p[8], p[9], p[10], p[11]}).containsExactly(-1f, -1f, 1f, 1f);
  }

  @Test
  void paletteTransparencyBecomesAlpha() throws Exception {
    byte[] r = {(byte) 255, 0};
    byte[] g = {0, (byte) 255};
    byte[] b = {0, 0};
    IndexColorModel palette = new IndexColorModel(8, 2, r, g, b, 1);
    BufferedImage img = new BufferedImage(4, 4, BufferedImage.TYPE_BYTE_INDEXED, palette);
    img.getRaster().setSample(2, 1, 0, 1);
    png(dir.resolve("c/p.png"), img);
    float[] p = ImageFolderDataset.builder(dir).build().sample(0).rgba();
    assertThat(p[3]).isEqualTo(1f);
    assertThat(p[0]).isEqualTo(1f);
    int o = (1 * 4 + 2) * 4;
    assertThat(p[o + 3]).isZero();
  }

  @Test
  void greyImagesKeepTheirStoredValuesAndBecomeRgb() throws Exception {
    png(dir.resolve("c/8.png"), grey(4, 4, 128));
    BufferedImage wide = new BufferedImage(4, 4, BufferedImage.TYPE_USHORT_GRAY);
    wide.getRaster().setSample(0, 0, 0, 32768);
    png(dir.resolve("c/9.png"), wide);
    ComponentColorModel greyAlpha = new ComponentColorModel(
        ColorSpace.getInstance(ColorSpace.CS_GRAY), true, false, java.awt.Transparency.TRANSLUCENT,
        DataBuffer.TYPE_BYTE);
    WritableRaster raster = greyAlpha.createCompatibleWritableRaster(4, 4);
    raster.setPixel(0, 0, new int[] {64, 51});
    png(dir.resolve("c/a.png"), new BufferedImage(greyAlpha, raster, false, null));
    ImageFolderDataset d = ImageFolderDataset.builder(dir).build();
    float[] p = d.sample(0).rgba();
    assertThat(new float[] {p[0], p[1], p[2], p[3]}).containsExactly(v(128), v(128), v(128), 1f);
    float[] q = d.sample(1).rgba();
    assertThat(q[0]).isCloseTo(32768 / 65535f * 2 - 1, within(1e-6f));
    float[] a = d.sample(2).rgba();
    assertThat(new float[] {a[0], a[1], a[2]}).containsExactly(v(64), v(64), v(64));
    assertThat(a[3]).isCloseTo(51 / 255f, within(1e-6f));
  }

  @Test
  void bmpTiffPgmAndPpmAreRead() throws Exception {
    BufferedImage bmp = new BufferedImage(4, 4, BufferedImage.TYPE_INT_RGB);
    bmp.setRGB(0, 0, 0x0A141E);
    write(dir.resolve("a/b.bmp"), bmp, "bmp");
    BufferedImage rgb = new BufferedImage(4, 4, BufferedImage.TYPE_INT_RGB);
    rgb.setRGB(0, 0, 0x405060);
    write(dir.resolve("a/c.tif"), rgb, "tiff");
    Files.writeString(dir.resolve("a/d.pgm"), "P2\n# comment\n4 1\n255\n0 255\n128 64\n");
    Files.writeString(dir.resolve("a/e.ppm"), "P3 1 1 15 15 0 5\n");
    byte[] header = "P6\n2 1\n255\n".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    byte[] ppm = java.util.Arrays.copyOf(header, header.length + 6);
    byte[] data = {(byte) 255, 0, 0, 1, 2, 3};
    System.arraycopy(data, 0, ppm, header.length, 6);
    Files.write(dir.resolve("a/f.ppm"), ppm);
    byte[] h16 = "P5 1 1 65535\n".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    byte[] pgm16 = java.util.Arrays.copyOf(h16, h16.length + 2);
    pgm16[h16.length] = (byte) 0x80;
    Files.write(dir.resolve("a/g.pgm"), pgm16);
    assertThat(ImageFiles.read(dir.resolve("a/b.bmp")).rgba()[0]).isCloseTo(10 / 255f, within(1e-6f));
    assertThat(ImageFiles.read(dir.resolve("a/c.tif")).rgba()[1]).isCloseTo(0x50 / 255f, within(1e-6f));
    RgbaImage pgm = ImageFiles.read(dir.resolve("a/d.pgm"));
    assertThat(pgm.width()).isEqualTo(4);
    assertThat(pgm.rgba()[4]).isEqualTo(1f);
    assertThat(pgm.rgba()[9]).isCloseTo(128 / 255f, within(1e-6f));
    assertThat(pgm.rgba()[10]).isEqualTo(pgm.rgba()[8]);
    assertThat(ImageFiles.read(dir.resolve("a/e.ppm")).rgba()).containsExactly(1f, 0f, 5 / 15f, 1f);
    RgbaImage p6 = ImageFiles.read(dir.resolve("a/f.ppm"));
    assertThat(p6.rgba()[0]).isEqualTo(1f);
    assertThat(p6.rgba()[6]).isCloseTo(3 / 255f, within(1e-6f));
    assertThat(ImageFiles.read(dir.resolve("a/g.pgm")).rgba()[0]).isCloseTo(0x8000 / 65535f, within(1e-6f));
    Files.write(dir.resolve("a/h.pgm"), java.util.Arrays.copyOf(pgm16, pgm16.length - 1));
    assertThatThrownBy(() -> ImageFiles.read(dir.resolve("a/h.pgm")))
        .isInstanceOf(DataException.class)
        .hasMessage("cannot decode image " + dir.resolve("a/h.pgm") + ": truncated pixel data");
  }

  @Test
  void jpegTreeWithSeparateAlphaTreeIsReadAsPairs() throws Exception {
    BufferedImage jpg = new BufferedImage(8, 8, BufferedImage.TYPE_INT_RGB);
    for (int y = 0; y < 8; y++) {
      for (int x = 0; x < 8; x++) {
        jpg.setRGB(x, y, 0xC08040);
      }
    }
    write(dir.resolve("rgb/artist/sub/face.jpg"), jpg, "jpg");
    write(dir.resolve("rgb/artist/face2.JPG"), jpg, "jpg");
    BufferedImage alpha = grey(8, 8, 0);
    for (int y = 0; y < 8; y++) {
      for (int x = 4; x < 8; x++) {
        alpha.getRaster().setSample(x, y, 0, 255);
      }
    }
    alpha.getRaster().setSample(3, 0, 0, 100);
    png(dir.resolve("alpha/artist/sub/face.png"), alpha);
    png(dir.resolve("alpha/artist/face2.png"), grey(8, 8, 255));
    ImageFolderDataset d =
        ImageFolderDataset.builder(dir.resolve("rgb")).alphaRoot(dir.resolve("alpha")).build();
    assertThat(d.size()).isEqualTo(2);
    assertThat(d.file(1).getFileName().toString()).isEqualTo("face.jpg");
    float[] p = d.sample(1).rgba();
    assertThat(p[3]).isZero();
    assertThat(p[3 * 4 + 3]).isCloseTo(100 / 255f, within(1e-6f));
    assertThat(p[7 * 4 + 3]).isEqualTo(1f);
    assertThat(p[0]).as("RGB stays what the JPEG says where alpha is 0").isCloseTo(v(0xC0), within(0.05f));
    assertThat(d.sample(0).rgba()[3]).isEqualTo(1f);
  }

  @Test
  void alphaTreeProblemsAreNamed() throws Exception {
    png(dir.resolve("rgb/a/x.png"), solid(4, 4, Color.RED));
    assertThatThrownBy(
            () -> ImageFolderDataset.builder(dir.resolve("rgb")).alphaRoot(dir.resolve("alpha")).build())
        .isInstanceOf(DataException.class)
        .hasMessage("alpha root " + dir.resolve("alpha") + " does not exist");
    Files.createDirectories(dir.resolve("alpha/a"));
    assertThatThrownBy(
            () -> ImageFolderDataset.builder(dir.resolve("rgb")).alphaRoot(dir.resolve("alpha")).build())
        .isInstanceOf(DataException.class)
        .hasMessage("alpha tree " + dir.resolve("alpha") + " has no file " + dir.resolve("alpha/a/x.png")
            + " for image " + dir.resolve("rgb/a/x.png"));
    png(dir.resolve("alpha/a/x.png"), grey(6, 4, 255));
    ImageFolderDataset d =
        ImageFolderDataset.builder(dir.resolve("rgb")).alphaRoot(dir.resolve("alpha")).build();
    assertThatThrownBy(() -> d.sample(0))
        .isInstanceOf(DataException.class)
        .hasMessageContaining("alpha " + dir.resolve("alpha/a/x.png") + " is 6x4 but image");
  }

  @Test
  void weightMapsArePairedByIndexAndKeepTheirFirstChannel() throws Exception {
    png(dir.resolve("img/a/1.png"), solid(4, 4, Color.RED));
    png(dir.resolve("img/a/2.png"), solid(4, 4, Color.RED));
    png(dir.resolve("w/a/1.png"), grey(4, 4, 255));
    png(dir.resolve("w/a/other-name.png"), solid(4, 4, new Color(128, 7, 9)));
    ImageFolderDataset d =
        ImageFolderDataset.builder(dir.resolve("img")).weightRoot(dir.resolve("w")).build();
    assertThat(d.hasWeightMaps()).isTrue();
    assertThat(d.sample(0).weight().orElseThrow()).containsOnly(1f);
    assertThat(d.sample(1).weight().orElseThrow()[5]).isCloseTo(128 / 255f, within(1e-6f));
    // Weight maps at another resolution (same aspect) follow the same geometry.
    png(dir.resolve("w2/a/1.png"), grey(8, 8, 100));
    png(dir.resolve("w2/a/2.png"), grey(8, 8, 200));
    ImageFolderDataset half =
        ImageFolderDataset.builder(dir.resolve("img")).weightRoot(dir.resolve("w2")).imageSize(2).build();
    assertThat(half.sample(0).weight().orElseThrow()).hasSize(4);
    assertThat(half.sample(1).weight().orElseThrow()[0]).isCloseTo(200 / 255f, within(1e-5f));
    png(dir.resolve("w3/a/1.png"), grey(8, 4, 100));
    png(dir.resolve("w3/a/2.png"), grey(8, 4, 200));
    ImageFolderDataset wrong =
        ImageFolderDataset.builder(dir.resolve("img")).weightRoot(dir.resolve("w3")).build();
    assertThatThrownBy(() -> wrong.sample(0))
        .isInstanceOf(DataException.class)
        .hasMessage("weight map " + dir.resolve("w3/a/1.png") + " is 8x4 but image "
            + dir.resolve("img/a/1.png") + " is 4x4");
  }

  @Test
  void weightTreeMismatchesNameTheFirstOne() throws Exception {
    png(dir.resolve("img/a/1.png"), solid(4, 4, Color.RED));
    png(dir.resolve("img/a/2.png"), solid(4, 4, Color.RED));
    png(dir.resolve("img/b/1.png"), solid(4, 4, Color.RED));
    png(dir.resolve("w/a/1.png"), grey(4, 4, 255));
    String prefix = "weight tree " + dir.resolve("w") + " does not match the image tree " + dir.resolve("img") + ": ";
    assertThatThrownBy(
            () -> ImageFolderDataset.builder(dir.resolve("img")).weightRoot(dir.resolve("w")).build())
        .isInstanceOf(DataException.class)
        .hasMessage(prefix + "class a has 2 images but 1 weight maps; first mismatch: image "
            + dir.resolve("img/a/2.png") + " has no weight map");
    png(dir.resolve("w/a/2.png"), grey(4, 4, 255));
    assertThatThrownBy(
            () -> ImageFolderDataset.builder(dir.resolve("img")).weightRoot(dir.resolve("w")).build())
        .hasMessage(prefix + "class folder " + dir.resolve("w/b") + " is missing");
    png(dir.resolve("w/b/1.png"), grey(4, 4, 255));
    png(dir.resolve("w/b/3.png"), grey(4, 4, 255));
    assertThatThrownBy(
            () -> ImageFolderDataset.builder(dir.resolve("img")).weightRoot(dir.resolve("w")).build())
        .hasMessage(prefix + "class b has 1 images but 2 weight maps; first mismatch: weight map "
            + dir.resolve("w/b/3.png") + " has no image");
    Files.delete(dir.resolve("w/b/3.png"));
    png(dir.resolve("w/c/1.png"), grey(4, 4, 255));
    assertThatThrownBy(
            () -> ImageFolderDataset.builder(dir.resolve("img")).weightRoot(dir.resolve("w")).build())
        .hasMessage(prefix + "it has a class folder " + dir.resolve("w/c") + " that the image tree lacks");
  }

  @Test
  void aFolderOfIdxFilesIsPointedAtTheFiles() throws Exception {
    Path root = Files.createDirectories(dir.resolve("idx"));
    Files.write(root.resolve("images-idx3-ubyte"), new byte[16]);
    Files.write(root.resolve("labels-idx2-int"), new byte[16]);
    assertThatThrownBy(() -> ImageFolderDataset.builder(root).build())
        .isInstanceOf(DataException.class)
        .hasMessage("data root " + root + " has no class sub-folders (expected one folder of images"
            + " per class); it holds IDX images: name the file itself, data root "
            + root.resolve("images-idx3-ubyte") + " with labels " + root.resolve("labels-idx2-int"));
  }

  @Test
  void missingRootNoClassesAndEmptyClassesAreNamed() throws Exception {
    assertThatThrownBy(() -> ImageFolderDataset.builder(dir.resolve("nope")).build())
        .isInstanceOf(DataException.class)
        .hasMessage("data root " + dir.resolve("nope") + " does not exist");
    Files.writeString(dir.resolve("file"), "x");
    assertThatThrownBy(() -> ImageFolderDataset.builder(dir.resolve("file")).build())
        .hasMessage("data root " + dir.resolve("file") + " is not a folder");
    Files.createDirectories(dir.resolve("root"));
    assertThatThrownBy(() -> ImageFolderDataset.builder(dir.resolve("root")).build())
        .hasMessageStartingWith("data root " + dir.resolve("root") + " has no class sub-folders");
    png(dir.resolve("root/full/1.png"), solid(4, 4, Color.RED));
    Files.createDirectories(dir.resolve("root/empty/sub"));
    Files.writeString(dir.resolve("root/empty/sub/readme.txt"), "no images");
    assertThatThrownBy(() -> ImageFolderDataset.builder(dir.resolve("root")).build())
        .isInstanceOf(DataException.class)
        .hasMessageStartingWith("class folder " + dir.resolve("root/empty") + " holds no images");
  }

  @Test
  void corruptImagesAreNamedOrSkippedAndCounted() throws Exception {
    png(dir.resolve("a/good.png"), solid(4, 4, Color.RED));
    Files.write(dir.resolve("a/bad.png"), new byte[] {1, 2, 3});
    png(dir.resolve("b/good.png"), solid(4, 4, Color.RED));
    Path bad = dir.resolve("a/bad.png");
    assertThatThrownBy(() -> ImageFolderDataset.builder(dir).build())
        .as("the first image decides the size, and it is corrupt")
        .isInstanceOf(DataException.class)
        .hasMessageStartingWith("cannot decode image " + bad);
    ImageFolderDataset strict = ImageFolderDataset.builder(dir).imageSize(4).build();
    assertThat(strict.size()).isEqualTo(3);
    assertThatThrownBy(() -> strict.sample(0))
        .isInstanceOf(DataException.class)
        .hasMessageStartingWith("cannot decode image " + bad);
    ImageFolderDataset lenient = ImageFolderDataset.builder(dir).skipUnreadable(true).build();
    assertThat(lenient.size()).isEqualTo(2);
    assertThat(lenient.skipped()).isEqualTo(1);
    assertThat(lenient.skippedFiles()).containsExactly(bad);
    assertThat(lenient.sample(0).rgba()[0]).isEqualTo(1f);
    Files.delete(dir.resolve("b/good.png"));
    Files.write(dir.resolve("b/bad.jpg"), new byte[] {(byte) 0xFF, (byte) 0xD8, 0});
    assertThatThrownBy(() -> ImageFolderDataset.builder(dir).skipUnreadable(true).build())
        .isInstanceOf(DataException.class)
        .hasMessage("class folder " + dir.resolve("b") + " has no readable images (1 skipped as unreadable)");
  }

  @Test
  void oddImageSizesAreRejectedNamingTheOption() throws Exception {
    png(dir.resolve("a/x.png"), solid(6, 5, Color.RED));
    assertThatThrownBy(() -> ImageFolderDataset.builder(dir).build())
        .isInstanceOf(DataException.class)
        .hasMessage("image size must be even, got 5 (the height of the first image " + dir.resolve("a/x.png")
            + "): set imageSize (--image-size) to an even value");
    assertThatThrownBy(() -> ImageFolderDataset.builder(dir).imageSize(7))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("imageSize (--image-size) must be even and >= 0, got 7");
    assertThatThrownBy(() -> ImageFolderDataset.builder(dir).cropSize(3).build())
        .hasMessageContaining("got 3 (cropSize, --crop-size)");
    assertThat(ImageFolderDataset.builder(dir).imageSize(4).build().sample(0).size()).isEqualTo(4);
  }

  @Test
  void cropResizeAndCentreCropFollowTheSpec() throws Exception {
    // 8 wide, 4 high: columns hold their index; the shorter side is already 4, the centre crop
    // keeps columns 2..5.
    BufferedImage img = new BufferedImage(8, 4, BufferedImage.TYPE_INT_RGB);
    for (int y = 0; y < 4; y++) {
      for (int x = 0; x < 8; x++) {
        img.setRGB(x, y, (x * 30) << 16);
      }
    }
    png(dir.resolve("a/x.png"), img);
    float[] p = ImageFolderDataset.builder(dir).imageSize(4).build().sample(0).rgba();
    assertThat(p[0]).isEqualTo(v(60));
    assertThat(p[3 * 4]).isEqualTo(v(150));
    // cropSize 6 first (rows 0..3 stay, columns 1..6), then resize shorter side 4 -> 2.
    ImageFolderDataset cropped = ImageFolderDataset.builder(dir).cropSize(6).imageSize(2).build();
    assertThat(cropped.sample(0).size()).isEqualTo(2);
    RgbaImage odd = new RgbaImage(5, 1, new float[20]).centerCrop(2, 1);
    assertThat(odd.width()).isEqualTo(2);
    float[] cols = new float[7 * 4];
    for (int x = 0; x < 7; x++) {
      cols[x * 4] = x;
    }
    assertThat(new RgbaImage(7, 1, cols).centerCrop(2, 1).rgba()[0]).as("round(2.5) = 2").isEqualTo(2f);
    float[] five = new float[5 * 4];
    for (int x = 0; x < 5; x++) {
      five[x * 4] = x;
    }
    assertThat(new RgbaImage(5, 1, five).centerCrop(2, 1).rgba()[0]).as("round(1.5) = 2").isEqualTo(2f);
  }

  @Test
  void downscalingIsAntialiased() throws Exception {
    BufferedImage checker = new BufferedImage(64, 64, BufferedImage.TYPE_INT_RGB);
    for (int y = 0; y < 64; y++) {
      for (int x = 0; x < 64; x++) {
        checker.setRGB(x, y, (x + y) % 2 == 0 ? 0xFFFFFF : 0);
      }
    }
    png(dir.resolve("k/c.png"), checker);
    float[] p = ImageFolderDataset.builder(dir).imageSize(16).build().sample(0).rgba();
    for (int i = 0; i < p.length; i += 4) {
      assertThat(p[i]).isCloseTo(0f, within(0.02f));
      assertThat(p[i + 3]).isEqualTo(1f);
    }
    // Stripes 0110 0110 …: a box or widened triangle filter gives grey; bilinear interpolation
    // of the two nearest pixels (no antialiasing) would give white.
    BufferedImage stripes = new BufferedImage(64, 64, BufferedImage.TYPE_INT_RGB);
    for (int y = 0; y < 64; y++) {
      for (int x = 0; x < 64; x++) {
        stripes.setRGB(x, y, x % 4 == 1 || x % 4 == 2 ? 0xFFFFFF : 0);
      }
    }
    png(dir.resolve("k/d.png"), stripes);
    float[] s = ImageFolderDataset.builder(dir).imageSize(16).build().sample(1).rgba();
    for (int i = 4; i < s.length - 4; i += 4) {
      if (i / 4 % 16 != 0 && i / 4 % 16 != 15) {
        assertThat(s[i]).isCloseTo(0f, within(0.02f));
      }
    }
    float[] q = ImageFolderDataset.builder(dir).imageSize(26).build().sample(0).rgba();
    for (int i = 0; i < q.length; i += 4) {
      assertThat(q[i]).as("non-integer factor").isCloseTo(0f, within(0.15f));
    }
  }

  @Test
  void resamplingIsPremultipliedSoTransparentColourDoesNotBleed() {
    float[] rgba = new float[8 * 8 * 4];
    for (int y = 0; y < 8; y++) {
      for (int x = 0; x < 8; x++) {
        int o = (y * 8 + x) * 4;
        if (x < 4) {
          rgba[o + 2] = 1;
          rgba[o + 3] = 1;
        } else {
          rgba[o] = 1;
          rgba[o + 1] = 1;
        }
      }
    }
    RgbaImage small = new RgbaImage(8, 8, rgba).resize(3, 3);
    for (int i = 0; i < 9; i++) {
      float a = small.rgba()[i * 4 + 3];
      if (a > 0) {
        assertThat(small.rgba()[i * 4]).as("no red from transparent pixels").isZero();
        assertThat(small.rgba()[i * 4 + 1]).as("no green from transparent pixels").isZero();
        assertThat(small.rgba()[i * 4 + 2]).isCloseTo(1f, within(1e-5f));
      }
    }
    assertThat(small.rgba()[1 * 4 + 3]).isStrictlyBetween(0f, 1f);
  }

  @Test
  void fingerprintFollowsNamesAndSizes() throws Exception {
    png(dir.resolve("a/1.png"), solid(4, 4, Color.RED));
    png(dir.resolve("b/1.png"), solid(4, 4, Color.RED));
    String f1 = ImageFolderDataset.builder(dir).build().fingerprint();
    assertThat(ImageFolderDataset.builder(dir).build().fingerprint()).isEqualTo(f1);
    assertThat(ImageFolderDataset.builder(dir).imageSize(2).build().fingerprint()).isNotEqualTo(f1);
    Files.move(dir.resolve("b/1.png"), dir.resolve("b/2.png"));
    assertThat(ImageFolderDataset.builder(dir).build().fingerprint()).isNotEqualTo(f1);
  }
}
