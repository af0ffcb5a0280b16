package org.csdlab.kernel;

import static org.csdlab.testing.JupyterSetup.text;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.csdlab.testing.JupyterSetup;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Executes a small notebook with {@code jupyter nbconvert --to notebook --execute} under the csdlab
 * kernel and checks what the saved notebook holds: printed text and values, plotly.js delivered
 * once before the first chart, and a live display's final state.
 */
class NotebookExecutionTest {

  @TempDir Path home;

  @Test
  void nbconvertExecutesANotebookWithTheCsdlabKernel() throws Exception {
    JupyterSetup jupyter = JupyterSetup.install(home);
    Path notebook = home.resolve("smoke.ipynb");
    try (InputStream in = NotebookExecutionTest.class.getResourceAsStream("/kernel/smoke.ipynb")) {
      Files.copy(in, notebook);
    }
    JupyterSetup.Result result =
        jupyter.execute(home, notebook, home.resolve("executed.ipynb"), 120);
    assertEquals(0, result.exitCode(), result.output());

    JsonNode cells =
        new ObjectMapper().readTree(home.resolve("executed.ipynb").toFile()).path("cells");
    JsonNode printing = cells.get(1).path("outputs");
    assertEquals("printed\n", text(printing.get(0).path("text")));
    assertEquals("42", text(printing.get(1).path("data").path("text/plain")));

    List<JsonNode> firstChart = list(cells.get(2).path("outputs"));
    assertEquals(2, firstChart.size(), firstChart.toString().substring(0, 300));
    assertEquals("display_data", firstChart.get(0).path("output_type").asText());
    assertTrue(text(firstChart.get(0).path("data").path("text/plain")).startsWith("plotly.js 2."));
    assertTrue(
        text(firstChart.get(0).path("data").path("text/html")).contains("DecompressionStream"),
        "plotly.js arrives compressed, through the charts package's loader");
    assertEquals("execute_result", firstChart.get(1).path("output_type").asText());
    assertTrue(text(firstChart.get(1).path("data").path("text/html")).contains("Plotly.newPlot"));

    List<JsonNode> secondChart = list(cells.get(3).path("outputs"));
    assertEquals(1, secondChart.size(), "plotly.js must be delivered only once");
    assertEquals("chart", text(secondChart.get(0).path("data").path("text/plain")));

    List<JsonNode> live = list(cells.get(4).path("outputs"));
    assertEquals(1, live.size(), live.toString());
    assertEquals("step 3", text(live.get(0).path("data").path("text/plain")));
  }

  private static List<JsonNode> list(JsonNode array) {
    List<JsonNode> nodes = new ArrayList<>();
    array.forEach(nodes::add);
    return nodes;
  }
}
