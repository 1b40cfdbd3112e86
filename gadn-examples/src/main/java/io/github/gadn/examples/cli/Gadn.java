package io.github.gadn.examples.cli;

import io.github.gadn.CorruptCheckpointException;
import io.github.gadn.config.ConfigException;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The {@code gadn} command line: {@code java -jar gadn.jar COMMAND [options]}. Exit 0 on success,
 * 2 on a usage error (one line plus the usage), 1 on any other failure (one line naming the cause;
 * the stack trace only with {@code --verbose}).
 */
public final class Gadn {
  private Gadn() {}

  static Map<String, Command> commands() {
    Map<String, Command> m = new LinkedHashMap<>();
    for (Command c : TrainingCommands.all()) {
      m.put(c.name(), c);
    }
    Command train = new TrainCommand();
    m.put(train.name(), train);
    for (Command c : ModelCommands.all()) {
      m.put(c.name(), c);
    }
    Command evaluate = new EvaluateCommand();
    m.put(evaluate.name(), evaluate);
    Command demo = new DemoCommand();
    m.put(demo.name(), demo);
    Command bench = new BenchCommand();
    m.put(bench.name(), bench);
    return m;
  }

  /**
   * Entry point. Unless {@code TF_ENABLE_ONEDNN_OPTS} is set, first relaunches itself with it set
   * to 0 (see {@link Relaunch}).
   */
  public static void main(String[] args) {
    if (Relaunch.wanted()) {
      System.exit(Relaunch.run(args));
    }
    Relaunch.exitWithParent();
    int code = run(args, System.out, System.err);
    System.out.flush();
    System.exit(code);
  }

  /** Runs a command line and returns the exit code (for tests). */
  public static int run(String[] args, PrintStream out, PrintStream err) {
    Map<String, Command> commands = commands();
    if (args.length == 0 || args[0].equals("--help") || args[0].equals("-h") || args[0].equals("help")) {
      out.println(overview(commands));
      return args.length == 0 ? 2 : 0;
    }
    Command command = commands.get(args[0]);
    if (command == null) {
      err.println("gadn: unknown command \"" + args[0] + "\"");
      err.println(overview(commands));
      return 2;
    }
    List<String> rest = new ArrayList<>(Arrays.asList(args).subList(1, args.length));
    boolean verbose = rest.remove("--verbose");
    if (command.name().equals("synth") && !rest.isEmpty() && !rest.get(0).startsWith("--")) {
      rest.add(0, "--kind");
    }
    Options options = command.options();
    if (rest.contains("--help") || rest.contains("-h")) {
      out.println(options.usage());
      return 0;
    }
    try {
      options.parse(rest);
      return command.run(options, out);
    } catch (UsageException e) {
      err.println("gadn " + command.name() + ": " + e.getMessage());
      err.println(options.usage());
      return 2;
    } catch (ConfigException e) {
      err.println("gadn " + command.name() + ": " + options.describe(e));
      err.println(options.usage());
      return 2;
    } catch (Exception e) {
      err.println("gadn " + command.name() + ": " + message(e) + hint(e, options));
      if (verbose) {
        e.printStackTrace(err);
      } else {
        err.println("(run with --verbose for the stack trace)");
      }
      return 1;
    }
  }

  /** What to try next, for the failures that have a remedy on the command line. */
  private static String hint(Exception e, Options options) {
    if (e instanceof CorruptCheckpointException
        && options.declares("load-fallback") && !options.bool("load-fallback")) {
      return " (--load-fallback resumes from the newest intact numbered checkpoint instead)";
    }
    return "";
  }

  private static String message(Throwable e) {
    String m = e.getMessage();
    if (m == null || m.isBlank()) {
      m = e.getClass().getSimpleName();
    }
    return m.lines().findFirst().orElse(m);
  }

  static String overview(Map<String, Command> commands) {
    StringBuilder b = new StringBuilder("usage: java -jar gadn.jar COMMAND [options]   (COMMAND --help for options)\n\ncommands:\n");
    Map<String, String> help = new LinkedHashMap<>();
    help.put("stage1", "train the content encoder, generator and style table (stage 1)");
    help.put("encode", "store the content codes of a numbered stage-1 checkpoint");
    help.put("classifier", "pre-train the stage-2 classifier on real images");
    help.put("stage2", "train the dual-conditional GAN (stage 2)");
    help.put("gan", "train the unconditional LSGAN baseline");
    help.put("train", "the whole pipeline on your data in one resumable command, with a report");
    help.put("transfer", "draw input images in named styles");
    help.put("sample", "random contents x styles grid");
    help.put("export", "write a trained model as a TensorFlow SavedModel");
    help.put("enroll", "fit a new style (artist) from 1-50 images into a trained run");
    help.put("evaluate", "disentanglement metrics of an encoder, beside a baseline");
    help.put("synth", "write the synthetic handwriting or portrait set to disk");
    help.put("demo", "the whole pipeline on the embedded synthetic handwriting (the quick start)");
    help.put("bench", "time training and inference at the default networks (bench.json)");
    for (String name : commands.keySet()) {
      b.append(String.format("  %-11s %s%n", name, help.getOrDefault(name, "")));
    }
    return b.toString();
  }
}
