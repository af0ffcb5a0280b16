package org.csdlab.ebpf;

/**
 * How much of a user's input an error message repeats. An error that echoes what it refused (a
 * 100,000-digit immediate, a line of a megabyte, a file name, a command-line argument) shows at
 * most {@link #MAX_CHARS} characters of it and says how many it left out:
 *
 * <pre>
 * immediate 123456789012345678901234567890… (99,920 more characters) does not fit 32 bits
 * </pre>
 *
 * <p>The one place csdlab cuts echoed input: the assembler, the loaders and the lab's JSON and
 * command-line errors all go through it, so every message has the same bound and the same form.
 */
public final class Excerpt {
  /** The most characters of one echoed value an error message shows. */
  public static final int MAX_CHARS = 80;

  /**
   * The most characters of an echoed list of names (defined labels, known fields) an error message
   * shows.
   */
  public static final int MAX_LIST_CHARS = 240;

  /** The most characters of a source line an error message shows around the column it points at. */
  public static final int LINE_WINDOW_CHARS = 120;

  private static final String ELLIPSIS = "…";

  private Excerpt() {}

  /**
   * {@code text} if it has at most {@link #MAX_CHARS} characters, else its start and the count left
   * out.
   */
  public static String of(String text) {
    return of(text, MAX_CHARS);
  }

  /**
   * {@code text} if it has at most {@code maxChars} characters, else its start and the count left
   * out.
   */
  public static String of(String text, int maxChars) {
    if (text == null || text.length() <= maxChars) {
      return text;
    }
    int end = safeEnd(text, maxChars);
    return text.substring(0, end) + ELLIPSIS + more(text.length() - end);
  }

  /**
   * The part of {@code line} around {@code column} (from 1) that an error shows, at most {@link
   * #LINE_WINDOW_CHARS} characters of the line and the markers saying what was left out, with the
   * column the caret goes under in that shown text.
   */
  public static Window window(String line, int column) {
    if (line.length() <= LINE_WINDOW_CHARS) {
      return new Window(line, column);
    }
    int at = Math.max(0, Math.min(line.length(), column - 1));
    int start =
        Math.max(0, Math.min(at - LINE_WINDOW_CHARS / 2, line.length() - LINE_WINDOW_CHARS));
    start = safeStart(line, start);
    int end = safeEnd(line, Math.min(line.length(), start + LINE_WINDOW_CHARS));
    String before =
        start == 0
            ? ""
            : "("
                + String.format(java.util.Locale.ROOT, "%,d", start)
                + " characters before)"
                + ELLIPSIS;
    String after = end == line.length() ? "" : ELLIPSIS + more(line.length() - end);
    return new Window(
        before + line.substring(start, end) + after, column - start + before.length());
  }

  /**
   * A source line cut for an error message.
   *
   * @param text the part of the line shown, with markers for what was left out
   * @param column the column (from 1) of {@code text} the caret points at
   */
  public record Window(String text, int column) {}

  private static String more(int count) {
    return String.format(java.util.Locale.ROOT, " (%,d more characters)", count);
  }

  /** {@code end}, moved back so that the cut does not split a surrogate pair. */
  private static int safeEnd(String text, int end) {
    return end > 0 && end < text.length() && Character.isHighSurrogate(text.charAt(end - 1))
        ? end - 1
        : end;
  }

  private static int safeStart(String text, int start) {
    return start > 0 && Character.isLowSurrogate(text.charAt(start)) ? start + 1 : start;
  }
}
