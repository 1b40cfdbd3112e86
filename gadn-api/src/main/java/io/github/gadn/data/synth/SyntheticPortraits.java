package io.github.gadn.data.synth;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;

import com.google.common.hash.Hasher;
import com.google.common.hash.Hashing;
import io.github.gadn.data.DataException;
import io.github.gadn.data.ImageFiles;
import io.github.gadn.data.LabelledDataset;
import io.github.gadn.data.RgbaImage;
import io.github.gadn.data.Sample;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.Shape;
import java.awt.geom.AffineTransform;
import java.awt.geom.Arc2D;
import java.awt.geom.Area;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Line2D;
import java.awt.geom.Path2D;
import java.awt.image.BufferedImage;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.stream.IntStream;

/**
 * Simple drawn faces whose <em>artist</em> (the class) fixes the style and whose <em>content</em>
 * varies per image, with the content factors known — a small stand-in for the paper's anime
 * portraits with ground truth for evaluation.
 *
 * <p>Style (per artist, from the seed): eye size, shape (round to tall), spacing and height,
 * iris highlights (none, one, two), pupils, lid and outline weight, outline colour, face width,
 * chin shape and face length, nose and eyebrow style, blush, fringe shape, palette saturation,
 * contrast, tint and skin tone. Content (per image): hair colour and length, eye colour, mouth,
 * head tilt, offset and zoom, background and clothes colour; about a quarter of the images lose a
 * band of pixels beyond a slanted edge (alpha 0), like the paper's crops that reach outside the
 * source picture.
 *
 * <p>The discrete content factors ({@link #DISCRETE_FACTORS}) can serve as a second label
 * ({@link #byFactor}); {@link #write} saves class folders of RGBA PNG plus {@value #FACTORS_FILE}
 * that {@link io.github.gadn.data.ImageFolderDataset} reads back pixel for pixel.
 *
 * <pre>{@code
 * SyntheticPortraits set = SyntheticPortraits.generate(1);     // 16 artists x 200, 64 px
 * LabelledDataset byHair = set.byFactor("hair_colour");
 * set.write(Path.of("portraits"));                              // artist00/0000.png ... factors.csv
 * }</pre>
 */
public final class SyntheticPortraits implements LabelledDataset {
  /** Name of the factor table written beside the class folders. */
  public static final String FACTORS_FILE = "factors.csv";
  /** Default number of artists. */
  public static final int DEFAULT_ARTISTS = 16;
  /** Default number of images per artist. */
  public static final int DEFAULT_PER_ARTIST = 200;
  /** Default image side. */
  public static final int DEFAULT_SIZE = 64;

  /** Names of the hair colours (levels of {@code hair_colour}). */
  public static final List<String> HAIR_COLOURS =
      List.of("black", "brown", "blonde", "red", "pink", "blue", "green", "silver");
  /** Names of the hair lengths (levels of {@code hair_length}). */
  public static final List<String> HAIR_LENGTHS = List.of("short", "medium", "long");
  /** Names of the eye colours (levels of {@code eye_colour}). */
  public static final List<String> EYE_COLOURS =
      List.of("blue", "green", "amber", "violet", "red", "teal");
  /** Names of the mouths (levels of {@code mouth}). */
  public static final List<String> MOUTHS = List.of("closed", "smile", "open");
  /** Names of the missing-pixel sides (levels of {@code missing_side}). */
  public static final List<String> MISSING_SIDES = List.of("none", "left", "right", "top", "bottom");

  /** The discrete content factors and the names of their levels. */
  public static final Map<String, List<String>> DISCRETE_FACTORS = discreteFactors();

  /**
   * Names of the ground-truth content factors, in {@value #FACTORS_FILE} column order (after
   * {@code path} and {@code artist}). Angles are in degrees, offsets in image fractions, hues in
   * {@code [0, 1)}.
   */
  public static final List<String> FACTORS =
      List.of(
          "hair_colour", "hair_length", "eye_colour", "mouth", "tilt", "offset_x", "offset_y",
          "zoom", "background_hue", "clothes_hue", "missing_side", "missing_fraction");

  private static final float[][] HAIR_HSB = {
    {0.62f, 0.25f, 0.16f}, {0.07f, 0.65f, 0.38f}, {0.13f, 0.6f, 0.95f}, {0.01f, 0.8f, 0.75f},
    {0.93f, 0.45f, 0.95f}, {0.6f, 0.7f, 0.8f}, {0.38f, 0.6f, 0.6f}, {0.6f, 0.05f, 0.85f}
  };
  private static final float[] EYE_HUES = {0.6f, 0.36f, 0.1f, 0.78f, 0.98f, 0.5f};

  private final int artists;
  private final int perArtist;
  private final int size;
  private final long seed;
  private final int[][] pixels;
  private final double[][] factors;
  private final List<String> classNames;
  private final String fingerprint;

  private static Map<String, List<String>> discreteFactors() {
    Map<String, List<String>> m = new LinkedHashMap<>();
    m.put("hair_colour", HAIR_COLOURS);
    m.put("hair_length", HAIR_LENGTHS);
    m.put("eye_colour", EYE_COLOURS);
    m.put("mouth", MOUTHS);
    m.put("missing_side", MISSING_SIDES);
    return Collections.unmodifiableMap(m);
  }

  /** One artist's style. */
  record Style(
      double faceWidth, double faceLength, double chin, double eyeSize, double eyeRatio,
      double eyeSpacing, double eyeY, int highlights, boolean pupil, double line, double lid,
      float[] ink, int nose, double brow, double blush, int fringeSpikes, double fringeDepth,
      double fringeVariation, double sweep,
      float saturation, float contrast, float tintHue, float tint, float skinHue, float skinSat,
      double mouthSize) {

    static Style of(long seed, int artist) {
      SplittableRandom r = new SplittableRandom(SyntheticHandwriting.mix(seed, 0xA271570000L + artist));
      double faceWidth = 0.21 + 0.08 * r.nextDouble();
      double faceLength = 0.25 + 0.09 * r.nextDouble();
      double chin = r.nextDouble();
      double eyeSize = 0.045 + 0.05 * r.nextDouble();
      double eyeRatio = 0.65 + 0.95 * r.nextDouble();
      double eyeSpacing = 0.42 + 0.2 * r.nextDouble();
      double eyeY = -0.01 + 0.08 * r.nextDouble();
      int highlights = r.nextInt(3);
      boolean pupil = r.nextBoolean();
      double line = 0.004 + 0.018 * r.nextDouble();
      double lid = 1.2 + 2.5 * r.nextDouble();
      float[] ink = r.nextBoolean()
          ? new float[] {0f, 0f, 0.08f}
          : new float[] {(float) (0.02 + 0.06 * r.nextDouble()), 0.6f, 0.28f};
      int nose = r.nextInt(3);
      double brow = r.nextDouble() < 0.25 ? 0 : 0.5 + r.nextDouble();
      double blush = r.nextDouble() < 0.45 ? 0 : 0.3 + 0.7 * r.nextDouble();
      int fringeSpikes = 3 + r.nextInt(5);
      double fringeDepth = 0.05 + 0.1 * r.nextDouble();
      double fringeVariation = r.nextDouble() * 2;
      double sweep = (r.nextDouble() - 0.5) * 0.06;
      float saturation = (float) (0.35 + 0.8 * r.nextDouble());
      float contrast = (float) (0.55 + 0.6 * r.nextDouble());
      float tintHue = (float) r.nextDouble();
      float tint = (float) (0.1 * r.nextDouble());
      float skinHue = (float) (0.03 + 0.07 * r.nextDouble());
      float skinSat = (float) (0.08 + 0.25 * r.nextDouble());
      double mouthSize = 0.6 + 0.8 * r.nextDouble();
      return new Style(
          faceWidth, faceLength, chin, eyeSize, eyeRatio, eyeSpacing, eyeY, highlights, pupil,
          line, lid, ink, nose, brow, blush, fringeSpikes, fringeDepth, fringeVariation, sweep, saturation, contrast,
          tintHue, tint, skinHue, skinSat, mouthSize);
    }

    /** A colour through the artist's palette: saturation, contrast around mid-grey, tint. */
    Color tone(float hue, float sat, float bri) {
      Color base = Color.getHSBColor(hue, clamp(sat * saturation), clamp(bri));
      Color tintColour = Color.getHSBColor(tintHue, 0.8f, 1f);
      float[] c = base.getRGBColorComponents(null);
      float[] t = tintColour.getRGBColorComponents(null);
      float[] out = new float[3];
      for (int i = 0; i < 3; i++) {
        float v = c[i] * (1 - tint) + t[i] * tint;
        out[i] = clamp(0.5f + (v - 0.5f) * contrast);
      }
      return new Color(out[0], out[1], out[2]);
    }

    Color tone(float[] hsb) {
      return tone(hsb[0], hsb[1], hsb[2]);
    }
  }

  private static float clamp(float v) {
    return Math.max(0f, Math.min(1f, v));
  }

  private SyntheticPortraits(int artists, int perArtist, int size, long seed) {
    this.artists = artists;
    this.perArtist = perArtist;
    this.size = size;
    this.seed = seed;
    int count = artists * perArtist;
    this.pixels = new int[count][];
    this.factors = new double[count][];
    Style[] styles = new Style[artists];
    for (int a = 0; a < artists; a++) {
      styles[a] = Style.of(seed, a);
    }
    IntStream.range(0, count).parallel().forEach(n -> {
      SplittableRandom r = new SplittableRandom(SyntheticHandwriting.mix(seed, 0xFACE0000L + n));
      double[] f = new double[FACTORS.size()];
      BufferedImage img = draw(styles[n / perArtist], r, f);
      pixels[n] = img.getRGB(0, 0, size, size, null, 0, size);
      factors[n] = f;
    });
    List<String> names = new ArrayList<>();
    for (int a = 0; a < artists; a++) {
      names.add(className(a));
    }
    this.classNames = Collections.unmodifiableList(names);
    Hasher h = Hashing.sha256().newHasher();
    h.putInt(artists).putInt(perArtist).putInt(size);
    for (int[] p : pixels) {
      for (int v : p) {
        h.putInt(v);
      }
    }
    this.fingerprint = h.hash().toString();
  }

  /**
   * The default set: {@value #DEFAULT_ARTISTS} artists × {@value #DEFAULT_PER_ARTIST} images at
   * {@value #DEFAULT_SIZE}×{@value #DEFAULT_SIZE}.
   *
   * @param seed determines everything
   * @return the set
   */
  public static SyntheticPortraits generate(long seed) {
    return generate(DEFAULT_ARTISTS, DEFAULT_PER_ARTIST, DEFAULT_SIZE, seed);
  }

  /**
   * Generates {@code artists × perArtist} portraits, ordered by artist.
   *
   * @param artists number of artists (classes), at least 2
   * @param perArtist images per artist, at least 1
   * @param size image side, even, at least 16
   * @param seed determines everything
   * @return the set
   */
  public static SyntheticPortraits generate(int artists, int perArtist, int size, long seed) {
    checkArgument(artists >= 2, "artists must be at least 2, got %s", artists);
    checkArgument(perArtist >= 1, "perArtist must be at least 1, got %s", perArtist);
    checkArgument(size >= 16 && size % 2 == 0, "size must be even and at least 16, got %s", size);
    return new SyntheticPortraits(artists, perArtist, size, seed);
  }

  // ------------------------------------------------------------------ drawing

  private BufferedImage draw(Style st, SplittableRandom r, double[] f) {
    int hair = r.nextInt(HAIR_COLOURS.size());
    int length = r.nextInt(HAIR_LENGTHS.size());
    int eye = r.nextInt(EYE_COLOURS.size());
    int mouth = r.nextInt(MOUTHS.size());
    double tilt = -15 + 30 * r.nextDouble();
    double ox = (r.nextDouble() - 0.5) * 0.16;
    double oy = (r.nextDouble() - 0.5) * 0.12;
    double zoom = 0.9 + 0.2 * r.nextDouble();
    double bgHue = r.nextDouble();
    double clothesHue = r.nextDouble();
    int side = r.nextDouble() < 0.25 ? 1 + r.nextInt(4) : 0;
    double fraction = side == 0 ? 0 : 0.08 + 0.22 * r.nextDouble();
    double edgeAngle = side == 0 ? 0 : Math.toRadians(-12 + 24 * r.nextDouble());
    double[] values = {
      hair, length, eye, mouth, tilt, ox, oy, zoom, bgHue, clothesHue, side, fraction
    };
    for (int i = 0; i < values.length; i++) {
      f[i] = round6(values[i]);
    }

    BufferedImage img = new BufferedImage(size, size, BufferedImage.TYPE_INT_ARGB);
    Graphics2D g = img.createGraphics();
    g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
    g.setRenderingHint(RenderingHints.KEY_STROKE_CONTROL, RenderingHints.VALUE_STROKE_PURE);
    g.setRenderingHint(RenderingHints.KEY_RENDERING, RenderingHints.VALUE_RENDER_QUALITY);
    g.setColor(st.tone((float) bgHue, 0.3f, 0.88f));
    g.fillRect(0, 0, size, size);
    g.scale(size, size);
    g.translate(0.5 + ox, 0.5 + oy);
    g.rotate(Math.toRadians(tilt));
    g.scale(zoom, zoom);

    float[] hairHsb = HAIR_HSB[hair];
    Color hairColour = st.tone(hairHsb);
    Color hairDark = st.tone(hairHsb[0], hairHsb[1], hairHsb[2] * 0.7f);
    Color skin = st.tone(st.skinHue(), st.skinSat(), 0.97f);
    Color skinShade = st.tone(st.skinHue(), st.skinSat() + 0.1f, 0.85f);
    Color ink = st.tone(st.ink());
    BasicStroke outline =
        new BasicStroke((float) st.line(), BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND);
    double fw = st.faceWidth();
    double chinY = st.faceLength();
    double top = -0.3;

    // Shoulders.
    Path2D.Double shoulders = new Path2D.Double();
    shoulders.moveTo(-0.48, 0.7);
    shoulders.curveTo(-0.45, chinY + 0.12, -0.2, chinY + 0.08, 0, chinY + 0.1);
    shoulders.curveTo(0.2, chinY + 0.08, 0.45, chinY + 0.12, 0.48, 0.7);
    shoulders.closePath();
    g.setColor(st.tone((float) clothesHue, 0.55f, 0.6f));
    g.fill(shoulders);
    g.setColor(ink);
    g.setStroke(outline);
    g.draw(shoulders);

    // Back hair (behind the head), by length.
    double hairBottom = length == 0 ? -0.02 : length == 1 ? chinY + 0.02 : 0.62;
    double hw = fw + 0.045 + 0.02 * length;
    Path2D.Double back = new Path2D.Double();
    back.moveTo(-hw, -0.05);
    back.curveTo(-hw - 0.01, top - 0.12, hw + 0.01, top - 0.12, hw, -0.05);
    back.lineTo(hw + 0.03 * length, hairBottom);
    back.quadTo(0, hairBottom + 0.05 * (length == 1 ? 1 : 0), -hw - 0.03 * length, hairBottom);
    back.closePath();
    g.setColor(hairDark);
    g.fill(back);
    g.setColor(ink);
    g.setStroke(outline);
    g.draw(back);

    // Neck.
    g.setColor(skinShade);
    g.fill(new java.awt.geom.Rectangle2D.Double(-fw * 0.32, chinY - 0.08, fw * 0.64, 0.2));
    // Face: rounded top, jaw narrowing to the artist's chin.
    Path2D.Double face = new Path2D.Double();
    double jawY = 0.08 + 0.06 * (1 - st.chin());
    double chinHalf = fw * (0.45 - 0.4 * st.chin());
    face.moveTo(-fw, 0);
    face.curveTo(-fw, top - 0.05, fw, top - 0.05, fw, 0);
    face.curveTo(fw, jawY, chinHalf + 0.04, chinY - 0.02, chinHalf * 0.5, chinY);
    face.lineTo(-chinHalf * 0.5, chinY);
    face.curveTo(-chinHalf - 0.04, chinY - 0.02, -fw, jawY, -fw, 0);
    face.closePath();
    g.setColor(skin);
    g.fill(face);
    g.setColor(ink);
    g.draw(face);

    // Blush.
    if (st.blush() > 0) {
      g.setColor(new Color(1f, 0.35f, 0.45f, (float) (0.45 * st.blush())));
      for (int s = -1; s <= 1; s += 2) {
        double bx = s * fw * st.eyeSpacing() * 1.1;
        double by = st.eyeY() + st.eyeSize() * st.eyeRatio() + 0.035;
        g.fill(new Ellipse2D.Double(bx - 0.045, by - 0.015, 0.09, 0.03));
      }
    }

    // Eyes.
    Color iris = st.tone(EYE_HUES[eye], 0.75f, 0.7f);
    Color irisDark = st.tone(EYE_HUES[eye], 0.85f, 0.35f);
    double ew = st.eyeSize();
    double eh = ew * st.eyeRatio();
    for (int s = -1; s <= 1; s += 2) {
      double ex = s * fw * st.eyeSpacing();
      double ey = st.eyeY();
      Shape white = new Ellipse2D.Double(ex - ew, ey - eh, 2 * ew, 2 * eh);
      g.setColor(new Color(0.98f, 0.98f, 0.98f));
      g.fill(white);
      double iw = ew * 0.68;
      double ih = eh * 0.9;
      Area irisArea = new Area(new Ellipse2D.Double(ex - iw, ey - ih + eh * 0.08, 2 * iw, 2 * ih));
      irisArea.intersect(new Area(white));
      g.setColor(iris);
      g.fill(irisArea);
      Area upper = new Area(new java.awt.geom.Rectangle2D.Double(ex - iw, ey - eh, 2 * iw, eh * 0.75));
      upper.intersect(irisArea);
      g.setColor(irisDark);
      g.fill(upper);
      if (st.pupil()) {
        g.setColor(new Color(0.05f, 0.05f, 0.08f));
        g.fill(new Ellipse2D.Double(ex - iw * 0.38, ey - ih * 0.35, iw * 0.76, ih * 0.8));
      }
      g.setColor(Color.WHITE);
      if (st.highlights() >= 1) {
        g.fill(new Ellipse2D.Double(ex - iw * 0.65, ey - ih * 0.7, iw * 0.55, iw * 0.55));
      }
      if (st.highlights() == 2) {
        g.fill(new Ellipse2D.Double(ex + iw * 0.25, ey + ih * 0.3, iw * 0.3, iw * 0.3));
      }
      // Upper lid: a thick arc.
      g.setColor(ink);
      g.setStroke(new BasicStroke(
          (float) (Math.max(st.line(), 0.006) * st.lid()), BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND));
      g.draw(new Arc2D.Double(ex - ew * 1.08, ey - eh * 1.02, 2.16 * ew, 2.04 * eh, 15, 150, Arc2D.OPEN));
      g.setStroke(outline);
      g.draw(new Arc2D.Double(ex - ew * 0.9, ey - eh, 1.8 * ew, 2 * eh, 235, 70, Arc2D.OPEN));
      // Eyebrow.
      if (st.brow() > 0) {
        g.setColor(hairDark);
        g.setStroke(new BasicStroke(
            (float) (0.008 * st.brow() + st.line() * 0.3), BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND));
        g.draw(new Line2D.Double(ex - s * ew * 0.9, ey - eh - 0.05, ex + s * ew * 0.8, ey - eh - 0.045 - 0.01 * s * s));
      }
    }

    // Nose.
    g.setColor(ink);
    g.setStroke(outline);
    double noseY = (st.eyeY() + chinY) / 2 - 0.01;
    if (st.nose() == 1) {
      g.fill(new Ellipse2D.Double(-0.007, noseY - 0.007, 0.014, 0.014));
    } else if (st.nose() == 2) {
      Path2D.Double nose = new Path2D.Double();
      nose.moveTo(0.005, noseY - 0.035);
      nose.lineTo(0.018, noseY);
      nose.lineTo(0.0, noseY + 0.005);
      g.draw(nose);
    }

    // Mouth.
    double my = noseY + (chinY - noseY) * 0.5;
    double mw = 0.04 * st.mouthSize();
    g.setStroke(new BasicStroke(
        (float) Math.max(st.line(), 0.007), BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND));
    if (mouth == 0) {
      g.draw(new Line2D.Double(-mw * 0.7, my, mw * 0.7, my));
    } else if (mouth == 1) {
      g.draw(new Arc2D.Double(-mw, my - mw * 0.9, 2 * mw, 1.4 * mw, 200, 140, Arc2D.OPEN));
    } else {
      Path2D.Double open = new Path2D.Double();
      open.moveTo(-mw, my - mw * 0.2);
      open.quadTo(0, my - mw * 0.1, mw, my - mw * 0.2);
      open.quadTo(0, my + mw * 1.4, -mw, my - mw * 0.2);
      open.closePath();
      g.setColor(st.tone(0.99f, 0.55f, 0.55f));
      g.fill(open);
      g.setColor(ink);
      g.draw(open);
    }

    // Top hair: a dome with side locks and a fringe of pointed strands.
    double capW = fw + 0.035;
    double fringeY = st.eyeY() - eh - 0.03;
    double sideY = st.eyeY() + 0.02 + 0.05 * length;
    int spikes = st.fringeSpikes();
    double depth = st.fringeDepth();
    double sweep = st.sweep();
    Path2D.Double cap = new Path2D.Double();
    cap.moveTo(-capW, sideY);
    cap.curveTo(-capW - 0.03, top - 0.14, capW + 0.03, top - 0.14, capW, sideY);
    cap.lineTo(capW - 0.03, sideY);
    double left = -capW + 0.03;
    double right = capW - 0.03;
    double notchY = fringeY - depth;
    cap.quadTo(right, (sideY + notchY) / 2, right - 0.01, notchY);
    for (int k = spikes - 1; k >= 0; k--) {
      double x0 = left + (right - left) * (k + 1) / spikes;
      double x1 = left + (right - left) * k / spikes;
      double tipX = (x0 + x1) / 2 + sweep;
      double tipY = fringeY + (k % 2 == 0 ? 0.012 : -0.012) * st.fringeVariation();
      cap.quadTo(x0 - 0.005, (notchY + tipY) / 2, tipX, tipY);
      cap.quadTo(x1 + 0.005, (notchY + tipY) / 2, x1, k == 0 ? sideY : notchY);
    }
    cap.closePath();
    g.setColor(hairColour);
    g.fill(cap);
    g.setColor(ink);
    g.setStroke(outline);
    g.draw(cap);
    // A highlight band on the hair.
    Shape clip = g.getClip();
    g.clip(cap);
    g.setColor(new Color(1f, 1f, 1f, 0.25f));
    g.setStroke(new BasicStroke(0.015f, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND));
    g.draw(new Arc2D.Double(-capW * 0.7, top - 0.05, capW * 1.4, 0.2, 35, 110, Arc2D.OPEN));
    g.setClip(clip);

    g.setTransform(new AffineTransform());
    g.dispose();
    if (side > 0) {
      cutMissing(img, side, fraction, edgeAngle);
    }
    return img;
  }

  /** Missing pixels beyond a slanted edge near one side: ARGB 0 (alpha 0). */
  private void cutMissing(BufferedImage img, int side, double fraction, double angle) {
    double t = Math.tan(angle);
    for (int y = 0; y < size; y++) {
      for (int x = 0; x < size; x++) {
        double u = (x + 0.5) / size;
        double v = (y + 0.5) / size;
        boolean missing = switch (side) {
          case 1 -> u < fraction + t * (v - 0.5);
          case 2 -> u > 1 - fraction + t * (v - 0.5);
          case 3 -> v < fraction + t * (u - 0.5);
          default -> v > 1 - fraction + t * (u - 0.5);
        };
        if (missing) {
          img.setRGB(x, y, 0);
        }
      }
    }
  }

  private static double round6(double v) {
    return Math.rint(v * 1e6) / 1e6;
  }

  // ------------------------------------------------------------------ factors

  /**
   * The ground-truth content factor {@code name} of image {@code index}.
   *
   * @param index image index
   * @param name one of {@link #FACTORS}
   * @return the value (a level index for discrete factors)
   * @throws IllegalArgumentException for an unknown factor
   */
  public double factor(int index, String name) {
    return factors[index][factorColumn(name)];
  }

  /**
   * All factors of image {@code index}, in {@link #FACTORS} order.
   *
   * @param index image index
   * @return a copy
   */
  public double[] factors(int index) {
    return factors[index].clone();
  }

  private static int factorColumn(String name) {
    int k = FACTORS.indexOf(name);
    checkArgument(k >= 0, "unknown factor \"%s\"; factors are %s", name, FACTORS);
    return k;
  }

  /**
   * A discrete content factor as one class index per image, for evaluation as a second label.
   *
   * @param name one of {@link #DISCRETE_FACTORS}
   * @return the level of every image
   * @throws IllegalArgumentException if the factor is not discrete
   */
  public int[] factorLabels(String name) {
    checkArgument(
        DISCRETE_FACTORS.containsKey(name),
        "factor \"%s\" is not discrete; discrete factors are %s", name, DISCRETE_FACTORS.keySet());
    int k = factorColumn(name);
    int[] out = new int[size()];
    for (int i = 0; i < out.length; i++) {
      out[i] = (int) factors[i][k];
    }
    return out;
  }

  /**
   * The same images labelled by a discrete content factor instead of the artist: classes are the
   * factor's levels (for example the hair colour names).
   *
   * @param name one of {@link #DISCRETE_FACTORS}
   * @return the relabelled data set
   */
  public LabelledDataset byFactor(String name) {
    int[] labels = factorLabels(name);
    List<String> levels = DISCRETE_FACTORS.get(name);
    SyntheticPortraits self = this;
    return new LabelledDataset() {
      @Override
      public int size() {
        return self.size();
      }

      @Override
      public int imageSize() {
        return size;
      }

      @Override
      public List<String> classNames() {
        return levels;
      }

      @Override
      public int label(int index) {
        return labels[index];
      }

      @Override
      public boolean hasWeightMaps() {
        return false;
      }

      @Override
      public Sample sample(int index) {
        Sample s = self.sample(index);
        return Sample.of(size, s.rgba(), null, labels[index]);
      }

      @Override
      public String description() {
        return self.description() + " by " + name;
      }

      @Override
      public String fingerprint() {
        return Hashing.sha256().hashUnencodedChars(self.fingerprint() + "/" + name).toString();
      }
    };
  }

  /**
   * The portrait {@code index} as an ARGB image.
   *
   * @param index image index
   * @return a new image
   */
  public BufferedImage image(int index) {
    BufferedImage img = new BufferedImage(size, size, BufferedImage.TYPE_INT_ARGB);
    img.setRGB(0, 0, size, size, pixels[index], 0, size);
    return img;
  }

  /**
   * Relative path of image {@code index} as written by {@link #write}:
   * {@code artistNN/NNNN.png}.
   *
   * @param index image index
   * @return the path with {@code /} separators
   */
  public String relativePath(int index) {
    return className(label(index)) + "/" + String.format(Locale.ROOT, "%04d.png", index % perArtist);
  }

  /**
   * Writes class folders of RGBA PNG ({@code artist00/0000.png}, …) and {@value #FACTORS_FILE}
   * beside them (columns {@code path, artist}, then {@link #FACTORS}), readable with {@link
   * io.github.gadn.data.ImageFolderDataset} in the same order.
   *
   * @param dir the folder, created if needed
   * @throws IOException if a file cannot be written
   */
  public void write(Path dir) throws IOException {
    checkNotNull(dir, "dir");
    Files.createDirectories(dir);
    IntStream.range(0, size()).parallel().forEach(n -> {
      try {
        ImageFiles.writePng(image(n), dir.resolve(relativePath(n)));
      } catch (IOException e) {
        throw new java.io.UncheckedIOException(e);
      }
    });
    try (Writer csv = Files.newBufferedWriter(dir.resolve(FACTORS_FILE), StandardCharsets.UTF_8)) {
      csv.write("path,artist," + String.join(",", FACTORS) + "\n");
      for (int n = 0; n < size(); n++) {
        StringBuilder row = new StringBuilder(relativePath(n)).append(',').append(className(label(n)));
        for (int k = 0; k < FACTORS.size(); k++) {
          double v = factors[n][k];
          row.append(',');
          row.append(DISCRETE_FACTORS.containsKey(FACTORS.get(k))
              ? Integer.toString((int) v)
              : String.format(Locale.ROOT, "%.6f", v));
        }
        csv.write(row.append('\n').toString());
      }
    } catch (java.io.UncheckedIOException e) {
      throw e.getCause();
    }
  }

  /**
   * Reads a {@value #FACTORS_FILE} written by {@link #write}.
   *
   * @param csv the file
   * @return relative path → factor values in {@link #FACTORS} order, in file order
   * @throws DataException naming the file and line on a malformed row
   */
  public static Map<String, double[]> readFactors(Path csv) throws IOException {
    Map<String, double[]> out = new LinkedHashMap<>();
    try (BufferedReader in = Files.newBufferedReader(csv, StandardCharsets.UTF_8)) {
      String header = in.readLine();
      String expected = "path,artist," + String.join(",", FACTORS);
      if (header == null || !header.equals(expected)) {
        throw new DataException(csv + ": header must be \"" + expected + "\", got \"" + header + "\"");
      }
      String line;
      int lineNo = 1;
      while ((line = in.readLine()) != null) {
        lineNo++;
        if (line.isBlank()) {
          continue;
        }
        String[] cells = line.split(",", -1);
        if (cells.length != FACTORS.size() + 2) {
          throw new DataException(
              csv + " line " + lineNo + ": " + cells.length + " columns, expected " + (FACTORS.size() + 2));
        }
        double[] v = new double[FACTORS.size()];
        for (int k = 0; k < v.length; k++) {
          try {
            v[k] = Double.parseDouble(cells[k + 2]);
          } catch (NumberFormatException e) {
            throw new DataException(
                csv + " line " + lineNo + ": " + FACTORS.get(k) + " is not a number: \"" + cells[k + 2] + "\"");
          }
        }
        out.put(cells[0], v);
      }
    }
    return out;
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
    return classNames;
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
    return "synthetic portraits (" + artists + " artists x " + perArtist + ", " + size
        + " px, seed " + seed + ")";
  }

  @Override
  public String fingerprint() {
    return fingerprint;
  }
}
