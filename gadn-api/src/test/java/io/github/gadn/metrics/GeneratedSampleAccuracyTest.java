package io.github.gadn.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.github.gadn.Classifier;
import io.github.gadn.CodeBatch;
import io.github.gadn.ContentDistribution;
import io.github.gadn.Encoder;
import io.github.gadn.GadnModel;
import io.github.gadn.GaussianCodes;
import io.github.gadn.Generator;
import io.github.gadn.ImageBatch;
import io.github.gadn.StyleTable;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/**
 * {@link GeneratedSampleAccuracy} on a hand-made model whose images are the style code written into
 * pixel 0 and the content code into pixel 1, judged by classifiers that read those pixels.
 */
class GeneratedSampleAccuracyTest {
  private static final int SIZE = 4;
  private static final int K = 5;

  /** Class k's style is the one-dimensional code k / 10; content is one standard normal number. */
  static final class FakeModel implements GadnModel {
    @Override
    public Encoder encoder() {
      throw new UnsupportedOperationException("not used by the metric");
    }

    @Override
    public Generator generator() {
      return new Generator() {
        @Override
        public int imageSize() {
          return SIZE;
        }

        @Override
        public int contentSize() {
          return 1;
        }

        @Override
        public int styleSize() {
          return 1;
        }

        @Override
        public ImageBatch generate(CodeBatch content, CodeBatch style) {
          float[] rgb = new float[content.count() * SIZE * SIZE * 3];
          for (int n = 0; n < content.count(); n++) {
            rgb[n * SIZE * SIZE * 3] = style.get(n, 0);
            rgb[n * SIZE * SIZE * 3 + 3] = content.get(n, 0);
          }
          return ImageBatch.fromRgb(content.count(), SIZE, rgb);
        }
      };
    }

    @Override
    public StyleTable styles() {
      return new StyleTable() {
        @Override
        public List<String> classNames() {
          return List.of("a", "b", "c", "d", "e");
        }

        @Override
        public int styleSize() {
          return 1;
        }

        @Override
        public GaussianCodes styles(int... which) {
          float[] mean = new float[which.length];
          for (int i = 0; i < which.length; i++) {
            mean[i] = which[i] / 10f;
          }
          return new GaussianCodes(
              CodeBatch.of(which.length, 1, mean), CodeBatch.zeros(which.length, 1));
        }
      };
    }

    @Override
    public Optional<ContentDistribution> contentDistribution() {
      return Optional.of(new ContentDistribution() {
        @Override
        public int dimension() {
          return 1;
        }

        @Override
        public double[] mean() {
          return new double[] {0};
        }

        @Override
        public double[] std() {
          return new double[] {1};
        }

        @Override
        public double[] dimensionWeight() {
          return new double[] {1};
        }

        @Override
        public CodeBatch sample(int count, long seed) {
          SplittableRandom random = new SplittableRandom(seed);
          float[] v = new float[count];
          for (int i = 0; i < count; i++) {
            v[i] = (float) random.nextGaussian();
          }
          return CodeBatch.of(count, 1, v);
        }
      });
    }

    @Override
    public void close() {}
  }

  /** A classifier whose prediction is a function of each image's pixel values. */
  static Classifier judge(int size, int classes, Function<float[], Integer> rule) {
    return new Classifier() {
      @Override
      public int imageSize() {
        return size;
      }

      @Override
      public List<String> classNames() {
        List<String> names = new ArrayList<>();
        for (int k = 0; k < classes; k++) {
          names.add("c" + k);
        }
        return names;
      }

      @Override
      public float[] logProbabilities(ImageBatch images) {
        float[] lp = new float[images.count() * classes];
        Arrays.fill(lp, -10f);
        for (int n = 0; n < images.count(); n++) {
          lp[n * classes + rule.apply(images.image(n))] = 0f;
        }
        return lp;
      }

      @Override
      public void close() {}
    };
  }

  private static int styleOf(float[] rgba) {
    return Math.round(rgba[0] * 10);
  }

  @Test
  void aClassifierThatReadsTheStyleScoresOne() {
    GeneratedSampleScores s = GeneratedSampleAccuracy.evaluate("G", new FakeModel(),
        new int[] {3, 300, 7, 0, 290}, Map.of("reader", judge(SIZE, K, GeneratedSampleAccuracyTest::styleOf)), 1);
    assertThat(s.samples()).isEqualTo(600);
    assertThat(s.classes()).isEqualTo(K);
    assertThat(s.accuracy("reader")).isEqualTo(1.0);
    assertThat(s.chance()).isEqualTo(0.2);
  }

  @Test
  void eachClassIsDrawnExactlyItsCountTimes() {
    int[] counts = {3, 300, 7, 0, 290};
    int[] seen = new int[K];
    Classifier recorder = judge(SIZE, K, rgba -> {
      seen[styleOf(rgba)]++;
      return 0;
    });
    GeneratedSampleScores s =
        GeneratedSampleAccuracy.evaluate("G", new FakeModel(), counts, Map.of("recorder", recorder), 1);
    assertThat(seen).containsExactly(counts);
    // Always answering class 0 is right exactly for the samples of class 0.
    assertThat(s.accuracy("recorder")).isCloseTo(3.0 / 600, within(1e-12));
  }

  @Test
  void everyClassifierIsReportedInOrder() {
    Map<String, Classifier> judges = new LinkedHashMap<>();
    judges.put("adversarial", judge(SIZE, K, rgba -> 1));
    judges.put("reader", judge(SIZE, K, GeneratedSampleAccuracyTest::styleOf));
    GeneratedSampleScores s =
        GeneratedSampleAccuracy.evaluate("G", new FakeModel(), new int[] {10, 10, 10, 10, 10}, judges, 1);
    assertThat(s.accuracyByClassifier().keySet()).containsExactly("adversarial", "reader");
    assertThat(s.accuracy("adversarial")).isEqualTo(0.2);
    assertThat(s.accuracy("reader")).isEqualTo(1.0);
  }

  private static List<Float> contentsSeen(long seed) {
    List<Float> seen = new ArrayList<>();
    Classifier recorder = judge(SIZE, K, rgba -> {
      seen.add(rgba[4]);
      return rgba[4] > 0 ? 1 : 0;
    });
    GeneratedSampleAccuracy.evaluate("G", new FakeModel(), new int[] {300, 300, 0, 0, 0},
        Map.of("r", recorder), seed);
    return seen;
  }

  @Test
  void contentCodesFollowTheSeed() {
    List<Float> a = contentsSeen(7);
    assertThat(contentsSeen(7)).isEqualTo(a);
    assertThat(contentsSeen(8)).isNotEqualTo(a);
    // Chunks of 256 get different codes, not the same codes again.
    assertThat(a.subList(256, 300)).isNotEqualTo(a.subList(0, 44));
    // Codes are independent of the class: judging by their sign is right half of the time.
    long right = 0;
    for (int i = 0; i < 600; i++) {
      right += (a.get(i) > 0 ? 1 : 0) == (i < 300 ? 0 : 1) ? 1 : 0;
    }
    assertThat(right / 600.0).isCloseTo(0.5, within(0.08));
  }

  @Test
  void refusesAClassifierOfAnotherClassCount() {
    assertThatThrownBy(() -> GeneratedSampleAccuracy.evaluate("G", new FakeModel(),
            new int[] {1, 1, 1, 1, 1}, Map.of("small", judge(SIZE, 3, rgba -> 0)), 1))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("classifier small has 3 classes but the generator's style table 5");
  }

  @Test
  void refusesAClassifierOfAnotherImageSize() {
    assertThatThrownBy(() -> GeneratedSampleAccuracy.evaluate("G", new FakeModel(),
            new int[] {1, 1, 1, 1, 1}, Map.of("big", judge(8, K, rgba -> 0)), 1))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("classifier big expects 8-px images but the generator draws 4 px");
  }

  @Test
  void refusesCountsOfAnotherLength() {
    assertThatThrownBy(() -> GeneratedSampleAccuracy.evaluate("G", new FakeModel(),
            new int[] {1, 1}, Map.of("r", judge(SIZE, K, rgba -> 0)), 1))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("classCounts has 2 entries but the model has 5 classes");
  }

  @Test
  void refusesNoSamples() {
    assertThatThrownBy(() -> GeneratedSampleAccuracy.evaluate("G", new FakeModel(),
            new int[5], Map.of("r", judge(SIZE, K, rgba -> 0)), 1))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("classCounts must ask for at least one sample");
  }

  @Test
  void realImagesAreJudgedAgainstTheirLabels() throws Exception {
    io.github.gadn.data.LabelledDataset data =
        io.github.gadn.data.synth.SyntheticHandwriting.generate(3, 10, 28, 1).dataset("digit");
    Map<Integer, Integer> labelOf = new java.util.HashMap<>();
    for (int i = 0; i < data.size(); i++) {
      labelOf.put(Arrays.hashCode(data.sample(i).rgba()), data.label(i));
    }
    Map<String, Classifier> judges = new LinkedHashMap<>();
    judges.put("knows", judge(28, 10, rgba -> labelOf.get(Arrays.hashCode(rgba))));
    judges.put("zero", judge(28, 10, rgba -> 0));
    GeneratedSampleScores s = GeneratedSampleAccuracy.realImages("real", data, judges);
    assertThat(s.samples()).isEqualTo(300); // more than one chunk of 256
    assertThat(s.accuracy("knows")).isEqualTo(1.0);
    assertThat(s.accuracy("zero")).isEqualTo(data.classCounts()[0] / 300.0);
  }

  @Test
  void realImagesRefuseAClassifierOfAnotherSize() {
    io.github.gadn.data.LabelledDataset data =
        io.github.gadn.data.synth.SyntheticHandwriting.generate(1, 1, 28, 1).dataset("digit");
    assertThatThrownBy(() -> GeneratedSampleAccuracy.realImages("real", data,
            Map.of("small", judge(SIZE, 10, rgba -> 0))))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("classifier small expects 4-px images of 10 classes but data");
  }
}
