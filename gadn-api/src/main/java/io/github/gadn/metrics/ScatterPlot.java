package io.github.gadn.metrics;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Rectangle2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import javax.imageio.ImageIO;

/**
 * Scatter plots of the first two code dimensions coloured by a label, like the paper's figures 6
 * and 9 (pure Java2D, headless).
 *
 * <p>Up to {@value #PALETTE_SIZE} classes get distinct colours from a fixed palette and a legend;
 * more classes (e.g. 3,579 writers) get colours hashed from the class index and no legend. Points
 * are drawn in a fixed pseudo-random order so that no class systematically covers another; their
 * size shrinks and they become translucent as the number of points grows.
 *
 * <pre>{@code
 * ScatterPlot.write(mu, digits, List.of("0", "1", …, "9"), "GADN content, by digit",
 *     out.resolve("scatter-digit.png"));
 * }</pre>
 */
public final class ScatterPlot {
  /** Default image width in pixels. */
  public static final int DEFAULT_WIDTH = 720;

  /** Default image height in pixels. */
  public static final int DEFAULT_HEIGHT = 600;

  /** Number of distinct palette colours; more classes use hashed colours and no legend. */
  public static final int PALETTE_SIZE = 20;

  private static final int[] PALETTE = {
    0x2E6FD8, 0xE5541B, 0x2FA33B, 0xC8212F, 0x8A4FC9, 0x8C5A2B, 0xE35DB5, 0x6E6E6E, 0xB5B800,
    0x15B5C9, 0x0B2F7A, 0xF5A300, 0x0E6B2E, 0xFF8C8C, 0x4B0F6B, 0xD2B48C, 0x7FD34E, 0x00897B,
    0x9E1F63, 0x5BA3F5,
  };

  private static final Color AXIS = new Color(0x303030);
  private static final Color GRID = new Color(0xE4E4E4);

  private ScatterPlot() {}

  /**
   * Writes a scatter plot PNG of the default size.
   *
   * @param codes {@code n} codes of equal length {@code d ≥ 1} (dimension 1 is plotted against
   *     0 at y = 0 when {@code d = 1})
   * @param labels one label per code; with {@code classNames}, an index into it
   * @param classNames names of the classes indexed by label value, or {@code null} to name classes
   *     by their label values
   * @param title the title drawn above the plot
   * @param png the output file; parent folders are created
   * @throws IOException if the file cannot be written
   */
  public static void write(float[][] codes, int[] labels, List<String> classNames, String title,
      Path png) throws IOException {
    checkNotNull(codes, "codes");
    checkArgument(codes.length > 0, "codes must hold at least one code");
    int d = checkNotNull(codes[0], "codes[0]").length;
    checkArgument(d >= 1, "codes must have at least one dimension");
    float[] flat = new float[Math.multiplyExact(codes.length, d)];
    for (int i = 0; i < codes.length; i++) {
      checkNotNull(codes[i], "codes[%s]", i);
      checkArgument(codes[i].length == d, "codes[%s] has length %s, codes[0] has %s", i,
          codes[i].length, d);
      System.arraycopy(codes[i], 0, flat, i * d, d);
    }
    write(flat, codes.length, d, labels, classNames, title, png);
  }

  /**
   * Writes a scatter plot PNG of the default size from row-major codes.
   *
   * @param codes row-major codes, {@code n * d} values
   * @param n number of codes
   * @param d code length, at least 1
   * @param labels one label per code; with {@code classNames}, an index into it
   * @param classNames names indexed by label value, or {@code null}
   * @param title the title
   * @param png the output file; parent folders are created
   * @throws IOException if the file cannot be written
   */
  public static void write(float[] codes, int n, int d, int[] labels, List<String> classNames,
      String title, Path png) throws IOException {
    checkNotNull(png, "png");
    BufferedImage img =
        render(codes, n, d, labels, classNames, title, DEFAULT_WIDTH, DEFAULT_HEIGHT);
    Path parent = png.toAbsolutePath().getParent();
    if (parent != null) {
      Files.createDirectories(parent);
    }
    if (!ImageIO.write(img, "png", png.toFile())) {
      throw new IOException("no PNG writer available for " + png);
    }
  }

  /**
   * Renders a scatter plot of code dimensions 1 (x) and 2 (y).
   *
   * @param codes row-major codes, {@code n * d} values, finite
   * @param n number of codes, at least 1
   * @param d code length, at least 1
   * @param labels one label per code; with {@code classNames}, in {@code [0, classNames.size())}
   * @param classNames names indexed by label value, or {@code null} to use the label values
   * @param title the title drawn above the plot (may be empty)
   * @param width image width, at least 200
   * @param height image height, at least 160
   * @return an RGB image
   */
  public static BufferedImage render(float[] codes, int n, int d, int[] labels,
      List<String> classNames, String title, int width, int height) {
    CentreDistance.checkShape(codes, n, d);
    checkNotNull(labels, "labels");
    checkNotNull(title, "title");
    checkArgument(labels.length == n, "labels must hold n = %s labels, got %s", n,
        labels.length);
    checkArgument(width >= 200, "width must be >= 200, got %s", width);
    checkArgument(height >= 160, "height must be >= 160, got %s", height);
    for (int i = 0; i < codes.length; i++) {
      checkArgument(Float.isFinite(codes[i]), "codes must be finite; code %s, dimension %s is %s",
          i / d, i % d, codes[i]);
    }

    // Classes: indices into classNames, or the distinct label values in increasing order.
    int[] cls = new int[n];
    List<String> names = new ArrayList<>();
    boolean[] present;
    if (classNames != null) {
      for (int i = 0; i < n; i++) {
        checkArgument(labels[i] >= 0 && labels[i] < classNames.size(),
            "labels[%s] = %s is not an index into classNames (size %s)", i, labels[i],
            classNames.size());
        cls[i] = labels[i];
      }
      for (String s : classNames) {
        names.add(String.valueOf(s));
      }
    } else {
      ClassIndex index = ClassIndex.of(labels);
      cls = index.denseLabels();
      for (int c = 0; c < index.classes(); c++) {
        names.add(Integer.toString(index.value(c)));
      }
    }
    present = new boolean[names.size()];
    int presentCount = 0;
    for (int c : cls) {
      if (!present[c]) {
        present[c] = true;
        presentCount++;
      }
    }
    int classes = names.size();
    boolean legend = classes <= PALETTE_SIZE;

    double[] xs = new double[n];
    double[] ys = new double[n];
    for (int i = 0; i < n; i++) {
      xs[i] = codes[i * d];
      ys[i] = d > 1 ? codes[i * d + 1] : 0;
    }
    double[] xr = range(xs);
    double[] yr = range(ys);

    BufferedImage img = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = img.createGraphics();
    try {
      g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
      g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING,
          RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
      g.setColor(Color.WHITE);
      g.fillRect(0, 0, width, height);
      Font font = new Font(Font.SANS_SERIF, Font.PLAIN, 12);
      Font titleFont = new Font(Font.SANS_SERIF, Font.BOLD, 14);
      g.setFont(font);
      FontMetrics fm = g.getFontMetrics();

      int legendWidth = 0;
      if (legend) {
        for (int c = 0; c < classes; c++) {
          if (present[c]) {
            legendWidth = Math.max(legendWidth, fm.stringWidth(names.get(c)));
          }
        }
        legendWidth = Math.min(legendWidth + 34, width / 3);
      }
      int left = 64;
      int right = width - 16 - legendWidth;
      int top = 36;
      int bottom = height - 48;

      // Grid, ticks and tick labels.
      double[] xt = ticks(xr[0], xr[1]);
      double[] yt = ticks(yr[0], yr[1]);
      g.setStroke(new BasicStroke(1f));
      for (double t : xt) {
        int px = px(t, xr, left, right);
        g.setColor(GRID);
        g.drawLine(px, top, px, bottom);
        g.setColor(AXIS);
        g.drawLine(px, bottom, px, bottom + 5);
        String s = tickLabel(t, xt);
        g.drawString(s, px - fm.stringWidth(s) / 2, bottom + 7 + fm.getAscent());
      }
      for (double t : yt) {
        int py = py(t, yr, top, bottom);
        g.setColor(GRID);
        g.drawLine(left, py, right, py);
        g.setColor(AXIS);
        g.drawLine(left - 5, py, left, py);
        String s = tickLabel(t, yt);
        g.drawString(s, left - 8 - fm.stringWidth(s), py + fm.getAscent() / 2 - 1);
      }

      // Points in a fixed pseudo-random order.
      int[] order = new int[n];
      for (int i = 0; i < n; i++) {
        order[i] = i;
      }
      SplittableRandom random = new SplittableRandom(0x5CA77E2L);
      for (int i = n - 1; i > 0; i--) {
        int j = random.nextInt(i + 1);
        int t = order[i];
        order[i] = order[j];
        order[j] = t;
      }
      double size = n <= 500 ? 7 : n <= 5_000 ? 5 : n <= 50_000 ? 3 : 2;
      int alpha = n <= 5_000 ? 230 : n <= 50_000 ? 170 : 120;
      Color[] colours = new Color[classes];
      for (int c = 0; c < classes; c++) {
        int rgb = colour(c, classes).getRGB() & 0xFFFFFF;
        colours[c] = new Color((alpha << 24) | rgb, true);
      }
      g.setClip(left, top, right - left + 1, bottom - top + 1);
      Ellipse2D.Double dot = new Ellipse2D.Double();
      for (int i : order) {
        double x = left + (xs[i] - xr[0]) / (xr[1] - xr[0]) * (right - left);
        double y = bottom - (ys[i] - yr[0]) / (yr[1] - yr[0]) * (bottom - top);
        g.setColor(colours[cls[i]]);
        if (size <= 2) {
          g.fill(new Rectangle2D.Double(x - 1, y - 1, 2, 2));
        } else {
          dot.setFrame(x - size / 2, y - size / 2, size, size);
          g.fill(dot);
        }
      }
      g.setClip(null);

      // Frame, axis titles, title.
      g.setColor(AXIS);
      g.drawRect(left, top, right - left, bottom - top);
      String xLabel = "code dimension 1";
      g.drawString(xLabel, (left + right - fm.stringWidth(xLabel)) / 2, height - 10);
      String yLabel = d > 1 ? "code dimension 2" : "(one-dimensional code)";
      Graphics2D rotated = (Graphics2D) g.create();
      rotated.rotate(-Math.PI / 2);
      rotated.drawString(yLabel, -(top + bottom + fm.stringWidth(yLabel)) / 2, 16);
      rotated.dispose();
      g.setFont(titleFont);
      FontMetrics tfm = g.getFontMetrics();
      g.drawString(title, Math.max(4, (left + right - tfm.stringWidth(title)) / 2),
          top - 12);
      g.setFont(font);
      if (legend) {
        int y = top + 4;
        int x = right + 12;
        for (int c = 0; c < classes && y + fm.getHeight() <= bottom; c++) {
          if (!present[c]) {
            continue;
          }
          g.setColor(colour(c, classes));
          g.fill(new Ellipse2D.Double(x, y + (fm.getHeight() - 9) / 2.0, 9, 9));
          g.setColor(AXIS);
          g.drawString(names.get(c), x + 15, y + fm.getAscent());
          y += fm.getHeight() + 2;
        }
      } else {
        String note = String.format(Locale.ROOT, "%d classes, %d points", presentCount, n);
        g.setColor(AXIS);
        g.drawString(note, right - 6 - fm.stringWidth(note), top + 6 + fm.getAscent());
      }
    } finally {
      g.dispose();
    }
    return img;
  }

  /**
   * The colour of a class: a fixed palette colour when there are at most {@value #PALETTE_SIZE}
   * classes, otherwise a colour hashed from the class index (stable across runs).
   *
   * @param cls class index, non-negative
   * @param classes number of classes
   * @return an opaque colour
   */
  public static Color colour(int cls, int classes) {
    checkArgument(cls >= 0, "cls must be >= 0, got %s", cls);
    checkArgument(classes > cls, "classes must be > cls = %s, got %s", cls, classes);
    if (classes <= PALETTE_SIZE) {
      return new Color(PALETTE[cls]);
    }
    long h = cls * 0x9E3779B97F4A7C15L;
    h ^= h >>> 31;
    h *= 0xBF58476D1CE4E5B9L;
    h ^= h >>> 29;
    float hue = (h & 0xFFFF) / 65536f;
    float sat = 0.55f + 0.45f * ((h >>> 16) & 0xFF) / 255f;
    float bri = 0.45f + 0.45f * ((h >>> 24) & 0xFF) / 255f;
    return Color.getHSBColor(hue, sat, bri);
  }

  private static double[] range(double[] v) {
    double lo = Double.POSITIVE_INFINITY;
    double hi = Double.NEGATIVE_INFINITY;
    for (double x : v) {
      lo = Math.min(lo, x);
      hi = Math.max(hi, x);
    }
    if (hi - lo < 1e-12 * Math.max(1, Math.abs(hi))) {
      return new double[] {lo - 1, hi + 1};
    }
    double pad = 0.04 * (hi - lo);
    return new double[] {lo - pad, hi + pad};
  }

  /** About five "nice" ticks (1, 2 or 5 × 10^m apart) inside {@code [lo, hi]}. */
  static double[] ticks(double lo, double hi) {
    double raw = (hi - lo) / 5;
    double mag = Math.pow(10, Math.floor(Math.log10(raw)));
    double step = mag;
    for (double m : new double[] {1, 2, 5, 10}) {
      if (m * mag >= raw) {
        step = m * mag;
        break;
      }
    }
    List<Double> out = new ArrayList<>();
    for (double t = Math.ceil(lo / step) * step; t <= hi + 1e-9 * step; t += step) {
      out.add(Math.abs(t) < 1e-9 * step ? 0.0 : t);
    }
    return out.stream().mapToDouble(Double::doubleValue).toArray();
  }

  private static String tickLabel(double t, double[] all) {
    double step = all.length > 1 ? all[1] - all[0] : 1;
    int decimals = Math.max(0, (int) Math.ceil(-Math.log10(step) - 1e-9));
    return String.format(Locale.ROOT, "%." + decimals + "f", t);
  }

  private static int px(double v, double[] r, int left, int right) {
    return (int) Math.round(left + (v - r[0]) / (r[1] - r[0]) * (right - left));
  }

  private static int py(double v, double[] r, int top, int bottom) {
    return (int) Math.round(bottom - (v - r[0]) / (r[1] - r[0]) * (bottom - top));
  }
}
