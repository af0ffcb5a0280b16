package org.csdlab.lab.tutorial;

import java.util.List;
import java.util.Locale;

/** The grades of a class as text for the terminal: one block per notebook, a summary line. */
final class GradeReport {

  private GradeReport() {}

  /**
   * One notebook's grades:
   *
   * <pre>
   * alice.ipynb (01-hello-ebpf): 1 of 2 exercises passed
   *   passed   times-six
   *   FAILED   sum-to-100: r0 of your program: expected 5050 but was 55
   * </pre>
   */
  static String text(StudentGrade grade) {
    StringBuilder text = new StringBuilder(grade.file().toString());
    if (grade.problem().isPresent()) {
      return text.append(": NOT GRADED: ")
          .append(grade.problem().get().problem())
          .append('\n')
          .toString();
    }
    text.append(" (")
        .append(grade.tutorial().orElse("?"))
        .append("): ")
        .append(grade.passedCount())
        .append(" of ")
        .append(grade.exercises().size())
        .append(" exercises passed\n");
    int width =
        grade.exercises().stream().mapToInt(e -> e.exercise().id().length()).max().orElse(0);
    for (ExerciseGrade exercise : grade.exercises()) {
      String outcome = exercise.passed() ? "passed" : exercise.outcome().name().replace('_', ' ');
      text.append(
          String.format(
              Locale.ROOT,
              "  %-8s %s",
              outcome,
              exercise.passed()
                  ? exercise.exercise().id()
                  : String.format(
                      Locale.ROOT,
                      "%-" + width + "s  %s",
                      exercise.exercise().id(),
                      exercise.message())));
      text.append('\n');
    }
    return text.toString();
  }

  /** {@code graded 3 notebooks: 5 of 6 exercises passed; 1 file not graded}. */
  static String summary(List<StudentGrade> grades) {
    long graded = grades.stream().filter(StudentGrade::graded).count();
    long exercises = grades.stream().mapToLong(g -> g.exercises().size()).sum();
    long passed = grades.stream().mapToLong(StudentGrade::passedCount).sum();
    long notGraded = grades.size() - graded;
    return "graded "
        + graded
        + " notebook"
        + (graded == 1 ? "" : "s")
        + ": "
        + passed
        + " of "
        + exercises
        + " exercises passed"
        + (notGraded == 0
            ? ""
            : "; " + notGraded + " file" + (notGraded == 1 ? "" : "s") + " NOT GRADED");
  }
}
