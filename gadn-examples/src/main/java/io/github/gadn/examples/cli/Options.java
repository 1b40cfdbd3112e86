package io.github.gadn.examples.cli;

import io.github.gadn.config.ConfigException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Declared options of one command and their parsed values. Names are kebab-case; the original's
 * snake_case spelling is accepted as an alias. Booleans take {@code true}/{@code false} (a bare
 * flag means true); lists take comma-separated values or several space-separated ones.
 */
final class Options {
  /** One declared option. */
  record Spec(String name, String defaultValue, String help, int arity, boolean flag) {}

  private final String command;
  private final String summary;
  private final Map<String, Spec> specs = new LinkedHashMap<>();
  private final Map<String, String> values = new LinkedHashMap<>();
  private final Map<String, String> aliases = new LinkedHashMap<>();

  Options(String command, String summary) {
    this.command = command;
    this.summary = summary;
  }

  /** An option with one value; {@code defaultValue} may be null (unset). */
  Options add(String name, String defaultValue, String help) {
    specs.put(name, new Spec(name, defaultValue, help, 1, false));
    return this;
  }

  /** A boolean option. */
  Options flag(String name, boolean defaultValue, String help) {
    specs.put(name, new Spec(name, Boolean.toString(defaultValue), help, 1, true));
    return this;
  }

  /** A true/false option without a fixed default (its help says what decides it). */
  Options flag(String name, String help) {
    specs.put(name, new Spec(name, null, help, 1, true));
    return this;
  }

  /** A list option (comma-separated or several values). */
  Options list(String name, String defaultValue, String help) {
    specs.put(name, new Spec(name, defaultValue, help, -1, false));
    return this;
  }

  /** An option taking exactly {@code n} values (e.g. {@code --visualize-size R C}). */
  Options tuple(String name, int n, String defaultValue, String help) {
    specs.put(name, new Spec(name, defaultValue, help, n, false));
    return this;
  }

  /**
   * Accepts {@code --alias} as another spelling of the declared option {@code name}; values are
   * stored, read and reported under {@code name}.
   */
  Options alias(String alias, String name) {
    if (!specs.containsKey(name)) {
      throw new IllegalStateException("alias --" + alias + " of undeclared option --" + name);
    }
    aliases.put(alias, name);
    return this;
  }

  /**
   * Parses arguments.
   *
   * @throws UsageException naming the unknown option or missing value
   */
  Options parse(List<String> args) {
    for (int i = 0; i < args.size(); i++) {
      String arg = args.get(i);
      if (!arg.startsWith("--")) {
        throw new UsageException("unexpected argument \"" + arg + "\" (options start with --)");
      }
      String name = arg.substring(2);
      String inline = null;
      int eq = name.indexOf('=');
      if (eq >= 0) {
        inline = name.substring(eq + 1);
        name = name.substring(0, eq);
      }
      name = name.replace('_', '-');
      name = aliases.getOrDefault(name, name);
      Spec spec = specs.get(name);
      if (spec == null && OriginalOptions.isAdain(name)) {
        // Accepted only at the original's default (off): the port has no AdaIN paths.
        String v = inline != null ? inline : i + 1 < args.size() ? args.get(++i) : "";
        OriginalOptions.checkAdainOff(name, v);
        continue;
      }
      if (spec == null) {
        String reason = OriginalOptions.whyNot(name, command);
        throw new UsageException(reason != null
            ? reason
            : "unknown option --" + name + " for " + command + suggestion(name));
      }
      List<String> parts = new ArrayList<>();
      if (inline != null) {
        parts.add(inline);
      } else if (spec.flag()) {
        // A bare flag means true; a following word that is no option is its value (checked below).
        parts.add(i + 1 < args.size() && !args.get(i + 1).startsWith("--") ? args.get(++i) : "true");
      } else {
        int want = spec.arity() < 0 ? Integer.MAX_VALUE : spec.arity();
        while (parts.size() < want && i + 1 < args.size() && !args.get(i + 1).startsWith("--")) {
          parts.add(args.get(++i));
        }
        if (parts.isEmpty() || (spec.arity() > 0 && parts.size() != spec.arity())) {
          throw new UsageException(
              "option --" + name + " needs " + (spec.arity() > 1 ? spec.arity() + " values" : "a value"));
        }
      }
      String value = String.join(",", parts);
      if (spec.flag() && !value.equals("true") && !value.equals("false")) {
        throw new UsageException("option --" + name + " takes true or false, got \"" + value + "\"");
      }
      values.put(name, value);
    }
    return this;
  }

  private String suggestion(String name) {
    String best = null;
    int bestDistance = 3;
    for (String known : specs.keySet()) {
      int d = distance(name, known);
      if (d < bestDistance) {
        best = known;
        bestDistance = d;
      }
    }
    return best == null ? "" : " (did you mean --" + best + "?)";
  }

  /** Levenshtein distance. */
  private static int distance(String a, String b) {
    int[] prev = new int[b.length() + 1];
    int[] cur = new int[b.length() + 1];
    for (int j = 0; j <= b.length(); j++) {
      prev[j] = j;
    }
    for (int i = 1; i <= a.length(); i++) {
      cur[0] = i;
      for (int j = 1; j <= b.length(); j++) {
        int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
        cur[j] = Math.min(Math.min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + cost);
      }
      int[] t = prev;
      prev = cur;
      cur = t;
    }
    return prev[b.length()];
  }

  /** Config fields whose option is not their kebab-case spelling. */
  private static final Map<String, String> FIELD_OPTIONS =
      Map.ofEntries(
          Map.entry("styleLr", "sty-lr"),
          Map.entry("intraOpThreads", "threads"),
          Map.entry("interOpThreads", "inter-threads"),
          Map.entry("encoder", "features/--blocks"),
          Map.entry("classifier", "features/--blocks"),
          Map.entry("discriminator", "features/--blocks"),
          Map.entry("generator", "features/--gen-blocks"),
          Map.entry("noiseSize", "content-size"),
          Map.entry("visRows", "visualize-size"),
          Map.entry("visCols", "visualize-size"),
          Map.entry("stage1Run", "enc-path"),
          Map.entry("stage1Iter", "enc-iter"),
          Map.entry("classifierRun", "cla-path"),
          Map.entry("classifierIter", "cla-iter"),
          Map.entry("enabled", "augment"));

  /**
   * The message of a config error with the field replaced by this command's option for it, e.g.
   * {@code claWeight must be >= 0} → {@code --cla-weight must be >= 0}; fields without an option
   * (taken from the data, like the class count) keep their name.
   */
  String describe(ConfigException e) {
    String field = e.field();
    String option = FIELD_OPTIONS.getOrDefault(field, field.replaceAll("([a-z0-9])([A-Z])", "$1-$2")
        .toLowerCase(Locale.ROOT));
    String head =
        option.contains("/")
            ? "--" + option + " (" + field + ")"
            : specs.containsKey(option) ? "--" + option : field;
    String m = e.getMessage();
    return m.startsWith(field) ? head + m.substring(field.length()) : m;
  }

  /** Whether this command has the option. */
  boolean declares(String name) {
    return specs.containsKey(name);
  }

  boolean given(String name) {
    return values.containsKey(name);
  }

  String string(String name) {
    Spec spec = specs.get(name);
    if (spec == null) {
      throw new IllegalStateException("undeclared option " + name);
    }
    String v = values.getOrDefault(name, spec.defaultValue());
    return v;
  }

  String required(String name) {
    String v = string(name);
    if (v == null || v.isEmpty()) {
      throw new UsageException("option --" + name + " is required for " + command);
    }
    return v;
  }

  int integer(String name) {
    String v = string(name);
    try {
      return Integer.parseInt(v);
    } catch (NumberFormatException | NullPointerException e) {
      throw new UsageException("option --" + name + " takes an integer, got \"" + v + "\"");
    }
  }

  long longValue(String name) {
    String v = string(name);
    try {
      return Long.parseLong(v);
    } catch (NumberFormatException | NullPointerException e) {
      throw new UsageException("option --" + name + " takes an integer, got \"" + v + "\"");
    }
  }

  double number(String name) {
    String v = string(name);
    try {
      return Double.parseDouble(v);
    } catch (NumberFormatException | NullPointerException e) {
      throw new UsageException("option --" + name + " takes a number, got \"" + v + "\"");
    }
  }

  boolean bool(String name) {
    return Boolean.parseBoolean(string(name));
  }

  List<String> strings(String name) {
    String v = string(name);
    List<String> out = new ArrayList<>();
    if (v != null) {
      for (String s : v.split(",")) {
        if (!s.isBlank()) {
          out.add(s.trim());
        }
      }
    }
    return out;
  }

  List<Integer> integers(String name) {
    List<Integer> out = new ArrayList<>();
    for (String s : strings(name)) {
      try {
        out.add(Integer.parseInt(s));
      } catch (NumberFormatException e) {
        throw new UsageException("option --" + name + " takes integers, got \"" + s + "\"");
      }
    }
    return out;
  }

  /** The usage text with every option, its default and help. */
  String usage() {
    StringBuilder b = new StringBuilder();
    b.append("usage: java -jar gadn.jar ").append(command).append(" [options]\n");
    b.append(summary).append("\n\noptions:\n");
    for (Spec s : specs.values()) {
      String left = "  --" + s.name() + (s.flag() ? " true|false" : s.arity() > 1 ? " V1 V2" : " V");
      b.append(String.format(Locale.ROOT, "%-32s %s", left, s.help()));
      aliases.forEach((alias, name) -> {
        if (name.equals(s.name())) {
          b.append(" (also --").append(alias).append(')');
        }
      });
      if (s.defaultValue() != null && !s.defaultValue().isEmpty()) {
        b.append(" (default ").append(s.defaultValue()).append(')');
      }
      b.append('\n');
    }
    return b.toString();
  }
}
