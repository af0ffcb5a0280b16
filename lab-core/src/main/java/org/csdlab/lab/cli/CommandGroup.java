package org.csdlab.lab.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * A command that only groups subcommands: run without one, it is a usage error (exit status 2) that
 * prints its usage, with the subcommands, on stderr.
 */
abstract class CommandGroup implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Override
  public Integer call() {
    return usageError(spec);
  }

  /** Prints the usage of {@code spec}'s command on stderr and returns the usage-error status. */
  static int usageError(CommandSpec spec) {
    spec.commandLine().usage(spec.commandLine().getErr());
    spec.commandLine().getErr().flush();
    return spec.exitCodeOnInvalidInput();
  }
}
