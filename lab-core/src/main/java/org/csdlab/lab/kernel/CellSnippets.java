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
