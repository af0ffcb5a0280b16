package org.csdlab.lab.kernel;

import java.util.ArrayList;
import java.util.List;
import jdk.jshell.SourceCodeAnalysis;
import jdk.jshell.SourceCodeAnalysis.Completeness;

/**
 * A notebook cell cut into the snippets JShell evaluates one at a time (a cell may declare several
 * classes, methods and statements), each with where it starts in the cell, so that errors can point
 * at the cell's own lines.
 *
 * <p>JShell's source analysis, given the rest of a cell, reads on past a line that is complete on
 * its own: {@code lab.device()} followed by {@code var hello = ...} on the next line would become
 * one snippet that does not compile. So a snippet also ends at the end of a line where the text so
 * far is complete and the next line does not go on with it (a line starting with {@code .}, an
 * operator, a closing bracket, a comma, {@code else}, {@code catch} or {@code finally} does); a
 * statement may thus go on over several lines, {@code .method()} lines included, and a bare
 * expression line ends where a reader sees it end. Looking for such line ends costs a source
 * analysis per candidate line, so at most {@value #MAX_PROBES} lines and {@value #MAX_PROBE_CHARS}
 * characters are analysed per cell; past that a snippet ends where JShell's analysis says.
 */
final class CellSnippets {

  /** The most characters of a cell analysed while looking for the line ends where snippets end. */
  static final int MAX_PROBE_CHARS = 256 * 1024;

  /** The most candidate line ends analysed per cell. */
  static final int MAX_PROBES = 100;

  /** Words that go on with the statement of the line before ({@code if (...) a(); else b();}). */
  private static final List<String> CONTINUING_WORDS =
      List.of("else", "catch", "finally", "instanceof");

  /**
   * One snippet: the source JShell evaluates (a missing final semicolon added), where that source
   * starts in the cell, and where the raw text it came from starts.
   */
  record Piece(String source, int offset, int rawStart, Completeness completeness) {

    /** True when the cell ends inside this snippet (an open brace, a dangling operator). */
    boolean incomplete() {
      return completeness == Completeness.DEFINITELY_INCOMPLETE
          || completeness == Completeness.CONSIDERED_INCOMPLETE;
    }
  }

  private CellSnippets() {}

  /** The cell's snippets in order; an unfinished tail becomes a last piece marked incomplete. */
  static List<Piece> split(SourceCodeAnalysis analysis, String cell) {
    List<Piece> pieces = new ArrayList<>();
    int position = 0;
    int[] probeBudget = {MAX_PROBE_CHARS, MAX_PROBES};
    while (position < cell.length() && !cell.substring(position).isBlank()) {
      String rest = cell.substring(position);
      SourceCodeAnalysis.CompletionInfo info = analysis.analyzeCompletion(rest);
      Completeness completeness = info.completeness();
      if (completeness == Completeness.EMPTY) {
        break;
      }
      if (info.source() == null || completeness == Completeness.DEFINITELY_INCOMPLETE) {
        pieces.add(new Piece(rest, position + leadingWhitespace(rest), position, completeness));
        break;
      }
      int consumedLength = rest.length() - info.remaining().length();
      int lineEnd = firstEndingLine(analysis, rest, consumedLength, probeBudget);
      if (lineEnd > 0) {
        // The snippet ends at that line: what the analysis read past it is the next snippet's.
        String head = rest.substring(0, lineEnd);
        info = analysis.analyzeCompletion(head);
        completeness = info.completeness();
        consumedLength = head.length() - info.remaining().length();
      }
      String consumed = rest.substring(0, Math.max(0, consumedLength));
      // JShell counts lines from the first non-blank character; so do the cell's line numbers.
      String source = info.source().substring(leadingWhitespace(info.source()));
      pieces.add(new Piece(source, position + startOf(source, consumed), position, completeness));
      if (consumedLength <= 0) {
        break;
      }
      position += consumedLength;
    }
    return pieces;
  }

  /**
   * The end (after its line break) of the first line inside {@code text}'s first {@code length}
   * characters where the snippet is complete and the next line does not go on with it; 0 when there
   * is none (or the probe budget is spent).
   */
  private static int firstEndingLine(
      SourceCodeAnalysis analysis, String text, int length, int[] probeBudget) {
    for (int newline = text.indexOf('\n');
        newline >= 0 && newline < length;
        newline = text.indexOf('\n', newline + 1)) {
      String next = text.substring(newline + 1, length).stripLeading();
      if (next.isEmpty()) {
        return 0;
      }
      if (!endsAnOperand(text, newline) || continues(next)) {
        continue;
      }
      String head = text.substring(0, newline + 1);
      if (head.isBlank()) {
        continue;
      }
      probeBudget[0] -= head.length();
      probeBudget[1]--;
      if (probeBudget[0] < 0 || probeBudget[1] < 0) {
        return 0;
      }
      SourceCodeAnalysis.CompletionInfo info = analysis.analyzeCompletion(head);
      if (info.completeness().isComplete()
          && info.completeness() != Completeness.UNKNOWN
          && info.remaining().isBlank()) {
        return newline + 1;
      }
    }
    return 0;
  }

  /**
   * Whether the line ending at {@code newline} ends in what may end an expression (a name, a
   * literal, a closing bracket), comments aside; a line ending in {@code ;}, {@code ,}, an operator
   * or an opening bracket never ends a snippet the analysis read past.
   */
  private static boolean endsAnOperand(String text, int newline) {
    String line = text.substring(text.lastIndexOf('\n', newline - 1) + 1, newline);
    int comment = line.indexOf("//");
    String code = (comment >= 0 ? line.substring(0, comment) : line).strip();
    if (code.isEmpty()) {
      return false;
    }
    char last = code.charAt(code.length() - 1);
    return Character.isJavaIdentifierPart(last)
        || last == ')'
        || last == ']'
        || last == '"'
        || last == '\''
        || last == '}';
  }

  /** Whether a line starting with {@code next} goes on with the statement of the line before. */
  private static boolean continues(String next) {
    char first = next.charAt(0);
    if (".+-*/%&|^<>=!?:)],;{".indexOf(first) >= 0) {
      return !next.startsWith("//") && !next.startsWith("/*");
    }
    for (String word : CONTINUING_WORDS) {
      if (next.startsWith(word)
          && (next.length() == word.length()
              || !Character.isJavaIdentifierPart(next.charAt(word.length())))) {
        return true;
      }
    }
    return false;
  }

  /**
   * The offset of the first line that the {@code jshell} tool, reading {@code cell} as a script,
   * would start a new snippet with while {@link #split} keeps it in the snippet before: the line
   * after one where the snippet's text so far is already complete ({@code Check.that(...)} and then
   * {@code .is(1);}). Empty when both read the cell alike.
   */
  static java.util.OptionalInt firstScriptBreak(SourceCodeAnalysis analysis, String cell) {
    List<Piece> pieces = split(analysis, cell);
    for (int i = 0; i < pieces.size(); i++) {
      Piece piece = pieces.get(i);
      int end = i + 1 < pieces.size() ? pieces.get(i + 1).rawStart() : cell.length();
      for (int newline = cell.indexOf('\n', piece.offset());
          newline >= 0 && newline < end;
          newline = cell.indexOf('\n', newline + 1)) {
        if (cell.substring(newline + 1, end).isBlank()) {
          break; // the rest of the snippet is blank: no line after this one belongs to it
        }
        String lines = cell.substring(piece.rawStart(), newline + 1);
        if (analysis.analyzeCompletion(lines).completeness().isComplete()) {
          return java.util.OptionalInt.of(
              newline + 1 + leadingWhitespace(cell.substring(newline + 1, end)));
        }
      }
    }
    return java.util.OptionalInt.empty();
  }

  /**
   * Where {@code source} (perhaps with a semicolon JShell added) begins inside {@code consumed}.
   */
  private static int startOf(String source, String consumed) {
    int index = consumed.indexOf(source);
    if (index < 0 && source.endsWith(";")) {
      index = consumed.indexOf(source.substring(0, source.length() - 1));
    }
    return index >= 0 ? index : leadingWhitespace(consumed);
  }

  private static int leadingWhitespace(String text) {
    int i = 0;
    while (i < text.length() && Character.isWhitespace(text.charAt(i))) {
      i++;
    }
    return i;
  }
}
