package org.csdlab.lab.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Cells that really fill the heap, in a JVM of their own with a small heap (here they would fill
 * the test runner's heap too): whichever thread the OutOfMemoryError lands in, the cell ends in an
 * error that says so, what the cell's variables hold is let go, and the next cells run.
 */
class CellHeapExhaustionTest {

  private static final String HEAP = "-Xmx256m";
  private static final long HEAP_MIB = 256;

  @Test
  void cellsThatFillTheHeapEndInAnErrorAndLetTheirVariablesGo() throws Exception {
    List<String> lines = runProbe();
    assertEquals(HeapExhaustionProbe.CELLS.size(), lines.size(), String.join("\n", lines));
    for (String line : lines) {
      String[] fields = line.split("\\|");
      String report = fields[1];
      assertFalse(line.contains("ESCAPED"), "only a CellError may leave a cell: " + line);
      assertTrue(
          report.contains("java.lang.OutOfMemoryError") || report.contains("the heap was"), line);
      assertTrue(
          report.contains(
              "Out of memory: the kernel's heap limit is "
                  + HEAP_MIB
                  + " MiB. The kernel is still running."),
          line);
      boolean filledByTheCell =
          !HeapExhaustionProbe.CELLS.get(Integer.parseInt(fields[0])).startsWith("byte[]");
      if (filledByTheCell) {
        assertTrue(
            report.contains("To free memory, this cell's variables hog were set to null."), line);
      }
      assertEquals("true", fields[2], "hog is let go after: " + line);
      assertEquals("2", fields[3], "1 + 1 after: " + line);
      assertTrue(Long.parseLong(fields[4]) < HEAP_MIB / 2, "MiB still in use after: " + line);
    }
  }

  private static List<String> runProbe() throws IOException, InterruptedException {
    Path java = Path.of(System.getProperty("java.home"), "bin", "java");
    Process probe =
        new ProcessBuilder(
                java.toString(),
                HEAP,
                "-cp",
                System.getProperty("java.class.path"),
                HeapExhaustionProbe.class.getName())
            .redirectError(ProcessBuilder.Redirect.INHERIT)
            .start();
    byte[] out = probe.getInputStream().readAllBytes();
    assertTrue(probe.waitFor(180, TimeUnit.SECONDS), "the probe did not end");
    assertEquals(0, probe.exitValue(), new String(out, StandardCharsets.UTF_8));
    return new String(out, StandardCharsets.UTF_8)
        .lines()
        .filter(l -> l.matches("\\d+\\|.*"))
        .toList();
  }
}
