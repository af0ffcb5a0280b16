package org.csdlab.lab.tutorial;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NotebookGeneratorTest {

  private static final TutorialSource SOURCE =
      TutorialSource.parse(
          """
      //md # Hello
      //md Text.
      int a = 1;
      //--
      a + 1
      """);

  @Test
  void notebookHasTheCsdlabKernelAndOneCellPerSourceCellWithoutOutputs() throws Exception {
    JsonNode nb = new ObjectMapper().readTree(NotebookGenerator.notebook("01-hello", SOURCE));
    assertEquals(4, nb.get("nbformat").asInt());
    assertEquals(5, nb.get("nbformat_minor").asInt());
    JsonNode spec = nb.get("metadata").get("kernelspec");
    assertEquals("csdlab", spec.get("name").asText());
    assertEquals("Java (csdlab)", spec.get("display_name").asText());
    assertEquals("java", spec.get("language").asText());
    JsonNode cells = nb.get("cells");
    assertEquals(3, cells.size());
    assertEquals("markdown", cells.get(0).get("cell_type").asText());
    assertEquals("# Hello\n", cells.get(0).get("source").get(0).asText());
    assertEquals("Text.", cells.get(0).get("source").get(1).asText());
    assertEquals("code", cells.get(1).get("cell_type").asText());
    assertEquals(0, cells.get(1).get("outputs").size());
    assertTrue(cells.get(1).get("execution_count").isNull());
    assertEquals("a + 1", cells.get(2).get("source").get(0).asText());
    assertEquals("code-03", cells.get(2).get("id").asText());
  }

  @Test
  void layoutIsWhatJupyterWrites() {
    String text = NotebookGenerator.notebook("01-hello", SOURCE);
    assertTrue(text.startsWith("{\n \"cells\": [\n  {\n   \"cell_type\": \"markdown\",\n"), text);
    assertTrue(text.contains("   \"metadata\": {},\n   \"outputs\": [],\n"), text);
    assertTrue(text.endsWith(" \"nbformat_minor\": 5\n}\n"), text);
  }

  @Test
  void writeIsDeterministicAndReportsWhetherItChangedTheFile(@TempDir Path dir) throws Exception {
    Path script = dir.resolve("tutorial.jsh");
    Files.writeString(script, "//md # T\nint a = 1;\n");
    Tutorial tutorial = new Tutorial(1, "01-t", "T", script, dir.resolve("nb/01-t.ipynb"));
    assertFalse(NotebookGenerator.isUpToDate(tutorial));
    assertTrue(NotebookGenerator.write(tutorial));
    assertTrue(NotebookGenerator.isUpToDate(tutorial));
    assertFalse(NotebookGenerator.write(tutorial));
    Files.writeString(script, "//md # T\nint a = 2;\n");
    assertFalse(NotebookGenerator.isUpToDate(tutorial));
  }

  private static String text(JsonNode sourceLines) {
    StringBuilder joined = new StringBuilder();
    sourceLines.forEach(line -> joined.append(line.asText()));
    return joined.toString();
  }

  @Test
  void theStudentNotebookHasTheStubsAndNeitherSolutionsNorHiddenChecks() throws Exception {
    TutorialSource source = TutorialSource.parse(ExerciseMarkersTest.SOURCE);
    String student =
        NotebookGenerator.notebook("01-lesson", source, NotebookGenerator.Edition.STUDENT);
    assertFalse(student.contains("base + 2"), student);
    assertFalse(student.contains("Check.that"), student);
    assertFalse(student.contains("int other = 1"), student);
    JsonNode nb = new ObjectMapper().readTree(student);
    assertEquals("01-lesson", nb.path("metadata").path("csdlab").path("tutorial").asText());
    assertEquals("student", nb.path("metadata").path("csdlab").path("edition").asText());
    JsonNode cells = nb.get("cells");
    assertEquals(7, cells.size());
    JsonNode answer = cells.get(3);
    assertEquals("int answer = 0;   // your code\n\n// more", text(answer.get("source")));
    assertEquals("answer-42", answer.path("metadata").path("csdlab").path("exercise").asText());
    assertEquals("answer", answer.path("metadata").path("csdlab").path("role").asText());
    assertEquals("", text(cells.get(6).get("source")));
    assertEquals(
        "empty-stub", cells.get(6).path("metadata").path("csdlab").path("exercise").asText());
    assertEquals(0, cells.get(1).path("metadata").size());
  }

  @Test
  void theTeacherNotebookHasSolutionsAndHiddenChecksTagged() throws Exception {
    TutorialSource source = TutorialSource.parse(ExerciseMarkersTest.SOURCE);
    JsonNode nb = new ObjectMapper().readTree(NotebookGenerator.notebook("01-lesson", source));
    assertEquals("teacher", nb.path("metadata").path("csdlab").path("edition").asText());
    JsonNode cells = nb.get("cells");
    assertEquals(9, cells.size());
    assertEquals("int answer = base + 2;", text(cells.get(3).get("source")));
    assertEquals("solution", cells.get(3).path("metadata").path("csdlab").path("role").asText());
    assertEquals("Check.that(\"answer\", answer).is(42);", text(cells.get(4).get("source")));
    assertEquals("checks", cells.get(4).path("metadata").path("csdlab").path("role").asText());
    assertEquals(
        "answer-42", cells.get(4).path("metadata").path("csdlab").path("exercise").asText());
  }

  @Test
  void bothEditionsAreWrittenAndCheckedForStaleness(@TempDir Path dir) throws Exception {
    Path script = dir.resolve("tutorial.jsh");
    Files.writeString(script, ExerciseMarkersTest.SOURCE);
    Tutorial tutorial = new Tutorial(1, "01-t", "T", script, dir.resolve("nb/01-t.ipynb"));
    assertEquals(dir.resolve("nb/student/01-t.ipynb"), tutorial.studentNotebook());
    assertTrue(NotebookGenerator.write(tutorial));
    assertTrue(Files.readString(tutorial.studentNotebook()).contains("\"edition\": \"student\""));
    assertTrue(NotebookGenerator.isUpToDate(tutorial));
    Files.writeString(tutorial.studentNotebook(), "{}");
    assertTrue(NotebookGenerator.isUpToDate(tutorial, NotebookGenerator.Edition.TEACHER));
    assertFalse(NotebookGenerator.isUpToDate(tutorial, NotebookGenerator.Edition.STUDENT));
    assertFalse(NotebookGenerator.isUpToDate(tutorial));
    assertFalse(NotebookGenerator.write(tutorial, NotebookGenerator.Edition.TEACHER));
    assertTrue(NotebookGenerator.write(tutorial, NotebookGenerator.Edition.STUDENT));
    assertTrue(NotebookGenerator.isUpToDate(tutorial));
  }
}
