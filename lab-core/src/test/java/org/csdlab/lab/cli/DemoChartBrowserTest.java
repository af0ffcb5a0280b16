package org.csdlab.lab.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.csdlab.lab.chart.HeadlessChromium;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The chart page {@code csdlab demo} writes, opened in headless Chromium with the network shut off:
 * every chart's SVG is drawn. Skipped when Chromium is missing, except under CI=true, where it
 * fails.
 */
class DemoChartBrowserTest {

  @Test
  void theDemosChartsDrawOffline(@TempDir Path dir) throws Exception {
    HeadlessChromium chromium = HeadlessChromium.findOrSkip();
    Path page = dir.resolve("demo.html");
    CliRun demo = CliRun.of("demo", "--size", "32MiB", "--no-progress", "--chart", page.toString());
    assertEquals(0, demo.status(), demo.err());

    String html = chromium.dumpDom(page, dir);

    String[] charts = html.split("<div class=\"csdlab-chart\">");
    assertEquals(4, charts.length, "the page and the demo's three charts");
    for (int i = 1; i < charts.length; i++) {
      assertTrue(charts[i].contains("<svg class=\"main-svg\""), "chart " + i + " is drawn");
    }
    assertTrue(
        html.contains(">Bytes moved: counting on the host vs on the drive</text>"),
        "the bytes chart's title");
    assertTrue(charts[1].contains("class=\"trace bars\""), "the bytes chart has its bars");
    assertTrue(
        charts[2].contains("class=\"trace scatter"),
        "the modeled-time throughput chart has its lines");
    assertTrue(
        charts[0].contains("<h1>csdlab demo: offloaded filtering</h1>"), "the heading is rendered");
    assertTrue(
        charts[0].contains("<p>The first chart shows the bytes each count moved"),
        "the explanation is rendered");
  }
}
