package org.csdlab.tutorial;

import static org.csdlab.testing.JupyterSetup.text;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.csdlab.lab.tutorial.Tutorial;
import org.csdlab.testing.JupyterSetup;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every tutorial notebook executes under real Jupyter ({@code nbconvert --execute}) with the csdlab
 * kernel installed into a temporary Jupyter path: no cell errors, every check prints ✓, none ✗, and
 * the notebooks that draw charts hold them. Skipped where Jupyter is absent, failed in CI ({@link
 * JupyterSetup}).
 */
class TutorialNotebooksInJupyterTest {

  @TempDir Path home;

  @TestFactory
  Stream<DynamicTest> everyTutorialNotebookExecutes() throws IOException, InterruptedException {
    JupyterSetup jupyter = JupyterSetup.install(home);
    return ProjectFiles.catalog().all().stream()
        .map(
            tutorial -> DynamicTest.dynamicTest(tutorial.name(), () -> execute(tutorial, jupyter)));
  }

  private void execute(Tutorial tutorial, JupyterSetup jupyter)
      throws IOException, InterruptedException {
    JupyterSetup.Result result =
        jupyter.execute(
            tutorial.notebook().getParent(),
            tutorial.notebook(),
            home.resolve(tutorial.notebook().getFileName()),
            JupyterSetup.PROCESS_TIMEOUT_SECONDS);
    assertEquals(0, result.exitCode(), result.output());

    JsonNode executed =
        new ObjectMapper().readTree(home.resolve(tutorial.notebook().getFileName()).toFile());
    StringBuilder printed = new StringBuilder();
    boolean chart = false;
    for (JsonNode cell : executed.path("cells")) {
      int throughputCharts = 0;
      for (JsonNode out : cell.path("outputs")) {
        String type = out.path("output_type").asText();
        assertFalse(type.equals("error"), tutorial.name() + ": a cell failed: " + out);
        if (type.equals("stream")) {
          printed.append(text(out.path("text")));
        }
        String html = text(out.path("data").path("text/html"));
        chart |= html.contains("Plotly.newPlot");
        throughputCharts += html.contains("Throughput over ") ? 1 : 0;
      }
      // Live charts are opt-in: only a cell that asks (monitor.live(...)) or draws one (chart(...))
      // shows one.
      String source = text(cell.path("source"));
      boolean asks = source.contains(".live(") || source.contains(".chart(");
      assertTrue(
          throughputCharts <= (asks ? 1 : 0),
          tutorial.name()
              + ": "
              + throughputCharts
              + " throughput charts in a cell that "
              + (asks ? "asks for one" : "asks for none")
              + ":\n"
              + source);
    }
    String text = printed.toString();
    assertFalse(text.contains("✗"), tutorial.name() + ": a check failed:\n" + text);
    long ticks = text.lines().filter(l -> l.startsWith("✓ ")).count();
    long checks = TutorialScriptsInJshellTest.checkCalls(tutorial);
    assertTrue(
        ticks >= checks,
        tutorial.name()
            + ": expected at least "
            + checks
            + " ✓ lines, saw "
            + ticks
            + ":\n"
            + text);
    if (tutorial.source().codeCells().stream()
        .anyMatch(c -> c.text().contains("Charts.") || c.text().contains(".chart("))) {
      assertTrue(chart, tutorial.name() + " draws charts, but the executed notebook holds none");
    }
  }
}
