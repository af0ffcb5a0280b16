package org.csdlab.tutorial;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.csdlab.testing.JupyterSetup;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The README's tour ("A tour of the lab") runs verbatim, as the README says it does: in {@code
 * ./csdlab jshell} (the jar's {@code jshell} command, a real JShell with its own snippet JVM, fed
 * the tour line by line as a user types it) and in a notebook (one cell holding the whole tour,
 * executed by real Jupyter under the csdlab kernel). Any error fails the test.
 */
class ReadmeTourTest {

  private static final long TIMEOUT_MINUTES = 5;

  @TempDir Path home;

  /** The first {@code java} code block after the tour's heading. */
  static String tour() throws IOException {
    String readme =
        Files.readString(
            ProjectFiles.catalog().root().resolve("README.md"), StandardCharsets.UTF_8);
    int heading = readme.indexOf("\n## A tour of the lab\n");
    assertTrue(heading >= 0, "README.md has no '## A tour of the lab' section");
    int start = readme.indexOf("```java\n", heading);
    int end = readme.indexOf("\n```", start + 1);
    assertTrue(start > 0 && end > start, "the tour has no java code block");
    String code = readme.substring(start + "```java\n".length(), end + 1);
    assertTrue(code.contains("MiB") && code.contains("lab.compare("), "not the tour:\n" + code);
    return code;
  }

  @Test
  void theTourRunsVerbatimInCsdlabJshell() throws Exception {
    Path jar = ProjectFiles.csdlabJar();
    Path java = Path.of(System.getProperty("java.home"), "bin", "java");
    Path output = Files.createTempFile(home, "jshell", ".txt");
    Path input = Files.writeString(home.resolve("tour.jsh"), tour() + "/exit\n");
    ProcessBuilder builder =
        new ProcessBuilder(
                java.toString(),
                "-Dstdout.encoding=UTF-8",
                "-Dfile.encoding=UTF-8",
                "-jar",
                jar.toString(),
                "jshell")
            .directory(ProjectFiles.catalog().root().toFile())
            .redirectErrorStream(true)
            .redirectOutput(output.toFile())
            .redirectInput(input.toFile());
    builder.environment().put("LANG", "C.UTF-8");
    Process process = builder.start();
    if (!process.waitFor(TIMEOUT_MINUTES, TimeUnit.MINUTES)) {
      process.descendants().forEach(ProcessHandle::destroyForcibly);
      process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
      fail(
          "the tour did not finish in ./csdlab jshell within "
              + TIMEOUT_MINUTES
              + " minutes:\n"
              + Files.readString(output));
    }
    String printed = Files.readString(output, StandardCharsets.UTF_8);
    assertEquals(0, process.exitValue(), printed);
    for (String failure :
        List.of(
            "|  Error",
            "|  Exception",
            "Exception in thread",
            "cannot find symbol",
            "|  Warning")) {
      assertFalse(
          printed.contains(failure),
          "the tour broke in ./csdlab jshell (" + failure + "):\n" + printed);
    }
    assertTrue(printed.contains("lab ==> Lab[64 zones × 16.0 MiB (64 empty)"), printed);
    assertTrue(printed.contains("r0 = 42 (0x2a) · 2 instructions"), printed);
    assertTrue(
        printed.lines().anyMatch(l -> l.matches("answer\\s+8388028\\s+8388028\\s+same")), printed);
    assertFalse(printed.contains(" ... "), "a value was cut short:\n" + printed);
  }

  @Test
  void theTourRunsVerbatimInANotebookCell() throws Exception {
    JupyterSetup jupyter = JupyterSetup.install(home);
    ObjectMapper json = new ObjectMapper();
    ObjectNode notebook = json.createObjectNode();
    notebook.put("nbformat", 4).put("nbformat_minor", 5);
    ObjectNode kernelspec = notebook.putObject("metadata").putObject("kernelspec");
    kernelspec.put("name", "csdlab").put("display_name", "Java (csdlab)").put("language", "java");
    ArrayNode cells = notebook.putArray("cells");
    ObjectNode cell = cells.addObject();
    cell.put("cell_type", "code").put("id", "tour").putNull("execution_count");
    cell.putObject("metadata");
    cell.putArray("outputs");
    cell.put("source", tour());
    Path file = home.resolve("tour.ipynb");
    json.writeValue(file.toFile(), notebook);
    JupyterSetup.Result result =
        jupyter.execute(ProjectFiles.catalog().root(), file, home.resolve("executed.ipynb"), 240);
    assertEquals(0, result.exitCode(), "the tour broke in a notebook:\n" + result.output());
    JsonNode outputs =
        json.readTree(home.resolve("executed.ipynb").toFile()).path("cells").get(0).path("outputs");
    List<String> kinds = new ArrayList<>();
    outputs.forEach(o -> kinds.add(o.path("output_type").asText()));
    assertFalse(kinds.contains("error"), outputs.toString());
    assertTrue(kinds.contains("execute_result"), "the tour ends with a chart: " + kinds);
  }
}
