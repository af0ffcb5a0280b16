package org.csdlab.lab.tutorial;

import java.util.Objects;

/**
 * The outcome of one {@link Check}: what was checked, whether it held, and the line the reader saw.
 *
 * @param description what was checked, in the tutorial's words ("r0 of the hello program")
 * @param passed whether the expectation held
 * @param line the printed line without its mark, e.g. "r0 of the hello program is 42" or "r0 of the
 *     hello program: expected 42 but was 41"
 */
public record CheckResult(String description, boolean passed, String line) {

  public CheckResult {
    Objects.requireNonNull(description, "description");
    Objects.requireNonNull(line, "line");
  }

  /** The line as printed: ✓ or ✗, a space, then {@link #line()}. */
  public String printed() {
    return (passed ? "✓ " : "✗ ") + line;
  }
}
