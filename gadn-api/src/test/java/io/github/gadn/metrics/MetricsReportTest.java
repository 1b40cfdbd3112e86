package io.github.gadn.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.common.collect.ImmutableMap;
import io.github.gadn.json.Json;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MetricsReportTest {
  private static final List<String> LABEL_KEYS = List.of("classes", "meanDistance", "nbMeanProb",
      "nbMeanRank", "nbTop1", "chanceDistance", "chanceProb", "chanceProbPrior", "chanceRank",
      "chanceTop1", "chanceTop1Prior", "chanceTop1Majority");

  private static MetricsReport report;

  @BeforeAll
  static void twoEncoders() {
    int n = 1200;
    int[] writer = TestCodes.random(n, 25, 1);
    int[] digit = TestCodes.random(n, 10, 2);
    Map<String, int[]> labels = ImmutableMap.of("writer", writer, "digit", digit);
    EncoderScores gadn = DisentanglementMetrics.evaluate("GADN",
        DisentanglementMetricsTest.writerDigitCodes(writer, digit, 12, 3), n, 12, labels);
    EncoderScores vae = DisentanglementMetrics.evaluate("VAE",
        TestCodes.blobs(digit, 6, 0.5, 4), n, 6, labels);
    report = MetricsReport.of(gadn, vae);
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> obj(Object o) {
    assertThat(o).isInstanceOf(Map.class);
    return (Map<String, Object>) o;
  }

  @Test
  void jsonFileHoldsEveryCell(@TempDir Path dir) throws IOException {
    Path file = dir.resolve("out/metrics.json");
    report.writeJson(file);
    Map<String, Object> root = obj(Json.parse(Files.readString(file)));
    assertThat(root.get("format")).isEqualTo("gadn-metrics");
    assertThat(root.get("version")).isEqualTo(1L);
    Map<String, Object> encoders = obj(root.get("encoders"));
    assertThat(encoders.keySet()).containsExactly("GADN", "VAE");
    int cells = 0;
    for (EncoderScores e : report.encoders()) {
      Map<String, Object> enc = obj(encoders.get(e.encoder()));
      assertThat(enc.get("samples")).isEqualTo((long) e.samples());
      assertThat(enc.get("dimension")).isEqualTo((long) e.dimension());
      Map<String, Object> ks = obj(enc.get("k"));
      assertThat(ks.keySet()).containsExactly("2", "8", "all");
      for (String k : ks.keySet()) {
        TruncationScores t = e.k(k);
        Map<String, Object> kj = obj(ks.get(k));
        assertThat(kj.get("dims")).isEqualTo((long) t.dims());
        assertThat(kj.get("wholeSetDistance")).isEqualTo(t.wholeSetDistance());
        Map<String, Object> byLabel = obj(kj.get("byLabel"));
        assertThat(byLabel.keySet()).containsExactly("writer", "digit");
        for (String l : byLabel.keySet()) {
          LabelScores s = t.label(l);
          Map<String, Object> lj = obj(byLabel.get(l));
          assertThat(lj.keySet()).containsExactlyElementsOf(LABEL_KEYS);
          assertThat(lj.get("classes")).isEqualTo((long) s.chance().classes());
          assertThat(lj.get("meanDistance")).isEqualTo(s.meanDistance());
          assertThat(lj.get("nbMeanProb")).isEqualTo(s.naiveBayes().meanProb());
          assertThat(lj.get("nbMeanRank")).isEqualTo(s.naiveBayes().meanRank());
          assertThat(lj.get("nbTop1")).isEqualTo(s.naiveBayes().top1());
          assertThat(lj.get("chanceDistance")).isEqualTo(t.wholeSetDistance());
          assertThat(lj.get("chanceProb")).isEqualTo(1.0 / s.chance().classes());
          assertThat(lj.get("chanceProbPrior")).isEqualTo(s.chance().prior());
          assertThat(lj.get("chanceRank")).isEqualTo((s.chance().classes() + 1) / 2.0);
          assertThat(lj.get("chanceTop1")).isEqualTo(1.0 / s.chance().classes());
          assertThat(lj.get("chanceTop1Prior")).isEqualTo(s.chance().prior());
          assertThat(lj.get("chanceTop1Majority")).isEqualTo(s.chance().majority());
          cells += lj.size();
        }
      }
    }
    assertThat(cells).isEqualTo(2 * 3 * 2 * LABEL_KEYS.size());
  }

  @Test
  void jsonRoundTrips(@TempDir Path dir) throws IOException {
    assertThat(MetricsReport.fromJson(report.toJson())).isEqualTo(report);
    Path file = dir.resolve("metrics.json");
    report.writeJson(file);
    assertThat(MetricsReport.read(file)).isEqualTo(report);
    assertThat(MetricsReport.read(file).toJson()).isEqualTo(report.toJson());
  }

  @Test
  void badJsonNamesTheMissingKey() {
    String json = report.toJson().replaceFirst("\"nbTop1\"", "\"nbTopOne\"");
    assertThatThrownBy(() -> MetricsReport.fromJson(json))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("encoders.GADN.k.2.byLabel.writer.nbTop1 must be a number");
    assertThatThrownBy(() -> MetricsReport.fromJson("{\"format\": \"other\"}"))
        .hasMessageContaining("format must be \"gadn-metrics\"");
  }

  @Test
  void markdownTablesHoldEveryCell(@TempDir Path dir) throws IOException {
    Path file = dir.resolve("metrics.md");
    report.writeMarkdown(file);
    List<List<String>> table = new ArrayList<>();
    List<List<List<String>>> tables = new ArrayList<>();
    for (String line : Files.readAllLines(file)) {
      if (line.startsWith("|")) {
        String body = line.substring(1, line.length() - 1);
        table.add(Arrays.stream(body.split("\\|", -1)).map(String::trim).toList());
      } else if (!table.isEmpty()) {
        tables.add(table);
        table = new ArrayList<>();
      }
    }
    if (!table.isEmpty()) {
      tables.add(table);
    }
    assertThat(tables).hasSize(2);

    List<List<String>> dist = tables.get(0);
    assertThat(dist.get(0)).containsExactly("k", "encoder", "by writer", "by digit", "whole set");
    List<List<String>> nb = tables.get(1);
    assertThat(nb.get(0)).containsExactly("k", "encoder", "prob. writer", "prob. digit",
        "rank writer", "rank digit", "top-1 writer", "top-1 digit");
    for (List<List<String>> t : tables) {
      for (List<String> row : t) {
        assertThat(row).hasSameSizeAs(t.get(0));
      }
    }
    // 3 truncations × 2 encoders, in the paper's order: k, then encoder.
    assertThat(dist.subList(2, dist.size())).extracting(r -> r.get(0) + "/" + r.get(1))
        .containsExactly("2/GADN", "2/VAE", "8/GADN", "8 (6)/VAE", "all (12)/GADN",
            "all (6)/VAE");
    int row = 2;
    for (String k : List.of("2", "8", "all")) {
      for (EncoderScores e : report.encoders()) {
        TruncationScores t = e.k(k);
        List<String> d = dist.get(row);
        List<String> p = nb.get(row);
        row++;
        assertThat(d.get(4)).isEqualTo(MetricsReport.distance(t.wholeSetDistance()));
        int c = 0;
        for (String l : List.of("writer", "digit")) {
          LabelScores s = t.label(l);
          assertThat(d.get(2 + c)).isEqualTo(MetricsReport.distance(s.meanDistance()));
          assertThat(p.get(2 + c))
              .isEqualTo(MetricsReport.probability(s.naiveBayes().meanProb()));
          assertThat(p.get(4 + c)).isEqualTo(MetricsReport.rank(s.naiveBayes().meanRank()));
          assertThat(p.get(6 + c)).isEqualTo(MetricsReport.probability(s.naiveBayes().top1()));
          assertThat(Double.parseDouble(p.get(2 + c)))
              .isCloseTo(s.naiveBayes().meanProb(), org.assertj.core.api.Assertions.within(1e-4));
          c++;
        }
      }
    }
    // Both encoders share the labels, so one pair of chance rows closes the table.
    assertThat(nb).hasSize(2 + 6 + 2);
    List<String> uniform = nb.get(8);
    List<String> prior = nb.get(9);
    assertThat(uniform.get(1)).isEqualTo("chance (uniform)");
    assertThat(prior.get(1)).isEqualTo("chance (prior)");
    ChanceLevels w = report.encoder("GADN").k("2").label("writer").chance();
    assertThat(uniform.get(2)).isEqualTo(MetricsReport.probability(1.0 / 25));
    assertThat(uniform.get(4)).isEqualTo("13.00");
    assertThat(uniform.get(5)).isEqualTo("5.50");
    assertThat(prior.get(2)).isEqualTo(MetricsReport.probability(w.prior()));
    assertThat(prior.get(6)).isEqualTo(MetricsReport.probability(w.prior()));
  }

  @Test
  void numberFormats() {
    assertThat(MetricsReport.distance(1.24871)).isEqualTo("1.2487");
    assertThat(MetricsReport.probability(0.90014)).isEqualTo("0.9001");
    assertThat(MetricsReport.probability(0.000293)).isEqualTo("0.000293");
    assertThat(MetricsReport.probability(0.0)).isEqualTo("0.0000");
    assertThat(MetricsReport.rank(1608.04)).isEqualTo("1608.0");
    assertThat(MetricsReport.rank(1.1234)).isEqualTo("1.12");
  }

  @Test
  void encodersAreDistinctAndAddable() {
    EncoderScores gadn = report.encoder("GADN");
    assertThatThrownBy(() -> report.with(gadn))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("encoders has the name GADN twice");
    MetricsReport three = report.with(gadn.named("GADN (2)"));
    assertThat(three.encoders()).extracting(EncoderScores::encoder)
        .containsExactly("GADN", "VAE", "GADN (2)");
    assertThatThrownBy(() -> report.encoder("AE")).hasMessageContaining("encoder AE");
  }

  private static MetricsReport withGenerated() {
    Map<String, Double> adversarial = new java.util.LinkedHashMap<>();
    adversarial.put("stage-2 C2", 0.1437);
    adversarial.put("pre-trained", 0.8665);
    return report
        .with(new GeneratedSampleScores("GADN stage 2", 106814, 1139, adversarial))
        .with(new GeneratedSampleScores("non-adversarial", 106814, 1139, Map.of("pre-trained", 0.8859)));
  }

  @Test
  void generatedScoresRoundTripThroughJson() {
    MetricsReport full = withGenerated();
    Map<String, Object> gen = obj(obj(Json.parse(full.toJson())).get("generated"));
    assertThat(gen.keySet()).containsExactly("GADN stage 2", "non-adversarial");
    Map<String, Object> g = obj(gen.get("GADN stage 2"));
    assertThat(g.keySet()).containsExactly("samples", "classes", "chance", "accuracy");
    assertThat(g.get("samples")).isEqualTo(106814L);
    assertThat(g.get("chance")).isEqualTo(1.0 / 1139);
    assertThat(obj(g.get("accuracy"))).containsExactly(
        Map.entry("stage-2 C2", 0.1437), Map.entry("pre-trained", 0.8665));
    assertThat(MetricsReport.fromJson(full.toJson())).isEqualTo(full);
    assertThat(obj(Json.parse(report.toJson()))).doesNotContainKey("generated");
  }

  @Test
  void generatedScoresGetTheirOwnMarkdownTable() {
    List<String> rows = withGenerated().toMarkdown().lines()
        .dropWhile(l -> !l.startsWith("## Generated-sample accuracy"))
        .filter(l -> l.startsWith("|")).toList();
    assertThat(rows).containsExactly(
        "| generator ↓ / classifier → | stage-2 C2 | pre-trained | samples | chance |",
        "|---|---:|---:|---:|---:|",
        "| GADN stage 2 | 14.37 % | 86.65 % | 106814 | 0.09 % |",
        "| non-adversarial | — | 88.59 % | 106814 | 0.09 % |");
  }

  @Test
  void generatorNamesAreDistinct() {
    GeneratedSampleScores g = withGenerated().generated().get(0);
    assertThatThrownBy(() -> withGenerated().with(g))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("generated has the name GADN stage 2 twice");
    assertThat(withGenerated().with(report.encoder("GADN").named("GADN (2)")).generated())
        .hasSize(2);
  }
}
