/** The {@code gadn} command line (contract: shared/design/cli.md). */
package io.github.gadn.examples.cli;
