package io.github.gadn.data;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;

import java.awt.color.ColorSpace;
import java.awt.image.BufferedImage;
import java.awt.image.ColorModel;
import java.awt.image.ComponentColorModel;
import java.awt.image.Raster;

/**
 * A decoded image as straight (not premultiplied) RGBA floats in {@code [0, 1]}, row-major,
 * channels last, with the geometric preprocessing of docs/method.md §2.2: centre crop, antialiased
 * resize of the shorter side, normalisation.
 *
 * <p>Resampling uses a separable triangle filter whose support grows with the reduction factor
 * when shrinking (the antialiased "bilinear" of PIL), applied to premultiplied RGBA so that the
 * colour of transparent pixels does not bleed into their neighbours.
 *
 * @param width width in pixels
 * @param height height in pixels
 * @param rgba {@code width * height * 4} values in {@code [0, 1]}
 */
public record RgbaImage(int width, int height, float[] rgba) {

  /**
   * Checks the sizes.
   *
   * @param width width in pixels, positive
   * @param height height in pixels, positive
   * @param rgba {@code width * height * 4} values
   */
  public RgbaImage {
    checkArgument(width > 0 && height > 0, "image must not be empty, got %sx%s", width, height);
    checkNotNull(rgba, "rgba");
    checkArgument(
        rgba.length == (long) width * height * 4,
        "rgba must hold width*height*4 = %s values, got %s",
        (long) width * height * 4,
        rgba.length);
  }

  /**
   * Converts any {@link BufferedImage}: grey becomes RGB, no alpha becomes opaque, palette
   * transparency becomes alpha. Grey images (8 or 16 bit, with or without alpha) and 16-bit
   * colour images are read from their raster so that the stored values are kept exactly (the
   * {@code getRGB} path of the JDK would gamma-convert linear grey).
   *
   * @param img the image
   * @return the image as straight RGBA in {@code [0, 1]}
   */
  public static RgbaImage of(BufferedImage img) {
    checkNotNull(img, "img");
    int w = img.getWidth();
    int h = img.getHeight();
    ColorModel cm = img.getColorModel();
    Raster raster = img.getRaster();
    float[] out = new float[w * h * 4];
    int colourType = cm.getColorSpace().getType();
    boolean component = cm instanceof ComponentColorModel && !cm.isAlphaPremultiplied();
    boolean grey = component && colourType == ColorSpace.TYPE_GRAY;
    boolean wideRgb =
        component
            && cm.getColorSpace().isCS_sRGB()
            && raster.getNumBands() >= 3
            && cm.getComponentSize(0) > 8;
    if (grey || wideRgb) {
      int bands = raster.getNumBands();
      int colourBands = grey ? 1 : 3;
      boolean alpha = cm.hasAlpha() && bands > colourBands;
      float[] scale = new float[bands];
      for (int b = 0; b < bands; b++) {
        scale[b] = (float) (1.0 / ((1L << cm.getComponentSize(b)) - 1));
      }
      int[] row = new int[w * bands];
      for (int y = 0; y < h; y++) {
        raster.getPixels(0, y, w, 1, row);
        for (int x = 0; x < w; x++) {
          int s = x * bands;
          int o = (y * w + x) * 4;
          for (int c = 0; c < 3; c++) {
            int b = grey ? 0 : c;
            out[o + c] = Math.min(1f, row[s + b] * scale[b]);
          }
          out[o + 3] = alpha ? Math.min(1f, row[s + colourBands] * scale[colourBands]) : 1f;
        }
      }
      return new RgbaImage(w, h, out);
    }
    int[] row = new int[w];
    for (int y = 0; y < h; y++) {
      img.getRGB(0, y, w, 1, row, 0, w);
      for (int x = 0; x < w; x++) {
        int argb = row[x];
        int o = (y * w + x) * 4;
        out[o] = ((argb >> 16) & 255) / 255f;
        out[o + 1] = ((argb >> 8) & 255) / 255f;
        out[o + 2] = (argb & 255) / 255f;
        out[o + 3] = ((argb >>> 24) & 255) / 255f;
      }
    }
    return new RgbaImage(w, h, out);
  }

  /**
   * This image as an 8-bit {@link BufferedImage#TYPE_INT_ARGB} image (values rounded).
   *
   * @return a new image
   */
  public BufferedImage toImage() {
    BufferedImage img = new BufferedImage(width, height, BufferedImage.TYPE_INT_ARGB);
    int[] row = new int[width];
    for (int y = 0; y < height; y++) {
      for (int x = 0; x < width; x++) {
        int o = (y * width + x) * 4;
        row[x] =
            (byte255(rgba[o + 3]) << 24)
                | (byte255(rgba[o]) << 16)
                | (byte255(rgba[o + 1]) << 8)
                | byte255(rgba[o + 2]);
      }
      img.setRGB(0, y, width, 1, row, 0, width);
    }
    return img;
  }

  static int byte255(double v) {
    return (int) Math.round(Math.max(0, Math.min(1, v)) * 255);
  }

  /**
   * Centre crop (docs/method.md §2.2): {@code top = round((h − th)/2)}, {@code left = round((w −
   * tw)/2)}, rounding half to even as Python does.
   *
   * @param cropWidth target width, at most {@link #width()}
   * @param cropHeight target height, at most {@link #height()}
   * @return the cropped image ({@code this} when nothing is cropped)
   */
  public RgbaImage centerCrop(int cropWidth, int cropHeight) {
    checkArgument(
        cropWidth > 0 && cropHeight > 0 && cropWidth <= width && cropHeight <= height,
        "cannot crop %sx%s out of %sx%s", cropWidth, cropHeight, width, height);
    if (cropWidth == width && cropHeight == height) {
      return this;
    }
    int top = (int) Math.rint((height - cropHeight) / 2.0);
    int left = (int) Math.rint((width - cropWidth) / 2.0);
    float[] out = new float[cropWidth * cropHeight * 4];
    for (int y = 0; y < cropHeight; y++) {
      System.arraycopy(rgba, ((top + y) * width + left) * 4, out, y * cropWidth * 4, cropWidth * 4);
    }
    return new RgbaImage(cropWidth, cropHeight, out);
  }

  /**
   * Resizes so that the shorter side equals {@code side}, aspect preserved (the longer side is
   * rounded to the nearest pixel).
   *
   * @param side the new length of the shorter side
   * @return the resized image ({@code this} when the shorter side already has that length)
   */
  public RgbaImage resizeShorterSide(int side) {
    checkArgument(side > 0, "side must be positive, got %s", side);
    if (Math.min(width, height) == side) {
      return this;
    }
    double scale = (double) side / Math.min(width, height);
    int w = width <= height ? side : Math.max(side, (int) Math.round(width * scale));
    int h = width <= height ? Math.max(side, (int) Math.round(height * scale)) : side;
    return resize(w, h);
  }

  /**
   * Resizes to exactly {@code w × h} with the antialiased triangle filter on premultiplied RGBA.
   * Pixels whose resampled alpha is 0 get RGB 0.
   *
   * @param w new width
   * @param h new height
   * @return the resized image ({@code this} when the size does not change)
   */
  public RgbaImage resize(int w, int h) {
    checkArgument(w > 0 && h > 0, "target size must be positive, got %sx%s", w, h);
    if (w == width && h == height) {
      return this;
    }
    float[] pre = rgba.clone();
    for (int i = 0; i < pre.length; i += 4) {
      float a = pre[i + 3];
      pre[i] *= a;
      pre[i + 1] *= a;
      pre[i + 2] *= a;
    }
    float[] horizontal = w == width ? pre : resample(pre, width, height, w, true);
    float[] both = h == height ? horizontal : resample(horizontal, w, height, h, false);
    for (int i = 0; i < both.length; i += 4) {
      float a = Math.max(0f, Math.min(1f, both[i + 3]));
      both[i + 3] = a;
      if (a > 1e-6f) {
        both[i] = Math.max(0f, Math.min(1f, both[i] / a));
        both[i + 1] = Math.max(0f, Math.min(1f, both[i + 1] / a));
        both[i + 2] = Math.max(0f, Math.min(1f, both[i + 2] / a));
      } else {
        both[i] = 0;
        both[i + 1] = 0;
        both[i + 2] = 0;
      }
    }
    return new RgbaImage(w, h, both);
  }

  /**
   * Separable triangle-filter resampling along one axis. Output pixel {@code o} is centred at
   * input coordinate {@code (o + 0.5) · in/out}; the filter support is {@code max(1, in/out)};
   * taps outside the image are dropped and the remaining weights renormalised.
   */
  private static float[] resample(float[] src, int sw, int sh, int target, boolean horizontal) {
    int inLen = horizontal ? sw : sh;
    int outW = horizontal ? target : sw;
    int outH = horizontal ? sh : target;
    int other = horizontal ? sh : sw;
    float[] out = new float[outW * outH * 4];
    double scale = (double) inLen / target;
    double support = Math.max(1, scale);
    for (int o = 0; o < target; o++) {
      double center = (o + 0.5) * scale;
      int lo = Math.max(0, (int) Math.floor(center - support));
      int hi = Math.min(inLen - 1, (int) Math.ceil(center + support));
      double[] weights = new double[hi - lo + 1];
      double total = 0;
      for (int i = lo; i <= hi; i++) {
        double wgt = Math.max(0, 1 - Math.abs(i + 0.5 - center) / support);
        weights[i - lo] = wgt;
        total += wgt;
      }
      if (total == 0) {
        int nearest = Math.min(hi, Math.max(lo, (int) center));
        weights[nearest - lo] = 1;
        total = 1;
      }
      for (int k = 0; k < weights.length; k++) {
        weights[k] /= total;
      }
      for (int q = 0; q < other; q++) {
        double r = 0;
        double g = 0;
        double b = 0;
        double a = 0;
        for (int i = lo; i <= hi; i++) {
          double wgt = weights[i - lo];
          if (wgt == 0) {
            continue;
          }
          int s = horizontal ? (q * sw + i) * 4 : (i * sw + q) * 4;
          r += wgt * src[s];
          g += wgt * src[s + 1];
          b += wgt * src[s + 2];
          a += wgt * src[s + 3];
        }
        int d = horizontal ? (q * outW + o) * 4 : (o * outW + q) * 4;
        out[d] = (float) r;
        out[d + 1] = (float) g;
        out[d + 2] = (float) b;
        out[d + 3] = (float) a;
      }
    }
    return out;
  }

  /**
   * The geometric steps of docs/method.md §2.2 without normalisation: optional centre crop to
   * {@code cropSize}, resize of the shorter side to {@code size}, centre crop to
   * {@code size × size}.
   *
   * @param cropSize 0 for none; larger than the image keeps the image's side
   * @param size target side
   * @return a {@code size × size} image, values in {@code [0, 1]}
   */
  public RgbaImage squared(int cropSize, int size) {
    checkArgument(cropSize >= 0, "cropSize must be >= 0, got %s", cropSize);
    checkArgument(size > 0, "size must be positive, got %s", size);
    RgbaImage img = this;
    if (cropSize > 0) {
      img = img.centerCrop(Math.min(cropSize, width), Math.min(cropSize, height));
    }
    return img.resizeShorterSide(size).centerCrop(size, size);
  }

  /**
   * The training-time chain of docs/method.md §2.2: {@link #squared} then normalisation (RGB
   * {@code v → 2v − 1}, alpha kept in {@code [0, 1]}).
   *
   * @param cropSize 0 for none
   * @param size target side
   * @return {@code size * size * 4} values, channels last, as in {@link Sample#rgba()}
   */
  public float[] preprocess(int cropSize, int size) {
    RgbaImage img = squared(cropSize, size);
    float[] out = img == this ? rgba.clone() : img.rgba;
    for (int i = 0; i < out.length; i += 4) {
      out[i] = out[i] * 2 - 1;
      out[i + 1] = out[i + 1] * 2 - 1;
      out[i + 2] = out[i + 2] * 2 - 1;
    }
    return out;
  }
}
