package io.github.gadn.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class Stage1ConfigTest {

  @Test
  void defaultsFollowTheSpecAt256Pixels() {
    Stage1Config c = Stage1Config.defaults(Recipe.PAPER, 256, 1139).build();
    assertThat(c.encoder().features()).containsExactly(32, 64, 128, 256, 512, 1024, 2048);
    assertThat(c.encoder().blocks()).containsExactly("cc", "cbc", "cbc", "cbc", "cbc", "cbc", "f");
    assertThat(c.generator().blocks()).containsExactly("tc", "cbc", "cbc", "cbc", "cbc", "cbc", "f");
    assertThat(c.contentSize()).isEqualTo(512);
    assertThat(c.styleSize()).isEqualTo(256);
    assertThat(c.batchSize()).isEqualTo(8);
    assertThat(c.visCols()).isEqualTo(3);
    assertThat(c.visRows()).isEqualTo(6);
    assertThat(c.lr()).isEqualTo(5e-5);
    assertThat(c.styleLr()).isEqualTo(0.005);
    assertThat(c.claWeight()).isEqualTo(0.2);
    assertThat(c.conWeight()).isEqualTo(1e-5);
    assertThat(c.styWeight()).isEqualTo(1e-5);
    assertThat(c.matchWeight()).isZero();
    assertThat(c.claBrWeight()).isZero();
    assertThat(c.transformPenalty()).isEqualTo(100);
    assertThat(c.contentDropout()).isEqualTo(1 - 2.0 / 512);
    assertThat(c.styleDropout()).isEqualTo(1 - 2.0 / 256);
    assertThat(c.mlpFeatures()).isEqualTo(2048);
    assertThat(c.mlpLayers()).isEqualTo(10);
    assertThat(c.lrRamp()).isEqualTo(100);
    assertThat(c.augment()).isEqualTo(AugmentConfig.defaults());
    assertThat(c.run().niter()).isEqualTo(1_000_000);
    assertThat(c.run().checkpointIter()).isEqualTo(20_000);
  }

  @Test
  void styleSizeRule() {
    assertThat(DefaultSizes.styleSize(1139)).isEqualTo(256);
    assertThat(DefaultSizes.styleSize(10)).isEqualTo(10);
    assertThat(DefaultSizes.styleSize(3579)).isEqualTo(256);
    assertThat(DefaultSizes.styleSize(100)).isEqualTo(25);
    assertThat(DefaultSizes.styleSize(40)).isEqualTo(16);
  }

  @Test
  void sizeTableRows() {
    assertThat(DefaultSizes.forImageSize(28).features()).containsExactly(64, 128, 256, 512);
    assertThat(DefaultSizes.forImageSize(28).batchSize()).isEqualTo(64);
    assertThat(DefaultSizes.forImageSize(64).largeBatchSize()).isEqualTo(64);
    assertThat(DefaultSizes.forImageSize(16).contentSize()).isEqualTo(32);
    assertThat(DefaultSizes.forImageSize(400).features()).hasSize(8);
  }

  @Test
  void sizeSchedule() {
    assertThat(SizeSchedule.levelSizes(28, 3)).containsExactly(14, 8, 4);
    assertThat(SizeSchedule.levelSizes(42, 4)).containsExactly(22, 12, 6, 3);
    assertThat(SizeSchedule.levelSizes(256, 6)).containsExactly(128, 64, 32, 16, 8, 4);
    assertThat(SizeSchedule.padsAndTop(42, 4)).containsExactly(1, 1, 0, 0, 3);
  }

  @Test
  void oddImageSizeIsRejected() {
    assertThatThrownBy(() -> Stage1Config.defaults(Recipe.PAPER, 33, 10))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("image size must be even, got 33");
  }

  @Test
  void tooFewClassesAreRejected() {
    assertThatThrownBy(() -> Stage1Config.defaults(Recipe.PAPER, 32, 0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("class count must be at least 2, got 0");
  }

  @Test
  void negativeWeightsAreRejectedByName() {
    assertThatThrownBy(() -> Stage1Config.defaults(Recipe.PAPER, 32, 10).claWeight(-1).build())
        .hasMessageContaining("claWeight must be >= 0, got -1.0");
    assertThatThrownBy(() -> Stage1Config.defaults(Recipe.PAPER, 32, 10).recWeight(-0.5).build())
        .hasMessageContaining("recWeight must be >= 0");
  }

  @Test
  void dropoutOutsideTheUnitIntervalIsRejected() {
    assertThatThrownBy(() -> Stage1Config.defaults(Recipe.PAPER, 32, 10).contentDropout(0).build())
        .hasMessageContaining("contentDropout must be in (0, 1]");
  }

  @Test
  void batchOfOneIsRejected() {
    assertThatThrownBy(() -> Stage1Config.defaults(Recipe.PAPER, 32, 10).batchSize(1).build())
        .hasMessageContaining("batchSize must be at least 2");
  }

  @Test
  void mlpWithMatchLossIsRejected() {
    assertThatThrownBy(() -> Stage1Config.defaults(Recipe.PAPER, 32, 10).mlp(true).matchWeight(0.1).build())
        .hasMessageContaining("matchWeight > 0 cannot be combined with mlp = true");
  }

  @Test
  void malformedBlockStringsNameTheEntry() {
    assertThatThrownBy(
            () ->
                NetworkStructure.of(
                    NetworkStructure.Kind.ENCODER, List.of(8, 16, 32), List.of("cc", "bc", "f")))
        .hasMessageContaining("blocks[1] = \"bc\"");
    assertThatThrownBy(
            () ->
                NetworkStructure.of(
                    NetworkStructure.Kind.ENCODER, List.of(8, 16, 32), List.of("cc", "f")))
        .hasMessageContaining("blocks needs one string per features entry (3), got 2");
  }

  @Test
  void mapRoundTripKeepsEveryField() {
    Stage1Config c =
        Stage1Config.defaults(Recipe.PAPER, 32, 10)
            .claWeight(0.3)
            .mlp(true)
            .augment(AugmentConfig.builder().enabled(false).build())
            .run(RunOptions.builder().niter(77).seed(9).device("/GPU:1").recompute(false).build())
            .build();
    assertThat(ConfigMaps.stage1(ConfigMaps.toMap(c)).build()).isEqualTo(c);
  }

  @Test
  void stageOneRecomputesByDefault() {
    assertThat(RunOptions.builder().build().recompute()).isTrue();
  }

  @Test
  void aRunWrittenBeforeTheRecomputeOptionReadsAsRecomputing() {
    Stage1Config c =
        Stage1Config.defaults(Recipe.PAPER, 32, 10).run(RunOptions.builder().recompute(false).build()).build();
    var m = new java.util.LinkedHashMap<String, Object>(ConfigMaps.toMap(c));
    @SuppressWarnings("unchecked")
    var run = new java.util.LinkedHashMap<String, Object>((java.util.Map<String, Object>) m.get("run"));
    run.remove("recompute");
    m.put("run", run);
    assertThat(ConfigMaps.stage1(m).build().run().recompute()).isTrue();
  }

  @Test
  void mapWithMissingKeyNamesIt() {
    var m = new java.util.LinkedHashMap<>(ConfigMaps.toMap(Stage1Config.defaults(Recipe.PAPER, 32, 10).build()));
    m.remove("lr");
    assertThatThrownBy(() -> ConfigMaps.stage1(m)).hasMessageContaining("has no value for \"lr\"");
  }
}
