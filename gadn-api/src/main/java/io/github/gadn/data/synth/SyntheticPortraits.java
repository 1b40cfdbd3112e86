package io.github.gadn.data.synth;

import static com.google.common.base.Preconditions.checkArgument;

import com.google.common.hash.Hasher;
import com.google.common.hash.Hashing;
import io.github.gadn.data.LabelledDataset;
import io.github.gadn.data.RgbaImage;
import io.github.gadn.data.Sample;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.AffineTransform;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Path2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import javax.imageio.ImageIO;

/**
 * Simple drawn faces whose <em>artist</em> (the class) fixes the style — eye size and shape, iris
 * highlight, line weight, face width and chin, blush, palette saturation and contrast — while each
 * image draws its own <em>content</em>: hair colour and length, eye colour, head tilt and offset,
 * mouth and background. Some images have missing-pixel borders (alpha 0) like the paper's crops.
 * The content factors are known, so they can serve as a second label for evaluation.
 */
public final class SyntheticPortraits implements LabelledDataset {
  /** Names of the ground-truth content factors, in {@code factors.csv} column order. */
  public static final List<String> FACTORS =
      List.of("hair_colour", "hair_length", "eye_colour", "tilt", "offset_x", "offset_y", "mouth",
          "background", "missing_border");

  private static final float[] HAIR_HUES = {0.0f, 0.08f, 0.13f, 0.58f, 0.75f, 0.9f, 0.33f, 0.05f};
  private static final float[] EYE_HUES = {0.6f, 0.33f, 0.08f, 0.8f, 0.0f, 0.5f};

  private final int artists;
  private final int perArtist;
  private final int size;
  private final long seed;
  private final int[][] pixels;
  private final double[][] factors;
  private final String fingerprint;

  private record Style(
      double eyeSize, double eyeHeight, boolean highlight, double line, double faceWidth,
      double chin, double blush, float saturation, float contrast) {
    static Style of(long seed, int artist) {
      SplittableRandom r = new SplittableRandom(seed * 31 + artist * 1_000_033L + 5);
      return new Style(
          0.07 + 0.09 * r.nextDouble(), 0.5 + 0.7 * r.nextDouble(), r.nextBoolean(),
          0.012 + 0.035 * r.nextDouble(), 0.55 + 0.25 * r.nextDouble(), r.nextDouble(),
          r.nextDouble() < 0.5 ? 0 : 0.3 + 0.6 * r.nextDouble(),
          (float) (0.35 + 0.65 * r.nextDouble()), (float) (0.55 + 0.45 * r.nextDouble()));
    }
  }

  private SyntheticPortraits(int artists, int perArtist, int size, long seed) {
    this.artists = artists;
    this.perArtist = perArtist;
    this.size = size;
    this.seed = seed;
    int count = artists * perArtist;
    this.pixels = new int[count][];
    this.factors = new double[count][];
    Hasher h = Hashing.sha256().newHasher();
    for (int a = 0; a < artists; a++) {
      Style style = Style.of(seed, a);
      for (int i = 0; i < perArtist; i++) {
        int n = a * perArtist + i;
        SplittableRandom r = new SplittableRandom(seed * 0x9E3779B97F4A7C15L + n * 0xBF58476D1CE4E5B9L + 1);
        double[] f = new double[FACTORS.size()];
        BufferedImage img = draw(style, r, f);
        pixels[n] = img.getRGB(0, 0, size, size, null, 0, size);
        factors[n] = f;
        for (int v : pixels[n]) {
          h.putInt(v);
        }
      }
    }
    this.fingerprint = h.hash().toString();
  }

  /**
   * Generates {@code artists × perArtist} portraits, ordered by artist.
   *
   * @param artists number of artists (classes), at least 2
   * @param perArtist images per artist, at least 1
   * @param size image side, even, at least 16
   * @param seed determines everything
   */
  public static SyntheticPortraits generate(int artists, int perArtist, int size, long seed) {
    checkArgument(artists >= 2, "artists must be at least 2, got %s", artists);
    checkArgument(perArtist >= 1, "perArtist must be at least 1, got %s", perArtist);
    checkArgument(size >= 16 && size % 2 == 0, "size must be even and at least 16, got %s", size);
    return new SyntheticPortraits(artists, perArtist, size, seed);
  }

  private Color tone(float hue, float sat, float bri, Style st) {
    float s = sat * st.saturation();
    float b = 0.5f + (bri - 0.5f) * st.contrast();
    return Color.getHSBColor(hue, Math.min(1, s), Math.max(0, Math.min(1, b)));
  }

  private BufferedImage draw(Style st, SplittableRandom r, double[] f) {
    int hair = r.nextInt(HAIR_HUES.length);
    int longHair = r.nextInt(2);
    int eye = r.nextInt(EYE_HUES.length);
    double tilt = -15 + 30 * r.nextDouble();
    double ox = (r.nextDouble() - 0.5) * 0.16;
    double oy = (r.nextDouble() - 0.5) * 0.12;
    int mouth = r.nextInt(3);
    float bg = (float) r.nextDouble();
    int border = r.nextDouble() < 0.25 ? 1 + r.nextInt(4) : 0;
    f[0] = hair;
    f[1] = longHair;
    f[2] = eye;
    f[3] = tilt;
    f[4] = ox;
    f[5] = oy;
    f[6] = mouth;
    f[7] = bg;
    f[8] = border;

    BufferedImage img = new BufferedImage(size, size, BufferedImage.TYPE_INT_ARGB);
    Graphics2D g = img.createGraphics();
    g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
    g.setRenderingHint(RenderingHints.KEY_STROKE_CONTROL, RenderingHints.VALUE_STROKE_PURE);
    g.setColor(tone(bg, 0.35f, 0.85f, st));
    g.fillRect(0, 0, size, size);
    g.scale(size, size);
    g.translate(0.5 + ox, 0.52 + oy);
    g.rotate(Math.toRadians(tilt));
    float line = (float) st.line();
    Color hairColour = tone(HAIR_HUES[hair], 0.75f, hair == 7 ? 0.25f : 0.6f, st);
    Color skin = tone(0.07f, 0.25f, 0.95f, st);
    Color ink = tone(0f, 0f, 0.12f, st);
    double fw = st.faceWidth() * 0.5;
    // Long hair behind the face.
    if (longHair == 1) {
      g.setColor(hairColour);
      g.fill(new java.awt.geom.RoundRectangle2D.Double(-fw - 0.08, -0.3, 2 * fw + 0.16, 0.72, 0.2, 0.2));
    }
    // Face: an ellipse with a chin whose pointiness is the artist's.
    Path2D.Double face = new Path2D.Double();
    face.moveTo(-fw, -0.05);
    face.curveTo(-fw, -0.38, fw, -0.38, fw, -0.05);
    double chinY = 0.3 + 0.08 * st.chin();
    double chinW = fw * (0.6 - 0.5 * st.chin());
    face.curveTo(fw, 0.15, chinW, chinY, 0, chinY);
    face.curveTo(-chinW, chinY, -fw, 0.15, -fw, -0.05);
    face.closePath();
    g.setColor(skin);
    g.fill(face);
    g.setColor(ink);
    g.setStroke(new BasicStroke(line, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND));
    g.draw(face);
    // Fringe.
    g.setColor(hairColour);
    Path2D.Double fringe = new Path2D.Double();
    fringe.moveTo(-fw - 0.02, -0.02);
    fringe.curveTo(-fw - 0.04, -0.45, fw + 0.04, -0.45, fw + 0.02, -0.02);
    fringe.curveTo(fw * 0.5, -0.2, -fw * 0.3, -0.12, -fw - 0.02, -0.02);
    g.fill(fringe);
    // Eyes.
    double es = st.eyeSize();
    double eh = es * st.eyeHeight() * 1.4;
    for (int side = -1; side <= 1; side += 2) {
      double ex = side * fw * 0.45;
      double ey = 0.02;
      g.setColor(Color.WHITE);
      g.fill(new Ellipse2D.Double(ex - es, ey - eh, 2 * es, 2 * eh));
      g.setColor(tone(EYE_HUES[eye], 0.8f, 0.55f, st));
      g.fill(new Ellipse2D.Double(ex - es * 0.6, ey - eh * 0.8, es * 1.2, eh * 1.6));
      if (st.highlight()) {
        g.setColor(Color.WHITE);
        g.fill(new Ellipse2D.Double(ex - es * 0.35, ey - eh * 0.6, es * 0.4, es * 0.4));
      }
      g.setColor(ink);
      g.draw(new java.awt.geom.Arc2D.Double(ex - es, ey - eh, 2 * es, 2 * eh, 20, 140, java.awt.geom.Arc2D.OPEN));
      if (st.blush() > 0) {
        g.setColor(new Color(1f, 0.4f, 0.5f, (float) (0.35 * st.blush())));
        g.fill(new Ellipse2D.Double(ex - es * 0.9, ey + eh + 0.03, es * 1.8, es * 0.8));
      }
    }
    // Mouth: flat, smile or open.
    g.setColor(ink);
    double my = 0.2 + 0.03 * st.chin();
    if (mouth == 0) {
      g.draw(new java.awt.geom.Line2D.Double(-0.05, my, 0.05, my));
    } else if (mouth == 1) {
      g.draw(new java.awt.geom.Arc2D.Double(-0.07, my - 0.06, 0.14, 0.08, 200, 140, java.awt.geom.Arc2D.OPEN));
    } else {
      g.setColor(tone(0.98f, 0.6f, 0.45f, st));
      g.fill(new Ellipse2D.Double(-0.04, my - 0.03, 0.08, 0.06));
    }
    g.setTransform(new AffineTransform());
    g.dispose();
    if (border > 0) {
      // Missing pixels: a band outside the "source picture", as in the paper's crops.
      int band = size / 6 + (int) (r.nextDouble() * size / 6);
      for (int y = 0; y < size; y++) {
        for (int x = 0; x < size; x++) {
          boolean missing = switch (border) {
            case 1 -> x < band;
            case 2 -> x >= size - band;
            case 3 -> y < band;
            default -> y >= size - band;
          };
          if (missing) {
            img.setRGB(x, y, 0);
          }
        }
      }
    }
    return img;
  }

  /** The ground-truth factor {@code name} of image {@code index} (see {@link #FACTORS}). */
  public double factor(int index, String name) {
    int k = FACTORS.indexOf(name);
    checkArgument(k >= 0, "unknown factor \"%s\"; factors are %s", name, FACTORS);
    return factors[index][k];
  }

  /** A discrete content factor as labels (e.g. {@code hair_colour}) for evaluation. */
  public int[] factorLabels(String name) {
    int[] out = new int[size()];
    for (int i = 0; i < out.length; i++) {
      out[i] = (int) Math.round(factor(i, name));
    }
    return out;
  }

  /** The portrait {@code index} as an ARGB image. */
  public BufferedImage image(int index) {
    BufferedImage img = new BufferedImage(size, size, BufferedImage.TYPE_INT_ARGB);
    img.setRGB(0, 0, size, size, pixels[index], 0, size);
    return img;
  }

  /**
   * Writes class folders of PNG ({@code artist00/0000.png}, …) and {@code factors.csv} beside
   * them, readable with {@link io.github.gadn.data.ImageFolderDataset}.
   */
  public void write(Path dir) throws IOException {
    Files.createDirectories(dir);
    try (Writer csv = Files.newBufferedWriter(dir.resolve("factors.csv"), StandardCharsets.UTF_8)) {
      csv.write("path,artist," + String.join(",", FACTORS) + "\n");
      for (int n = 0; n < size(); n++) {
        String rel = className(label(n)) + "/" + String.format(Locale.ROOT, "%04d.png", n % perArtist);
        Path file = dir.resolve(rel);
        Files.createDirectories(file.getParent());
        if (!ImageIO.write(image(n), "png", file.toFile())) {
          throw new IOException("no PNG writer for " + file);
        }
        StringBuilder row = new StringBuilder(rel).append(',').append(className(label(n)));
        for (double v : factors[n]) {
          row.append(',').append(v == Math.rint(v) ? Long.toString((long) v) : String.format(Locale.ROOT, "%.6f", v));
        }
        csv.write(row.append('\n').toString());
      }
    }
  }

  private static String className(int artist) {
    return String.format(Locale.ROOT, "artist%02d", artist);
  }

  @Override
  public int size() {
    return artists * perArtist;
  }

  @Override
  public int imageSize() {
    return size;
  }

  @Override
  public List<String> classNames() {
    List<String> names = new ArrayList<>();
    for (int a = 0; a < artists; a++) {
      names.add(className(a));
    }
    return names;
  }

  @Override
  public int label(int index) {
    return index / perArtist;
  }

  @Override
  public boolean hasWeightMaps() {
    return false;
  }

  @Override
  public Sample sample(int index) {
    return Sample.of(size, RgbaImage.of(image(index)).preprocess(0, size), null, label(index));
  }

  @Override
  public String description() {
    return "synthetic portraits (" + artists + " artists x " + perArtist + ", " + size + " px, seed " + seed + ")";
  }

  @Override
  public String fingerprint() {
    return fingerprint;
  }
}
