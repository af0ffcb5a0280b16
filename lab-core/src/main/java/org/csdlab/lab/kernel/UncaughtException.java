package org.csdlab.lab.kernel;

import java.util.List;

/** The cell's code threw an exception that it did not catch. */
public final class UncaughtException extends CellError {

  private final String exceptionClassName;

  UncaughtException(String exceptionClassName, String message, List<String> lines) {
    super(message, lines);
    this.exceptionClassName = exceptionClassName;
  }

  /** This report with {@code note} as a further line at its end. */
  UncaughtException withNote(String note) {
    List<String> lines = new java.util.ArrayList<>(lines());
    lines.add(note);
    return new UncaughtException(exceptionClassName, getMessage(), lines);
  }

  /** The fully qualified class name of what was thrown, e.g. {@code java.lang.ArithmeticException}. */
  public String exceptionClassName() {
    return exceptionClassName;
  }
}
