package org.csdlab.lab.dataset;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.regex.Pattern;
import org.csdlab.lab.monitor.ThroughputMonitor;
import org.junit.jupiter.api.Test;

class LogLinesTest {
  private static final Pattern LINE =
      Pattern.compile(
          "\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z (INFO |WARN |ERROR) sensor-\\d\\d"
              + " temperature=-?\\d{1,2}\\.\\d\\dC humidity=\\d{1,2}\\.\\d\\d% (reading ok|battery low|sensor fault)");

  private static String logs(long sizeBytes, double selectivity) {
    byte[] bytes =
        Datasets.logLines(sizeBytes, ByteUnit.B)
            .seed(7)
            .selectivity(selectivity)
            .monitor(ThroughputMonitor.quiet())
            .bytes();
    assertEquals(sizeBytes, bytes.length);
    return new String(bytes, StandardCharsets.US_ASCII);
  }

  @Test
  void everyLineIsCompleteAndTheRestIsEmptyLines() {
    String text = logs(100_003, LogLines.DEFAULT_SELECTIVITY);
    String[] lines = text.split("\n", -1);
    assertEquals("", lines[lines.length - 1], "the data ends with a newline");
    int firstEmpty = -1;
    for (int i = 0; i < lines.length - 1; i++) {
      if (lines[i].isEmpty()) {
        firstEmpty = firstEmpty < 0 ? i : firstEmpty;
      } else {
        assertTrue(firstEmpty < 0, "no line after the padding, line " + i);
        assertTrue(LINE.matcher(lines[i]).matches(), "line " + i + ": " + lines[i]);
      }
    }
    assertTrue(firstEmpty > 1000, "most of the data is lines");
    assertTrue(text.startsWith("2023-11-14T22:13:20.000Z "), text.substring(0, 40));
    assertTrue(text.contains("\n2023-11-14T22:13:20.100Z "));
  }

  @Test
  void selectivityIsTheFractionOfErrorLines() {
    for (double selectivity : new double[] {0.0, 0.05, 0.5}) {
      String[] lines = logs(1 << 20, selectivity).split("\n");
      long errors = 0;
      long warnings = 0;
      long total = 0;
      for (String line : lines) {
        if (!line.isEmpty()) {
          total++;
          errors += line.contains(" ERROR ") ? 1 : 0;
          warnings += line.contains(" WARN ") ? 1 : 0;
        }
      }
      assertEquals(selectivity, (double) errors / total, 0.01, "selectivity " + selectivity);
      assertEquals(0.2 * (1 - selectivity), (double) warnings / total, 0.015);
    }
  }

  @Test
  void sameSeedSameText() {
    assertEquals(logs(5000, 0.05), logs(5000, 0.05));
  }
}
