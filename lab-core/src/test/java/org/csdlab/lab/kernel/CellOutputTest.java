package org.csdlab.lab.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class CellOutputTest {

  private final ByteArrayOutputStream outBytes = new ByteArrayOutputStream();
  private final ByteArrayOutputStream errBytes = new ByteArrayOutputStream();
  private final PrintStream out = new PrintStream(outBytes, true, StandardCharsets.UTF_8);
  private final PrintStream err = new PrintStream(errBytes, true, StandardCharsets.UTF_8);

  @Test
  void outputWithinTheBudgetPassesWhenFlushed() {
    CellOutput output = new CellOutput(out, err, 1000);
    output.out().println("hello");
    output.err().println("careful");
    assertEquals("", outBytes.toString(StandardCharsets.UTF_8), "batched until flushed");
    output.finish();
    assertEquals(
        "hello\n", outBytes.toString(StandardCharsets.UTF_8).replace(System.lineSeparator(), "\n"));
    assertEquals(
        "careful\n",
        errBytes.toString(StandardCharsets.UTF_8).replace(System.lineSeparator(), "\n"));
  }

  @Test
  void aFloodStopsAtTheBudgetAndTheDroppedAmountIsReported() {
    CellOutput output = new CellOutput(out, err, 1024);
    for (int i = 0; i < 10_000; i++) {
      output.out().println("line " + i); // 10,000 lines, about 88 KB
    }
    output.finish();
    String printed = outBytes.toString(StandardCharsets.UTF_8);
    assertTrue(printed.startsWith("line 0"), printed);
    String notice =
        "[csdlab: this cell's output reached its budget of 1 KiB; the rest is dropped and counted]";
    assertTrue(printed.contains(notice), printed);
    assertEquals(
        1024, printed.replace("\n" + notice + "\n", "").getBytes(StandardCharsets.UTF_8).length);
    long total = 0;
    for (int i = 0; i < 10_000; i++) {
      total += ("line " + i + System.lineSeparator()).length();
    }
    assertEquals(total - 1024, output.droppedBytes());
    String report = errBytes.toString(StandardCharsets.UTF_8);
    assertTrue(report.startsWith("[csdlab: " + (total - 1024) + " bytes ("), report);
    assertTrue(
        report.contains(
            " lines) of this cell's output were dropped: a cell may print 1024 bytes (1 KiB)."),
        report);
  }

  @Test
  void standardOutputAndErrorShareOneBudget() {
    CellOutput output = new CellOutput(out, err, 10);
    output.out().print("12345");
    output.err().print("67890");
    output.out().print("x");
    output.finish();
    assertEquals(1, output.droppedBytes());
  }
}
