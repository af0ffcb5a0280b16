package org.csdlab.lab;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.csdlab.fluffle.CleaningPolicy;
import org.csdlab.fluffle.FormatOptions;
import org.csdlab.lab.chart.Charts;
import org.csdlab.lab.chart.HeadlessChromium;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The filesystem's write amplification chart and the cleaner's rendering around it, saved as a page
 * and opened in headless Chromium with the network shut off: Plotly draws the line with one marker
 * per sample. Skipped when Chromium is missing, except under CI=true, where it fails.
 */
class LabFsChartBrowserTest {

  @Test
  void theWriteAmplificationChartDrawsOffline(@TempDir Path dir) throws Exception {
    HeadlessChromium chromium = HeadlessChromium.findOrSkip();
    Lab lab = Seeded.smallLab();
    LabFs fs = lab.formatFs(FormatOptions.builder().cleaningPolicy(CleaningPolicy.GREEDY).build());
    byte[] block = new byte[20 * 4096];
    fs.write("/cold", new byte[60 * 4096]);
    for (int i = 0; i < 12; i++) {
      Arrays.fill(block, (byte) i);
      fs.write("/hot", block);
    }
    CleanerLog cleaner = fs.cleaner();
    int samples = 13; // the cold file and twelve rewrites of the hot one
    assertTrue(
        cleaner.chart().toString().endsWith("1 line, 13 points]"), cleaner.chart().toString());
    Path page =
        Charts.saveHtml(
            dir.resolve("fs.html"), "filesystem", List.of(cleaner, fs.zones(), cleaner.chart()));

    String dom = chromium.dumpDom(page, dir);

    String[] charts = dom.split("<div class=\"csdlab-chart\">");
    assertEquals(3, charts.length, "the page, the cleaner's chart and the chart alone");
    for (int i = 1; i < charts.length; i++) {
      assertTrue(charts[i].contains("<svg class=\"main-svg\""), "chart " + i + " is drawn");
      assertTrue(charts[i].contains("class=\"trace scatter"), "chart " + i + " has its line");
      assertEquals(samples, count(charts[i], "class=\"point\""), "one marker per sample");
    }
    assertTrue(dom.contains(">Write amplification (greedy cleaning)</text>"), "the title");
    assertTrue(dom.contains(">host data written (MiB)</text>"), "the x axis title");
    assertEquals(16, count(dom, "data-zone=\""), "the heat map beside it");
  }

  private static int count(String text, String needle) {
    Matcher m = Pattern.compile(Pattern.quote(needle)).matcher(text);
    int n = 0;
    while (m.find()) {
      n++;
    }
    return n;
  }
}
