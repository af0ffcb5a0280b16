package org.csdlab.lab.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
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
  @TempDir
  Path dir;

  @Test
  void hostAndDriveAgreeOnlyTheCountCrossesTheLinkAndTheChartIsWritten() throws IOException {
    Path chart = dir.resolve("demo.html");
    CliRun run = CliRun.of("demo", "--size", "16MiB", "--seed", "3", "--no-progress", "--chart", chart.toString());
    assertEquals(0, run.status(), run.err());
    long expected = referenceCount(16, 3);
    assertTrue(run.out().contains("same answer (" + expected + ")"), run.out());
    assertTrue(run.out().matches("(?s).*\nanswer\\s+" + expected + "\\s+" + expected + "\\s+same\n.*"), run.out());
    assertTrue(run.out().matches("(?s).*\nbytes over host link\\s+16.0 MiB\\s+8 B\\s.*"), run.out());
    assertTrue(run.out().strip().endsWith("Charts (open in a browser, no internet needed): " + chart), run.out());
    String html = Files.readString(chart);
    assertTrue(html.contains("Bytes moved: counting on the host vs on the drive"), "bytes chart missing");
    assertTrue(html.contains("plotly.js v2"), "plotly.js is not embedded");
    assertTrue(!html.contains("<script src=\"http"), "the page fetches a script from the internet");
  }

  @Test
  void modeledTimesAreDeterministic() {
    String first = line(CliRun.of("demo", "--size", "16MiB", "--no-progress", "--no-chart").out(), "modeled time");
    String second = line(CliRun.of("demo", "--size", "16MiB", "--no-progress", "--no-chart").out(), "modeled time");
    assertEquals(first, second);
  }

  @Test
  void noChartWritesNoFile() throws IOException {
    Path chart = dir.resolve("demo.html");
    CliRun run = CliRun.of("demo", "--size", "16MiB", "--no-progress", "--no-chart", "--chart", chart.toString());
    assertEquals(0, run.status(), run.err());
    assertTrue(Files.notExists(chart));
    assertTrue(!run.out().contains("Charts"), run.out());
  }

  @Test
  void refusesASizeThatIsNotWholeZones() {
    CliRun run = CliRun.of("demo", "--size", "10MiB", "--no-progress", "--no-chart");
    assertEquals(2, run.status());
    assertEquals("csdlab demo: --size must be a whole number of 16 MiB zones, at most 64 (1 GiB), got 10 MiB"
        + " (see csdlab demo --help)", run.errorLine());
    assertEquals("", run.out()); // refused before the demo printed anything
  }

  private static String line(String text, String start) {
    return text.lines().filter(l -> l.startsWith(start)).findFirst().orElseThrow(() -> new AssertionError(text));
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
