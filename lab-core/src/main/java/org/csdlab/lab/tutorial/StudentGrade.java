package org.csdlab.lab.tutorial;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The grade of one notebook handed in: an outcome per exercise of its tutorial, or why the file
 * could not be graded.
 *
 * @param file the file handed in
 * @param student who handed it in (the file name without {@code .ipynb})
 * @param tutorial the tutorial it belongs to, when that could be read
 * @param exercises one grade per exercise of the tutorial, in the tutorial's order (empty when not
 *     graded)
 * @param problem why the file could not be graded, if it could not
 * @param elapsedNanos how long grading it took
 */
public record StudentGrade(
    Path file,
    String student,
    Optional<String> tutorial,
    List<ExerciseGrade> exercises,
    Optional<SubmissionException> problem,
    long elapsedNanos) {

  public StudentGrade {
    Objects.requireNonNull(file, "file");
    Objects.requireNonNull(student, "student");
    Objects.requireNonNull(tutorial, "tutorial");
    exercises = List.copyOf(exercises);
    Objects.requireNonNull(problem, "problem");
  }

  /** Whether the file was graded (whatever the student scored). */
  public boolean graded() {
    return problem.isEmpty();
  }

  /** How many exercises passed. */
  public long passedCount() {
    return exercises.stream().filter(ExerciseGrade::passed).count();
  }
}
