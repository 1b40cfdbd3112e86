package io.github.gadn.data;

import static com.google.common.base.Preconditions.checkArgument;

import java.awt.image.BufferedImage;

/**
 * A decoded image as straight (not premultiplied) RGBA floats in {@code [0, 1]}, row-major,
 * channels last, with the preprocessing of spec §2.2: centre crop, antialiased resize of the
 * shorter side, normalisation.
 *
 * @param width width in pixels
 * @param height height in pixels
 * @param rgba {@code width * height * 4} values in {@code [0, 1]}
 */
public record RgbaImage(int width, int height, float[] rgba) {

  /** Checks the array length. */
  public RgbaImage {
    checkArgument(width > 0 && height > 0, "empty image %sx%s", width, height);
    checkArgument(rgba.length == width * height * 4, "rgba length %s for %sx%s", rgba.length, width, height);
  }

  /** Converts any {@link BufferedImage}: grey becomes RGB, no alpha becomes opaque. */
  public static RgbaImage of(BufferedImage img) {
    int w = img.getWidth();
    int h = img.getHeight();
    float[] out = new float[w * h * 4];
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
   * Centre crop (spec §2.2): {@code top = round((h − th)/2)}, {@code left = round((w − tw)/2)},
   * rounding half to even as Python does.
   */
  public RgbaImage centerCrop(int cropWidth, int cropHeight) {
    checkArgument(
        cropWidth <= width && cropHeight <= height,
        "cannot crop %sx%s out of %sx%s", cropWidth, cropHeight, width, height);
    int top = (int) Math.rint((height - cropHeight) / 2.0);
    int left = (int) Math.rint((width - cropWidth) / 2.0);
    float[] out = new float[cropWidth * cropHeight * 4];
    for (int y = 0; y < cropHeight; y++) {
      System.arraycopy(rgba, ((top + y) * width + left) * 4, out, y * cropWidth * 4, cropWidth * 4);
    }
    return new RgbaImage(cropWidth, cropHeight, out);
  }

  /**
   * Resizes so that the shorter side equals {@code side}, aspect preserved. Bilinear with a
   * triangle filter whose support widens with the reduction factor when shrinking (antialiasing
   * like PIL), computed on premultiplied RGBA so transparent pixels do not bleed colour.
   */
  public RgbaImage resizeShorterSide(int side) {
    if (Math.min(width, height) == side) {
      return this;
    }
    double scale = (double) side / Math.min(width, height);
    int w = width <= height ? side : (int) Math.round(width * scale);
    int h = height < width ? side : (int) Math.round(height * scale);
    return resize(w, h);
  }

  /** Resizes to exactly {@code w × h} (see {@link #resizeShorterSide}). */
  public RgbaImage resize(int w, int h) {
    float[] pre = rgba.clone();
    for (int i = 0; i < pre.length; i += 4) {
      pre[i] *= pre[i + 3];
      pre[i + 1] *= pre[i + 3];
      pre[i + 2] *= pre[i + 3];
    }
    float[] horizontal = resample(pre, width, height, w, true);
    float[] both = resample(horizontal, w, height, h, false);
    for (int i = 0; i < both.length; i += 4) {
      float a = both[i + 3];
      if (a > 1e-6f) {
        both[i] = Math.min(1, both[i] / a);
        both[i + 1] = Math.min(1, both[i + 1] / a);
        both[i + 2] = Math.min(1, both[i + 2] / a);
      } else {
        both[i] = 0;
        both[i + 1] = 0;
        both[i + 2] = 0;
      }
    }
    return new RgbaImage(w, h, both);
  }

  /** Separable triangle-filter resampling along one axis. */
  private static float[] resample(float[] src, int sw, int sh, int target, boolean horizontal) {
    int inLen = horizontal ? sw : sh;
    int outW = horizontal ? target : sw;
    int outH = horizontal ? sh : target;
    float[] out = new float[outW * outH * 4];
    double scale = (double) inLen / target;
    double support = Math.max(1, scale);
    for (int o = 0; o < target; o++) {
      double center = (o + 0.5) * scale;
      int lo = (int) Math.floor(center - support);
      int hi = (int) Math.ceil(center + support);
      double[] weights = new double[hi - lo + 1];
      double total = 0;
      for (int i = lo; i <= hi; i++) {
        double d = Math.abs(i + 0.5 - center) / support;
        double wgt = Math.max(0, 1 - d);
        if (i < 0 || i >= inLen) {
          wgt = 0;
        }
        weights[i - lo] = wgt;
        total += wgt;
      }
      if (total == 0) {
        int nearest = Math.min(inLen - 1, Math.max(0, (int) center));
        weights = new double[hi - lo + 1];
        weights[nearest - lo] = 1;
        total = 1;
      }
      for (int k = 0; k < weights.length; k++) {
        weights[k] /= total;
      }
      int other = horizontal ? sh : sw;
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
   * The training-time chain of spec §2.2 from a decoded image: optional centre crop, resize of
   * the shorter side, centre crop to a square, normalisation (RGB {@code 2v − 1}, alpha kept).
   *
   * @param cropSize 0 for none
   * @param size target side
   * @return {@code size * size * 4} values
   */
  public float[] preprocess(int cropSize, int size) {
    RgbaImage img = this;
    if (cropSize > 0) {
      img = img.centerCrop(Math.min(cropSize, width), Math.min(cropSize, height));
    }
    img = img.resizeShorterSide(size).centerCrop(size, size);
    float[] out = img.rgba.clone();
    for (int i = 0; i < out.length; i += 4) {
      out[i] = out[i] * 2 - 1;
      out[i + 1] = out[i + 1] * 2 - 1;
      out[i + 2] = out[i + 2] * 2 - 1;
    }
    return out;
  }
}
