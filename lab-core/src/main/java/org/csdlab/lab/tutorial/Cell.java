package org.csdlab.lab.tutorial;

import java.util.Objects;

/**
 * One cell of a tutorial: markdown text for the reader, or Java code that runs.
 *
 * @param kind markdown or code
 * @param text the cell's text, without the {@code //md} markers, no leading or trailing blank lines
 * @param firstLine the 1-based line of the tutorial source where the cell's text starts
 */
public record Cell(Kind kind, String text, int firstLine) {

  /** What a cell holds. */
  public enum Kind {
    MARKDOWN,
    CODE
  }

  public Cell {
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(text, "text");
    if (firstLine < 1) {
      throw new IllegalArgumentException("firstLine is 1-based, was " + firstLine);
    }
  }

  public boolean isCode() {
    return kind == Kind.CODE;
  }

  @Override
  public String toString() {
    return "Cell[" + kind + " at line " + firstLine + ", " + text.lines().count() + " lines]";
  }
}
