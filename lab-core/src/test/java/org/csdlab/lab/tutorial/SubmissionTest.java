package org.csdlab.lab.tutorial;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Reading a notebook handed in, and the notebook the grader runs from it. */
class SubmissionTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final TutorialSource SOURCE = TutorialSource.parse(ExerciseMarkersTest.SOURCE);

  @TempDir Path dir;

  private Path file(String name, String text) throws Exception {
    Path file = dir.resolve(name);
    Files.writeString(file, text);
    return file;
  }

  private SubmissionException refusal(Path file) {
    return assertThrows(SubmissionException.class, () -> Submission.read(file));
  }

  @Test
  void badFilesAreRefusedSayingWhy() throws Exception {
    SubmissionException missing = refusal(dir.resolve("nobody.ipynb"));
    assertEquals(SubmissionException.Reason.UNREADABLE, missing.reason());
    assertEquals("no such notebook: " + dir.resolve("nobody.ipynb"), missing.problem());

    assertEquals(SubmissionException.Reason.UNREADABLE, refusal(dir).reason());

    SubmissionException notJson = refusal(file("bob.ipynb", "{\"cells\": [\n oops"));
    assertEquals(SubmissionException.Reason.NOT_JSON, notJson.reason());
    assertTrue(
        notJson.problem().startsWith("not a notebook: not JSON at line 2, column "),
        notJson.problem());
    assertTrue(!notJson.problem().contains("[Source:"), notJson.problem());

    SubmissionException notNotebook = refusal(file("carol.ipynb", "[1, 2]"));
    assertEquals(SubmissionException.Reason.NOT_A_NOTEBOOK, notNotebook.reason());
    assertEquals(
        "JSON, but not a Jupyter notebook (an nbformat 4 object with a cells list)",
        notNotebook.problem());

    SubmissionException plain =
        refusal(file("dave.ipynb", "{\"cells\": [], \"metadata\": {}, \"nbformat\": 4}"));
    assertEquals(SubmissionException.Reason.NOT_A_TUTORIAL_NOTEBOOK, plain.reason());
    assertTrue(
        plain
            .getMessage()
            .startsWith(
                dir.resolve("dave.ipynb")
                    + ": a notebook, but not a csdlab tutorial"
                    + " notebook (its metadata has no csdlab.tutorial)"),
        plain.getMessage());
  }

  @Test
  void theStudentNotebookIsReadWithItsTutorialAndAnswers() throws Exception {
    Submission submission =
        Submission.read(
            file(
                "alice.ipynb",
                NotebookGenerator.notebook(
                    "01-lesson", SOURCE, NotebookGenerator.Edition.STUDENT)));
    assertEquals("alice", submission.student());
    assertEquals("01-lesson", submission.tutorial());
    assertEquals(Optional.of(3), submission.answerCell("answer-42"));
    assertEquals(Optional.of(6), submission.answerCell("empty-stub"));
    assertEquals(Optional.empty(), submission.answerCell("nothing"));
  }

  @Test
  void thePlanPutsTheTeachersChecksAfterEachAnswerAndDropsChecksHandedIn() throws Exception {
    ObjectNode notebook =
        (ObjectNode) JSON.readTree(NotebookGenerator.notebook("01-lesson", SOURCE));
    // A teacher's copy handed in: its own checks cells (which a student could edit) are not
    // trusted.
    ((ObjectNode) notebook.path("cells").get(4))
        .putArray("source")
        .add("System.out.println(\"fake\");");
    // The answer to empty-stub is deleted.
    ((ArrayNode) notebook.path("cells")).remove(7);
    Submission submission = new Submission(dir.resolve("eve.ipynb"), "eve", "01-lesson", notebook);

    Submission.Plan plan = submission.plan(SOURCE, "n0nce");

    JsonNode cells = plan.notebook().path("cells");
    assertEquals(Optional.of(3), Optional.ofNullable(plan.answerCells().get("answer-42")));
    assertEquals(4, plan.checksCells().get("answer-42"));
    assertEquals(null, plan.answerCells().get("empty-stub"));
    String checks = ExecutedNotebook.text(cells.get(4).path("source"));
    assertEquals(
        "Check.that(\"answer\", answer).is(42);\nSystem.out.println(\"csdlab-grader n0nce answer-42 done\");",
        checks);
    assertEquals("grade-answer-42", cells.get(4).path("id").asText());
    assertTrue(cells.toString().indexOf("fake") < 0, cells.toString());
    assertEquals(7, cells.size());
  }
}
