package io.github.gadn.config;

import com.google.common.collect.ImmutableList;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Converts configs to and from plain maps (strings, numbers, booleans, lists, maps) for the {@code
 * options.json} of a run folder (docs/method.md §9.1). Reading names the missing or malformed key.
 */
public final class ConfigMaps {
  private ConfigMaps() {}

  /** Keys of {@link Stage1Config} that define the networks and cannot change when resuming. */
  public static final List<String> STAGE1_STRUCTURAL =
      List.of(
          "imageSize", "classCount", "contentSize", "styleSize", "encoder", "generator",
          "classifier", "mlp", "mlpFeatures", "mlpLayers", "visRows", "visCols");

  /** The config as a map. */
  public static Map<String, Object> toMap(Stage1Config c) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("recipe", c.recipe().id());
    m.put("imageSize", c.imageSize());
    m.put("classCount", c.classCount());
    m.put("contentSize", c.contentSize());
    m.put("styleSize", c.styleSize());
    m.put("encoder", toMap(c.encoder()));
    m.put("generator", toMap(c.generator()));
    m.put("classifier", toMap(c.classifier()));
    m.put("mlp", c.mlp());
    m.put("mlpFeatures", c.mlpFeatures());
    m.put("mlpLayers", c.mlpLayers());
    m.put("batchSize", c.batchSize());
    m.put("lr", c.lr());
    m.put("styleLr", c.styleLr());
    m.put("lrRamp", c.lrRamp());
    m.put("recWeight", c.recWeight());
    m.put("claWeight", c.claWeight());
    m.put("conWeight", c.conWeight());
    m.put("styWeight", c.styWeight());
    m.put("matchWeight", c.matchWeight());
    m.put("claBrWeight", c.claBrWeight());
    m.put("transformPenalty", c.transformPenalty());
    m.put("contentDropout", c.contentDropout());
    m.put("styleDropout", c.styleDropout());
    m.put("inkWeights", c.inkWeights());
    m.put("augment", toMap(c.augment()));
    m.put("visRows", c.visRows());
    m.put("visCols", c.visCols());
    m.put("run", toMap(c.run()));
    return m;
  }

  /**
   * Reads a stage-1 config written by {@link #toMap(Stage1Config)}.
   *
   * @throws IllegalArgumentException naming the missing or malformed key
   */
  public static Stage1Config.Builder stage1(Map<String, ?> m) {
    Reader r = new Reader(m, "options");
    return Stage1Config.defaults(recipe(r), r.integer("imageSize"), r.integer("classCount"))
        .contentSize(r.integer("contentSize"))
        .styleSize(r.integer("styleSize"))
        .encoder(structure(r.map("encoder"), NetworkStructure.Kind.ENCODER, "encoder"))
        .generator(structure(r.map("generator"), NetworkStructure.Kind.GENERATOR, "generator"))
        .classifier(structure(r.map("classifier"), NetworkStructure.Kind.ENCODER, "classifier"))
        .mlp(r.bool("mlp"))
        .mlpFeatures(r.integer("mlpFeatures"))
        .mlpLayers(r.integer("mlpLayers"))
        .batchSize(r.integer("batchSize"))
        .lr(r.number("lr"))
        .styleLr(r.number("styleLr"))
        .lrRamp(r.integer("lrRamp"))
        .recWeight(r.number("recWeight"))
        .claWeight(r.number("claWeight"))
        .conWeight(r.number("conWeight"))
        .styWeight(r.number("styWeight"))
        .matchWeight(r.number("matchWeight"))
        .claBrWeight(r.number("claBrWeight"))
        .transformPenalty(r.number("transformPenalty"))
        .contentDropout(r.number("contentDropout"))
        .styleDropout(r.number("styleDropout"))
        // absent in runs written before weight maps were part of the config: none
        .inkWeights(m.containsKey("inkWeights") ? r.number("inkWeights") : 0)
        .augment(augment(r.map("augment")))
        .visRows(r.integer("visRows"))
        .visCols(r.integer("visCols"))
        .run(run(r.map("run")));
  }

  /** Keys of {@link ClassifierConfig} that cannot change when resuming. */
  public static final List<String> CLASSIFIER_STRUCTURAL =
      List.of("imageSize", "classCount", "classifier");

  /** The config as a map. */
  public static Map<String, Object> toMap(ClassifierConfig c) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("recipe", c.recipe().id());
    m.put("imageSize", c.imageSize());
    m.put("classCount", c.classCount());
    m.put("classifier", toMap(c.classifier()));
    m.put("batchSize", c.batchSize());
    m.put("lr", c.lr());
    m.put("lrRamp", c.lrRamp());
    m.put("claBrWeight", c.claBrWeight());
    m.put("augment", toMap(c.augment()));
    m.put("run", toMap(c.run()));
    return m;
  }

  /**
   * Reads a classifier config written by {@link #toMap(ClassifierConfig)}.
   *
   * @throws IllegalArgumentException naming the missing or malformed key
   */
  public static ClassifierConfig.Builder classifier(Map<String, ?> m) {
    Reader r = new Reader(m, "options");
    return ClassifierConfig.defaults(recipe(r), r.integer("imageSize"), r.integer("classCount"))
        .classifier(structure(r.map("classifier"), NetworkStructure.Kind.ENCODER, "classifier"))
        .batchSize(r.integer("batchSize"))
        .lr(r.number("lr"))
        .lrRamp(r.integer("lrRamp"))
        .claBrWeight(r.number("claBrWeight"))
        .augment(augment(r.map("augment")))
        .run(run(r.map("run")));
  }

  /** Keys of {@link Stage2Config} that cannot change when resuming. */
  public static final List<String> STAGE2_STRUCTURAL =
      List.of("imageSize", "stage1Run", "stage1Iter", "classifierRun", "classifierIter",
          "visRows", "visCols");

  /** The config as a map. */
  public static Map<String, Object> toMap(Stage2Config c) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("recipe", c.recipe().id());
    m.put("imageSize", c.imageSize());
    m.put("stage1Run", c.stage1Run());
    m.put("stage1Iter", c.stage1Iter());
    m.put("classifierRun", c.classifierRun());
    m.put("classifierIter", c.classifierIter());
    m.put("resetGen", c.resetGen());
    m.put("resetSty", c.resetSty());
    m.put("resetDis", c.resetDis());
    m.put("resetCla", c.resetCla());
    m.put("batchSize", c.batchSize());
    m.put("lr", c.lr());
    m.put("styleLr", c.styleLr());
    m.put("lrRamp", c.lrRamp());
    m.put("disWeight", c.disWeight());
    m.put("claWeight", c.claWeight());
    m.put("conWeight", c.conWeight());
    m.put("styWeight", c.styWeight());
    m.put("claFake", c.claFake());
    m.put("disBrWeight", c.disBrWeight());
    m.put("claBrWeight", c.claBrWeight());
    m.put("genBrWeight", c.genBrWeight());
    m.put("transformPenalty", c.transformPenalty());
    m.put("forceDis", c.forceDis());
    m.put("forceCla", c.forceCla());
    m.put("maxDisBatches", c.maxDisBatches());
    m.put("styleDropout", c.styleDropout());
    m.put("augment", toMap(c.augment()));
    m.put("visRows", c.visRows());
    m.put("visCols", c.visCols());
    m.put("emaBeta", c.emaBeta());
    m.put("run", toMap(c.run()));
    return m;
  }

  /**
   * Reads a stage-2 config written by {@link #toMap(Stage2Config)}.
   *
   * @throws IllegalArgumentException naming the missing or malformed key
   */
  public static Stage2Config.Builder stage2(Map<String, ?> m) {
    Reader r = new Reader(m, "options");
    return Stage2Config.defaults(
            recipe(r), r.integer("imageSize"), r.string("stage1Run"), r.longValue("stage1Iter"))
        .classifierRun(r.string("classifierRun"))
        .classifierIter(r.longValue("classifierIter"))
        .resetGen(r.bool("resetGen"))
        .resetSty(r.bool("resetSty"))
        .resetDis(r.bool("resetDis"))
        .resetCla(r.bool("resetCla"))
        .batchSize(r.integer("batchSize"))
        .lr(r.number("lr"))
        .styleLr(r.number("styleLr"))
        .lrRamp(r.integer("lrRamp"))
        .disWeight(r.number("disWeight"))
        .claWeight(r.number("claWeight"))
        .conWeight(r.number("conWeight"))
        .styWeight(r.number("styWeight"))
        .claFake(r.bool("claFake"))
        .disBrWeight(r.number("disBrWeight"))
        .claBrWeight(r.number("claBrWeight"))
        .genBrWeight(r.number("genBrWeight"))
        .transformPenalty(r.number("transformPenalty"))
        .forceDis(r.number("forceDis"))
        .forceCla(r.number("forceCla"))
        .maxDisBatches(r.integer("maxDisBatches"))
        .styleDropout(r.number("styleDropout"))
        .augment(augment(r.map("augment")))
        .visRows(r.integer("visRows"))
        .visCols(r.integer("visCols"))
        .emaBeta(emaBeta(r))
        .run(run(r.map("run")));
  }

  /** Keys of {@link GanConfig} that cannot change when resuming. */
  public static final List<String> GAN_STRUCTURAL =
      List.of("imageSize", "noiseSize", "generator", "discriminator", "visCols");

  /** The config as a map. */
  public static Map<String, Object> toMap(GanConfig c) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("recipe", c.recipe().id());
    m.put("imageSize", c.imageSize());
    m.put("noiseSize", c.noiseSize());
    m.put("generator", toMap(c.generator()));
    m.put("discriminator", toMap(c.discriminator()));
    m.put("batchSize", c.batchSize());
    m.put("lr", c.lr());
    m.put("lrRamp", c.lrRamp());
    m.put("disBrWeight", c.disBrWeight());
    m.put("genBrWeight", c.genBrWeight());
    m.put("transformPenalty", c.transformPenalty());
    m.put("forceDis", c.forceDis());
    m.put("maxDisBatches", c.maxDisBatches());
    m.put("augment", toMap(c.augment()));
    m.put("visCols", c.visCols());
    m.put("emaBeta", c.emaBeta());
    m.put("run", toMap(c.run()));
    return m;
  }

  /**
   * Reads a GAN config written by {@link #toMap(GanConfig)}.
   *
   * @throws IllegalArgumentException naming the missing or malformed key
   */
  public static GanConfig.Builder gan(Map<String, ?> m) {
    Reader r = new Reader(m, "options");
    return GanConfig.defaults(recipe(r), r.integer("imageSize"))
        .noiseSize(r.integer("noiseSize"))
        .generator(structure(r.map("generator"), NetworkStructure.Kind.GENERATOR, "generator"))
        .discriminator(
            structure(r.map("discriminator"), NetworkStructure.Kind.ENCODER, "discriminator"))
        .batchSize(r.integer("batchSize"))
        .lr(r.number("lr"))
        .lrRamp(r.integer("lrRamp"))
        .disBrWeight(r.number("disBrWeight"))
        .genBrWeight(r.number("genBrWeight"))
        .transformPenalty(r.number("transformPenalty"))
        .forceDis(r.number("forceDis"))
        .maxDisBatches(r.integer("maxDisBatches"))
        .augment(augment(r.map("augment")))
        .visCols(r.integer("visCols"))
        .emaBeta(emaBeta(r))
        .run(run(r.map("run")));
  }

  /** The {@code emaBeta} key; runs written before it existed kept no weight average (0). */
  private static double emaBeta(Reader r) {
    return r.map().containsKey("emaBeta") ? r.number("emaBeta") : 0;
  }

  /**
   * The {@code recipe} key; runs written before recipes existed used the paper's defaults, and
   * every field they hold is read from the file anyway.
   */
  private static Recipe recipe(Reader r) {
    return r.map().containsKey("recipe") ? Recipe.parse(r.string("recipe")) : Recipe.PAPER;
  }

  /** A network structure as a map. */
  public static Map<String, Object> toMap(NetworkStructure s) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("features", new ArrayList<>(s.features()));
    m.put("blocks", new ArrayList<>(s.blocks()));
    return m;
  }

  static NetworkStructure structure(Map<String, ?> m, NetworkStructure.Kind kind, String where) {
    Reader r = new Reader(m, where);
    List<Integer> features = new ArrayList<>();
    for (Object o : r.list("features")) {
      if (!(o instanceof Number n) || n.doubleValue() != Math.rint(n.doubleValue())) {
        throw new IllegalArgumentException(where + ".features must hold integers, got " + o);
      }
      features.add(n.intValue());
    }
    List<String> blocks = new ArrayList<>();
    for (Object o : r.list("blocks")) {
      blocks.add(String.valueOf(o));
    }
    try {
      return NetworkStructure.of(kind, ImmutableList.copyOf(features), blocks);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(where + ": " + e.getMessage(), e);
    }
  }

  /** Augmentation options as a map. */
  public static Map<String, Object> toMap(AugmentConfig a) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("enabled", a.enabled());
    m.put("maxAngle", a.maxAngle());
    m.put("maxScale", a.maxScale());
    m.put("minMargin", a.minMargin());
    return m;
  }

  static AugmentConfig augment(Map<String, ?> m) {
    Reader r = new Reader(m, "augment");
    return AugmentConfig.builder()
        .enabled(r.bool("enabled"))
        .maxAngle(r.number("maxAngle"))
        .maxScale(r.number("maxScale"))
        .minMargin(r.number("minMargin"))
        .build();
  }

  /** Run options as a map. */
  public static Map<String, Object> toMap(RunOptions o) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("niter", o.niter());
    m.put("saveIter", o.saveIter());
    m.put("checkpointIter", o.checkpointIter());
    m.put("logIter", o.logIter());
    m.put("visualizeIter", o.visualizeIter());
    m.put("seed", o.seed());
    m.put("device", o.device());
    m.put("intraOpThreads", o.intraOpThreads());
    m.put("interOpThreads", o.interOpThreads());
    m.put("nloader", o.nloader());
    m.put("convKernels", o.convKernels().name().toLowerCase(java.util.Locale.ROOT));
    m.put("recompute", o.recompute());
    return m;
  }

  static RunOptions run(Map<String, ?> m) {
    Reader r = new Reader(m, "run");
    RunOptions.Builder b = RunOptions.builder();
    if (m.containsKey("convKernels")) { // absent in runs written before it existed
      b.convKernels(convKernels(r.string("convKernels")));
    }
    if (m.containsKey("recompute")) { // absent in runs written before it existed
      b.recompute(r.bool("recompute"));
    }
    return b
        .niter(r.longValue("niter"))
        .saveIter(r.longValue("saveIter"))
        .checkpointIter(r.longValue("checkpointIter"))
        .logIter(r.longValue("logIter"))
        .visualizeIter(r.longValue("visualizeIter"))
        .seed(r.longValue("seed"))
        .device(r.string("device"))
        .intraOpThreads(r.integer("intraOpThreads"))
        .interOpThreads(r.integer("interOpThreads"))
        .nloader(r.integer("nloader"))
        .build();
  }

  /**
   * Parses {@code auto}, {@code forward} or {@code engine}.
   *
   * @throws IllegalArgumentException naming the value
   */
  public static RunOptions.ConvKernels convKernels(String value) {
    for (RunOptions.ConvKernels k : RunOptions.ConvKernels.values()) {
      if (k.name().equalsIgnoreCase(value)) {
        return k;
      }
    }
    throw new IllegalArgumentException(
        "convKernels must be auto, forward or engine, got \"" + value + "\"");
  }

  /** Typed access to a map that names the key in every error. */
  private record Reader(Map<String, ?> map, String where) {
    Object get(String key) {
      Object v = map.get(key);
      if (v == null) {
        throw new IllegalArgumentException(where + " has no value for \"" + key + "\"");
      }
      return v;
    }

    double number(String key) {
      Object v = get(key);
      if (!(v instanceof Number n)) {
        throw new IllegalArgumentException(where + "." + key + " must be a number, got " + v);
      }
      return n.doubleValue();
    }

    long longValue(String key) {
      double d = number(key);
      if (d != Math.rint(d)) {
        throw new IllegalArgumentException(where + "." + key + " must be an integer, got " + d);
      }
      return (long) d;
    }

    int integer(String key) {
      return Math.toIntExact(longValue(key));
    }

    boolean bool(String key) {
      Object v = get(key);
      if (!(v instanceof Boolean b)) {
        throw new IllegalArgumentException(where + "." + key + " must be true or false, got " + v);
      }
      return b;
    }

    String string(String key) {
      return String.valueOf(get(key));
    }

    @SuppressWarnings("unchecked")
    Map<String, ?> map(String key) {
      Object v = get(key);
      if (!(v instanceof Map)) {
        throw new IllegalArgumentException(where + "." + key + " must be an object, got " + v);
      }
      return (Map<String, ?>) v;
    }

    List<?> list(String key) {
      Object v = get(key);
      if (!(v instanceof List<?> l)) {
        throw new IllegalArgumentException(where + "." + key + " must be a list, got " + v);
      }
      return l;
    }
  }
}
