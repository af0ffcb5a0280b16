package org.csdlab.lab.kernel;

import java.util.ArrayList;
import java.util.List;
import jdk.jshell.SourceCodeAnalysis;
import jdk.jshell.SourceCodeAnalysis.Completeness;

/**
 * A notebook cell cut into the snippets JShell evaluates one at a time (a cell may declare several
 * classes, methods and statements), each with where it starts in the cell, so that errors can
 * point at the cell's own lines.
 */
final class CellSnippets {

  /**
   * One snippet: the source JShell evaluates (a missing final semicolon added), where that source
   * starts in the cell, and where the raw text it came from starts.
   */
  record Piece(String source, int offset, int rawStart, Completeness completeness) {

    /** True when the cell ends inside this snippet (an open brace, a dangling operator). */
    boolean incomplete() {
      return completeness == Completeness.DEFINITELY_INCOMPLETE || completeness == Completeness.CONSIDERED_INCOMPLETE;
    }
  }

  private CellSnippets() {}

  /** The cell's snippets in order; an unfinished tail becomes a last piece marked incomplete. */
  static List<Piece> split(SourceCodeAnalysis analysis, String cell) {
    List<Piece> pieces = new ArrayList<>();
    int position = 0;
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
      for (int newline = cell.indexOf('\n', piece.offset()); newline >= 0 && newline < end;
          newline = cell.indexOf('\n', newline + 1)) {
        if (cell.substring(newline + 1, end).isBlank()) {
          break; // the rest of the snippet is blank: no line after this one belongs to it
        }
        String lines = cell.substring(piece.rawStart(), newline + 1);
        if (analysis.analyzeCompletion(lines).completeness().isComplete()) {
          return java.util.OptionalInt.of(newline + 1 + leadingWhitespace(cell.substring(newline + 1, end)));
        }
      }
    }
    return java.util.OptionalInt.empty();
  }

  /** Where {@code source} (perhaps with a semicolon JShell added) begins inside {@code consumed}. */
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
