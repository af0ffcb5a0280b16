package org.csdlab.lab.kernel;

import java.util.List;

/** A snippet of the cell did not compile (or the cell ends in the middle of a statement). */
public final class CompilationError extends CellError {

  private final int column;

  CompilationError(String message, int line, int column, List<String> lines) {
    super(Kind.COMPILE, line, message, lines);
    this.column = column;
  }

  /** The 1-based column of that line where the problem starts. */
  public int column() {
    return column;
  }
}
