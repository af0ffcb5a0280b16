package org.csdlab.lab.kernel;

import java.util.List;

/**
 * Why a cell did not run to its end, as lines a notebook shows in its error output: plain text
 * (readable in light and dark themes), pointing at the cell's own lines. Evaluation stops at the
 * first failing snippet; what ran before it stays defined.
 */
public abstract class CellError extends RuntimeException {

  private final List<String> lines;

  CellError(String message, List<String> lines) {
    super(message);
    this.lines = List.copyOf(lines);
  }

  /** The report, one line per element, without line breaks inside. */
  public List<String> lines() {
    return lines;
  }
}
