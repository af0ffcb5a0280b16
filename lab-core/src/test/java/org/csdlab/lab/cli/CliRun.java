package org.csdlab.lab.cli;

import java.io.PrintWriter;
import java.io.StringWriter;

/** One in-process run of the command line, with what it printed on each stream. */
record CliRun(int status, String out, String err) {
  /** Runs {@code csdlab ARGS} with captured output. */
  static CliRun of(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int status = Main.execute(new PrintWriter(out, true), new PrintWriter(err, true), args);
    return new CliRun(status, out.toString(), err.toString());
  }

  /** The error output, which must be exactly one line; the line without its break. */
  String errorLine() {
    String[] lines = err.split("\\R");
    if (lines.length != 1 || err.isBlank()) {
      throw new AssertionError("expected one error line, got:\n" + err);
    }
    return lines[0];
  }
}
