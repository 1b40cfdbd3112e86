package io.github.gadn.config;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.gadn.config.NetworkStructure.Kind;
import io.github.gadn.json.Json;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/**
 * Every config type, with every field set to a value other than its default, survives the
 * options-file round trip: {@link ConfigMaps} to a map, {@link Json} to text and back, {@link
 * ConfigMaps} to the config.
 *
 * <p>The fields are the config's public abstract getters, found by reflection, and each one is
 * checked to differ from the default the reader would fall back on (the defaults for the same
 * recipe, image size, ... ). A field added later therefore fails here until the fixture sets it,
 * and then fails the round trip until {@link ConfigMaps} writes and reads it.
 */
class ConfigRoundTripTest {

  // ------------------------------------------------------------------ reflection helpers

  /** The public abstract getters of an AutoValue config class, by name. */
  private static List<Method> fields(Class<?> type) {
    return Arrays.stream(type.getDeclaredMethods())
        .filter(m -> Modifier.isPublic(m.getModifiers()) && Modifier.isAbstract(m.getModifiers()))
        .filter(m -> m.getParameterCount() == 0 && !m.getName().equals("toBuilder"))
        .sorted(Comparator.comparing(Method::getName))
        .toList();
  }

  private static Object get(Method m, Object config) {
    try {
      return m.invoke(config);
    } catch (IllegalAccessException | InvocationTargetException e) {
      throw new AssertionError("cannot read " + m.getName(), e);
    }
  }

  private static final Set<Class<?>> NESTED =
      Set.of(AugmentConfig.class, RunOptions.class, NetworkStructure.class);

  /**
   * Asserts that every field of {@code changed} differs from the same field of {@code reference},
   * looking inside nested configs (augmentation, run options, network structures), except the
   * named fields.
   */
  private static void assertEveryFieldDiffers(
      Class<?> type, Object changed, Object reference, Set<String> except) {
    List<Method> fields = fields(type);
    assertThat(fields).as("getters of %s", type.getSimpleName()).isNotEmpty();
    for (Method m : fields) {
      if (except.contains(m.getName())) {
        continue;
      }
      Object a = get(m, changed);
      Object b = get(m, reference);
      if (NESTED.contains(m.getReturnType())) {
        assertEveryFieldDiffers(m.getReturnType(), a, b, Set.of());
      } else {
        assertThat(a)
            .as("%s.%s is still its default %s", type.getSimpleName(), m.getName(), b)
            .isNotEqualTo(b);
      }
    }
  }

  @SuppressWarnings("unchecked")
  private static Map<String, ?> throughJson(Map<String, Object> map) {
    return (Map<String, ?>) Json.parse(Json.write(map));
  }

  /** Writes, serialises, parses and reads back. */
  private static <C> C roundTrip(
      C config, Function<C, Map<String, Object>> write, Function<Map<String, ?>, C> read) {
    return read.apply(throughJson(write.apply(config)));
  }

  // ------------------------------------------------------------------ fixtures

  private static final RunOptions RUN =
      RunOptions.builder()
          .niter(123)
          .saveIter(7)
          .checkpointIter(70)
          .logIter(5)
          .visualizeIter(3)
          .seed(42)
          .device("/GPU:1")
          .intraOpThreads(2)
          .interOpThreads(3)
          .nloader(4)
          .convKernels(RunOptions.ConvKernels.FORWARD)
          .recompute(false)
          .build();

  private static final AugmentConfig AUGMENT =
      AugmentConfig.builder().enabled(false).maxAngle(30).maxScale(1.5).minMargin(0.3).build();

  private static final NetworkStructure ENCODER =
      NetworkStructure.of(Kind.ENCODER, List.of(8, 16, 32), List.of("cc", "cb", "ff"));

  private static final NetworkStructure GENERATOR =
      NetworkStructure.of(Kind.GENERATOR, List.of(8, 16, 24), List.of("ct", "cn", "fff"));

  private static final NetworkStructure CLASSIFIER =
      NetworkStructure.of(Kind.ENCODER, List.of(4, 8, 16, 40), List.of("c", "cn", "cb", "ff"));

  /** Every stage-1 field changed except {@code mlp}, which excludes a match weight. */
  private static Stage1Config stage1() {
    return Stage1Config.defaults(Recipe.PAPER, 64, 20)
        .contentSize(24)
        .styleSize(12)
        .encoder(ENCODER)
        .generator(GENERATOR)
        .classifier(CLASSIFIER)
        .mlp(false)
        .mlpFeatures(48)
        .mlpLayers(3)
        .batchSize(6)
        .lr(3e-4)
        .styleLr(0.02)
        .lrRamp(7)
        .recWeight(2.5)
        .claWeight(0.7)
        .conWeight(3e-3)
        .styWeight(4e-3)
        .matchWeight(0.01)
        .claBrWeight(0.5)
        .transformPenalty(50)
        .contentDropout(0.9)
        .styleDropout(0.8)
        .inkWeights(0.25)
        .augment(AUGMENT)
        .visRows(3)
        .visCols(4)
        .run(RUN)
        .build();
  }

  // ------------------------------------------------------------------ nested configs

  @Test
  void runOptionsWithEveryFieldChangedRoundTrip() {
    assertEveryFieldDiffers(RunOptions.class, RUN, RunOptions.builder().build(), Set.of());
    assertThat(roundTrip(RUN, ConfigMaps::toMap, ConfigMaps::run)).isEqualTo(RUN);
  }

  @Test
  void everyConvKernelChoiceRoundTrips() {
    for (RunOptions.ConvKernels k : RunOptions.ConvKernels.values()) {
      RunOptions o = RunOptions.builder().convKernels(k).build();
      assertThat(roundTrip(o, ConfigMaps::toMap, ConfigMaps::run)).as("%s", k).isEqualTo(o);
    }
  }

  @Test
  void augmentConfigWithEveryFieldChangedRoundTrips() {
    assertEveryFieldDiffers(AugmentConfig.class, AUGMENT, AugmentConfig.defaults(), Set.of());
    assertThat(roundTrip(AUGMENT, ConfigMaps::toMap, ConfigMaps::augment)).isEqualTo(AUGMENT);
  }

  @Test
  void networkStructuresWithEveryFieldChangedRoundTrip() {
    List<Integer> defaultFeatures = Recipe.PAPER.sizes(64).features();
    assertEveryFieldDiffers(
        NetworkStructure.class, ENCODER, NetworkStructure.defaults(Kind.ENCODER, defaultFeatures),
        Set.of());
    assertEveryFieldDiffers(
        NetworkStructure.class, GENERATOR,
        NetworkStructure.defaults(Kind.GENERATOR, defaultFeatures), Set.of());
    assertThat(
            roundTrip(
                ENCODER, ConfigMaps::toMap, m -> ConfigMaps.structure(m, Kind.ENCODER, "encoder")))
        .isEqualTo(ENCODER);
    assertThat(
            roundTrip(
                GENERATOR,
                ConfigMaps::toMap,
                m -> ConfigMaps.structure(m, Kind.GENERATOR, "generator")))
        .isEqualTo(GENERATOR);
  }

  // ------------------------------------------------------------------ training configs

  @Test
  void stage1ConfigWithEveryFieldChangedRoundTrips() {
    Stage1Config c = stage1();
    Stage1Config reference = Stage1Config.defaults(Recipe.PAPER, 64, 20).build();
    // The arguments of defaults(...) are read first and the reference shares them; mlp is
    // changed in the next test.
    Set<String> except = Set.of("recipe", "imageSize", "classCount", "mlp");
    assertEveryFieldDiffers(Stage1Config.class, c, reference, except);
    assertThat(c.recipe()).isNotEqualTo(Recipe.DEFAULT);
    assertThat(roundTrip(c, ConfigMaps::toMap, m -> ConfigMaps.stage1(m).build())).isEqualTo(c);
  }

  @Test
  void stage1ConfigWithTheMlpClassifierRoundTrips() {
    // mlp = true cannot be combined with a match weight, so it gets its own config.
    Stage1Config c = stage1().toBuilder().mlp(true).matchWeight(0).build();
    assertThat(c.mlp()).isNotEqualTo(Stage1Config.defaults(Recipe.PAPER, 64, 20).build().mlp());
    assertThat(roundTrip(c, ConfigMaps::toMap, m -> ConfigMaps.stage1(m).build())).isEqualTo(c);
  }

  @Test
  void classifierConfigWithEveryFieldChangedRoundTrips() {
    ClassifierConfig c =
        ClassifierConfig.defaults(Recipe.PAPER, 64, 20)
            .classifier(CLASSIFIER)
            .batchSize(6)
            .lr(3e-4)
            .lrRamp(7)
            .claBrWeight(0.5)
            .augment(AUGMENT)
            .run(RUN)
            .build();
    ClassifierConfig reference = ClassifierConfig.defaults(Recipe.PAPER, 64, 20).build();
    assertEveryFieldDiffers(
        ClassifierConfig.class, c, reference, Set.of("recipe", "imageSize", "classCount"));
    assertThat(c.recipe()).isNotEqualTo(Recipe.DEFAULT);
    assertThat(roundTrip(c, ConfigMaps::toMap, m -> ConfigMaps.classifier(m).build()))
        .isEqualTo(c);
  }

  @Test
  void stage2ConfigWithEveryFieldChangedRoundTrips() {
    Stage2Config c =
        Stage2Config.defaults(Recipe.PAPER, 64, "runs/s1", 2000)
            .classifierRun("runs/cla")
            .classifierIter(3000)
            .resetGen(true)
            .resetSty(true)
            .resetDis(true)
            .resetCla(true)
            .batchSize(6)
            .lr(3e-4)
            .styleLr(0.02)
            .lrRamp(7)
            .disWeight(2)
            .claWeight(3)
            .conWeight(0.5)
            .styWeight(4e-3)
            .claFake(false)
            .disBrWeight(0.25)
            .claBrWeight(0.5)
            .genBrWeight(0.75)
            .transformPenalty(50)
            .forceDis(0.6)
            .forceCla(0.5)
            .maxDisBatches(7)
            .styleDropout(0.9)
            .augment(AUGMENT)
            .visRows(3)
            .visCols(4)
            .emaBeta(0.99)
            .run(RUN)
            .build();
    Stage2Config reference = Stage2Config.defaults(Recipe.PAPER, 64, "runs/s1", 2000).build();
    assertEveryFieldDiffers(
        Stage2Config.class, c, reference, Set.of("recipe", "imageSize", "stage1Run", "stage1Iter"));
    assertThat(c.recipe()).isNotEqualTo(Recipe.DEFAULT);
    assertThat(roundTrip(c, ConfigMaps::toMap, m -> ConfigMaps.stage2(m).build())).isEqualTo(c);
  }

  @Test
  void ganConfigWithEveryFieldChangedRoundTrips() {
    GanConfig c =
        GanConfig.defaults(Recipe.PAPER, 64)
            .noiseSize(24)
            .generator(GENERATOR)
            .discriminator(CLASSIFIER)
            .batchSize(6)
            .lr(3e-4)
            .lrRamp(7)
            .disBrWeight(0.25)
            .genBrWeight(0.75)
            .transformPenalty(50)
            .forceDis(0.6)
            .maxDisBatches(7)
            .augment(AUGMENT)
            .visCols(4)
            .emaBeta(0.99)
            .run(RUN)
            .build();
    GanConfig reference = GanConfig.defaults(Recipe.PAPER, 64).build();
    assertEveryFieldDiffers(GanConfig.class, c, reference, Set.of("recipe", "imageSize"));
    assertThat(c.recipe()).isNotEqualTo(Recipe.DEFAULT);
    assertThat(roundTrip(c, ConfigMaps::toMap, m -> ConfigMaps.gan(m).build())).isEqualTo(c);
  }

  @Test
  void optionsKeysAreExactlyTheGetterNames() {
    Map<Class<?>, Map<String, Object>> written =
        Map.of(
            Stage1Config.class, ConfigMaps.toMap(stage1()),
            ClassifierConfig.class,
                ConfigMaps.toMap(ClassifierConfig.defaults(Recipe.PAPER, 64, 20).build()),
            Stage2Config.class,
                ConfigMaps.toMap(Stage2Config.defaults(Recipe.PAPER, 64, "runs/s1", 2000).build()),
            GanConfig.class, ConfigMaps.toMap(GanConfig.defaults(Recipe.PAPER, 64).build()),
            RunOptions.class, ConfigMaps.toMap(RUN),
            AugmentConfig.class, ConfigMaps.toMap(AUGMENT),
            NetworkStructure.class, ConfigMaps.toMap(ENCODER));
    written.forEach(
        (type, map) ->
            assertThat(map.keySet())
                .as("keys written for %s", type.getSimpleName())
                .containsExactlyInAnyOrderElementsOf(
                    fields(type).stream().map(Method::getName).toList()));
  }
}
