package io.github.gadn.data.synth;

import static com.google.common.base.Preconditions.checkArgument;

import io.github.gadn.data.IdxDataset;
import io.github.gadn.data.IdxFiles;
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

/**
 * Digits 0–9 drawn as strokes by synthetic writers, white on black like MNIST. Every writer has a
 * persistent hand — slant, width, stroke weight, roundness, size, jitter and glyph variants
 * (crossed 7, open or closed 4, serif 1, looped 2, flat-topped 3, …) — and every sample adds a
 * small random pose and stroke noise. Both factors are kept: the writer and the digit.
 *
 * <pre>{@code
 * SyntheticHandwriting set = SyntheticHandwriting.generate(100, 10, 28, 1);
 * LabelledDataset byWriter = set.dataset("writer");
 * set.write(Path.of("synthetic-nist"));   // QMNIST-format IDX files
 * }</pre>
 */
public final class SyntheticHandwriting {
  /** File name of the images in {@link #write}. */
  public static final String IMAGES_FILE = "images-idx3-ubyte";
  /** File name of the QMNIST-style labels in {@link #write}. */
  public static final String LABELS_FILE = "labels-idx2-int";

  private final int writers;
  private final int perDigit;
  private final int size;
  private final long seed;
  private final IdxFiles.Images images;
  private final int[][] table;

  private SyntheticHandwriting(int writers, int perDigit, int size, long seed, IdxFiles.Images images, int[][] table) {
    this.writers = writers;
    this.perDigit = perDigit;
    this.size = size;
    this.seed = seed;
    this.images = images;
    this.table = table;
  }

  /** One writer's persistent hand. */
  private record Hand(
      double slant, double width, double weight, double roundness, double scale, double jitter,
      boolean crossedSeven, boolean openFour, boolean serifOne, boolean loopedTwo, boolean flatThree,
      boolean slashedZero, boolean straightNine) {

    static Hand of(long seed, int writer) {
      SplittableRandom r = new SplittableRandom(seed * 1_000_003L + writer * 7919L + 17);
      return new Hand(
          -0.35 + 0.7 * r.nextDouble(),
          0.65 + 0.45 * r.nextDouble(),
          0.055 + 0.065 * r.nextDouble(),
          0.55 + 0.45 * r.nextDouble(),
          0.72 + 0.2 * r.nextDouble(),
          0.005 + 0.03 * r.nextDouble(),
          r.nextDouble() < 0.4,
          r.nextDouble() < 0.5,
          r.nextDouble() < 0.5,
          r.nextDouble() < 0.3,
          r.nextDouble() < 0.3,
          r.nextDouble() < 0.15,
          r.nextDouble() < 0.5);
    }
  }

  /**
   * Generates {@code writers × 10 × perDigit} images in order writer, digit, sample.
   *
   * @param writers number of writers, at least 1
   * @param perDigit samples of each digit per writer, at least 1
   * @param size image side, even, at least 8 (28 like MNIST)
   * @param seed determines everything
   */
  public static SyntheticHandwriting generate(int writers, int perDigit, int size, long seed) {
    checkArgument(writers >= 1, "writers must be at least 1, got %s", writers);
    checkArgument(perDigit >= 1, "perDigit must be at least 1, got %s", perDigit);
    checkArgument(size >= 8 && size % 2 == 0, "size must be even and at least 8, got %s", size);
    int count = writers * 10 * perDigit;
    byte[] pixels = new byte[count * size * size];
    int[][] table = new int[count][8];
    BufferedImage img = new BufferedImage(size, size, BufferedImage.TYPE_BYTE_GRAY);
    int n = 0;
    for (int w = 0; w < writers; w++) {
      Hand hand = Hand.of(seed, w);
      int forWriter = 0;
      for (int digit = 0; digit < 10; digit++) {
        for (int s = 0; s < perDigit; s++) {
          SplittableRandom r = new SplittableRandom(seed ^ (n * 0x9E3779B97F4A7C15L + 0x2545F4914F6CDD1DL));
          draw(img, hand, digit, r);
          byte[] row = ((java.awt.image.DataBufferByte) img.getRaster().getDataBuffer()).getData();
          System.arraycopy(row, 0, pixels, n * size * size, size * size);
          table[n] = new int[] {digit, 0, w, forWriter++, digit, n, 0, 0};
          n++;
        }
      }
    }
    return new SyntheticHandwriting(writers, perDigit, size, seed, new IdxFiles.Images(count, size, size, pixels), table);
  }

  /** The images, in order writer, digit, sample. */
  public IdxFiles.Images images() {
    return images;
  }

  /** The QMNIST-style label table: digit, series, writer, index for writer, class, index, 0, 0. */
  public int[][] table() {
    int[][] copy = new int[table.length][];
    for (int i = 0; i < table.length; i++) {
      copy[i] = table[i].clone();
    }
    return copy;
  }

  /** Writer of image {@code index}. */
  public int writer(int index) {
    return table[index][2];
  }

  /** Digit of image {@code index}. */
  public int digit(int index) {
    return table[index][0];
  }

  /**
   * The set labelled by {@code digit}, {@code writer} or a label column number.
   *
   * @throws IllegalArgumentException for another label
   */
  public LabelledDataset dataset(String label) {
    int column = IdxDataset.column(label);
    checkArgument(column < 8, "label column %s is out of range (8 columns)", column);
    int[] raw = new int[table.length];
    for (int i = 0; i < raw.length; i++) {
      raw[i] = table[i][column];
    }
    return IdxDataset.of(
        "synthetic handwriting (" + writers + " writers x 10 digits x " + perDigit + ", seed " + seed + ", " + label + ")",
        images, raw);
  }

  /** Writes {@code images-idx3-ubyte} and {@code labels-idx2-int} (QMNIST format) into {@code dir}. */
  public void write(Path dir) throws IOException {
    IdxFiles.writeImages(dir.resolve(IMAGES_FILE), images);
    IdxFiles.writeTable(dir.resolve(LABELS_FILE), table);
  }

  /** Image side. */
  public int size() {
    return size;
  }

  // ---------------------------------------------------------------- drawing

  private static void draw(BufferedImage img, Hand hand, int digit, SplittableRandom r) {
    int size = img.getWidth();
    Graphics2D g = img.createGraphics();
    g.setColor(Color.BLACK);
    g.fillRect(0, 0, size, size);
    g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
    g.setRenderingHint(RenderingHints.KEY_STROKE_CONTROL, RenderingHints.VALUE_STROKE_PURE);
    g.setColor(Color.WHITE);
    double weight = hand.weight() * (0.85 + 0.3 * r.nextDouble()) * size;
    g.setStroke(new BasicStroke((float) weight, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND));
    double angle = Math.toRadians(-6 + 12 * r.nextDouble());
    double dx = (r.nextDouble() - 0.5) * 0.08;
    double dy = (r.nextDouble() - 0.5) * 0.08;
    double scale = hand.scale() * (0.93 + 0.1 * r.nextDouble());
    for (List<double[]> stroke : glyph(digit, hand)) {
      Path2D.Double path = new Path2D.Double();
      boolean first = true;
      for (double[] p : stroke) {
        // Glyph space: x in [-0.5, 0.5] (scaled by width), y in [-0.5, 0.5], y down.
        double x = p[0] * hand.width();
        double y = p[1];
        x += hand.slant() * (-y);
        x += (r.nextDouble() - 0.5) * 2 * hand.jitter();
        y += (r.nextDouble() - 0.5) * 2 * hand.jitter();
        double rx = x * Math.cos(angle) - y * Math.sin(angle);
        double ry = x * Math.sin(angle) + y * Math.cos(angle);
        double px = (0.5 + dx + rx * scale) * size;
        double py = (0.5 + dy + ry * scale) * size;
        if (first) {
          path.moveTo(px, py);
          first = false;
        } else {
          path.lineTo(px, py);
        }
      }
      g.draw(path);
    }
    g.dispose();
  }

  private static List<double[]> arc(double cx, double cy, double rx, double ry, double a0, double a1) {
    List<double[]> pts = new ArrayList<>();
    int steps = 18;
    for (int i = 0; i <= steps; i++) {
      double a = Math.toRadians(a0 + (a1 - a0) * i / steps);
      pts.add(new double[] {cx + rx * Math.cos(a), cy + ry * Math.sin(a)});
    }
    return pts;
  }

  private static List<double[]> line(double... xy) {
    List<double[]> pts = new ArrayList<>();
    for (int i = 0; i + 1 < xy.length; i += 2) {
      pts.add(new double[] {xy[i], xy[i + 1]});
    }
    return pts;
  }

  private static List<double[]> join(List<double[]> a, List<double[]> b) {
    List<double[]> out = new ArrayList<>(a);
    out.addAll(b);
    return out;
  }

  /** Strokes of a digit in glyph space (angles in degrees, y down, 0° = right, 90° = down). */
  private static List<List<double[]>> glyph(int digit, Hand h) {
    double ro = h.roundness();
    List<List<double[]>> s = new ArrayList<>();
    switch (digit) {
      case 0 -> {
        s.add(arc(0, 0, 0.28 * (0.7 + 0.3 * ro), 0.45, -90, 270));
        if (h.slashedZero()) {
          s.add(line(0.18, -0.3, -0.18, 0.3));
        }
      }
      case 1 -> {
        s.add(line(0, -0.45, 0, 0.45));
        if (h.serifOne()) {
          s.add(line(-0.16, -0.3, 0, -0.45));
          s.add(line(-0.14, 0.45, 0.14, 0.45));
        }
      }
      case 2 -> {
        List<double[]> top = arc(0, -0.2, 0.25, 0.25 * ro, 200, 360 + 20);
        if (h.loopedTwo()) {
          s.add(join(top, join(line(-0.25, 0.35), join(arc(-0.18, 0.38, 0.07, 0.07, -90, 270), line(-0.1, 0.45, 0.28, 0.45)))));
        } else {
          s.add(join(top, line(-0.27, 0.45, 0.28, 0.45)));
        }
      }
      case 3 -> {
        if (h.flatThree()) {
          s.add(join(line(-0.25, -0.45, 0.25, -0.45, -0.02, -0.05), arc(0, 0.2, 0.27, 0.25, -90, 150)));
        } else {
          s.add(arc(0, -0.22, 0.24, 0.22 * ro + 0.02, 200, 450));
          s.add(arc(0, 0.2, 0.27, 0.25, -90, 155));
        }
      }
      case 4 -> {
        if (h.openFour()) {
          s.add(line(-0.15, -0.45, -0.28, 0.1, 0.3, 0.1));
          s.add(line(0.12, -0.2, 0.12, 0.45));
        } else {
          s.add(line(0.12, 0.45, 0.12, -0.45, -0.3, 0.1, 0.3, 0.1));
        }
      }
      case 5 -> {
        s.add(line(0.25, -0.45, -0.2, -0.45, -0.23, -0.05));
        s.add(arc(-0.02, 0.18, 0.26, 0.26 * (0.8 + 0.2 * ro), -150, 150));
      }
      case 6 -> {
        s.add(join(arc(0.05, -0.05, 0.3, 0.4, -80, -180 + 0 * ro), arc(0, 0.2, 0.25, 0.24, 180, 540)));
      }
      case 7 -> {
        s.add(line(-0.27, -0.45, 0.27, -0.45, -0.05, 0.45));
        if (h.crossedSeven()) {
          s.add(line(-0.12, 0.0, 0.22, 0.0));
        }
      }
      case 8 -> {
        s.add(arc(0, -0.22, 0.2 * (0.8 + 0.2 * ro), 0.22, 0, 360));
        s.add(arc(0, 0.2, 0.25 * (0.8 + 0.2 * ro), 0.25, 0, 360));
      }
      default -> {
        s.add(arc(0, -0.2, 0.24, 0.23 * (0.7 + 0.3 * ro), 0, 360));
        if (h.straightNine()) {
          s.add(line(0.24, -0.2, 0.2, 0.45));
        } else {
          s.add(join(line(0.24, -0.2), arc(0.0, 0.2, 0.24, 0.25, 0, 120)));
        }
      }
    }
    return s;
  }
}
