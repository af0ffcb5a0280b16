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

  private static final TutorialSource SOURCE = TutorialSource.parse("""
      //md # Hello
      //md Text.
      int a = 1;
      //--
      a + 1
      """);

  @Test
  void notebookHasTheCsdlabKernelAndOneCellPerSourceCellWithoutOutputs() throws Exception {
    JsonNode nb = new ObjectMapper().readTree(NotebookGenerator.notebook(SOURCE));
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
    String text = NotebookGenerator.notebook(SOURCE);
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
}
