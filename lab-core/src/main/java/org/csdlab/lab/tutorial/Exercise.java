package org.csdlab.lab.tutorial;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * An exercise of a tutorial: a cell the student writes, graded by checks only the teacher's copy
 * holds. In the source it is a block of markers (see {@link TutorialSource}); it becomes a solution
 * cell and a checks cell in the teacher's notebook and one answer cell, holding {@link #stub}, in
 * the student's.
 *
 * @param id the exercise's stable name, used in notebooks' cell metadata and in grading reports
 *     (lower-case letters, digits and dashes, e.g. {@code sum-to-100})
 * @param title what the exercise asks, in a few words, for reports
 * @param stub the code the student starts from (may be empty)
 * @param firstLine the 1-based line of its {@code //exercise} marker in the tutorial source
 */
public record Exercise(String id, String title, String stub, int firstLine) {

  /** What an exercise id may be. */
  public static final Pattern ID = Pattern.compile("[a-z0-9][a-z0-9-]{0,62}");

  public Exercise {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(title, "title");
    Objects.requireNonNull(stub, "stub");
    if (!ID.matcher(id).matches()) {
      throw new IllegalArgumentException(
          "an exercise id is 1 to 63 lower-case letters, digits and dashes,"
              + " starting with a letter or digit; was '"
              + id
              + "'");
    }
    if (title.isBlank()) {
      throw new IllegalArgumentException("exercise " + id + " has an empty title");
    }
    if (firstLine < 1) {
      throw new IllegalArgumentException("firstLine is 1-based, was " + firstLine);
    }
  }

  /** Which cell of an exercise a {@link Cell} is. */
  public enum Role {
    /** The reference solution: in the teacher's notebook; the student's gets the stub instead. */
    SOLUTION,
    /**
     * The hidden checks: only in the teacher's notebook; the grader runs them after the student's
     * cell.
     */
    CHECKS
  }

  /**
   * A cell's place in an exercise.
   *
   * @param exercise the exercise the cell belongs to
   * @param role which of its cells it is
   */
  public record Part(Exercise exercise, Role role) {
    public Part {
      Objects.requireNonNull(exercise, "exercise");
      Objects.requireNonNull(role, "role");
    }
  }
}
