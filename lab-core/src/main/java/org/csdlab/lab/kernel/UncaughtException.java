package org.csdlab.lab.kernel;

import java.util.List;

/** The cell's code threw an exception that it did not catch. */
public final class UncaughtException extends CellError {

  private final String exceptionClassName;

  private final String exceptionMessage;

  UncaughtException(String exceptionClassName, String message, List<String> lines) {
    this(exceptionClassName, null, 0, message, lines);
  }

  /**
   * @param exceptionMessage what was thrown says, or null
   * @param line where it was thrown, numbered as the cell's location numbers lines (0: not known)
   * @param message the report's headline
   */
  UncaughtException(
      String exceptionClassName,
      String exceptionMessage,
      int line,
      String message,
      List<String> lines) {
    super(Kind.EXCEPTION, line, message, lines);
    this.exceptionClassName = exceptionClassName;
    this.exceptionMessage = exceptionMessage;
  }

  /** This report with {@code note} as a further line at its end. */
  UncaughtException withNote(String note) {
    List<String> lines = new java.util.ArrayList<>(lines());
    lines.add(note);
    return new UncaughtException(exceptionClassName, exceptionMessage, line(), getMessage(), lines);
  }

  /** The message of what was thrown (without its class name), or null when it had none. */
  public String exceptionMessage() {
    return exceptionMessage;
  }

  /**
   * The fully qualified class name of what was thrown, e.g. {@code java.lang.ArithmeticException}.
   */
  public String exceptionClassName() {
    return exceptionClassName;
  }
}
