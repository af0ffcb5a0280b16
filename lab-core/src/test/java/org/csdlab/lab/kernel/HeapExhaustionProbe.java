package org.csdlab.lab.kernel;

import java.util.List;

/**
 * Fills the heap of the JVM it runs in from cells, for {@link CellHeapExhaustionTest}: each cell
 * prints one line, {@code cell|report|hog cleared|1 + 1|MiB in use after a collection}.
 */
public final class HeapExhaustionProbe {

  /**
   * Cells that fill the heap; the error lands in the loop, in JShell's reporting or in its
   * compiler.
   */
  static final List<String> CELLS =
      List.of(
          "long[][] hog = new long[1 << 20][]; for (int i = 0; i < hog.length; i++) hog[i] = new long[1 << 16];",
          "long[][] hog = new long[1 << 20][]; for (int i = 0; i < hog.length; i++) hog[i] = new long[1 << 16];\n1 / 0",
          "var hog = new java.util.ArrayList<String>();\nwhile (true) hog.add(\"x\".repeat(4096));",
          "byte[] hog = new byte[Integer.MAX_VALUE - 8];");

  private HeapExhaustionProbe() {}

  private static Object valueOf(CellEvaluator evaluator, String cell) {
    try {
      return evaluator.evaluate(cell).value();
    } catch (Throwable escaped) {
      return "ESCAPED " + describe(escaped);
    }
  }

  private static String describe(Throwable thrown) {
    StringBuilder text = new StringBuilder(String.valueOf(thrown));
    for (StackTraceElement frame : thrown.getStackTrace()) {
      text.append(" @ ").append(frame);
      if (text.length() > 2000) {
        break;
      }
    }
    return thrown.getCause() == null
        ? text.toString()
        : text + " CAUSED BY " + describe(thrown.getCause());
  }

  public static void main(String[] args) {
    try (CellEvaluator evaluator = CellEvaluator.create()) {
      for (int i = 0; i < CELLS.size(); i++) {
        String report;
        try {
          report = "no error: " + evaluator.evaluate(CELLS.get(i)).value();
        } catch (CellError error) {
          report = String.join(" / ", error.lines());
        } catch (Throwable escaped) {
          // Anything but a CellError is what the kernel must never let out: shown for the test to
          // fail on.
          report = "ESCAPED " + describe(escaped);
        }
        Object cleared = valueOf(evaluator, "hog == null");
        Object sum = valueOf(evaluator, "1 + 1");
        System.gc();
        Runtime heap = Runtime.getRuntime();
        long usedMiB = (heap.totalMemory() - heap.freeMemory()) >> 20;
        System.out.println(
            i + "|" + report.replace('|', '/') + "|" + cleared + "|" + sum + "|" + usedMiB);
      }
    }
  }
}
