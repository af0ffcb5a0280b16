package org.csdlab.lab.chart;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.xml.parsers.DocumentBuilderFactory;
import org.csdlab.lab.display.MimeBundle;
import org.csdlab.lab.display.Renderers;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;
import tech.tablesaw.plotly.components.Figure;
import tech.tablesaw.plotly.traces.ScatterTrace;

class ChartTest {
  /** The first line of the plotly.js bundle, once per copy embedded. */
  private static final String PLOTLY_BANNER = "* plotly.js v" + Charts.plotlyVersion();

  private static final Pattern URL = Pattern.compile("https?://", Pattern.CASE_INSENSITIVE);

  private static Chart crossover() {
    return Charts.crossover(
        "Host or drive?",
        "selectivity",
        List.of(
            new CrossoverPoint(0.9, 1.0, 1.3),
            new CrossoverPoint(0.1, 1.0, 0.5),
            new CrossoverPoint(0.5, 1.0, 0.9)));
  }

  private static int count(String text, String part) {
    int n = 0;
    for (int at = text.indexOf(part); at >= 0; at = text.indexOf(part, at + 1)) {
      n++;
    }
    return n;
  }

  private static Document parseXml(String html) throws Exception {
    return DocumentBuilderFactory.newInstance()
        .newDocumentBuilder()
        .parse(new ByteArrayInputStream(html.getBytes(StandardCharsets.UTF_8)));
  }

  @Test
  void notebookHtmlIsWellFormedHasTheDataAndNoPlotlyOrUrls() throws Exception {
    String html = crossover().toHtml();
    Document document = parseXml(html);
    assertEquals("csdlab-chart", document.getDocumentElement().getAttribute("class"));
    assertEquals(0, count(html, PLOTLY_BANNER), "plotly.js is the loader's job");
    assertFalse(URL.matcher(html).find(), "no URLs at all: " + html);
    assertTrue(html.contains("x: [\"0.1\",\"0.5\",\"0.9\"]"), "x sorted: " + html);
    assertTrue(html.contains("y: [\"0.5\",\"0.9\",\"1.3\"]"), html);
    assertTrue(
        html.contains("name: 'offloaded'")
            && html.contains("name: 'host'")
            && html.contains("name: 'crossover'"));
    assertTrue(html.contains("Plotly.newPlot("));
    assertTrue(html.contains("__csdlabPlotlyQueue"), "a chart shown before plotly.js waits for it");
    Element missing = (Element) document.getDocumentElement().getElementsByTagName("div").item(0);
    assertEquals(
        "csdlab-chart-missing",
        missing.getAttribute("class"),
        "the first thing in a chart is its stand-in");
    assertEquals(
        "Host or drive?" + Chart.MISSING_PLOTLY,
        missing.getTextContent(),
        "never blank: the title and why it is not drawn, until the script draws it");
  }

  @Test
  void eachRenderingHasItsOwnDivSoUpdatesDoNotClash() {
    Chart chart = crossover();
    Matcher first = Pattern.compile("<div id=\"(csdlab_chart_\\w+)\">").matcher(chart.toHtml());
    Matcher second = Pattern.compile("<div id=\"(csdlab_chart_\\w+)\">").matcher(chart.toHtml());
    assertTrue(first.find() && second.find());
    assertNotEquals(first.group(1), second.group(1));
  }

  @Test
  void plotlyIsEmbeddedOnceWhenAsked() throws Exception {
    String html = crossover().toHtml(true);
    assertEquals(1, count(html, PLOTLY_BANNER));
    parseXml(html);
    assertEquals(1, count(Charts.plotlyLoader(), PLOTLY_BANNER));
    assertTrue(
        Charts.plotlyLoader().contains("window.define = undefined"),
        "require.js is hidden while plotly loads");
  }

  @Test
  void compressedLoaderCarriesTheSamePlotlyInAThirdOfTheSpace() throws Exception {
    String loader = Charts.compressedPlotlyLoader();
    assertTrue(
        loader.length() < Charts.plotlyLoader().length() * 0.4,
        "compressed: " + loader.length() + " chars");
    parseXml(loader);
    Matcher base64 = Pattern.compile("atob\\(\"([A-Za-z0-9+/=]+)\"\\)").matcher(loader);
    assertTrue(base64.find());
    byte[] packed = java.util.Base64.getDecoder().decode(base64.group(1));
    try (var in = new java.util.zip.GZIPInputStream(new ByteArrayInputStream(packed))) {
      assertEquals(PlotlyJs.script(), new String(in.readAllBytes(), StandardCharsets.UTF_8));
    }
    assertFalse(URL.matcher(loader).find(), "no URLs outside the packed plotly.js");
  }

  @Test
  void savedPageEmbedsPlotlyOnceAndFetchesNothing(@TempDir Path dir) throws Exception {
    Chart bytes =
        Charts.bytesMoved(
            "Bytes moved",
            List.of(
                new BytesMoved("host", 268_435_456, 268_435_456),
                new BytesMoved("drive", 268_435_456, 8)));
    Path file =
        Charts.saveHtml(dir.resolve("out/charts.html"), "Demo <1>", List.of(bytes, crossover()));
    String page = Files.readString(file);
    assertTrue(page.startsWith("<!DOCTYPE html>"));
    assertTrue(page.contains("<title>Demo &lt;1&gt;</title>"));
    assertEquals(1, count(page, PLOTLY_BANNER), "plotly.js embedded exactly once");
    assertFalse(
        Pattern.compile("<script[^>]+src=", Pattern.CASE_INSENSITIVE).matcher(page).find(),
        "no external scripts");
    assertFalse(
        Pattern.compile("<link[^>]+href=", Pattern.CASE_INSENSITIVE).matcher(page).find(),
        "no external styles");
    String ours = page.replace(PlotlyJs.script(), "");
    assertFalse(URL.matcher(ours).find(), "no URL outside plotly.js's own source");
    assertEquals(2, count(ours, "Plotly.newPlot("));
    assertTrue(page.contains("y: [2.68435456E8, 8.0]"), "the bytes over the link");

    Path single = crossover().saveHtml(dir.resolve("one.html"));
    assertEquals(1, count(Files.readString(single), PLOTLY_BANNER));
  }

  @Test
  void bytesMovedUsesALogAxisAndSummarisesTheLink() {
    Chart chart =
        Charts.bytesMoved(
            "Bytes moved",
            List.of(new BytesMoved("host", 4096, 4096), new BytesMoved("drive", 4096, 8)));
    assertTrue(chart.toHtml().contains("type: 'log'"));
    assertEquals(
        "Chart[Bytes moved: host 4096 B over the link; drive 8 B over the link]", chart.toString());
    assertThrows(IllegalArgumentException.class, () -> Charts.bytesMoved("x", List.of()));
    assertThrows(IllegalArgumentException.class, () -> new BytesMoved("x", -1, 0));
  }

  @Test
  void crossoverFindsWhereTheFasterSideChanges() {
    assertEquals(
        "Chart[Host or drive?: 3 points, crossover at selectivity ~ [0.600]]",
        crossover().toString());
    List<double[]> crossings =
        Charts.crossings(
            List.of(
                new CrossoverPoint(0, 2, 1),
                new CrossoverPoint(1, 2, 3),
                new CrossoverPoint(2, 2, 1)));
    assertEquals(2, crossings.size());
    assertEquals(0.5, crossings.get(0)[0], 1e-12);
    assertEquals(1.5, crossings.get(1)[0], 1e-12);
    List<double[]> tie =
        Charts.crossings(
            List.of(
                new CrossoverPoint(0, 2, 1),
                new CrossoverPoint(1, 2, 2),
                new CrossoverPoint(2, 2, 3)));
    assertEquals(1, tie.size(), "a tie at a measured point is one crossover");
    assertEquals(1.0, tie.get(0)[0]);
    assertEquals(
        "Chart[c: 2 points, no crossover]",
        Charts.crossover(
                "c", "x", List.of(new CrossoverPoint(0, 1, 2), new CrossoverPoint(1, 1, 2)))
            .toString());
    assertThrows(
        IllegalArgumentException.class,
        () -> Charts.crossover("c", "x", List.of(new CrossoverPoint(0, 1, 2))));
  }

  @Test
  void crossoverFromATable() {
    Table table =
        Table.create(
            "runs",
            DoubleColumn.create("record bytes", 16, 64, 256),
            DoubleColumn.create("host s", 1, 1, 1),
            DoubleColumn.create("drive s", 0.5, 0.8, 1.6),
            StringColumn.create("note", "a", "b", "c"));
    Chart chart = Charts.crossover("Record size", table, "record bytes", "host s", "drive s");
    assertTrue(chart.toString().contains("crossover at record bytes ~ [112]"), chart.toString());
    var missing =
        assertThrows(
            IllegalArgumentException.class,
            () -> Charts.crossover("x", table, "size", "host s", "drive s"));
    assertTrue(missing.getMessage().contains("has no column 'size'"), missing.getMessage());
    var text =
        assertThrows(
            IllegalArgumentException.class,
            () -> Charts.crossover("x", table, "note", "host s", "drive s"));
    assertTrue(text.getMessage().contains("is not numeric"), text.getMessage());
  }

  @Test
  void labelsCannotBreakTheScript() throws Exception {
    Chart chart =
        Charts.lines(
            "a\\b\nc ]]> d",
            "x",
            "y",
            List.of(new Line("it's <here>", new double[] {1}, new double[] {2})));
    String html = chart.toHtml();
    parseXml(html);
    assertTrue(html.contains("title: 'a/b c ]]&gt; d'"), html);
    assertTrue(html.contains("name: 'it&#39;s &lt;here&gt;'"), html);
    assertThrows(
        IllegalArgumentException.class, () -> new Line("l", new double[] {1, 2}, new double[] {1}));
  }

  @Test
  void renderersShowFiguresAndChartsAsHtml() {
    Charts.registerRenderers();
    Figure figure =
        new Figure(ScatterTrace.builder(new double[] {1, 2}, new double[] {3, 4}).build());
    MimeBundle bundle = Renderers.render(figure);
    assertTrue(bundle.html().contains("Plotly.newPlot("), bundle.html());
    MimeBundle chart = Renderers.render(crossover());
    assertEquals(crossover().toString(), chart.text());
    assertTrue(chart.html().startsWith("<div class=\"csdlab-chart\">"));
    assertEquals("Chart[chart: 1 trace]", Chart.of(figure).toString());
  }
}
