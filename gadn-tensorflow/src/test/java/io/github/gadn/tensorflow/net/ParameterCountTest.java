package io.github.gadn.tensorflow.net;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.gadn.config.DefaultSizes;
import io.github.gadn.config.NetworkStructure;
import io.github.gadn.config.NetworkStructure.Kind;
import io.github.gadn.tensorflow.nn.Nn;
import io.github.gadn.tensorflow.nn.ParamStore;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.tensorflow.Graph;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/** Parameter counts of the default networks against docs/method.md §3.14. */
class ParameterCountTest {

  private static long[] counts(int imageSize, int classes, int styleSize, boolean paper, int cc) {
    try (Graph g = new Graph()) {
      Ops tf = Ops.create(g);
      ParamStore store = new ParamStore(tf);
      Nn<TFloat32> nn = new Nn<>(tf, TFloat32.class, store, 1);
      List<Integer> f = DefaultSizes.forImageSize(imageSize).features();
      NetworkStructure enc =
          paper ? NetworkStructure.paper(Kind.ENCODER, f) : NetworkStructure.defaults(Kind.ENCODER, f);
      NetworkStructure gen =
          paper
              ? NetworkStructure.paper(Kind.GENERATOR, f)
              : NetworkStructure.defaults(Kind.GENERATOR, f);
      new EncoderNet<>(nn.sub("enc"), enc, imageSize, cc);
      new GeneratorNet<>(nn.sub("gen"), gen, imageSize, cc, styleSize);
      new ClassifierNet<>(nn.sub("cla"), enc, imageSize, classes);
      new ClassifierNet<>(nn.sub("dis"), enc, imageSize, 1);
      double[] prior = new double[classes];
      java.util.Arrays.fill(prior, 1.0 / classes);
      new StyleBankNet<>(nn.sub("sty"), prior, styleSize);
      return new long[] {
        store.countTrainable("enc/"),
        store.countTrainable("gen/"),
        store.countTrainable("cla/"),
        store.countTrainable("dis/"),
        store.countTrainable("sty/")
      };
    }
  }

  @Test
  void defaultNetworksAt256PixelsMatchTheSpec() {
    long[] n = counts(256, 1139, DefaultSizes.styleSize(1139), false, 512);
    assertThat(n).containsExactly(78_299_168L, 77_802_708L, 78_550_931L, 76_219_169L, 583_168L);
  }

  @Test
  void paperNetworksAt256PixelsMatchTheSpec() {
    long[] n = counts(256, 1139, 256, true, 256);
    assertThat(new long[] {n[0], n[1], n[2]})
        .containsExactly(73_049_952L, 73_075_916L, 74_346_835L);
  }

  @Test
  void defaultNetworksAt32PixelsMatchTheSpec() {
    long[] n = counts(32, 10, 10, false, 64);
    assertThat(new long[] {n[0], n[1], n[2]}).containsExactly(4_714_688L, 4_696_212L, 4_657_738L);
  }
}
