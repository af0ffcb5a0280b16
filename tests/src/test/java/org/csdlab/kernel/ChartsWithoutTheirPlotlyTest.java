package org.csdlab.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.csdlab.lab.chart.Chart;
import org.csdlab.lab.chart.HeadlessChromium;
import org.csdlab.testing.JupyterSetup;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * plotly.js reaches a notebook once, in the output before its first chart. A notebook with three
 * charts is executed under the csdlab kernel (real Jupyter), then the first chart's cell is
 * cleared, as a student would; both notebooks are converted to HTML with nbconvert and opened in
 * headless Chromium with no network: with plotly.js every chart draws, without it every later chart
 * says why it is not drawn and what to do instead of staying blank.
 */
class ChartsWithoutTheirPlotlyTest {
  private static final List<String> TITLES = List.of("first chart", "second chart", "third chart");
  private static final Pattern CHART = Pattern.compile("<div class=\"csdlab-chart\">");

  @TempDir Path home;

  @Test
  void laterChartsDrawOrSayWhyWhenTheFirstChartsOutputIsCleared() throws Exception {
    JupyterSetup jupyter = JupyterSetup.install(home);
    HeadlessChromium chromium = HeadlessChromium.findOrSkip();
    ObjectMapper json = new ObjectMapper();
    Path notebook = home.resolve("charts.ipynb");
    json.writeValue(notebook.toFile(), notebookWithCharts(json));
    JupyterSetup.Result execution =
        jupyter.execute(home, notebook, home.resolve("executed.ipynb"), 180);
    assertEquals(0, execution.exitCode(), execution.output());

    ObjectNode executed = (ObjectNode) json.readTree(home.resolve("executed.ipynb").toFile());
    ArrayNode firstOutputs = (ArrayNode) executed.path("cells").get(1).path("outputs");
    assertTrue(
        firstOutputs.toString().contains("DecompressionStream"),
        "plotly.js came with the first chart");
    ObjectNode cleared = executed.deepCopy();
    ((ObjectNode) cleared.path("cells").get(1)).putArray("outputs");
    ((ObjectNode) cleared.path("cells").get(1)).putNull("execution_count");
    json.writeValue(home.resolve("cleared.ipynb").toFile(), cleared);
    run(jupyter, "nbconvert", "--to", "html", home.resolve("executed.ipynb").toString());
    run(jupyter, "nbconvert", "--to", "html", home.resolve("cleared.ipynb").toString());

    String whole = chromium.dumpDom(home.resolve("executed.html"), home);
    List<String> drawn = charts(whole);
    assertEquals(3, drawn.size(), "three charts in the executed notebook");
    for (int i = 0; i < drawn.size(); i++) {
      assertTrue(drawn.get(i).contains("<svg class=\"main-svg\""), TITLES.get(i) + " is drawn");
      assertTrue(
          drawn.get(i).contains(">" + TITLES.get(i) + "</text>"),
          TITLES.get(i) + " has its title drawn");
      assertFalse(
          drawn.get(i).contains("class=\"csdlab-chart-missing\""),
          TITLES.get(i) + " keeps no stand-in text");
    }

    String withoutPlotly = chromium.dumpDom(home.resolve("cleared.html"), home);
    List<String> later = charts(withoutPlotly);
    assertEquals(2, later.size(), "the second and third charts are left");
    for (int i = 0; i < later.size(); i++) {
      String title = TITLES.get(i + 1);
      assertFalse(
          later.get(i).contains("<svg class=\"main-svg\""),
          title + " cannot be drawn without plotly.js");
      Matcher missing =
          Pattern.compile(
                  "class=\"csdlab-chart-missing\"[^>]*><b>([^<]*)</b><br>\\s*"
                      + "<span class=\"csdlab-chart-reason\">([^<]*)</span>")
              .matcher(later.get(i));
      assertTrue(
          missing.find(),
          title
              + " is not blank: "
              + later.get(i).substring(0, Math.min(1500, later.get(i).length())));
      assertEquals(title, missing.group(1));
      assertEquals(
          Chart.MISSING_PLOTLY,
          missing.group(2),
          title + " says why it is not drawn and what to do");
    }
  }

  private static ObjectNode notebookWithCharts(ObjectMapper json) {
    ObjectNode notebook = json.createObjectNode();
    notebook.put("nbformat", 4).put("nbformat_minor", 4);
    ObjectNode metadata = notebook.putObject("metadata");
    metadata
        .putObject("kernelspec")
        .put("name", "csdlab")
        .put("display_name", "Java (csdlab)")
        .put("language", "java");
    metadata.putObject("language_info").put("name", "java");
    ArrayNode cells = notebook.putArray("cells");
    cells
        .addObject()
        .put("cell_type", "markdown")
        .put("source", "Three charts.")
        .putObject("metadata");
    for (String title : TITLES) {
      ObjectNode cell = cells.addObject().put("cell_type", "code");
      cell.putNull("execution_count");
      cell.putObject("metadata");
      cell.putArray("outputs");
      cell.put(
          "source",
          "Charts.lines(\""
              + title
              + "\", \"x\", \"y\", List.of(new Line(\"line\", new double[] {1, 2, 3},"
              + " new double[] {3, 1, 2})))");
    }
    return notebook;
  }

  private void run(JupyterSetup jupyter, String... arguments) throws Exception {
    List<String> command = new java.util.ArrayList<>();
    command.add(jupyter.jupyter.toString());
    command.addAll(List.of(arguments));
    JupyterSetup.Result result = jupyter.run(home, command);
    assertEquals(0, result.exitCode(), command + ": " + result.output());
  }

  /** The chart divs of a page, each up to the next one. */
  private static List<String> charts(String dom) {
    String[] parts = CHART.split(dom);
    return List.of(parts).subList(1, parts.length);
  }
}
