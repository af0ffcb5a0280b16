package org.csdlab.lab.chart;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Opens a saved chart page in headless Chromium with the network shut off and checks that Plotly
 * drew it: proof that the page needs nothing from the internet. Skipped when Chromium is missing,
 * except under CI=true, where it fails.
 */
class ChartBrowserTest {

  @Test
  void savedChartDrawsItsSvgInABrowserWithNoNetwork(@TempDir Path dir) throws Exception {
    Chart lines =
        Charts.lines(
            "Throughput",
            "wall-clock time (s)",
            "MB/s",
            List.of(
                new Line("host scan", new double[] {0.1, 0.2, 0.3}, new double[] {410, 455, 430})));
    Chart bytes =
        Charts.bytesMoved(
            "Bytes moved",
            List.of(
                new BytesMoved("host", 268_435_456, 268_435_456),
                new BytesMoved("drive", 268_435_456, 8)));
    Path page =
        Charts.saveHtml(dir.resolve("charts.html"), "offline charts", List.of(lines, bytes));

    String dom = dumpDom(page, dir);

    String[] charts = dom.split("<div class=\"csdlab-chart\">");
    assertEquals(3, charts.length, "the page and its two charts");
    for (int i = 1; i < charts.length; i++) {
      assertTrue(
          charts[i].contains("<svg class=\"main-svg\""),
          "chart " + i + " has its SVG drawn: " + excerpt(dom));
    }
    String line = charts[1];
    assertTrue(line.contains("class=\"trace scatter"), "the line trace is drawn");
    assertEquals(3, count(line, "class=\"point\""), "the line's three markers are drawn");
    assertTrue(
        Pattern.compile("class=\"js-line\"[^>]*d=\"M[0-9.]+,[0-9.]+L").matcher(line).find(),
        "the line's path is drawn");
    String bars = charts[2];
    assertEquals(2, count(bars, "class=\"trace bars\""), "both bar traces are drawn");
    assertEquals(
        4, count(bars, "class=\"point\""), "four bars, also the 8-byte one on the log axis");
    assertTrue(
        dom.contains(">Throughput</text>") && dom.contains(">Bytes moved</text>"),
        "titles are drawn");
    assertEquals(
        0, count(dom, "class=\"csdlab-chart-missing\""), "drawn charts keep no stand-in text");
  }

  @Test
  void aChartWhosePlotlyNeverComesSaysWhyAndWhatToDo(@TempDir Path dir) throws Exception {
    // As in a saved notebook whose first chart output (the one carrying plotly.js) was cleared.
    Chart chart =
        Charts.lines(
            "Orphan",
            "x",
            "y",
            List.of(new Line("alone", new double[] {1, 2}, new double[] {3, 1})));
    Path page = dir.resolve("orphan.html");
    Files.writeString(
        page,
        "<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\"/><title>cells</title></head><body>\n"
            + chart.toHtml()
            + "\n"
            + chart.toHtml()
            + "\n</body></html>\n");

    String dom = dumpDom(page, dir);

    assertEquals(0, count(dom, "<svg"), "nothing could draw them");
    Matcher missing =
        Pattern.compile(
                "<div id=\"csdlab_chart_\\w+_missing\" class=\"csdlab-chart-missing\"[^>]*><b>Orphan</b>"
                    + "<br>\\s*<span class=\"csdlab-chart-reason\">([^<]*)</span>")
            .matcher(dom);
    for (int i = 0; i < 2; i++) {
      assertTrue(missing.find(), "chart " + i + " keeps its stand-in: " + excerpt(dom));
      assertEquals(
          Chart.MISSING_PLOTLY,
          missing.group(1),
          "after waiting for plotly.js it says why and what to do");
    }
  }

  @Test
  void aChartSaysItIsLoadingWhilePlotlyIsOnItsWay(@TempDir Path dir) throws Exception {
    Chart chart =
        Charts.lines(
            "Waiting", "x", "y", List.of(new Line("w", new double[] {1, 2}, new double[] {3, 1})));
    Path page = dir.resolve("waiting.html");
    // the dump happens before the chart's wait is over: 1 s of virtual time, no loader at all
    Files.writeString(
        page,
        "<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\"/></head><body>\n"
            + chart.toHtml()
            + "\n<script>setTimeout(function () { document.body.setAttribute('data-checked', document.querySelector("
            + "'.csdlab-chart-reason').textContent); }, 1000);</script></body></html>\n");

    String dom = dumpDom(page, dir);

    assertTrue(dom.contains("data-checked=\"" + Chart.LOADING_PLOTLY + "\""), excerpt(dom));
  }

  @Test
  void aChartShownBeforeTheCompressedLoaderDrawsOnceItHasLoaded(@TempDir Path dir)
      throws Exception {
    // As in a classic notebook: require.js defines an AMD loader, the chart's output comes first,
    // the kernel's loader after it.
    Chart chart =
        Charts.lines(
            "Queued",
            "x",
            "y",
            List.of(new Line("waits", new double[] {1, 2}, new double[] {3, 1})));
    Path page = dir.resolve("notebook.html");
    Files.writeString(
        page,
        "<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\"/><title>cells</title>\n"
            + "<script>window.define = function () { throw new Error('anonymous define'); }; window.define.amd = {};</script>\n"
            + "</head><body>\n"
            + chart.toHtml()
            + "\n"
            + Charts.compressedPlotlyLoader()
            + "\n</body></html>\n");

    String dom = dumpDom(page, dir);

    String[] charts = dom.split("<div class=\"csdlab-chart\">");
    assertEquals(2, charts.length);
    assertTrue(
        charts[1].contains("<svg class=\"main-svg\""),
        "the queued chart was drawn: " + excerpt(dom));
    assertEquals(2, count(charts[1], "class=\"point\""));
    assertTrue(charts[1].contains(">Queued</text>"));
    assertTrue(dom.contains("window.define = function ()"), "the page kept its AMD loader");
  }

  private static String dumpDom(Path page, Path dir) throws Exception {
    return HeadlessChromium.findOrSkip().dumpDom(page, dir);
  }

  private static int count(String text, String part) {
    int n = 0;
    for (int at = text.indexOf(part); at >= 0; at = text.indexOf(part, at + 1)) {
      n++;
    }
    return n;
  }

  /** The DOM around the first chart, without the embedded plotly.js. */
  private static String excerpt(String dom) {
    Matcher chart = Pattern.compile("<div class=\"csdlab-chart\">").matcher(dom);
    int from = chart.find() ? chart.start() : Math.max(0, dom.length() - 2000);
    return dom.substring(from, Math.min(dom.length(), from + 2000));
  }
}
