package io.github.gadn.tensorflow.train;

import io.github.gadn.config.ClassifierConfig;
import io.github.gadn.data.Batch;
import io.github.gadn.tensorflow.loss.Losses;
import io.github.gadn.tensorflow.net.ClassifierNet;
import io.github.gadn.tensorflow.nn.AlphaMask;
import io.github.gadn.tensorflow.nn.AugmentWarp;
import io.github.gadn.tensorflow.nn.Nn;
import io.github.gadn.tensorflow.nn.ParamStore;
import io.github.gadn.tensorflow.nn.Pass;
import io.github.gadn.tensorflow.optim.Adam;
import io.github.gadn.tensorflow.optim.Gate;
import java.util.ArrayList;
import java.util.List;
import org.tensorflow.Operand;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Op;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;

/**
 * Classifier pre-training (docs/method.md §6) as one graph: {@code L = CE(C2(aug(am(x))), a) +
 * λ_cbr·BR}, one Adam step (eps 1e-4) per {@code Session.run}. Also an accuracy fetch for
 * evaluation.
 */
final class ClassifierGraph {
  static final List<String> LOGGED = List.of("cla", "cla-br", "acc");

  final ParamStore store;
  final Placeholder<TFloat32> images;
  final Placeholder<TInt32> labels;
  final Placeholder<TFloat32> augment;
  final Placeholder<TFloat32> lr;
  final List<Operand<TFloat32>> logged = new ArrayList<>();
  final Op step;

  ClassifierGraph(Ops tf, ClassifierConfig config, long seed) {
    int n = config.batchSize();
    int r = config.imageSize();
    store = new ParamStore(tf);
    Nn<TFloat32> nn =
        new Nn<>(tf, TFloat32.class, store, seed).withForwardConvs(GraphSession.forwardConvs(config.run()));
    ClassifierNet<TFloat32> cla =
        new ClassifierNet<>(nn.sub("cla"), config.classifier(), r, config.classCount());
    images = tf.withName("images").placeholder(TFloat32.class, Placeholder.shape(Shape.of(n, r, r, 4)));
    labels = tf.withName("labels").placeholder(TInt32.class, Placeholder.shape(Shape.of(n)));
    augment =
        tf.withName("augment")
            .placeholder(TFloat32.class, Placeholder.shape(Shape.of(n, AugmentWarp.PARAMS)));
    lr = tf.withName("lr").placeholder(TFloat32.class, Placeholder.shape(Shape.scalar()));

    boolean br = config.claBrWeight() > 0;
    Pass<TFloat32> pass = br ? Pass.withBatchReg() : Pass.plain();
    Operand<TFloat32> input =
        AugmentWarp.applyIfEnabled(
            nn, AlphaMask.apply(nn, images), augment, r, 4, config.augment());
    Operand<TFloat32> logProbs = cla.apply(input, pass);
    Operand<TFloat32> ce = Losses.crossEntropy(nn, logProbs, labels);
    Operand<TFloat32> brLoss = pass.brLoss(nn);
    Operand<TFloat32> accuracy =
        nn.meanAll(
            tf.dtypes.cast(
                tf.math.equal(tf.math.argMax(logProbs, tf.constant(1), TInt32.class), labels),
                TFloat32.class));
    logged.add(ce);
    logged.add(brLoss);
    logged.add(accuracy);
    List<ParamStore.Param> params =
        store.select(p -> p.trainable() && (br || !p.name().contains("/br/")));
    List<Operand<TFloat32>> typed =
        Grads.of(tf, nn.add(ce, nn.mul(brLoss, config.claBrWeight())), params);
    Gate gate = new Gate(tf).after(typed).after(logged);
    step = new Adam<>(nn.sub("opt/cla"), params, 0.9, 0.999, 1e-4).step(gate.ops(), typed, lr);
  }

  double[] train(Session session, Batch batch, double[] augmentParams, double lrValue) {
    int n = batch.size();
    int r = batch.imageSize();
    try (Feeds feeds = new Feeds(session)) {
      feeds
          .floats(images, batch.rgba(), n, r, r, 4)
          .ints(labels, batch.labels())
          .floats(augment, augmentParams, n, AugmentWarp.PARAMS)
          .scalar(lr, lrValue);
      logged.forEach(feeds.runner()::fetch);
      feeds.runner().addTarget(step);
      try (Result result = feeds.run()) {
        double[] out = new double[logged.size()];
        for (int i = 0; i < out.length; i++) {
          out[i] = Feeds.scalar(result.get(i));
        }
        return out;
      }
    }
  }
}
