package io.github.gadn.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RecipeTest {

  @Test
  void theDefaultRecipeIsTheCpuOne() {
    assertThat(Recipe.DEFAULT).isEqualTo(Recipe.CPU);
    assertThat(Stage1Config.defaults(28, 10).build().recipe()).isEqualTo(Recipe.CPU);
    assertThat(ClassifierConfig.defaults(28, 10).build().recipe()).isEqualTo(Recipe.CPU);
    assertThat(Stage2Config.defaults(28, "s1", 5).build().recipe()).isEqualTo(Recipe.CPU);
    assertThat(GanConfig.defaults(28).build().recipe()).isEqualTo(Recipe.CPU);
  }

  @Test
  void namesParseCaseInsensitively() {
    assertThat(Recipe.parse("paper")).isEqualTo(Recipe.PAPER);
    assertThat(Recipe.parse("CPU")).isEqualTo(Recipe.CPU);
    assertThat(Recipe.CPU.id()).isEqualTo("cpu");
  }

  @Test
  void anUnknownNameIsRefusedWithTheChoices() {
    assertThatThrownBy(() -> Recipe.parse("fast"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("recipe must be one of paper, cpu, got \"fast\"");
  }

  @Test
  void paperSizesAreTheSpecTable() {
    for (int size : new int[] {16, 28, 64, 128, 256, 400}) {
      assertThat(Recipe.PAPER.sizes(size)).isEqualTo(DefaultSizes.forImageSize(size));
    }
  }

  @Test
  void cpuSizesHalveTheTableAndCapWidthsAt256() {
    DefaultSizes at28 = Recipe.CPU.sizes(28);
    assertThat(at28.features()).containsExactly(32, 64, 128, 256);
    assertThat(at28.contentSize()).isEqualTo(16);
    assertThat(at28.batchSize()).isEqualTo(32);
    assertThat(at28.largeBatchSize()).isEqualTo(32);
    DefaultSizes at64 = Recipe.CPU.sizes(64);
    assertThat(at64.features()).containsExactly(32, 64, 128, 256, 256);
    assertThat(at64.contentSize()).isEqualTo(32);
    assertThat(at64.batchSize()).isEqualTo(16);
    assertThat(Recipe.CPU.sizes(256).batchSize()).isEqualTo(8);
    assertThat(Recipe.CPU.sizes(256).visColumns()).isEqualTo(3);
  }

  @Test
  void paperStage1IsTheOriginalsAt28Pixels() {
    Stage1Config c = Stage1Config.defaults(Recipe.PAPER, 28, 10).build();
    assertThat(c.encoder().features()).containsExactly(64, 128, 256, 512);
    assertThat(c.contentSize()).isEqualTo(64);
    assertThat(c.batchSize()).isEqualTo(64);
    assertThat(c.lr()).isEqualTo(5e-5);
    assertThat(c.styleLr()).isEqualTo(0.005);
    assertThat(c.lrRamp()).isEqualTo(100);
    assertThat(c.claWeight()).isEqualTo(0.2);
    assertThat(c.inkWeights()).isZero();
  }

  @Test
  void cpuStage1() {
    Stage1Config c = Stage1Config.defaults(28, 10).build();
    assertThat(c.encoder().features()).containsExactly(32, 64, 128, 256);
    assertThat(c.generator().features()).containsExactly(32, 64, 128, 256);
    assertThat(c.classifier().features()).containsExactly(32, 64, 128, 256);
    assertThat(c.mlpFeatures()).isEqualTo(256);
    assertThat(c.contentSize()).isEqualTo(16);
    assertThat(c.contentDropout()).isEqualTo(1 - 2.0 / 16);
    assertThat(c.batchSize()).isEqualTo(32);
    assertThat(c.lr()).isEqualTo(1e-3);
    assertThat(c.styleLr()).isEqualTo(0.01);
    assertThat(c.lrRamp()).isEqualTo(50);
    assertThat(c.inkWeights()).isEqualTo(Stage1Config.INK_WEIGHTS_AUTO);
    assertThat(c.conWeight()).isEqualTo(1e-3);
    // what the recipe leaves as in the paper
    Stage1Config paper = Stage1Config.defaults(Recipe.PAPER, 28, 10).build();
    assertThat(paper.conWeight()).isEqualTo(1e-5);
    assertThat(c.styWeight()).isEqualTo(paper.styWeight());
    assertThat(c.transformPenalty()).isEqualTo(paper.transformPenalty());
    // C1's input is not warped; the warp's shape stays the paper's for whoever turns it on
    assertThat(c.augment().enabled()).isFalse();
    assertThat(paper.augment().enabled()).isTrue();
    assertThat(c.augment().toBuilder().enabled(true).build()).isEqualTo(paper.augment());
  }

  @Test
  void paperClassifierStage2AndGanAreTheOriginals() {
    ClassifierConfig cla = ClassifierConfig.defaults(Recipe.PAPER, 256, 1139).build();
    assertThat(cla.lr()).isEqualTo(1e-4);
    assertThat(cla.lrRamp()).isEqualTo(100);
    assertThat(cla.batchSize()).isEqualTo(16);
    assertThat(cla.claBrWeight()).isEqualTo(1);
    Stage2Config s2 = Stage2Config.defaults(Recipe.PAPER, 256, "s1", 20000).build();
    assertThat(s2.lr()).isEqualTo(2e-5);
    assertThat(s2.styleLr()).isEqualTo(0.002);
    assertThat(s2.lrRamp()).isEqualTo(100);
    assertThat(s2.batchSize()).isEqualTo(8);
    assertThat(s2.conWeight()).isEqualTo(0.1);
    assertThat(s2.claWeight()).isEqualTo(1);
    assertThat(s2.forceDis()).isEqualTo(0.8);
    assertThat(s2.forceCla()).isEqualTo(0.6931);
    assertThat(s2.maxDisBatches()).isEqualTo(1000);
    assertThat(s2.emaBeta()).isZero();
    GanConfig gan = GanConfig.defaults(Recipe.PAPER, 256).build();
    assertThat(gan.lr()).isEqualTo(2e-5);
    assertThat(gan.batchSize()).isEqualTo(16);
    assertThat(gan.forceDis()).isEqualTo(0.8);
    assertThat(gan.maxDisBatches()).isEqualTo(1000);
    assertThat(gan.emaBeta()).isZero();
  }

  @Test
  void cpuStage2BoundsTheDiscriminatorLoop() {
    Stage2Config s2 = Stage2Config.defaults(28, "s1", 5).build();
    assertThat(s2.maxDisBatches()).isEqualTo(3);
    assertThat(s2.lr()).isEqualTo(2e-4);
    assertThat(s2.lrRamp()).isEqualTo(20);
    assertThat(s2.batchSize()).isEqualTo(32);
    assertThat(s2.forceDis()).isEqualTo(0.8);
    assertThat(GanConfig.defaults(28).build().maxDisBatches()).isEqualTo(3);
    assertThat(s2.emaBeta()).isEqualTo(0.999);
    assertThat(GanConfig.defaults(28).build().emaBeta()).isEqualTo(0.999);
    ClassifierConfig cla = ClassifierConfig.defaults(28, 10).build();
    assertThat(cla.lr()).isEqualTo(1e-3);
    assertThat(cla.classifier().features()).containsExactly(32, 64, 128, 256);
  }

  @Test
  void recipeAndInkWeightsRoundTripThroughOptions() {
    Stage1Config c = Stage1Config.defaults(28, 10).inkWeights(0.25).build();
    Map<String, Object> m = ConfigMaps.toMap(c);
    assertThat(m).containsEntry("recipe", "cpu").containsEntry("inkWeights", 0.25);
    assertThat(ConfigMaps.stage1(m).build()).isEqualTo(c);
    Stage1Config paper = Stage1Config.defaults(Recipe.PAPER, 28, 10).build();
    assertThat(ConfigMaps.stage1(ConfigMaps.toMap(paper)).build()).isEqualTo(paper);
    ClassifierConfig cla = ClassifierConfig.defaults(28, 10).build();
    assertThat(ConfigMaps.classifier(ConfigMaps.toMap(cla)).build()).isEqualTo(cla);
    Stage2Config s2 = Stage2Config.defaults(28, "s1", 5).build();
    assertThat(ConfigMaps.stage2(ConfigMaps.toMap(s2)).build()).isEqualTo(s2);
    GanConfig gan = GanConfig.defaults(Recipe.PAPER, 28).build();
    assertThat(ConfigMaps.gan(ConfigMaps.toMap(gan)).build()).isEqualTo(gan);
  }

  @Test
  void optionsWrittenBeforeRecipesReadAsPaperWithoutWeightMaps() {
    Stage1Config c = Stage1Config.defaults(Recipe.PAPER, 28, 10).build();
    Map<String, Object> old = new LinkedHashMap<>(ConfigMaps.toMap(c));
    old.remove("recipe");
    old.remove("inkWeights");
    Stage1Config read = ConfigMaps.stage1(old).build();
    assertThat(read.recipe()).isEqualTo(Recipe.PAPER);
    assertThat(read.inkWeights()).isZero();
  }

  @Test
  void optionsWrittenBeforeTheWeightAverageReadWithoutOne() {
    Map<String, Object> s2 = new LinkedHashMap<>(ConfigMaps.toMap(Stage2Config.defaults(28, "s1", 5).build()));
    assertThat(s2).containsEntry("emaBeta", 0.999);
    s2.remove("emaBeta");
    assertThat(ConfigMaps.stage2(s2).build().emaBeta()).isZero();
    Map<String, Object> gan = new LinkedHashMap<>(ConfigMaps.toMap(GanConfig.defaults(28).build()));
    gan.remove("emaBeta");
    assertThat(ConfigMaps.gan(gan).build().emaBeta()).isZero();
  }

  @Test
  void emaBetaOutsideItsRangeIsRefused() {
    assertThatThrownBy(() -> Stage2Config.defaults(28, "s1", 5).emaBeta(1).build())
        .isInstanceOf(ConfigException.class)
        .hasMessage("emaBeta must be in [0, 1) (0 = no weight average), got 1.0");
    assertThatThrownBy(() -> GanConfig.defaults(28).emaBeta(-0.5).build())
        .isInstanceOf(ConfigException.class)
        .hasMessage("emaBeta must be in [0, 1) (0 = no weight average), got -0.5");
  }

  @Test
  void anUnknownRecipeInOptionsIsNamed() {
    Map<String, Object> m = new LinkedHashMap<>(ConfigMaps.toMap(Stage1Config.defaults(28, 10).build()));
    m.put("recipe", "gpu");
    assertThatThrownBy(() -> ConfigMaps.stage1(m))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("recipe must be one of paper, cpu, got \"gpu\"");
  }

  @Test
  void inkWeightsOutsideTheirRangeAreRefused() {
    assertThatThrownBy(() -> Stage1Config.defaults(28, 10).inkWeights(1.5).build())
        .isInstanceOf(ConfigException.class)
        .hasMessage("inkWeights must be 0 (none), a background weight in (0, 1] or -1.0 (auto),"
            + " got 1.5");
  }
}
