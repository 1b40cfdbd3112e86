package io.github.gadn.tensorflow.train;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.gadn.config.ClassifierConfig;
import io.github.gadn.config.DefaultSizes;
import io.github.gadn.config.NetworkStructure;
import io.github.gadn.config.NetworkStructure.Kind;
import io.github.gadn.config.Recipe;
import io.github.gadn.config.Stage1Config;
import io.github.gadn.config.Stage2Config;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Which structures a fresh stage 2 inherits from the stage-1 and classifier runs, and which fall
 * back to the recipe's defaults (docs/method.md §7.1). No training: the resolution alone.
 */
class Stage2ResolveTest {
  private static final int SIZE = 16;
  private static final int CLASSES = 5;
  private static final NetworkStructure CUSTOM_CLASSIFIER =
      NetworkStructure.of(Kind.ENCODER, List.of(8, 8, 8), List.of("c", "c", "f"));
  private static final NetworkStructure CUSTOM_GENERATOR =
      NetworkStructure.of(Kind.GENERATOR, List.of(8, 8, 8), List.of("c", "c", "f"));
  private static final Stage1Config STAGE1 =
      Stage1Config.defaults(SIZE, CLASSES)
          .generator(CUSTOM_GENERATOR)
          .classifier(CUSTOM_CLASSIFIER)
          .styleSize(3)
          .build();
  private static final ClassifierConfig CLASSIFIER_RUN =
      ClassifierConfig.defaults(SIZE, CLASSES).classifier(CUSTOM_CLASSIFIER).build();
  private static final NetworkStructure DEFAULT_CLASSIFIER =
      NetworkStructure.defaults(Kind.ENCODER, Recipe.DEFAULT.sizes(SIZE).features());

  private static Stage2Config.Builder stage2() {
    return Stage2Config.defaults(SIZE, "stage1", 1);
  }

  @Test
  void c2AndDTakeTheClassifierRunsStructure() {
    Stage2Run.Resolved r = Stage2Run.resolve(stage2().build(), STAGE1, CLASSIFIER_RUN);
    assertThat(r.classifier()).isEqualTo(CUSTOM_CLASSIFIER);
    assertThat(r.discriminator()).isEqualTo(CUSTOM_CLASSIFIER);
  }

  @Test
  void resetClaGivesC2TheDefaultStructureAndKeepsD() {
    Stage2Run.Resolved r =
        Stage2Run.resolve(stage2().resetCla(true).build(), STAGE1, CLASSIFIER_RUN);
    assertThat(r.classifier()).isEqualTo(DEFAULT_CLASSIFIER).isNotEqualTo(CUSTOM_CLASSIFIER);
    assertThat(r.discriminator()).isEqualTo(CUSTOM_CLASSIFIER);
  }

  @Test
  void resetDisGivesDTheDefaultStructureAndKeepsC2() {
    Stage2Run.Resolved r =
        Stage2Run.resolve(stage2().resetDis(true).build(), STAGE1, CLASSIFIER_RUN);
    assertThat(r.classifier()).isEqualTo(CUSTOM_CLASSIFIER);
    assertThat(r.discriminator()).isEqualTo(DEFAULT_CLASSIFIER);
  }

  @Test
  void withoutAClassifierRunBothAreDefaults() {
    Stage2Run.Resolved r = Stage2Run.resolve(stage2().build(), STAGE1, null);
    assertThat(r.classifier()).isEqualTo(DEFAULT_CLASSIFIER);
    assertThat(r.discriminator()).isEqualTo(DEFAULT_CLASSIFIER);
  }

  @Test
  void generatorAndStyleSizeComeFromStage1() {
    Stage2Run.Resolved r = Stage2Run.resolve(stage2().resetSty(true).build(), STAGE1, null);
    assertThat(r.generator()).isEqualTo(CUSTOM_GENERATOR);
    assertThat(r.styleSize()).isEqualTo(3);
    assertThat(r.encoder()).isEqualTo(STAGE1.encoder());
  }

  @Test
  void resetGenGivesTheDefaultGeneratorAndResettingBothTheDefaultStyleSize() {
    Stage2Run.Resolved gen = Stage2Run.resolve(stage2().resetGen(true).build(), STAGE1, null);
    assertThat(gen.generator())
        .isEqualTo(NetworkStructure.defaults(Kind.GENERATOR, Recipe.DEFAULT.sizes(SIZE).features()));
    assertThat(gen.styleSize()).isEqualTo(3);
    Stage2Run.Resolved both =
        Stage2Run.resolve(stage2().resetGen(true).resetSty(true).build(), STAGE1, null);
    assertThat(both.styleSize()).isEqualTo(DefaultSizes.styleSize(CLASSES)).isNotEqualTo(3);
    assertThat(both.styleDropout()).isEqualTo(DefaultSizes.dropoutBase(both.styleSize()));
  }
}
