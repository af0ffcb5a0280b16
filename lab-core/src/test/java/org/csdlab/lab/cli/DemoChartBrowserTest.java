package org.csdlab.lab.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The chart page {@code csdlab demo} writes, opened in headless Chromium with the network shut
 * off: every chart's SVG is drawn. Skipped when Chromium is missing, except under CI=true, where
 * it fails.
 */
class DemoChartBrowserTest {
  private static final Path CHROMIUM = Path.of(System.getenv().getOrDefault("CHROMIUM", "/usr/bin/chromium"));
  private static final long TIMEOUT_SECONDS = 120;

  @Test
  void theDemosChartsDrawOffline(@TempDir Path dir) throws Exception {
    if (!Files.isExecutable(CHROMIUM)) {
      if ("true".equals(System.getenv("CI"))) {
        fail("CI=true but Chromium is not installed at " + CHROMIUM + " (apt-get install chromium)");
      }
      Assumptions.abort("Chromium is not installed at " + CHROMIUM);
    }
    Path page = dir.resolve("demo.html");
    CliRun demo = CliRun.of("demo", "--size", "32MiB", "--no-progress", "--chart", page.toString());
    assertEquals(0, demo.status(), demo.err());

    Path dom = dir.resolve("dom.html");
    Path log = dir.resolve("chromium.log");
    Process chromium = new ProcessBuilder(CHROMIUM.toString(), "--headless", "--no-sandbox", "--disable-gpu",
        "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync",
        "--host-resolver-rules=MAP * ~NOTFOUND", "--proxy-server=http://127.0.0.1:9", // no network at all
        "--user-data-dir=" + dir.resolve("profile"), "--virtual-time-budget=5000", "--dump-dom",
        page.toUri().toString())
        .redirectOutput(dom.toFile()).redirectError(log.toFile()).start();
    if (!chromium.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
      chromium.destroyForcibly();
      fail("Chromium did not finish within " + TIMEOUT_SECONDS + " s; its log: " + Files.readString(log));
    }
    String html = Files.readString(dom);
    assertEquals(0, chromium.exitValue(), "Chromium failed; its log: " + Files.readString(log));

    String[] charts = html.split("<div class=\"csdlab-chart\">");
    assertEquals(4, charts.length, "the page and the demo's three charts");
    for (int i = 1; i < charts.length; i++) {
      assertTrue(charts[i].contains("<svg class=\"main-svg\""), "chart " + i + " is drawn");
    }
    assertTrue(html.contains(">Bytes moved: counting on the host vs on the drive</text>"), "the bytes chart's title");
    assertTrue(charts[1].contains("class=\"trace bars\""), "the bytes chart has its bars");
    assertTrue(charts[2].contains("class=\"trace scatter"), "the modeled-time throughput chart has its lines");
  }
}
