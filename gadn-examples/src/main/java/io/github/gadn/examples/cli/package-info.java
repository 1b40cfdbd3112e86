/** The {@code gadn} command line: training, the one-command pipeline, transfer, evaluation, demo and bench. */
package io.github.gadn.examples.cli;
