package io.github.gadn.tensorflow.infer;

import io.github.gadn.config.NetworkStructure;
import io.github.gadn.tensorflow.net.EncoderNet;
import io.github.gadn.tensorflow.net.GeneratorNet;
import io.github.gadn.tensorflow.net.StyleBankNet;
import io.github.gadn.tensorflow.nn.AlphaMask;
import io.github.gadn.tensorflow.nn.Nn;
import io.github.gadn.tensorflow.nn.ParamStore;
import io.github.gadn.tensorflow.nn.Pass;
import java.util.Arrays;
import java.util.List;
import org.tensorflow.Operand;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;

/**
 * The inference graph of a trained model: {@code E}, {@code G} and {@code S} with named, feedable
 * inputs (NHWC images, codes, labels) and named outputs. {@link TfModel} computes with it, and
 * {@link SavedModelExport} builds the same graph (plus the transfer path) for a SavedModel.
 */
final class ModelGraph {

  /**
   * What defines a model's graph.
   *
   * @param encoder {@code E}'s structure
   * @param generator {@code G}'s structure
   * @param imageSize image side {@code R}
   * @param contentSize {@code Cc}
   * @param styleSize {@code Cs}
   * @param classNames the style classes in label order
   */
  record Spec(
      NetworkStructure encoder,
      NetworkStructure generator,
      int imageSize,
      int contentSize,
      int styleSize,
      List<String> classNames) {
    Spec {
      classNames = List.copyOf(classNames);
    }
  }

  final ParamStore store;
  /** {@code images}: float32 {@code [N, R, R, 4]}, RGB in [-1, 1] and alpha in [0, 1]. */
  final Placeholder<TFloat32> images;
  /** {@code content_mean}: {@code [N, Cc]}. */
  final Operand<TFloat32> mean;
  /** {@code content_std}: {@code [N, Cc]}. */
  final Operand<TFloat32> std;
  /** {@code content}: float32 {@code [N, Cc]}. */
  final Placeholder<TFloat32> content;
  /** {@code style}: float32 {@code [N, Cs]}. */
  final Placeholder<TFloat32> style;
  /** {@code generated}: {@code [N, R, R, 3]} in (-1, 1). */
  final Operand<TFloat32> generated;
  /** {@code style_label}: int32 {@code [N]}. */
  final Placeholder<TInt32> labels;
  /** {@code style_mean}: {@code [N, Cs]}. */
  final Operand<TFloat32> styleMean;
  /** {@code style_std}: {@code [N, Cs]}. */
  final Operand<TFloat32> styleStd;
  /**
   * {@code transferred}: {@code G} of the content mean of {@code images} and the style mean of
   * {@code style_label}, {@code [N, R, R, 3]}; {@code null} unless built with the transfer path.
   */
  final Operand<TFloat32> transferred;

  /**
   * Builds the networks' variables (unassigned) and the inference ops in {@code tf}'s graph.
   *
   * @param forwardConvs whether convolutions use forward kernels only ({@code Nn.withForwardConvs})
   * @param withTransfer whether to add the transfer path ({@link #transferred})
   */
  ModelGraph(Ops tf, Spec spec, boolean forwardConvs, boolean withTransfer) {
    int r = spec.imageSize();
    store = new ParamStore(tf);
    Nn<TFloat32> nn = new Nn<>(tf, TFloat32.class, store, 0).withForwardConvs(forwardConvs);
    EncoderNet<TFloat32> enc =
        new EncoderNet<>(nn.sub("enc"), spec.encoder(), r, spec.contentSize());
    GeneratorNet<TFloat32> gen =
        new GeneratorNet<>(nn.sub("gen"), spec.generator(), r, spec.contentSize(), spec.styleSize());
    StyleBankNet<TFloat32> sty =
        new StyleBankNet<>(nn.sub("sty"), uniform(spec.classNames().size()), spec.styleSize());
    images = tf.withName("images")
        .placeholder(TFloat32.class, Placeholder.shape(Shape.of(-1, r, r, 4)));
    EncoderNet.Posterior<TFloat32> post = enc.apply(AlphaMask.apply(nn, images));
    mean = tf.withName("content_mean").identity(post.mean());
    std = tf.withName("content_std").identity(post.std());
    content = tf.withName("content")
        .placeholder(TFloat32.class, Placeholder.shape(Shape.of(-1, spec.contentSize())));
    style = tf.withName("style")
        .placeholder(TFloat32.class, Placeholder.shape(Shape.of(-1, spec.styleSize())));
    generated = tf.withName("generated")
        .identity(gen.apply(content, style, null, null, Pass.plain()));
    labels = tf.withName("style_label").placeholder(TInt32.class, Placeholder.shape(Shape.of(-1)));
    StyleBankNet.Normalized<TFloat32> looked = sty.lookup(sty.normalized(), labels);
    styleMean = tf.withName("style_mean").identity(looked.mean());
    styleStd = tf.withName("style_std").identity(looked.std());
    transferred = withTransfer
        ? tf.withName("transferred")
            .identity(gen.apply(mean, styleMean, null, null, Pass.plain()))
        : null;
  }

  /** The class frequencies of the style bank's buffer before the checkpoint's values replace them. */
  private static double[] uniform(int k) {
    double[] p = new double[k];
    Arrays.fill(p, 1.0 / k);
    return p;
  }
}
