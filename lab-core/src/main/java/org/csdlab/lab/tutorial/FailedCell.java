package org.csdlab.lab.tutorial;

import java.util.List;
import java.util.Objects;
import org.csdlab.lab.kernel.CellError;
import org.csdlab.lab.kernel.UncaughtException;

/**
 * The cell a tutorial run stopped at, and why: the cell runner's {@link CellError} (the report a
 * notebook would show for the same cell, its lines numbered as the tutorial source numbers them).
 *
 * @param cell the 1-based number of the cell among all the tutorial's cells (as a notebook numbers
 *     them)
 * @param error what went wrong, as the cell runner reports it
 * @param reason one line on what went wrong: the compiler's message, the exception, the failed
 *     check, or the run's time limit
 */
public record FailedCell(int cell, CellError error, String reason) {

  public FailedCell {
    Objects.requireNonNull(error, "error");
    Objects.requireNonNull(reason, "reason");
  }

  /** The failure of {@code cell}, with a reason read from {@code error}. */
  static FailedCell of(int cell, CellError error) {
    String reason = error.getMessage();
    if (error instanceof UncaughtException uncaught
        && uncaught.exceptionMessage() != null
        && isCheck(error)) {
      reason = uncaught.exceptionMessage();
    }
    return new FailedCell(cell, error, reason);
  }

  /** The 1-based line of the tutorial source where it went wrong (0 when no line is to blame). */
  public int line() {
    return error.line();
  }

  /** What went wrong. */
  public CellError.Kind kind() {
    return error.kind();
  }

  /** Whether a {@link Check} failed (it threw {@link CheckFailedException}). */
  public boolean isCheck() {
    return isCheck(error);
  }

  private static boolean isCheck(CellError error) {
    return error instanceof UncaughtException uncaught
        && uncaught.exceptionClassName().equals(CheckFailedException.class.getName());
  }

  /**
   * Where and what, then the runner's report: {@code cell 4, line 37: check failed: ...} and the
   * lines of the report indented below it.
   */
  public String describe() {
    StringBuilder text = new StringBuilder("cell " + cell + ", line " + line() + ": " + reason);
    // A stopped run's report is the reason; the notebook's "the next cell runs normally" is not for
    // it.
    List<String> report = error.kind() == CellError.Kind.INTERRUPTED ? List.of() : error.lines();
    for (int i = 0; i < report.size(); i++) {
      // The report's headline says again what the reason says.
      if (i == 0 && (report.get(0).contains(reason) || reason.contains(report.get(0)))) {
        continue;
      }
      text.append("\n    ").append(report.get(i));
    }
    return text.toString();
  }
}
