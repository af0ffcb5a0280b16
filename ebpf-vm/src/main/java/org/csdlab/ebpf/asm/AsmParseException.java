package org.csdlab.ebpf.asm;

import org.csdlab.ebpf.EbpfException;
import org.csdlab.ebpf.Excerpt;

/**
 * Assembly text that could not be read: names the line and column (both from 1), what was expected
 * there and what was found, and shows the line with a caret under the problem.
 *
 * <pre>
 * line 3, column 6: expected a register (r0-r10) but found 'r11'
 *     r1 = r11
 *          ^
 * </pre>
 *
 * <p>The message shows at most {@link Excerpt#LINE_WINDOW_CHARS} characters of the line, around the
 * column, and every value it echoes is cut by {@link Excerpt}, so a line of a megabyte gives a
 * message of a few lines; {@link #lineText()} keeps the whole line.
 */
public final class AsmParseException extends EbpfException {
  private static final long serialVersionUID = 1L;

  private final int line;
  private final int column;
  private final String expected;
  private final String found;
  private final String lineText;

  AsmParseException(int line, int column, String expected, String found, String lineText) {
    this(line, column, expected, found, lineText, "expected " + expected + " but found " + found);
  }

  AsmParseException(
      int line, int column, String expected, String found, String lineText, String problem) {
    super(message(line, column, problem, Excerpt.window(lineText, column)));
    this.line = line;
    this.column = column;
    this.expected = expected;
    this.found = found;
    this.lineText = lineText;
  }

  private static String message(int line, int column, String problem, Excerpt.Window shown) {
    return "line "
        + line
        + ", column "
        + column
        + ": "
        + problem
        + "\n"
        + shown.text()
        + "\n"
        + caret(shown.text(), shown.column());
  }

  private static String caret(String lineText, int column) {
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < column - 1; i++) {
      out.append(i < lineText.length() && lineText.charAt(i) == '\t' ? '\t' : ' ');
    }
    return out.append('^').toString();
  }

  /** The line of the problem, counted from 1. */
  public int line() {
    return line;
  }

  /** The column of the problem in its line, counted from 1. */
  public int column() {
    return column;
  }

  /** What the assembler expected at that place, e.g. {@code a register (r0-r10)}. */
  public String expected() {
    return expected;
  }

  /** What it found instead, quoted, e.g. {@code 'r11'} or {@code end of line}. */
  public String found() {
    return found;
  }

  /** The source line as written. */
  public String lineText() {
    return lineText;
  }
}
