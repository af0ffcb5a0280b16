package org.csdlab.lab.tutorial;

import java.util.Objects;

/**
 * Why a tutorial run stopped: code that did not compile, threw, or failed a check.
 *
 * @param cell the 1-based number of the cell among all the tutorial's cells (as a notebook numbers them)
 * @param line the 1-based line of the tutorial source where it went wrong
 * @param kind what went wrong
 * @param message what went wrong, readable: the compiler's message or the exception's class and message
 * @param code the source line at fault
 */
public record CellError(int cell, int line, Kind kind, String message, String code) {

  /** The ways a cell can fail. */
  public enum Kind {
    /** The code does not compile (or is incomplete). */
    COMPILE,
    /** The code threw an exception. */
    EXCEPTION,
    /** A {@link Check} did not hold (it threw {@link CheckFailedException}). */
    CHECK,
    /** The run was stopped because it took longer than allowed. */
    TIMEOUT
  }

  public CellError {
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(message, "message");
    Objects.requireNonNull(code, "code");
  }

  /** One line: where and what, e.g. {@code cell 4, line 37: EXCEPTION ZnsException: ...}. */
  public String describe() {
    return "cell " + cell + ", line " + line + ": " + message + (code.isBlank() ? "" : "\n    at: " + code.strip());
  }
}
