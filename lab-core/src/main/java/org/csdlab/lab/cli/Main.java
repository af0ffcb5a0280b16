package org.csdlab.lab.cli;

import java.io.PrintWriter;
import picocli.CommandLine;

/**
 * Entry point of the {@code csdlab} command line (the main class of {@code csdlab.jar}, which the
 * {@code ./csdlab} launcher runs).
 */
public final class Main {
  private Main() {}

  /** Runs one command and exits with its status (0 on success). */
  public static void main(String[] args) {
    PrintWriter out = new PrintWriter(System.out, true);
    PrintWriter err = new PrintWriter(System.err, true);
    int status;
    try {
      status = execute(out, err, args);
    } catch (Throwable t) { // an Error (out of memory, stack overflow) escaping picocli's handlers
      err.println("csdlab: " + ErrorReport.describe(t));
      status = 1;
    }
    out.flush();
    err.flush();
    if (status != 0) {
      System.exit(status);
    }
  }

  /**
   * Runs one command with its output on {@code out} and errors on {@code err}; returns the exit
   * status: 0 success, 1 the command failed, 2 bad arguments.
   */
  public static int execute(PrintWriter out, PrintWriter err, String... args) {
    return commandLine(out, err).execute(args);
  }

  /** The configured command line, writing to {@code out} and {@code err}. */
  static CommandLine commandLine(PrintWriter out, PrintWriter err) {
    CommandLine commandLine = new CommandLine(new CsdlabCommand());
    commandLine.getCommandSpec().usageMessage().footer(CsdlabCommand.FOOTER);
    commandLine.setOut(out);
    commandLine.setErr(err);
    commandLine.setCaseInsensitiveEnumValuesAllowed(true);
    commandLine.setHelpFactory(WrappingHelp.FACTORY);
    commandLine.setExecutionExceptionHandler(ErrorReport.EXECUTION);
    commandLine.setParameterExceptionHandler(ErrorReport.PARAMETERS);
    return commandLine;
  }
}
