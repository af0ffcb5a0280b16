package org.csdlab.lab.kernel;

import java.util.List;

/**
 * Why a cell did not run to its end, as lines a notebook shows in its error output (and a tutorial
 * run prints): plain text (readable in light and dark themes), pointing at the cell's own lines.
 * Evaluation stops at the first failing snippet; what ran before it stays defined. The one error
 * type of every cell run: the kernel's, {@code tutorial run} and {@code tutorial check}'s.
 */
public abstract class CellError extends RuntimeException {

  /** The ways a cell can fail. */
  public enum Kind {
    /** The code does not compile, or the cell ends in the middle of a statement. */
    COMPILE,
    /** The code threw what it did not catch (a failed tutorial check among them). */
    EXCEPTION,
    /** The cell was stopped: the notebook's stop button, or a tutorial run's time limit. */
    INTERRUPTED,
    /** The cell was stopped because the heap stayed nearly full after garbage collection. */
    OUT_OF_MEMORY,
    /** A magic line ({@code %jars ...}) was wrong or failed. */
    MAGIC
  }

  private final Kind kind;
  private final int line;
  private final List<String> lines;

  CellError(Kind kind, int line, String message, List<String> lines) {
    super(message);
    this.kind = kind;
    this.line = line;
    this.lines = List.copyOf(lines);
  }

  /** What went wrong. */
  public Kind kind() {
    return kind;
  }

  /**
   * The line where it went wrong, numbered as the cell's {@link CellLocation} numbers them (from 1
   * in a notebook cell, from the cell's first line of a tutorial source), or 0 when no line is to
   * blame.
   */
  public int line() {
    return line;
  }

  /** The report, one line per element, without line breaks inside. */
  public List<String> lines() {
    return lines;
  }
}
