package org.csdlab.lab.tutorial;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Outcomes read from executed notebooks, with outputs as the csdlab kernel and the driver write
 * them (the real run is in the tests module's TutorialGradeInJupyterTest).
 */
class ExecutedNotebookTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Exercise EXERCISE = new Exercise("answer-42", "Make answer 42", "", 1);
  private static final Submission.Plan PLAN =
      new Submission.Plan(JSON.createObjectNode(), Map.of("answer-42", 0), Map.of("answer-42", 1));
  private static final String MARK = Submission.completionMark("5f0c-nonce", EXERCISE);

  private static ObjectNode cell(ObjectNode... outputs) {
    ObjectNode cell = JSON.createObjectNode();
    cell.put("cell_type", "code");
    cell.putObject("metadata");
    ArrayNode list = cell.putArray("outputs");
    for (ObjectNode output : outputs) {
      list.add(output);
    }
    return cell;
  }

  private static ObjectNode stream(String text) {
    ObjectNode output = JSON.createObjectNode();
    output.put("output_type", "stream");
    output.put("name", "stdout");
    output.putArray("text").add(text);
    return output;
  }

  private static ObjectNode error(String name, String value, String... traceback) {
    ObjectNode output = JSON.createObjectNode();
    output.put("output_type", "error");
    output.put("ename", name);
    output.put("evalue", value);
    ArrayNode lines = output.putArray("traceback");
    for (String line : traceback) {
      lines.add(line);
    }
    return output;
  }

  private static ExerciseGrade grade(ObjectNode answer, ObjectNode checks) {
    ObjectNode notebook = JSON.createObjectNode();
    notebook.putArray("cells").add(answer).add(checks);
    return new ExecutedNotebook(notebook, "5f0c-nonce").grade(EXERCISE, PLAN);
  }

  @Test
  void checksThatRanToTheirEndPass() {
    ExerciseGrade grade = grade(cell(), cell(stream("✓ answer is 42\n"), stream(MARK + "\n")));
    assertEquals(ExerciseGrade.Outcome.PASSED, grade.outcome());
    assertEquals("✓ answer is 42\n", grade.details());
  }

  @Test
  void aFailedCheckFailsWithItsLine() {
    ExerciseGrade grade =
        grade(
            cell(),
            cell(
                stream("✗ answer: expected 42 but was 41\n"),
                error(
                    "UncaughtException",
                    "org.csdlab.lab.tutorial.CheckFailedException: check failed: answer: expected 42 but was 41")));
    assertEquals(ExerciseGrade.Outcome.FAILED, grade.outcome());
    assertEquals("answer: expected 42 but was 41", grade.message());
  }

  @Test
  void checksThatCannotCompileFailNamingTheMissingSymbol() {
    ExerciseGrade grade =
        grade(
            cell(),
            cell(
                error(
                    "CompilationError",
                    "line 1, column 22: cannot find symbol",
                    "Compilation error at line 1, column 22:",
                    "cannot find symbol",
                    "  symbol:   variable answer")));
    assertEquals(ExerciseGrade.Outcome.FAILED, grade.outcome());
    assertEquals(
        "the checks could not run on what your cell left: line 1, column 22: cannot find symbol (symbol:"
            + " variable answer)",
        grade.message());
  }

  @Test
  void anErrorInTheStudentsCellIsAnError() {
    ExerciseGrade grade =
        grade(
            cell(error("UncaughtException", "java.lang.ArithmeticException: / by zero")),
            cell(stream(MARK + "\n")));
    assertEquals(ExerciseGrade.Outcome.ERROR, grade.outcome());
    assertEquals("error in your cell: java.lang.ArithmeticException: / by zero", grade.message());
  }

  @Test
  void anInterruptedCellTimesOutAndCellsNotReachedDidNotRun() {
    ObjectNode looping = cell(error("CellInterrupted", "the cell was interrupted at line 1"));
    looping.putObject("metadata").putObject(NotebookExecutor.RUN_MARK).put("timed_out_s", 5);
    ExerciseGrade timeout = grade(looping, cell());
    assertEquals(ExerciseGrade.Outcome.TIMEOUT, timeout.outcome());
    assertEquals(
        "your cell ran longer than 5 s and was interrupted (an endless loop?)", timeout.message());

    ObjectNode skipped = cell();
    skipped
        .putObject("metadata")
        .putObject(NotebookExecutor.RUN_MARK)
        .put("not_run", "the notebook used up its budget");
    ExerciseGrade notRun = grade(cell(), skipped);
    assertEquals(ExerciseGrade.Outcome.NOT_RUN, notRun.outcome());
    assertEquals(
        "the checks of your cell did not run: the notebook used up its budget", notRun.message());
  }

  @Test
  void checksWithoutTheCompletionMarkOrAnErrorFail() {
    ExerciseGrade grade = grade(cell(), cell(stream("✓ answer is 42\n")));
    assertEquals(ExerciseGrade.Outcome.FAILED, grade.outcome());
    assertTrue(grade.message().startsWith("the checks did not run to their end"), grade.message());
  }

  @Test
  void anExerciseWithoutACellIsMissing() {
    ObjectNode notebook = JSON.createObjectNode();
    notebook.putArray("cells");
    ExerciseGrade grade =
        new ExecutedNotebook(notebook, "5f0c-nonce")
            .grade(EXERCISE, new Submission.Plan(notebook, Map.of(), Map.of()));
    assertEquals(ExerciseGrade.Outcome.MISSING, grade.outcome());
    assertTrue(
        grade.message().startsWith("no cell of the notebook is exercise answer-42"),
        grade.message());
  }
}
