package org.csdlab.lab.tutorial;

import java.util.Objects;

/**
 * How one student did on one exercise.
 *
 * @param exercise the exercise
 * @param outcome passed, or why not
 * @param message one line for the student and the teacher (empty when passed)
 * @param details more: the failed check's output, the error's traceback (may be empty)
 */
public record ExerciseGrade(Exercise exercise, Outcome outcome, String message, String details) {

  /** What came of an exercise. */
  public enum Outcome {
    /** The hidden checks ran to their end after the student's cell. */
    PASSED,
    /** A hidden check failed, or the checks could not run on what the student's cell left. */
    FAILED,
    /** The student's cell threw or did not compile. */
    ERROR,
    /**
     * The student's cell, or the checks on its result, ran past the cell timeout and were
     * interrupted.
     */
    TIMEOUT,
    /** The notebook has no cell for the exercise (deleted, or its metadata removed). */
    MISSING,
    /**
     * The exercise was not reached: the notebook's time budget ran out or the kernel died before
     * it.
     */
    NOT_RUN;

    /**
     * Whether this outcome counts as a failure of the test (rather than an error) in a JUnit
     * report.
     */
    public boolean isFailure() {
      return this == FAILED || this == MISSING;
    }
  }

  public ExerciseGrade {
    Objects.requireNonNull(exercise, "exercise");
    Objects.requireNonNull(outcome, "outcome");
    Objects.requireNonNull(message, "message");
    Objects.requireNonNull(details, "details");
  }

  /** Whether the exercise passed. */
  public boolean passed() {
    return outcome == Outcome.PASSED;
  }
}
