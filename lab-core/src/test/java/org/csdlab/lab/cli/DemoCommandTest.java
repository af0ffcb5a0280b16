package org.csdlab.lab.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import org.csdlab.lab.dataset.ByteUnit;
import org.csdlab.lab.dataset.Datasets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DemoCommandTest {
  @TempDir Path dir;

  @Test
  void hostAndDriveAgreeOnlyTheCountCrossesTheLinkAndTheChartIsWritten() throws IOException {
    Path chart = dir.resolve("demo.html");
    CliRun run =
        CliRun.of(
            "demo", "--size", "16MiB", "--seed", "3", "--no-progress", "--chart", chart.toString());
    assertEquals(0, run.status(), run.err());
    long expected = referenceCount(16, 3);
    assertTrue(run.out().contains("same answer (" + expected + ")"), run.out());
    assertTrue(
        run.out().matches("(?s).*\nanswer\\s+" + expected + "\\s+" + expected + "\\s+same\n.*"),
        run.out());
    assertTrue(
        run.out().matches("(?s).*\nbytes over host link\\s+16.0 MiB\\s+8 B\\s.*"), run.out());
    assertTrue(
        run.out().strip().endsWith("Charts (open in a browser, no internet needed): " + chart),
        run.out());
    String html = Files.readString(chart);
    assertTrue(
        html.contains("Bytes moved: counting on the host vs on the drive"), "bytes chart missing");
    assertTrue(html.contains("plotly.js v2"), "plotly.js is not embedded");
    assertTrue(!html.contains("<script src=\"http"), "the page fetches a script from the internet");
  }

  @Test
  void theChartPageSaysWhatRanWhatItFoundAndWhatTheChartsShow() throws IOException {
    Path chart = dir.resolve("demo.html");
    CliRun run =
        CliRun.of(
            "demo", "--size", "32MiB", "--seed", "5", "--no-progress", "--chart", chart.toString());
    assertEquals(0, run.status(), run.err());
    String page = Files.readString(chart);
    String ours = page.substring(page.indexOf("</head>")); // without the embedded plotly.js
    int heading = ours.indexOf("<h1>csdlab demo: offloaded filtering</h1>");
    int parameters = ours.indexOf(">Parameters</div>");
    int comparison = ours.indexOf("data-same-answer=\"true\"");
    int explanation = ours.indexOf("<p>The first chart shows the bytes each count moved");
    int firstChart = ours.indexOf("<div class=\"csdlab-chart\">");
    assertTrue(
        heading >= 0
            && heading < parameters
            && parameters < comparison
            && comparison < explanation
            && explanation < firstChart,
        "heading, parameters, comparison, explanation, then the charts: "
            + heading
            + " "
            + parameters
            + " "
            + comparison
            + " "
            + explanation
            + " "
            + firstChart);
    assertEquals(3, ours.split("<div class=\"csdlab-chart\">").length - 1, "the three charts");
    assertTrue(
        ours.contains("32.0 MiB of little-endian u32 readings in 2 zones of 16.0 MiB"), ours);
    assertTrue(
        ours.contains("<td style=\"" + org.csdlab.lab.display.Html.cellStyle() + "\">5</td>"),
        "the seed");
    assertTrue(ours.contains("RAND_MAX/2 = 1073741823"), "the threshold");
    assertTrue(
        ours.contains(
            "teaching: 2 channels × 2 dies, read 50.0 µs, program 500.0 µs, host link 78.1 MiB/s"),
        ours);
    assertTrue(ours.contains(">bytes over host link<"), "the comparison table");
    assertTrue(
        ours.contains(
            "the host read all 32.0 MiB over the host link, the drive read the same 32.0 MiB from its"
                + " flash and sent only 16 B back"),
        ours);
    assertTrue(
        ours.matches(
            "(?s).*In modeled time the drive is [0-9.]+× (faster|slower) than the host; on the wall"
                + " clock it is [0-9.]+× (faster|slower) than the host\\. Wall time differs because nothing here is a real"
                + " drive: the drive&#39;s kernel runs on this JVM&#39;s eBPF interpreter.*"),
        "why wall time is not modeled time");
    assertFalse(ours.matches("(?s).*[0-9] MB\\b.*") || ours.contains("MB/s"), "binary units only");
  }

  @Test
  void progressBarsUseTheSameBinaryUnitsAsTheHeader() {
    java.io.PrintStream original = System.err;
    String before = System.getProperty(org.csdlab.lab.monitor.ProgressBars.PROPERTY);
    java.io.ByteArrayOutputStream bars = new java.io.ByteArrayOutputStream();
    System.setErr(new java.io.PrintStream(bars, true, java.nio.charset.StandardCharsets.UTF_8));
    CliRun run;
    try {
      run = CliRun.of("demo", "--size", "16MiB", "--progress", "--no-chart");
    } finally {
      System.setErr(original);
      if (before == null) {
        System.clearProperty(org.csdlab.lab.monitor.ProgressBars.PROPERTY);
      } else {
        System.setProperty(org.csdlab.lab.monitor.ProgressBars.PROPERTY, before);
      }
    }
    assertEquals(0, run.status(), run.err());
    assertTrue(run.out().startsWith("csdlab demo: 16 MiB of u32 sensor readings"), run.out());
    String text = bars.toString(java.nio.charset.StandardCharsets.UTF_8);
    assertTrue(text.contains("16/16 MiB"), text);
    assertFalse(text.matches("(?s).*[0-9] MB\\b.*"), "no decimal megabytes: " + text);
  }

  @Test
  void modeledTimesAreDeterministic() {
    String first =
        line(
            CliRun.of("demo", "--size", "16MiB", "--no-progress", "--no-chart").out(),
            "modeled time");
    String second =
        line(
            CliRun.of("demo", "--size", "16MiB", "--no-progress", "--no-chart").out(),
            "modeled time");
    assertEquals(first, second);
  }

  @Test
  void noChartWritesNoFile() throws IOException {
    Path chart = dir.resolve("demo.html");
    CliRun run =
        CliRun.of(
            "demo", "--size", "16MiB", "--no-progress", "--no-chart", "--chart", chart.toString());
    assertEquals(0, run.status(), run.err());
    assertTrue(Files.notExists(chart));
    assertTrue(!run.out().contains("Charts"), run.out());
  }

  @Test
  void refusesASizeThatIsNotWholeZones() {
    CliRun run = CliRun.of("demo", "--size", "10MiB", "--no-progress", "--no-chart");
    assertEquals(2, run.status());
    assertEquals(
        "csdlab demo: --size must be a whole number of 16 MiB zones, at most 64 (1 GiB), got 10 MiB"
            + " (see csdlab demo --help)",
        run.errorLine());
    assertEquals("", run.out()); // refused before the demo printed anything
  }

  private static String line(String text, String start) {
    return text.lines()
        .filter(l -> l.startsWith(start))
        .findFirst()
        .orElseThrow(() -> new AssertionError(text));
  }

  /** The readings above RAND_MAX/2, counted straight from the dataset's bytes. */
  private static long referenceCount(long mib, long seed) throws IOException {
    long count = 0;
    try (InputStream in = Datasets.u32Readings(mib, ByteUnit.MiB).seed(seed).stream()) {
      byte[] chunk = new byte[1 << 16];
      int n;
      while ((n = in.readNBytes(chunk, 0, chunk.length)) > 0) {
        ByteBuffer values = ByteBuffer.wrap(chunk, 0, n).order(ByteOrder.LITTLE_ENDIAN);
        while (values.remaining() >= 4) {
          if (Integer.toUnsignedLong(values.getInt()) > Datasets.RAND_MAX_HALF) {
            count++;
          }
        }
      }
    }
    return count;
  }
}
