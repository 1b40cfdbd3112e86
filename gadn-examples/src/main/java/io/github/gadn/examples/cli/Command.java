package io.github.gadn.examples.cli;

import java.io.PrintStream;

/** One subcommand of {@code gadn}. */
interface Command {
  /** Name as typed. */
  String name();

  /** Declares the options (with defaults and help). */
  Options options();

  /** Runs with parsed options; returns the exit code. */
  int run(Options options, PrintStream out) throws Exception;
}
