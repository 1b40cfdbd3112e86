package io.github.gadn.metrics;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;

import com.google.common.collect.ImmutableList;
import io.github.gadn.json.Json;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * The metrics of one or more encoders side by side (e.g. GADN and a VAE baseline, as in the
 * paper's tables 4–7), written as {@code metrics.json} ({@link #toJson()}) and as Markdown tables
 * ({@link #toMarkdown()}).
 *
 * <h2>{@code metrics.json}</h2>
 *
 * <pre>{@code
 * {
 *   "format": "gadn-metrics",
 *   "version": 1,
 *   "encoders": {
 *     "GADN": {
 *       "samples": 402953,
 *       "dimension": 48,
 *       "k": {
 *         "2": {
 *           "dims": 2,
 *           "wholeSetDistance": 1.2505,
 *           "byLabel": {
 *             "writer": {
 *               "classes": 3579,
 *               "meanDistance": 1.2487,      average distance to the class centre
 *               "nbMeanProb": 0.000293,      naive Bayes: mean posterior of the correct class
 *               "nbMeanRank": 1608.0,        mean rank of the correct class (1 = best)
 *               "nbTop1": 0.000454,          top-1 accuracy
 *               "chanceDistance": 1.2505,    = wholeSetDistance
 *               "chanceProb": 0.000279,      1/K
 *               "chanceProbPrior": ...,      Σ π_c² (empirical priors)
 *               "chanceRank": 1790.0,        (K+1)/2
 *               "chanceTop1": 0.000279,      1/K
 *               "chanceTop1Prior": ...,      Σ π_c²
 *               "chanceTop1Majority": ...    max π_c
 *             },
 *             "digit": { ... }
 *           }
 *         },
 *         "8": { ... },
 *         "all": { ... }
 *       }
 *     },
 *     "VAE": { ... }
 *   },
 *   "generated": {                       only with generated-sample scores (docs/method.md §10.5)
 *     "GADN stage 2": {
 *       "samples": 106814,
 *       "classes": 1139,
 *       "chance": 0.000878,              1/K
 *       "accuracy": { "stage-2 C2": 0.1437, "pre-trained": 0.8665 }
 *     }
 *   },
 *   "reconstruction": {                  only with reconstruction errors
 *     "GADN": { "images": 2000, "error": 0.21, "blankError": 0.62, "ratio": 0.34 }
 *   }
 * }
 * }</pre>
 *
 * Key order is stable (encoders in insertion order, then {@code "2"}, {@code "8"}, {@code "all"},
 * then labellings in the order given). Counts are JSON integers, metrics JSON numbers with full
 * {@code double} precision.
 */
public final class MetricsReport {
  /** Value of the {@code "format"} key. */
  public static final String FORMAT = "gadn-metrics";

  /** Value of the {@code "version"} key. */
  public static final int VERSION = 1;

  private static final String DASH = "—";

  private final ImmutableList<EncoderScores> encoders;
  private final ImmutableList<GeneratedSampleScores> generated;
  private final ImmutableList<ReconstructionScores> reconstructions;

  private MetricsReport(
      List<EncoderScores> encoders,
      List<GeneratedSampleScores> generated,
      List<ReconstructionScores> reconstructions) {
    this.encoders = ImmutableList.copyOf(encoders);
    this.generated = ImmutableList.copyOf(generated);
    this.reconstructions = ImmutableList.copyOf(reconstructions);
  }

  /**
   * A report of the given encoders, in this order.
   *
   * @param encoders at least one, with distinct names
   * @return the report
   */
  public static MetricsReport of(EncoderScores... encoders) {
    checkNotNull(encoders, "encoders");
    return of(List.of(encoders));
  }

  /**
   * A report of the given encoders, in this order.
   *
   * @param encoders at least one, with distinct names
   * @return the report
   */
  public static MetricsReport of(List<EncoderScores> encoders) {
    checkNotNull(encoders, "encoders");
    checkArgument(!encoders.isEmpty(), "encoders must hold at least one encoder");
    Set<String> names = new HashSet<>();
    for (EncoderScores e : encoders) {
      checkNotNull(e, "encoders holds null");
      checkArgument(names.add(e.encoder()), "encoders has the name %s twice", e.encoder());
    }
    return new MetricsReport(encoders, List.of(), List.of());
  }

  /**
   * This report with one more encoder at the end.
   *
   * @param scores the encoder's scores, under a name not yet in the report
   * @return the new report
   */
  public MetricsReport with(EncoderScores scores) {
    List<EncoderScores> all = new ArrayList<>(encoders);
    all.add(checkNotNull(scores, "scores"));
    return new MetricsReport(of(all).encoders, generated, reconstructions);
  }

  /**
   * This report with one more generator's generated-sample accuracies at the end (docs/method.md
   * §10.5).
   *
   * @param scores the generator's scores, under a name not yet in the report
   * @return the new report
   */
  public MetricsReport with(GeneratedSampleScores scores) {
    checkNotNull(scores, "scores");
    for (GeneratedSampleScores g : generated) {
      checkArgument(
          !g.generator().equals(scores.generator()), "generated has the name %s twice",
          scores.generator());
    }
    List<GeneratedSampleScores> all = new ArrayList<>(generated);
    all.add(scores);
    return new MetricsReport(encoders, all, reconstructions);
  }

  /**
   * This report with one more model's reconstruction error at the end.
   *
   * @param scores the model's scores, under a name not yet in the report's reconstructions
   * @return the new report
   */
  public MetricsReport with(ReconstructionScores scores) {
    checkNotNull(scores, "scores");
    for (ReconstructionScores r : reconstructions) {
      checkArgument(
          !r.model().equals(scores.model()), "reconstructions has the name %s twice", scores.model());
    }
    List<ReconstructionScores> all = new ArrayList<>(reconstructions);
    all.add(scores);
    return new MetricsReport(encoders, generated, all);
  }

  /** The reconstruction errors, in report order (empty if none were added). */
  public List<ReconstructionScores> reconstructions() {
    return reconstructions;
  }

  /** The generated-sample accuracies, in report order (empty if none were added). */
  public List<GeneratedSampleScores> generated() {
    return generated;
  }

  /** The encoders, in report order. */
  public List<EncoderScores> encoders() {
    return encoders;
  }

  /**
   * One encoder's scores.
   *
   * @param name its display name
   * @return the scores
   * @throws IllegalArgumentException if there is no such encoder
   */
  public EncoderScores encoder(String name) {
    for (EncoderScores e : encoders) {
      if (e.encoder().equals(name)) {
        return e;
      }
    }
    throw new IllegalArgumentException("encoder " + name + " not in the report");
  }

  // ------------------------------------------------------------------------------------------
  // JSON

  /**
   * The report as a JSON tree of ordered maps, numbers and strings (see the class comment).
   *
   * @return the tree, ready for {@link Json#write}
   */
  public Map<String, Object> toJsonTree() {
    Map<String, Object> root = new LinkedHashMap<>();
    root.put("format", FORMAT);
    root.put("version", VERSION);
    Map<String, Object> encs = new LinkedHashMap<>();
    for (EncoderScores e : encoders) {
      Map<String, Object> enc = new LinkedHashMap<>();
      enc.put("samples", e.samples());
      enc.put("dimension", e.dimension());
      Map<String, Object> ks = new LinkedHashMap<>();
      for (TruncationScores t : e.byK().values()) {
        Map<String, Object> k = new LinkedHashMap<>();
        k.put("dims", t.dims());
        k.put("wholeSetDistance", t.wholeSetDistance());
        Map<String, Object> labels = new LinkedHashMap<>();
        for (LabelScores s : t.byLabel().values()) {
          Map<String, Object> l = new LinkedHashMap<>();
          ChanceLevels c = s.chance();
          l.put("classes", c.classes());
          l.put("meanDistance", s.meanDistance());
          l.put("nbMeanProb", s.naiveBayes().meanProb());
          l.put("nbMeanRank", s.naiveBayes().meanRank());
          l.put("nbTop1", s.naiveBayes().top1());
          l.put("chanceDistance", s.chanceDistance());
          l.put("chanceProb", c.uniform());
          l.put("chanceProbPrior", c.prior());
          l.put("chanceRank", c.rank());
          l.put("chanceTop1", c.uniform());
          l.put("chanceTop1Prior", c.prior());
          l.put("chanceTop1Majority", c.majority());
          labels.put(s.label(), l);
        }
        k.put("byLabel", labels);
        ks.put(t.key(), k);
      }
      enc.put("k", ks);
      encs.put(e.encoder(), enc);
    }
    root.put("encoders", encs);
    if (!generated.isEmpty()) {
      Map<String, Object> gens = new LinkedHashMap<>();
      for (GeneratedSampleScores g : generated) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("samples", g.samples());
        m.put("classes", g.classes());
        m.put("chance", g.chance());
        m.put("accuracy", new LinkedHashMap<String, Object>(g.accuracyByClassifier()));
        gens.put(g.generator(), m);
      }
      root.put("generated", gens);
    }
    if (!reconstructions.isEmpty()) {
      Map<String, Object> recs = new LinkedHashMap<>();
      for (ReconstructionScores r : reconstructions) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("images", r.images());
        m.put("error", r.error());
        m.put("blankError", r.blankError());
        m.put("ratio", r.ratio());
        recs.put(r.model(), m);
      }
      root.put("reconstruction", recs);
    }
    return root;
  }

  /**
   * The report as {@code metrics.json} text (see the class comment).
   *
   * @return indented JSON ending with a newline
   */
  public String toJson() {
    return Json.write(toJsonTree());
  }

  /**
   * Reads a report written by {@link #toJson()}.
   *
   * @param json the text
   * @return the report
   * @throws IllegalArgumentException if the text is not JSON or lacks a key, naming it
   */
  public static MetricsReport fromJson(String json) {
    checkNotNull(json, "json");
    Map<String, Object> root = object(Json.parse(json), "the top level");
    checkArgument(FORMAT.equals(root.get("format")), "format must be \"%s\", got %s", FORMAT,
        root.get("format"));
    List<EncoderScores> list = new ArrayList<>();
    for (Map.Entry<String, Object> e : object(root.get("encoders"), "encoders").entrySet()) {
      String where = "encoders." + e.getKey();
      Map<String, Object> enc = object(e.getValue(), where);
      Map<String, TruncationScores> byK = new LinkedHashMap<>();
      for (Map.Entry<String, Object> ke : object(enc.get("k"), where + ".k").entrySet()) {
        String kw = where + ".k." + ke.getKey();
        Map<String, Object> k = object(ke.getValue(), kw);
        double whole = number(k, "wholeSetDistance", kw);
        Map<String, LabelScores> byLabel = new LinkedHashMap<>();
        for (Map.Entry<String, Object> le :
            object(k.get("byLabel"), kw + ".byLabel").entrySet()) {
          String lw = kw + ".byLabel." + le.getKey();
          Map<String, Object> l = object(le.getValue(), lw);
          ChanceLevels chance = new ChanceLevels((int) number(l, "classes", lw),
              number(l, "chanceProb", lw), number(l, "chanceProbPrior", lw),
              number(l, "chanceRank", lw), number(l, "chanceTop1Majority", lw));
          NaiveBayesScores nb = new NaiveBayesScores(number(l, "nbMeanProb", lw),
              number(l, "nbMeanRank", lw), number(l, "nbTop1", lw));
          byLabel.put(le.getKey(), new LabelScores(le.getKey(), number(l, "meanDistance", lw),
              nb, chance, number(l, "chanceDistance", lw)));
        }
        byK.put(ke.getKey(),
            new TruncationScores(ke.getKey(), (int) number(k, "dims", kw), whole, byLabel));
      }
      list.add(new EncoderScores(e.getKey(), (int) number(enc, "samples", where),
          (int) number(enc, "dimension", where), byK));
    }
    MetricsReport report = of(list);
    if (root.containsKey("generated")) {
      for (Map.Entry<String, Object> e : object(root.get("generated"), "generated").entrySet()) {
        String where = "generated." + e.getKey();
        Map<String, Object> g = object(e.getValue(), where);
        Map<String, Double> accuracy = new LinkedHashMap<>();
        Map<String, Object> judged = object(g.get("accuracy"), where + ".accuracy");
        for (String judge : judged.keySet()) {
          accuracy.put(judge, number(judged, judge, where + ".accuracy"));
        }
        report = report.with(new GeneratedSampleScores(e.getKey(), (int) number(g, "samples", where),
            (int) number(g, "classes", where), accuracy));
      }
    }
    if (root.containsKey("reconstruction")) {
      for (Map.Entry<String, Object> e :
          object(root.get("reconstruction"), "reconstruction").entrySet()) {
        String where = "reconstruction." + e.getKey();
        Map<String, Object> r = object(e.getValue(), where);
        report = report.with(new ReconstructionScores(e.getKey(), (int) number(r, "images", where),
            number(r, "error", where), number(r, "blankError", where)));
      }
    }
    return report;
  }

  /**
   * Reads {@code metrics.json}.
   *
   * @param path the file
   * @return the report
   * @throws IOException if the file cannot be read
   */
  public static MetricsReport read(Path path) throws IOException {
    checkNotNull(path, "path");
    return fromJson(Files.readString(path, StandardCharsets.UTF_8));
  }

  /**
   * Writes {@link #toJson()} to a file (UTF-8), creating parent folders.
   *
   * @param path the file, normally {@code metrics.json}
   * @throws IOException if it cannot be written
   */
  public void writeJson(Path path) throws IOException {
    write(path, toJson());
  }

  /**
   * Writes {@link #toMarkdown()} to a file (UTF-8), creating parent folders.
   *
   * @param path the file, normally {@code metrics.md}
   * @throws IOException if it cannot be written
   */
  public void writeMarkdown(Path path) throws IOException {
    write(path, toMarkdown());
  }

  private static void write(Path path, String text) throws IOException {
    checkNotNull(path, "path");
    Path parent = path.toAbsolutePath().getParent();
    if (parent != null) {
      Files.createDirectories(parent);
    }
    Files.writeString(path, text, StandardCharsets.UTF_8);
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> object(Object o, String where) {
    checkArgument(o instanceof Map, "%s must be a JSON object, got %s", where, o);
    return (Map<String, Object>) o;
  }

  private static double number(Map<String, Object> m, String key, String where) {
    Object o = m.get(key);
    checkArgument(o instanceof Number, "%s.%s must be a number, got %s", where, key, o);
    return ((Number) o).doubleValue();
  }

  // ------------------------------------------------------------------------------------------
  // Markdown

  /**
   * The report as Markdown, in the layout of the paper's tables: one table of average distances
   * to the class centre (rows: {@code k} × encoder; columns: by each labelling, whole set) and one
   * of naive-Bayes scores (mean posterior, mean rank, top-1 for each labelling), followed by the
   * chance levels. A {@code k} cell reads e.g. {@code all (48)} when the number of dimensions
   * differs from the key.
   *
   * @return the Markdown text
   */
  public String toMarkdown() {
    List<String> keys = new ArrayList<>();
    Set<String> labelSet = new LinkedHashSet<>();
    for (EncoderScores e : encoders) {
      for (TruncationScores t : e.byK().values()) {
        if (!keys.contains(t.key())) {
          keys.add(t.key());
        }
        labelSet.addAll(t.byLabel().keySet());
      }
    }
    List<String> labels = new ArrayList<>(labelSet);
    StringBuilder md = new StringBuilder();
    md.append("# Disentanglement metrics\n\n");
    for (EncoderScores e : encoders) {
      md.append("- ").append(e.encoder()).append(": ").append(e.samples()).append(" codes of ")
          .append(e.dimension()).append(" dimensions");
      TruncationScores any = e.byK().values().iterator().next();
      for (LabelScores s : any.byLabel().values()) {
        md.append("; ").append(s.chance().classes()).append(' ');
        if (!s.label().equals("class")) {
          md.append(s.label()).append(' ');
        }
        md.append(s.chance().classes() == 1 ? "class" : "classes");
      }
      md.append('\n');
    }

    md.append("\n## Average distance to the class centre\n\n");
    List<String> head = new ArrayList<>(List.of("k", "encoder"));
    labels.forEach(l -> head.add("by " + l));
    head.add("whole set");
    row(md, head);
    separator(md, head.size());
    for (String key : keys) {
      for (EncoderScores e : encoders) {
        TruncationScores t = e.byK().get(key);
        if (t == null) {
          continue;
        }
        List<String> cells = new ArrayList<>(List.of(kCell(t), e.encoder()));
        for (String l : labels) {
          LabelScores s = t.byLabel().get(l);
          cells.add(s == null ? DASH : distance(s.meanDistance()));
        }
        cells.add(distance(t.wholeSetDistance()));
        row(md, cells);
      }
    }
    md.append("\nChance level: the whole-set distance (a labelling that says nothing about the"
        + " code does not bring samples closer to their class centre). Lower = more clustered.\n");

    md.append("\n## Naive Bayes (axis-aligned Gaussians, empirical priors)\n\n");
    List<String> nbHead = new ArrayList<>(List.of("k", "encoder"));
    labels.forEach(l -> nbHead.add("prob. " + l));
    labels.forEach(l -> nbHead.add("rank " + l));
    labels.forEach(l -> nbHead.add("top-1 " + l));
    row(md, nbHead);
    separator(md, nbHead.size());
    for (String key : keys) {
      for (EncoderScores e : encoders) {
        TruncationScores t = e.byK().get(key);
        if (t == null) {
          continue;
        }
        List<String> cells = new ArrayList<>(List.of(kCell(t), e.encoder()));
        for (String l : labels) {
          LabelScores s = t.byLabel().get(l);
          cells.add(s == null ? DASH : probability(s.naiveBayes().meanProb()));
        }
        for (String l : labels) {
          LabelScores s = t.byLabel().get(l);
          cells.add(s == null ? DASH : rank(s.naiveBayes().meanRank()));
        }
        for (String l : labels) {
          LabelScores s = t.byLabel().get(l);
          cells.add(s == null ? DASH : probability(s.naiveBayes().top1()));
        }
        row(md, cells);
      }
    }
    // Chance levels depend only on the labels: one pair of rows when all encoders agree.
    Map<String, Map<String, ChanceLevels>> chances = new LinkedHashMap<>();
    for (EncoderScores e : encoders) {
      Map<String, ChanceLevels> c = new LinkedHashMap<>();
      for (TruncationScores t : e.byK().values()) {
        t.byLabel().forEach((l, s) -> c.putIfAbsent(l, s.chance()));
      }
      chances.put(e.encoder(), c);
    }
    boolean same = chances.values().stream().distinct().count() == 1;
    for (Map.Entry<String, Map<String, ChanceLevels>> e : chances.entrySet()) {
      String suffix = same ? "" : ", " + e.getKey();
      Map<String, ChanceLevels> c = e.getValue();
      List<String> uniform = new ArrayList<>(List.of("", "chance (uniform)" + suffix));
      List<String> prior = new ArrayList<>(List.of("", "chance (prior)" + suffix));
      for (String l : labels) {
        uniform.add(c.containsKey(l) ? probability(c.get(l).uniform()) : DASH);
        prior.add(c.containsKey(l) ? probability(c.get(l).prior()) : DASH);
      }
      for (String l : labels) {
        uniform.add(c.containsKey(l) ? rank(c.get(l).rank()) : DASH);
        prior.add(DASH);
      }
      for (String l : labels) {
        uniform.add(c.containsKey(l) ? probability(c.get(l).uniform()) : DASH);
        prior.add(c.containsKey(l) ? probability(c.get(l).prior()) : DASH);
      }
      row(md, uniform);
      row(md, prior);
      if (same) {
        break;
      }
    }
    md.append("\nprob. = mean posterior probability of the correct class; rank = its mean rank"
        + " (1 = best, ties share the mid-rank); top-1 = accuracy. Chance (uniform) = 1/K and"
        + " (K+1)/2 as in the paper; chance (prior) = Σπ² over the empirical class"
        + " frequencies π. The classifier is fitted and evaluated on the same codes.\n");
    if (!generated.isEmpty()) {
      appendGenerated(md);
    }
    if (!reconstructions.isEmpty()) {
      appendReconstructions(md);
    }
    return md.toString();
  }

  private void appendReconstructions(StringBuilder md) {
    md.append("\n## Reconstruction error\n\n");
    md.append("| model | images | error | blank image | ratio |\n|---|---:|---:|---:|---:|\n");
    for (ReconstructionScores r : reconstructions) {
      row(md, List.of(r.model(), Integer.toString(r.images()), distance(r.error()),
          distance(r.blankError()), String.format(Locale.ROOT, "%.2f", r.ratio())));
    }
    md.append("\nMean per-pixel RGB distance between each image and its own-style reconstruction"
        + " G(E(x), S(a)) (posterior and style means), beside the same for a blank image of the"
        + " image's background colour; a ratio near 1 means the generator draws blanks.\n");
  }

  private void appendGenerated(StringBuilder md) {
    md.append("\n## Generated-sample accuracy\n\n");
    Set<String> judges = new LinkedHashSet<>();
    generated.forEach(g -> judges.addAll(g.accuracyByClassifier().keySet()));
    List<String> head = new ArrayList<>(List.of("generator ↓ / classifier →"));
    head.addAll(judges);
    head.add("samples");
    head.add("chance");
    row(md, head);
    md.append("|---|").append("---:|".repeat(head.size() - 1)).append('\n');
    for (GeneratedSampleScores g : generated) {
      List<String> cells = new ArrayList<>(List.of(g.generator()));
      for (String j : judges) {
        Double a = g.accuracyByClassifier().get(j);
        cells.add(a == null ? DASH : percent(a));
      }
      cells.add(Integer.toString(g.samples()));
      cells.add(percent(g.chance()));
      row(md, cells);
    }
    md.append("\nTop-1 accuracy of generated images against the class whose style drew them;"
        + " content codes drawn from the aggregate content Gaussian, each class as often as in"
        + " the training set, style = the class's style mean.\n");
  }

  private static String kCell(TruncationScores t) {
    return t.key().equals(Integer.toString(t.dims())) ? t.key() : t.key() + " (" + t.dims() + ")";
  }

  private static void row(StringBuilder md, List<String> cells) {
    md.append('|');
    for (String c : cells) {
      md.append(' ').append(c).append(" |");
    }
    md.append('\n');
  }

  private static void separator(StringBuilder md, int columns) {
    md.append("|---|---|");
    md.append("---:|".repeat(columns - 2));
    md.append('\n');
  }

  /** A distance with four decimals, as in the paper's table 4. */
  static String distance(double v) {
    return String.format(Locale.ROOT, "%.4f", v);
  }

  /** A probability: four decimals, or three significant digits below 0.01. */
  static String probability(double v) {
    if (v == 0 || Math.abs(v) >= 0.01) {
      return String.format(Locale.ROOT, "%.4f", v);
    }
    return String.format(Locale.ROOT, "%.3g", v);
  }

  /** A percentage with two decimals, as in the paper's appendix C.2 table. */
  static String percent(double v) {
    return String.format(Locale.ROOT, "%.2f %%", 100 * v);
  }

  /** A mean rank: one decimal from 100 up, else two. */
  static String rank(double v) {
    return String.format(Locale.ROOT, Math.abs(v) >= 100 ? "%.1f" : "%.2f", v);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof MetricsReport r && r.encoders.equals(encoders)
        && r.generated.equals(generated) && r.reconstructions.equals(reconstructions);
  }

  @Override
  public int hashCode() {
    return Objects.hash(encoders, generated, reconstructions);
  }

  @Override
  public String toString() {
    return "MetricsReport" + encoders.stream().map(EncoderScores::encoder).toList();
  }
}
