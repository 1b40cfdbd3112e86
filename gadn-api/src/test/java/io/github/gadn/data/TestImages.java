package io.github.gadn.data;

import java.awt.Color;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntPredicate;
import javax.imageio.ImageIO;

/** Small fixtures shared by the data tests. */
public final class TestImages {
  private TestImages() {}

  /** An ARGB image of one colour. */
  public static BufferedImage solid(int w, int h, Color c) {
    BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_INT_ARGB);
    for (int y = 0; y < h; y++) {
      for (int x = 0; x < w; x++) {
        img.setRGB(x, y, c.getRGB());
      }
    }
    return img;
  }

  /** An 8-bit grey image whose raster holds {@code value} everywhere. */
  public static BufferedImage grey(int w, int h, int value) {
    BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_BYTE_GRAY);
    for (int y = 0; y < h; y++) {
      for (int x = 0; x < w; x++) {
        img.getRaster().setSample(x, y, 0, value);
      }
    }
    return img;
  }

  /** Writes an image in the given ImageIO format, creating folders. */
  public static Path write(Path file, BufferedImage img, String format) {
    try {
      Files.createDirectories(file.getParent());
      if (!ImageIO.write(img, format, file.toFile())) {
        throw new IllegalStateException("no writer for " + format);
      }
      return file;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Writes a PNG. */
  public static Path png(Path file, BufferedImage img) {
    return write(file, img, "png");
  }

  /**
   * A data set of {@code n} 4×4 images whose pixels encode the index, with a configurable delay
   * and failure, counting the decodes.
   */
  public static class FakeDataset implements LabelledDataset {
    final int n;
    final int classes;
    final long delayMillis;
    final IntPredicate fails;
    final boolean weights;
    /** Number of {@link #sample} calls. */
    public final AtomicInteger decodes = new AtomicInteger();

    public FakeDataset(int n, int classes, long delayMillis, IntPredicate fails, boolean weights) {
      this.n = n;
      this.classes = classes;
      this.delayMillis = delayMillis;
      this.fails = fails;
      this.weights = weights;
    }

    public FakeDataset(int n) {
      this(n, 3, 0, i -> false, false);
    }

    @Override
    public int size() {
      return n;
    }

    @Override
    public int imageSize() {
      return 4;
    }

    @Override
    public List<String> classNames() {
      List<String> names = new java.util.ArrayList<>();
      for (int k = 0; k < classes; k++) {
        names.add("c" + k);
      }
      return names;
    }

    @Override
    public int label(int index) {
      return index % classes;
    }

    @Override
    public boolean hasWeightMaps() {
      return weights;
    }

    @Override
    public Sample sample(int index) throws IOException {
      decodes.incrementAndGet();
      if (delayMillis > 0) {
        try {
          Thread.sleep(delayMillis);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new java.io.InterruptedIOException("interrupted");
        }
      }
      if (fails.test(index)) {
        throw new DataException("cannot read image /fake/img" + index + ".png: corrupt");
      }
      float[] rgba = new float[4 * 4 * 4];
      for (int p = 0; p < 16; p++) {
        rgba[p * 4] = index / (float) n;
        rgba[p * 4 + 1] = p / 16f;
        rgba[p * 4 + 2] = -index / (float) n;
        rgba[p * 4 + 3] = 1f;
      }
      float[] w = null;
      if (weights) {
        w = new float[16];
        java.util.Arrays.fill(w, index / (float) n);
      }
      return Sample.of(4, rgba, w, label(index));
    }

    @Override
    public String description() {
      return "fake";
    }

    @Override
    public String fingerprint() {
      return "fake" + n;
    }
  }
}
