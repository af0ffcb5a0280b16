package org.csdlab.lab.kernel;

/** Whether a cell could run as it is, as Jupyter's {@code is_complete_request} asks. */
public enum CellCompleteness {
  /** Every statement and declaration is finished (or the cell is empty). */
  COMPLETE,
  /** The cell ends inside a statement or block: a console should take another line. */
  INCOMPLETE,
  /** The cell cannot become valid by adding more text (a stray closing brace). */
  INVALID
}
