package org.csdlab.lab.tutorial;

import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * One cell of a tutorial: markdown text for the reader, or Java code that runs.
 *
 * @param kind markdown or code
 * @param text the cell's text, without the {@code //md} markers, no leading or trailing blank lines
 * @param firstLine the 1-based line of the tutorial source where the cell's text starts
 * @param exercise the exercise this code cell is part of (its solution or its hidden checks), if
 *     any
 */
public record Cell(Kind kind, String text, int firstLine, Optional<Exercise.Part> exercise) {

  /** What a cell holds. */
  public enum Kind {
    MARKDOWN,
    CODE
  }

  public Cell {
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(text, "text");
    Objects.requireNonNull(exercise, "exercise");
    if (firstLine < 1) {
      throw new IllegalArgumentException("firstLine is 1-based, was " + firstLine);
    }
    if (exercise.isPresent() && kind != Kind.CODE) {
      throw new IllegalArgumentException("only code cells belong to exercises");
    }
  }

  /** A cell outside any exercise. */
  public Cell(Kind kind, String text, int firstLine) {
    this(kind, text, firstLine, Optional.empty());
  }

  public boolean isCode() {
    return kind == Kind.CODE;
  }

  @Override
  public String toString() {
    return "Cell["
        + kind
        + " at line "
        + firstLine
        + ", "
        + text.lines().count()
        + " lines"
        + exercise
            .map(
                p ->
                    ", "
                        + p.role().name().toLowerCase(Locale.ROOT)
                        + " of exercise "
                        + p.exercise().id())
            .orElse("")
        + "]";
  }
}
