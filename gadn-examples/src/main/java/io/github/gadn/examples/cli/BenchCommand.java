package io.github.gadn.examples.cli;

import io.github.gadn.config.Recipe;
import io.github.gadn.config.RunOptions;
import io.github.gadn.json.Json;
import io.github.gadn.tensorflow.BenchmarkStep;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * {@code gadn bench}: steady-state time per iteration (median after warm-up) of every training
 * step and of inference at the default networks on synthetic data, multiply-accumulates counted
 * from the graph, achieved GFLOP/s against a measured fp32 matrix-product peak, and peak resident
 * memory. Each case runs in a fresh child JVM by default, so its peak memory is its own. Writes
 * {@code bench.json} (fields listed in docs/performance.md) and prints a table.
 */
final class BenchCommand implements Command {
  static final int MIN_ITERATIONS = 20;

  @Override
  public String name() {
    return "bench";
  }

  @Override
  public Options options() {
    return new Options(
            "bench",
            "Time every training step and inference at the default networks on synthetic data;"
                + " writes bench.json.")
        .add("out", "bench-out", "folder for bench.json and the per-case logs")
        .list("only", String.join(",", BenchCase.NAMES), "cases to run")
        .add("recipe", Recipe.PAPER.id(),
            "recipe whose networks, batch sizes and training parameters the cases use: paper (to"
                + " compare with the original) or cpu (what the other commands train by default)")
        .add("iterations", Integer.toString(MIN_ITERATIONS), "measured iterations per case (>= 20)")
        .add("warmup", "3", "iterations run before measuring (the first one is much slower)")
        .add("threads", "0", "intra-op threads (0 = engine default)")
        .add("inter-threads", "0", "inter-op threads (0 = engine default)")
        .add("device", "/CPU:0", "device, e.g. /CPU:0 or /GPU:0")
        .add("conv-kernels", "auto", CommonOptions.CONV_KERNELS_HELP)
        .flag("recompute", true, CommonOptions.RECOMPUTE_HELP)
        .add("onednn", "default", "TF_ENABLE_ONEDNN_OPTS of the child JVMs: true, false or default")
        .flag("fork", true, "run each case in a fresh JVM (its own peak memory, fresh natives)")
        .add("peak-gflops", "0", "matrix-product peak to compare with (0 = measure it)")
        .flag("profile", false, "trace one more iteration and report the time of each op type")
        .flag("tiny", false, "tiny networks and batches: checks the command, measures nothing useful")
        .add("result-file", null, "internal: write the one case's result here (child JVM)");
  }

  /** Everything a case run needs, parsed once; passed on to child JVMs as options. */
  record Plan(
      List<String> cases,
      int iterations,
      int warmup,
      RunOptions run,
      Recipe recipe,
      boolean fork,
      boolean tiny,
      double peakGflops,
      String onednn,
      boolean profile) {}

  static Plan plan(Options o) {
    List<String> cases = o.strings("only");
    if (cases.isEmpty()) {
      throw new UsageException("--only needs at least one case");
    }
    for (String c : cases) {
      if (!BenchCase.NAMES.contains(c) && !BenchCase.MATMUL_PEAK.equals(c)) {
        throw new UsageException(
            "--only: unknown case \"" + c + "\" (cases: " + String.join(", ", BenchCase.NAMES)
                + ", " + BenchCase.MATMUL_PEAK + ")");
      }
    }
    int iterations = o.integer("iterations");
    if (iterations < MIN_ITERATIONS) {
      throw new UsageException(
          "--iterations must be at least " + MIN_ITERATIONS + " (the median of at least "
              + MIN_ITERATIONS + " steady-state iterations), got " + iterations);
    }
    int warmup = o.integer("warmup");
    if (warmup < 1) {
      throw new UsageException("--warmup must be at least 1 (the first run is not steady), got " + warmup);
    }
    RunOptions run;
    try {
      run = CommonOptions.runOptions(o, RunOptions.builder().build());
    } catch (IllegalArgumentException e) {
      throw new UsageException(e.getMessage());
    }
    double peak = o.number("peak-gflops");
    if (peak < 0) {
      throw new UsageException("--peak-gflops must be >= 0, got " + peak);
    }
    String onednn = o.string("onednn");
    if (!List.of("true", "false", "default").contains(onednn)) {
      throw new UsageException("--onednn takes true, false or default, got \"" + onednn + "\"");
    }
    if (!onednn.equals("default") && !o.bool("fork")) {
      throw new UsageException(
          "--onednn needs --fork true: the natives read TF_ENABLE_ONEDNN_OPTS when they load");
    }
    Recipe recipe = CommonOptions.recipe(o, Recipe.PAPER);
    return new Plan(
        cases, iterations, warmup, run, recipe, o.bool("fork"), o.bool("tiny"), peak, onednn,
        o.bool("profile"));
  }

  @Override
  public int run(Options o, PrintStream out) throws Exception {
    Plan plan = plan(o);
    if (o.string("result-file") != null) {
      if (plan.cases().size() != 1) {
        throw new UsageException("--result-file takes exactly one case in --only");
      }
      Map<String, Object> result = measure(plan.cases().get(0), plan);
      Files.writeString(Path.of(o.string("result-file")), Json.write(result), StandardCharsets.UTF_8);
      return 0;
    }
    Path dir = Path.of(o.string("out"));
    Files.createDirectories(dir);
    Map<String, Map<String, Object>> results = new LinkedHashMap<>();
    double peak = plan.peakGflops();
    if (peak == 0 && !plan.cases().contains(BenchCase.MATMUL_PEAK)) {
      Map<String, Object> m = runCase(BenchCase.MATMUL_PEAK, plan, dir, out);
      results.put(BenchCase.MATMUL_PEAK, m);
      peak = ((Number) m.get("gflops")).doubleValue();
    }
    for (String c : plan.cases()) {
      Map<String, Object> m = runCase(c, plan, dir, out);
      results.put(c, m);
      if (BenchCase.MATMUL_PEAK.equals(c) && peak == 0) {
        peak = ((Number) m.get("gflops")).doubleValue();
      }
    }
    for (Map<String, Object> m : results.values()) {
      m.put("peakGflops", peak);
      m.put("fractionOfPeak", ((Number) m.get("gflops")).doubleValue() / peak);
    }
    Path json = dir.resolve("bench.json");
    Files.writeString(json, Json.write(results), StandardCharsets.UTF_8);
    out.print(table(results));
    out.println("bench: wrote " + json);
    return 0;
  }

  private Map<String, Object> runCase(String name, Plan plan, Path dir, PrintStream out)
      throws IOException, InterruptedException {
    out.println("bench: " + name + (plan.fork() ? " (child JVM)" : "") + " ...");
    out.flush();
    return plan.fork() ? forked(name, plan, dir) : measure(name, plan);
  }

  /** Runs one case in a fresh JVM with the same class path; its output goes to a log file. */
  private static Map<String, Object> forked(String name, Plan plan, Path dir)
      throws IOException, InterruptedException {
    Path result = dir.resolve(name + ".json");
    Path log = dir.resolve(name + ".log");
    Files.deleteIfExists(result);
    List<String> cmd = new ArrayList<>();
    cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    List<String> inherited = new ArrayList<>();
    for (String arg : java.lang.management.ManagementFactory.getRuntimeMXBean().getInputArguments()) {
      if (arg.startsWith("-Xmx") || arg.startsWith("-Xms") || arg.startsWith("--add-opens")
          || arg.startsWith("--enable-native-access") || Relaunch.choosesCollector(arg)
          || Relaunch.choosesHeapFreeRatio(arg) || Relaunch.choosesNativeHeapTrim(arg)) {
        inherited.add(arg);
      }
    }
    // The same JVM and allocator settings as a relaunched training command.
    cmd.addAll(Relaunch.memoryOptions(inherited));
    cmd.addAll(inherited);
    cmd.addAll(List.of("-cp", System.getProperty("java.class.path"), Gadn.class.getName(), "bench"));
    cmd.addAll(
        List.of(
            "--only", name,
            "--fork", "false",
            "--result-file", result.toString(),
            "--iterations", Integer.toString(plan.iterations()),
            "--warmup", Integer.toString(plan.warmup()),
            "--threads", Integer.toString(plan.run().intraOpThreads()),
            "--inter-threads", Integer.toString(plan.run().interOpThreads()),
            "--device", plan.run().device(),
            "--conv-kernels", plan.run().convKernels().name().toLowerCase(Locale.ROOT),
            "--recompute", Boolean.toString(plan.run().recompute()),
            "--recipe", plan.recipe().id(),
            "--profile", Boolean.toString(plan.profile()),
            "--tiny", Boolean.toString(plan.tiny())));
    ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile());
    if (!plan.onednn().equals("default")) {
      pb.environment().put("TF_ENABLE_ONEDNN_OPTS", plan.onednn().equals("true") ? "1" : "0");
    }
    Relaunch.configureNatives(pb.environment());
    Process p = pb.start();
    int code = p.waitFor();
    if (code != 0 || !Files.isRegularFile(result)) {
      List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
      String last =
          lines.stream().filter(l -> l.startsWith("gadn bench:")).reduce((a, b) -> b)
              .orElse(lines.isEmpty() ? "(no output)" : lines.get(lines.size() - 1));
      throw new IOException("bench case " + name + " failed (exit " + code + "; log " + log + "): " + last);
    }
    @SuppressWarnings("unchecked")
    Map<String, Object> m =
        (Map<String, Object>) Json.parse(Files.readString(result, StandardCharsets.UTF_8));
    Files.delete(result);
    m.put("fork", true);
    return m;
  }

  /** Builds, warms up and times one case in this JVM. */
  static Map<String, Object> measure(String name, Plan plan) {
    boolean reset = Memory.resetPeak();
    String loadBefore = Memory.loadAverage();
    long t0 = System.nanoTime();
    BenchCase.Settings settings = new BenchCase.Settings(plan.run(), plan.recipe(), plan.tiny());
    try (BenchCase c = BenchCase.create(name, settings)) {
      double build = (System.nanoTime() - t0) / 1e9;
      long t = 0;
      double first = 0;
      for (int i = 0; i < plan.warmup(); i++) {
        long s = System.nanoTime();
        c.iterate(++t);
        if (i == 0) {
          first = (System.nanoTime() - s) / 1e9;
        }
      }
      double[] seconds = new double[plan.iterations()];
      double[] cpu = new double[plan.iterations()];
      for (int i = 0; i < seconds.length; i++) {
        double c0 = Memory.cpuSeconds();
        long s = System.nanoTime();
        c.iterate(++t);
        seconds[i] = (System.nanoTime() - s) / 1e9;
        cpu[i] = Memory.cpuSeconds() - c0;
      }
      double[] sorted = seconds.clone();
      Arrays.sort(sorted);
      double median = median(sorted);
      double gflop = 2.0 * c.macsPerIteration() / 1e9;
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("secondsPerIter", median);
      m.put("gflopPerIter", gflop);
      m.put("peakRssMiB", Memory.peakRssKiB() / 1024.0);
      m.put("batch", c.batch());
      m.put("imageSize", c.imageSize());
      m.put("gflops", gflop / median);
      m.put("imagesPerSecond", c.batch() / median);
      double cpuMedian = median(cpu);
      m.put("cpuSecondsPerIter", Double.isNaN(cpuMedian) ? null : cpuMedian);
      m.put("secondsMin", sorted[0]);
      m.put("secondsMax", sorted[sorted.length - 1]);
      List<Double> all = new ArrayList<>();
      for (double s : seconds) {
        all.add(s);
      }
      m.put("seconds", all);
      m.put("iterations", plan.iterations());
      m.put("warmup", plan.warmup());
      m.put("buildSeconds", build);
      m.put("firstRunSeconds", first);
      m.put("flopSource", c.flopSource());
      m.put("peakRssScope", reset ? "this case (VmHWM reset before it)" : "whole process");
      m.put("loadAverageBefore", loadBefore);
      m.put("loadAverageAfter", Memory.loadAverage());
      m.put("intraOpThreads", plan.run().intraOpThreads());
      m.put("interOpThreads", plan.run().interOpThreads());
      m.put("device", plan.run().device());
      m.put("convKernels", plan.run().convKernels().name().toLowerCase(Locale.ROOT));
      m.put("forwardConvs", BenchmarkStep.forwardConvolutions(plan.run()));
      m.put("recompute", plan.run().recompute());
      m.put("recipe", plan.recipe().id());
      m.put("oneDnnRewrite", BenchmarkStep.oneDnnRewrite());
      m.put("bfcAllocator", String.valueOf(System.getenv(Relaunch.BFC_VARIABLE)));
      m.put("jvmOptions", String.join(" ",
          java.lang.management.ManagementFactory.getRuntimeMXBean().getInputArguments()));
      String onednn = System.getenv("TF_ENABLE_ONEDNN_OPTS");
      m.put("onednn", onednn == null ? "default" : onednn);
      m.put("tiny", plan.tiny());
      m.put("fork", false);
      if (plan.profile()) {
        Map<String, Object> profile = new LinkedHashMap<>();
        c.profile(++t).forEach((type, sec) -> profile.put(type, sec));
        m.put("profileSeconds", profile);
      }
      return m;
    }
  }

  /** The median (of a copy, sorted). */
  static double median(double[] values) {
    double[] sorted = values.clone();
    Arrays.sort(sorted);
    int n = sorted.length;
    return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
  }

  static String table(Map<String, Map<String, Object>> results) {
    StringBuilder b = new StringBuilder();
    b.append(
        String.format(
            Locale.ROOT, "%-14s %5s %4s %9s %9s %9s %9s %8s %6s %8s %8s  %s%n", "case", "batch",
            "px", "s/iter", "min", "cpu s/it", "GFLOP/it", "GFLOP/s", "%peak", "img/s", "RSS MiB",
            "load before"));
    for (Map.Entry<String, Map<String, Object>> e : results.entrySet()) {
      Map<String, Object> m = e.getValue();
      b.append(
          String.format(
              Locale.ROOT,
              "%-14s %5d %4d %9.3f %9.3f %9.3f %9.1f %8.1f %5.0f%% %8.1f %8.0f  %s%n",
              e.getKey(),
              num(m, "batch").intValue(),
              num(m, "imageSize").intValue(),
              num(m, "secondsPerIter").doubleValue(),
              num(m, "secondsMin").doubleValue(),
              m.get("cpuSecondsPerIter") == null ? Double.NaN : num(m, "cpuSecondsPerIter").doubleValue(),
              num(m, "gflopPerIter").doubleValue(),
              num(m, "gflops").doubleValue(),
              100 * num(m, "fractionOfPeak").doubleValue(),
              num(m, "imagesPerSecond").doubleValue(),
              num(m, "peakRssMiB").doubleValue(),
              m.get("loadAverageBefore")));
    }
    return b.toString();
  }

  private static Number num(Map<String, Object> m, String key) {
    return (Number) m.get(key);
  }

  /** Peak resident memory and load average from {@code /proc} (Linux). */
  static final class Memory {
    private Memory() {}

    /** Resets this process's VmHWM to its current RSS; false where that is not possible. */
    static boolean resetPeak() {
      try {
        Files.writeString(Path.of("/proc/self/clear_refs"), "5");
        return true;
      } catch (IOException | UnsupportedOperationException | SecurityException e) {
        return false;
      }
    }

    /** VmHWM of this process in KiB, or -1 where /proc is not available. */
    static long peakRssKiB() {
      try {
        for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
          if (line.startsWith("VmHWM:")) {
            return Long.parseLong(line.replaceAll("[^0-9]", ""));
          }
        }
      } catch (IOException | NumberFormatException e) {
        return -1;
      }
      return -1;
    }

    /**
     * User plus system CPU time of this process so far, in seconds (100 ticks per second), or NaN
     * where /proc is not available. Under load from other processes it moves less than the wall
     * time, so A/B comparisons read it beside the medians.
     */
    static double cpuSeconds() {
      try {
        String stat = Files.readString(Path.of("/proc/self/stat"));
        String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        return (Long.parseLong(f[11]) + Long.parseLong(f[12])) / 100.0;
      } catch (IOException | RuntimeException e) {
        return Double.NaN;
      }
    }

    /** The first three fields of /proc/loadavg, or "n/a". */
    static String loadAverage() {
      try {
        String[] f = Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+");
        return f[0] + " " + f[1] + " " + f[2];
      } catch (IOException | ArrayIndexOutOfBoundsException e) {
        return "n/a";
      }
    }
  }
}
