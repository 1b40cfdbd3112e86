package io.github.gadn.data.synth;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;

import io.github.gadn.data.DataException;
import io.github.gadn.data.IdxDataset;
import io.github.gadn.data.IdxFiles;
import io.github.gadn.data.IdxWriter;
import io.github.gadn.data.LabelledDataset;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.Path2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.IntStream;

/**
 * Digits 0–9 written by synthetic writers: white antialiased strokes on black, like MNIST.
 *
 * <p>Every writer has a persistent <em>hand</em> drawn from the seed and the writer id: slant,
 * glyph width, stroke weight, ink intensity, roundness (from angular to round bowls), size,
 * jitter, per-digit shape proportions (loop sizes, neck curves, bar lengths) and glyph variants —
 * crossed 7, open or closed 4, serif or flagged 1, looped 2, flat-topped 3, one- or two-stroke 5,
 * straight or curved stems of 6 and 9, slashed 0. Every sample then adds a small random pose
 * (rotation, scale, offset), a stroke-weight change and a smooth wobble of the strokes. The glyph
 * is fitted into the image like MNIST's size normalisation (about 20 of 28 pixels, scaled by the
 * writer's size).
 *
 * <p>Both factors are kept in a QMNIST-style table (digit, series 0, writer, index for the
 * writer, NIST class code {@code 0x30 + digit}, global index, 0, 0), so the set can be labelled by
 * digit or by writer ({@link #dataset(String)}) and written as QMNIST IDX files ({@link
 * #write(Path)}) that {@link IdxDataset#read} reads back pixel for pixel. Everything is
 * determined by the seed; the default 100 × 10 × 10 set is generated in about a second.
 *
 * <pre>{@code
 * SyntheticHandwriting set = SyntheticHandwriting.generate(1);   // 100 writers x 10 digits x 10
 * LabelledDataset byWriter = set.dataset("writer");
 * set.write(Path.of("synthetic-nist"));   // images-idx3-ubyte, labels-idx2-int
 * }</pre>
 */
public final class SyntheticHandwriting {
  /** File name of the images written by {@link #write}. */
  public static final String IMAGES_FILE = "images-idx3-ubyte";
  /** File name of the QMNIST-style labels written by {@link #write}. */
  public static final String LABELS_FILE = "labels-idx2-int";
  /** Default number of writers. */
  public static final int DEFAULT_WRITERS = 100;
  /** Default number of samples of each digit per writer. */
  public static final int DEFAULT_PER_DIGIT = 10;
  /** Default image side (MNIST's). */
  public static final int DEFAULT_SIZE = 28;

  private final int writers;
  private final int perDigit;
  private final int size;
  private final long seed;
  private final IdxFiles.Images images;
  private final int[][] table;

  private SyntheticHandwriting(
      int writers, int perDigit, int size, long seed, IdxFiles.Images images, int[][] table) {
    this.writers = writers;
    this.perDigit = perDigit;
    this.size = size;
    this.seed = seed;
    this.images = images;
    this.table = table;
  }

  /**
   * The default set: {@value #DEFAULT_WRITERS} writers × 10 digits × {@value #DEFAULT_PER_DIGIT}
   * samples at {@value #DEFAULT_SIZE}×{@value #DEFAULT_SIZE}.
   *
   * @param seed determines everything
   * @return the set
   */
  public static SyntheticHandwriting generate(long seed) {
    return generate(DEFAULT_WRITERS, DEFAULT_PER_DIGIT, DEFAULT_SIZE, seed);
  }

  /**
   * Generates {@code writers × 10 × perDigit} images, ordered by writer, then digit, then sample.
   *
   * @param writers number of writers, at least 1
   * @param perDigit samples of each digit per writer, at least 1
   * @param size image side, even, at least 8 (28 like MNIST)
   * @param seed determines everything
   * @return the set
   */
  public static SyntheticHandwriting generate(int writers, int perDigit, int size, long seed) {
    checkArgument(writers >= 1, "writers must be at least 1, got %s", writers);
    checkArgument(perDigit >= 1, "perDigit must be at least 1, got %s", perDigit);
    checkArgument(size >= 8 && size % 2 == 0, "size must be even and at least 8, got %s", size);
    checkArgument(
        (long) writers * 10 * perDigit * size * size < Integer.MAX_VALUE - 8,
        "writers x 10 x perDigit x size^2 is too large");
    int perWriter = 10 * perDigit;
    int count = writers * perWriter;
    byte[] pixels = new byte[count * size * size];
    int[][] table = new int[count][];
    IntStream.range(0, writers).parallel().forEach(w -> {
      Hand hand = Hand.of(seed, w);
      BufferedImage img = new BufferedImage(size, size, BufferedImage.TYPE_INT_RGB);
      int[] rgb = new int[size * size];
      for (int digit = 0; digit < 10; digit++) {
        for (int s = 0; s < perDigit; s++) {
          int forWriter = digit * perDigit + s;
          int n = w * perWriter + forWriter;
          SplittableRandom r = new SplittableRandom(mix(seed, 0x5EED0000L + n));
          draw(img, hand, digit, r);
          img.getRGB(0, 0, size, size, rgb, 0, size);
          int base = n * size * size;
          for (int p = 0; p < rgb.length; p++) {
            pixels[base + p] = (byte) (rgb[p] & 255);
          }
          table[n] = new int[] {digit, 0, w, forWriter, 0x30 + digit, n, 0, 0};
        }
      }
    });
    return new SyntheticHandwriting(
        writers, perDigit, size, seed, new IdxFiles.Images(count, size, size, pixels), table);
  }

  /** SplitMix-style mixing of two values into one seed. */
  static long mix(long a, long b) {
    long z = a * 0x9E3779B97F4A7C15L + b;
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return z ^ (z >>> 31);
  }

  /**
   * The images, ordered by writer, digit, sample.
   *
   * @return the images (shared, do not modify)
   */
  public IdxFiles.Images images() {
    return images;
  }

  /**
   * The QMNIST-style label table: digit, series (0), writer, index for the writer, NIST class
   * code ({@code 0x30 + digit}), global index, 0, 0.
   *
   * @return a copy, one row of 8 values per image
   */
  public int[][] table() {
    int[][] copy = new int[table.length][];
    for (int i = 0; i < table.length; i++) {
      copy[i] = table[i].clone();
    }
    return copy;
  }

  /**
   * Number of images.
   *
   * @return {@code writers × 10 × perDigit}
   */
  public int count() {
    return table.length;
  }

  /**
   * Number of writers.
   *
   * @return the count
   */
  public int writers() {
    return writers;
  }

  /**
   * Samples of each digit per writer.
   *
   * @return the count
   */
  public int perDigit() {
    return perDigit;
  }

  /**
   * The seed.
   *
   * @return the seed
   */
  public long seed() {
    return seed;
  }

  /**
   * Writer of image {@code index}.
   *
   * @param index image index
   * @return the writer id, from 0
   */
  public int writer(int index) {
    return table[index][2];
  }

  /**
   * Digit of image {@code index}.
   *
   * @param index image index
   * @return 0–9
   */
  public int digit(int index) {
    return table[index][0];
  }

  /**
   * The set as a data set labelled by {@code digit} (10 classes), {@code writer} (one class per
   * writer, named by the writer id) or a column number of {@link #table()}.
   *
   * @param label {@code digit}, {@code writer} or a column number below 8
   * @return the data set, identical to reading the files of {@link #write} with that label
   * @throws IllegalArgumentException for another label
   */
  public IdxDataset dataset(String label) {
    int column = IdxDataset.column(label);
    checkArgument(column < 8, "label column %s is out of range: the table has 8 columns", column);
    int[] raw = new int[table.length];
    for (int i = 0; i < raw.length; i++) {
      raw[i] = table[i][column];
    }
    return IdxDataset.of(
        "synthetic handwriting (" + writers + " writers x 10 digits x " + perDigit + ", seed "
            + seed + ", " + label + ")",
        images, raw);
  }

  /**
   * Writes {@value #IMAGES_FILE} and {@value #LABELS_FILE} (QMNIST format, uncompressed) into
   * {@code dir}, creating it.
   *
   * @param dir the folder
   * @throws IOException if the files cannot be written
   */
  public void write(Path dir) throws IOException {
    write(dir, IdxWriter.Compression.NONE);
  }

  /**
   * Writes the QMNIST files into {@code dir}, compressed: the names get {@code .gz} or
   * {@code .xz} appended.
   *
   * @param dir the folder
   * @param compression how to compress
   * @throws IOException if the files cannot be written
   */
  public void write(Path dir, IdxWriter.Compression compression) throws IOException {
    checkNotNull(dir, "dir");
    String suffix = switch (compression) {
      case NONE -> "";
      case GZIP -> ".gz";
      case XZ -> ".xz";
    };
    try {
      IdxWriter.writeImages(dir.resolve(IMAGES_FILE + suffix), images, compression);
      IdxWriter.writeTable(dir.resolve(LABELS_FILE + suffix), table, compression);
    } catch (IOException e) {
      throw new DataException("cannot write synthetic handwriting to " + dir + ": " + e, e);
    }
  }

  /**
   * Image side.
   *
   * @return the side in pixels
   */
  public int size() {
    return size;
  }

  // ------------------------------------------------------------------ writers

  /** One writer's persistent hand. */
  record Hand(
      double slant,
      double width,
      double weight,
      double ink,
      double roundness,
      double scale,
      double jitter,
      double[] shape,
      int[] variant) {

    /** Number of glyph variants per digit (at most). */
    static final int[] VARIANTS = {3, 3, 3, 2, 2, 2, 2, 3, 2, 3};

    static Hand of(long seed, int writer) {
      SplittableRandom r = new SplittableRandom(mix(seed, 0x4A4D0000L + writer));
      double slant = -0.2 + 0.65 * r.nextDouble();
      double width = 0.7 + 0.5 * r.nextDouble();
      double weight = 1.3 + 2.0 * r.nextDouble() * r.nextDouble() + 0.4 * r.nextDouble();
      double ink = 0.72 + 0.28 * r.nextDouble();
      double roundness = r.nextDouble();
      double scale = 0.78 + 0.22 * r.nextDouble();
      double jitter = 0.004 + 0.03 * r.nextDouble();
      double[] shape = new double[12];
      for (int i = 0; i < shape.length; i++) {
        shape[i] = 2 * r.nextDouble() - 1;
      }
      int[] variant = new int[10];
      variant[0] = r.nextDouble() < 0.12 ? 1 : r.nextDouble() < 0.3 ? 2 : 0;
      variant[1] = r.nextInt(3);
      variant[2] = r.nextDouble() < 0.35 ? 1 : r.nextDouble() < 0.3 ? 2 : 0;
      variant[3] = r.nextDouble() < 0.25 ? 1 : 0;
      variant[4] = r.nextInt(2);
      variant[5] = r.nextInt(2);
      variant[6] = r.nextInt(2);
      variant[7] = r.nextDouble() < 0.35 ? 1 : r.nextDouble() < 0.3 ? 2 : 0;
      variant[8] = r.nextInt(2);
      variant[9] = r.nextInt(3);
      return new Hand(slant, width, weight, ink, roundness, scale, jitter, shape, variant);
    }

    /** Superellipse exponent of bowls: 1.7 (pointed) … 3.2 (boxy). */
    double exponent() {
      return 3.2 - 1.5 * roundness;
    }
  }

  // ------------------------------------------------------------------ drawing

  private static void draw(BufferedImage img, Hand hand, int digit, SplittableRandom r) {
    int size = img.getWidth();
    List<List<double[]>> strokes = glyph(digit, hand);
    // Hand transform (slant, width), sample pose (rotation) and a smooth wobble per stroke.
    double angle = Math.toRadians(-7 + 14 * r.nextDouble());
    double cos = Math.cos(angle);
    double sin = Math.sin(angle);
    double minX = Double.MAX_VALUE;
    double minY = Double.MAX_VALUE;
    double maxX = -Double.MAX_VALUE;
    double maxY = -Double.MAX_VALUE;
    List<List<double[]>> placed = new ArrayList<>();
    for (List<double[]> stroke : strokes) {
      double ax = hand.jitter() * (0.5 + r.nextDouble());
      double ay = hand.jitter() * (0.5 + r.nextDouble());
      double fx = 1 + 2.5 * r.nextDouble();
      double fy = 1 + 2.5 * r.nextDouble();
      double px = 2 * Math.PI * r.nextDouble();
      double py = 2 * Math.PI * r.nextDouble();
      List<double[]> out = new ArrayList<>();
      int n = stroke.size();
      for (int i = 0; i < n; i++) {
        double t = n == 1 ? 0 : (double) i / (n - 1);
        double[] p = stroke.get(i);
        double x = p[0] * hand.width() - hand.slant() * p[1];
        double y = p[1];
        x += ax * Math.sin(2 * Math.PI * fx * t + px);
        y += ay * Math.sin(2 * Math.PI * fy * t + py);
        double rx = x * cos - y * sin;
        double ry = x * sin + y * cos;
        out.add(new double[] {rx, ry});
        minX = Math.min(minX, rx);
        maxX = Math.max(maxX, rx);
        minY = Math.min(minY, ry);
        maxY = Math.max(maxY, ry);
      }
      placed.add(out);
    }
    // Size normalisation like MNIST: fit the glyph into a box of about 20/28 of the image.
    double weight = hand.weight() * (0.88 + 0.24 * r.nextDouble()) * size / 28.0;
    double box = size * (20.0 / 28.0) * hand.scale() * (0.94 + 0.1 * r.nextDouble()) - weight;
    double gw = Math.max(maxX - minX, 1e-3);
    double gh = Math.max(maxY - minY, 1e-3);
    double k = Math.min(box / gh, 0.92 * (size - weight - 2) / gw);
    double cx = size / 2.0 + (r.nextDouble() - 0.5) * 0.07 * size;
    double cy = size / 2.0 + (r.nextDouble() - 0.5) * 0.07 * size;
    double ox = cx - k * (minX + maxX) / 2;
    double oy = cy - k * (minY + maxY) / 2;

    Graphics2D g = img.createGraphics();
    g.setColor(Color.BLACK);
    g.fillRect(0, 0, size, size);
    g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
    g.setRenderingHint(RenderingHints.KEY_STROKE_CONTROL, RenderingHints.VALUE_STROKE_PURE);
    g.setRenderingHint(RenderingHints.KEY_RENDERING, RenderingHints.VALUE_RENDER_QUALITY);
    int level = (int) Math.round(255 * Math.min(1, hand.ink() * (0.95 + 0.05 * r.nextDouble() + 0.05)));
    g.setColor(new Color(level, level, level));
    g.setStroke(new BasicStroke((float) weight, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND));
    for (List<double[]> stroke : placed) {
      Path2D.Double path = new Path2D.Double();
      for (int i = 0; i < stroke.size(); i++) {
        double x = ox + k * stroke.get(i)[0];
        double y = oy + k * stroke.get(i)[1];
        if (i == 0) {
          path.moveTo(x, y);
        } else {
          path.lineTo(x, y);
        }
      }
      if (stroke.size() == 1) {
        path.lineTo(ox + k * stroke.get(0)[0] + 1e-3, oy + k * stroke.get(0)[1]);
      }
      g.draw(path);
    }
    g.dispose();
  }

  // ------------------------------------------------------------------ glyphs
  // Glyph space: y from -0.5 (top) to 0.5 (bottom), x about ±0.3; angles in degrees with
  // 0° = right and 90° = down.

  /** A superellipse arc from {@code a0} to {@code a1} degrees (either direction). */
  private static List<double[]> arc(
      Hand h, double cx, double cy, double rx, double ry, double a0, double a1) {
    List<double[]> pts = new ArrayList<>();
    double e = 2 / h.exponent();
    int steps = Math.max(4, (int) Math.ceil(Math.abs(a1 - a0) / 10));
    for (int i = 0; i <= steps; i++) {
      double a = Math.toRadians(a0 + (a1 - a0) * i / steps);
      double c = Math.cos(a);
      double s = Math.sin(a);
      pts.add(new double[] {
        cx + rx * Math.signum(c) * Math.pow(Math.abs(c), e),
        cy + ry * Math.signum(s) * Math.pow(Math.abs(s), e)
      });
    }
    return pts;
  }

  /** A cubic Bézier curve. */
  private static List<double[]> bezier(double... p) {
    List<double[]> pts = new ArrayList<>();
    int steps = 16;
    for (int i = 0; i <= steps; i++) {
      double t = (double) i / steps;
      double u = 1 - t;
      double b0 = u * u * u;
      double b1 = 3 * u * u * t;
      double b2 = 3 * u * t * t;
      double b3 = t * t * t;
      pts.add(new double[] {
        b0 * p[0] + b1 * p[2] + b2 * p[4] + b3 * p[6], b0 * p[1] + b1 * p[3] + b2 * p[5] + b3 * p[7]
      });
    }
    return pts;
  }

  /** A polyline, subdivided so that the wobble bends it smoothly. */
  private static List<double[]> line(double... xy) {
    List<double[]> pts = new ArrayList<>();
    for (int i = 0; i + 1 < xy.length; i += 2) {
      if (i >= 2) {
        double x0 = xy[i - 2];
        double y0 = xy[i - 1];
        for (int k = 1; k < 4; k++) {
          double t = k / 4.0;
          pts.add(new double[] {x0 + (xy[i] - x0) * t, y0 + (xy[i + 1] - y0) * t});
        }
      }
      pts.add(new double[] {xy[i], xy[i + 1]});
    }
    return pts;
  }

  @SafeVarargs
  private static List<double[]> join(List<double[]>... parts) {
    List<double[]> out = new ArrayList<>();
    for (List<double[]> p : parts) {
      out.addAll(p);
    }
    return out;
  }

  private static double[] last(List<double[]> pts) {
    return pts.get(pts.size() - 1);
  }

  /** Strokes of a digit in the writer's hand. */
  static List<List<double[]>> glyph(int digit, Hand h) {
    double[] q = h.shape();
    int v = h.variant()[digit];
    double ro = h.roundness();
    List<List<double[]>> s = new ArrayList<>();
    switch (digit) {
      case 0 -> {
        double rx = 0.27 + 0.05 * q[0];
        double over = 8 + 14 * (q[1] + 1);
        s.add(arc(h, 0, 0, rx, 0.5, -80, -80 - 360 - over));
        if (v == 1) {
          s.add(line(0.2, -0.35, -0.2, 0.35));
        }
      }
      case 1 -> {
        double top = 0.04 + 0.04 * q[2];
        if (v == 0) {
          s.add(line(top, -0.5, 0, 0.5));
        } else {
          s.add(line(-0.17 - 0.04 * q[3], -0.3 + 0.05 * q[4], top, -0.5, 0, 0.5));
          if (v == 2) {
            s.add(line(-0.16, 0.5, 0.16, 0.5));
          }
        }
      }
      case 2 -> {
        double ry = 0.26 + 0.04 * q[5];
        List<double[]> top = arc(h, 0, -0.24, 0.27, ry, 195, 370 + 10 * q[6]);
        double[] e = last(top);
        if (v == 0) {
          double c = 0.15 * ro;
          s.add(join(top, bezier(e[0], e[1], e[0] - c, e[1] + 0.3, -0.15, 0.3, -0.29, 0.5),
              line(-0.29, 0.5, 0.3, 0.5)));
        } else if (v == 1) {
          s.add(join(top, bezier(e[0], e[1], e[0], e[1] + 0.3, -0.2, 0.3, -0.22, 0.43),
              arc(h, -0.12, 0.43, 0.1, 0.07, 180, 450),
              line(-0.12, 0.5, 0.31, 0.48)));
        } else {
          s.add(join(top, line(e[0], e[1], -0.28, 0.5, 0.3, 0.5)));
        }
      }
      case 3 -> {
        double split = 0.02 * q[7];
        List<double[]> lower = arc(h, 0, 0.23 + split, 0.28, 0.27, -100, 150);
        if (v == 0) {
          s.add(join(arc(h, -0.01, -0.25 + split, 0.24 + 0.03 * q[8], 0.24, 205, 450), lower));
        } else {
          s.add(join(line(-0.25, -0.5, 0.25, -0.5, -0.04, -0.06 + split), lower));
        }
      }
      case 4 -> {
        double bar = 0.12 + 0.06 * q[9];
        if (v == 0) {
          s.add(line(0.13, -0.5, -0.3, bar, 0.31, bar));
          s.add(line(0.13, -0.5, 0.13, 0.5));
        } else {
          s.add(line(-0.17, -0.5, -0.27, bar, 0.31, bar));
          s.add(line(0.14, -0.3, 0.14, 0.5));
        }
      }
      case 5 -> {
        double bowl = 0.27 + 0.03 * q[10];
        List<double[]> b = arc(h, 0, 0.5 - bowl, 0.27, bowl, 215, 510);
        double[] b0 = b.get(0);
        if (v == 0) {
          s.add(join(line(-0.21, -0.5, b0[0], b0[1]), b));
          s.add(line(-0.21, -0.5, 0.26, -0.5));
        } else {
          s.add(join(line(0.26, -0.5, -0.21, -0.5, b0[0], b0[1]), b));
        }
      }
      case 6 -> {
        double loop = 0.24 + 0.05 * q[11];
        List<double[]> ring = arc(h, 0, 0.5 - loop, 0.26, loop, 180, -180);
        double[] r0 = ring.get(0);
        List<double[]> stem = v == 0
            ? bezier(0.2, -0.5, -0.12, -0.4, r0[0], -0.05, r0[0], r0[1])
            : line(0.12, -0.5, r0[0], r0[1]);
        s.add(join(stem, ring));
      }
      case 7 -> {
        double bend = 0.12 * ro;
        s.add(join(line(-0.27, -0.5, 0.27, -0.5),
            bezier(0.27, -0.5, 0.2 - bend, -0.2, 0.0, 0.1, -0.06 + 0.05 * q[0], 0.5)));
        if (v == 1) {
          s.add(line(-0.07, 0.0, 0.25, 0.0));
        } else if (v == 2) {
          s.set(0, join(line(-0.27, -0.37, -0.27, -0.5), s.get(0)));
        }
      }
      case 8 -> {
        double split = -0.04 + 0.05 * q[1];
        double topR = 0.19 + 0.03 * q[2];
        if (v == 0) {
          s.add(arc(h, 0.01, (split - 0.5) / 2, topR, (0.5 + split) / 2, 90, 450));
          s.add(arc(h, 0, split + (0.5 - split) / 2, 0.26, (0.5 - split) / 2, -90, 270));
        } else {
          double my = split;
          s.add(join(
              bezier(0.2, -0.4, 0.1, -0.55, -0.3, -0.5, -0.2, -0.28),
              bezier(-0.2, -0.28, -0.1, -0.1, 0.3, 0.05, 0.26, 0.27),
              bezier(0.26, 0.27, 0.24, 0.55, -0.26, 0.55, -0.26, 0.27),
              bezier(-0.26, 0.27, -0.26, 0.05, 0.22, my - 0.05, 0.22, -0.3),
              bezier(0.22, -0.3, 0.22, -0.42, 0.2, -0.45, 0.2, -0.4)));
        }
      }
      default -> {
        double loop = 0.22 + 0.05 * q[3];
        double cy = -0.5 + loop;
        List<double[]> ring = arc(h, 0, cy, 0.26, loop, 10, -350);
        double[] e = last(ring);
        if (v == 0) {
          s.add(join(ring, line(e[0], e[1], 0.2, 0.5)));
        } else if (v == 1) {
          s.add(join(ring, bezier(e[0], e[1], e[0] + 0.02, 0.2, 0.05, 0.5, -0.18, 0.45)));
        } else {
          s.add(join(ring, bezier(e[0], e[1], e[0], 0.1, e[0] - 0.02, 0.35, 0.1, 0.5)));
        }
      }
    }
    return s;
  }
}
