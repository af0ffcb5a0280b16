package org.csdlab.lab.kernel;

/** A cell's text with positions turned into 1-based lines and columns, for error messages. */
record CellText(String text) {

  /** The 1-based line holding {@code offset}. */
  int lineOf(int offset) {
    int line = 1;
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

  /** The text of the 1-based {@code line}, without its line break; empty past the end. */
  String line(int line) {
    String[] lines = text.split("\n", -1);
    return line >= 1 && line <= lines.length ? stripCarriageReturn(lines[line - 1]) : "";
  }

  private int lineStart(int offset) {
    int start = text.lastIndexOf('\n', offset - 1);
    return start + 1;
  }

  private static String stripCarriageReturn(String line) {
    return line.endsWith("\r") ? line.substring(0, line.length() - 1) : line;
  }
}
