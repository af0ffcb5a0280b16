package org.csdlab.lab.kernel;

/**
 * A cell's text with positions turned into lines and columns, for error messages; lines are
 * numbered from the {@link CellLocation}'s first line.
 */
record CellText(String text, CellLocation location) {

  CellText(String text) {
    this(text, CellLocation.NOTEBOOK_CELL);
  }

  /** The line holding {@code offset}. */
  int lineOf(int offset) {
    int line = location.firstLine();
    for (int i = 0; i < Math.min(offset, text.length()); i++) {
      if (text.charAt(i) == '\n') {
        line++;
      }
    }
    return line;
  }

  /** The 1-based column of {@code offset} within its line. */
  int columnOf(int offset) {
    int clamped = Math.min(Math.max(offset, 0), text.length());
    return clamped - lineStart(clamped) + 1;
  }

  /**
   * The text of {@code line} (numbered as {@link #lineOf} numbers), without its line break; empty
   * outside the cell.
   */
  String line(int line) {
    String[] lines = text.split("\n", -1);
    int index = line - location.firstLine();
    return index >= 0 && index < lines.length ? stripCarriageReturn(lines[index]) : "";
  }

  /** How reports name the cell. */
  String name() {
    return location.name();
  }

  private int lineStart(int offset) {
    int start = text.lastIndexOf('\n', offset - 1);
    return start + 1;
  }

  private static String stripCarriageReturn(String line) {
    return line.endsWith("\r") ? line.substring(0, line.length() - 1) : line;
  }
}
