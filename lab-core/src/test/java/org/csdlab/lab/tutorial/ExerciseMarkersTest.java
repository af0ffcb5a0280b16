package org.csdlab.lab.tutorial;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The exercise markers of a tutorial source ({@link TutorialSource}). */
class ExerciseMarkersTest {

  static final String SOURCE =
      """
      //md # Lesson
      import org.csdlab.lab.tutorial.*;
      int base = 40;
      //md ### Exercise
      //md Make `answer` 42.
      //exercise answer-42 "Make answer 42"
      //stub int answer = 0;   // your code
      //stub
      //stub // more
      //solution

      int answer = base + 2;
      //hidden
      Check.that("answer", answer).is(42);
      //end
      //md After.
      int after = 1;
      //exercise empty-stub "No stub at all"
      //solution
      int other = 1;
      //hidden
      Check.that("other", other).is(1);
      //end
      """;

  @Test
  void anExerciseBecomesASolutionCellAndAChecksCellThatKnowTheirExercise() {
    TutorialSource source = TutorialSource.parse(SOURCE);
    Exercise answer =
        new Exercise("answer-42", "Make answer 42", "int answer = 0;   // your code\n\n// more", 6);
    Exercise empty = new Exercise("empty-stub", "No stub at all", "", 18);
    assertEquals(List.of(answer, empty), source.exercises());
    assertEquals(
        List.of(
            new Cell(Cell.Kind.MARKDOWN, "# Lesson", 1),
            new Cell(Cell.Kind.CODE, "import org.csdlab.lab.tutorial.*;\nint base = 40;", 2),
            new Cell(Cell.Kind.MARKDOWN, "### Exercise\nMake `answer` 42.", 4),
            new Cell(
                Cell.Kind.CODE,
                "int answer = base + 2;",
                12,
                Optional.of(new Exercise.Part(answer, Exercise.Role.SOLUTION))),
            new Cell(
                Cell.Kind.CODE,
                "Check.that(\"answer\", answer).is(42);",
                14,
                Optional.of(new Exercise.Part(answer, Exercise.Role.CHECKS))),
            new Cell(Cell.Kind.MARKDOWN, "After.", 16),
            new Cell(Cell.Kind.CODE, "int after = 1;", 17),
            new Cell(
                Cell.Kind.CODE,
                "int other = 1;",
                20,
                Optional.of(new Exercise.Part(empty, Exercise.Role.SOLUTION))),
            new Cell(
                Cell.Kind.CODE,
                "Check.that(\"other\", other).is(1);",
                22,
                Optional.of(new Exercise.Part(empty, Exercise.Role.CHECKS)))),
        source.cells());
    assertEquals(
        "Check.that(\"answer\", answer).is(42);",
        source.exerciseCell("answer-42", Exercise.Role.CHECKS).orElseThrow().text());
  }

  @Test
  void theTeachersScriptRunsTheSolutionAndTheHiddenChecks() {
    TutorialRun run = TutorialRunner.builder().build().run("lesson", TutorialSource.parse(SOURCE));
    assertTrue(run.passed(), run.output() + run.error());
    assertEquals(
        List.of("answer is 42", "other is 1"),
        run.checks().stream().map(CheckResult::line).toList());
  }

  private static TutorialSourceException refusal(String text) {
    return assertThrows(TutorialSourceException.class, () -> TutorialSource.parse(text));
  }

  @Test
  void misusedMarkersAreRefusedNamingTheLine() {
    TutorialSourceException noEnd =
        refusal("int a;\n//exercise x \"X\"\n//solution\nint b;\n//hidden\nint c;\n");
    assertEquals(2, noEnd.line());
    assertEquals(
        "line 2: exercise x has no //end line; close it after its hidden checks",
        noEnd.getMessage());

    assertEquals(
        "line 1: //hidden outside an exercise; an exercise starts with //exercise ID \"TITLE\"",
        refusal("//hidden\nint a;\n").getMessage());
    assertEquals(
        "line 1: an exercise starts with //exercise ID \"TITLE\" (e.g. //exercise sum-to-100 \"Sum 1 to"
            + " 100\"), not: //exercise x",
        refusal("//exercise x\n").getMessage());
    assertEquals(
        "line 1: exercise id 'Sum_It' is not 1 to 63 lower-case letters, digits and dashes (it names the"
            + " exercise in grading reports)",
        refusal("//exercise Sum_It \"S\"\n").getMessage());
    String twice = "//exercise x \"X\"\n//solution\nint b;\n//hidden\nint c;\n//end\n";
    TutorialSourceException duplicate = refusal(twice + twice);
    assertEquals(7, duplicate.line());
    assertTrue(
        duplicate.getMessage().contains("exercise id x is already used at line 1"),
        duplicate.getMessage());
    assertEquals(
        "line 2: in exercise x (line 1) only //stub lines come before //solution, found: int a;",
        refusal("//exercise x \"X\"\nint a;\n").getMessage());
    assertEquals(
        "line 3: exercise x (line 1) has no reference solution after its //solution line",
        refusal("//exercise x \"X\"\n//solution\n//hidden\nint c;\n//end\n").getMessage());
    assertEquals(
        "line 5: exercise x (line 1) has no hidden checks after its //hidden line",
        refusal("//exercise x \"X\"\n//solution\nint b;\n//hidden\n//end\n").getMessage());
    assertEquals(
        "line 4: //md inside exercise x (line 1); close the exercise with //end first",
        refusal("//exercise x \"X\"\n//solution\nint b;\n//md text\n").getMessage());
    assertEquals(
        "line 4: //stub in the solution part of exercise x (line 1); the next marker there is //hidden",
        refusal("//exercise x \"X\"\n//solution\nint b;\n//stub int c;\n").getMessage());
  }

  @Test
  void aRefusalReadFromAFileNamesTheFile(@TempDir Path dir) throws Exception {
    Path script = dir.resolve("tutorial.jsh");
    Files.writeString(script, "int a;\n//end\n");
    TutorialSourceException e =
        assertThrows(TutorialSourceException.class, () -> TutorialSource.read(script));
    assertEquals(Optional.of(script), e.file());
    assertEquals(
        script
            + ": line 2: //end outside an exercise; an exercise starts with //exercise ID \"TITLE\"",
        e.getMessage());
  }
}
