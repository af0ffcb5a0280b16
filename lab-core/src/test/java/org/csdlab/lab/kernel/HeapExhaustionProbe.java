package org.csdlab.lab.kernel;

import java.util.List;

/**
 * Fills the heap of the JVM it runs in from cells, for {@link CellHeapExhaustionTest}: each cell
 * prints one line, {@code cell|report|hog cleared|1 + 1|MiB in use after a collection}.
 */
public final class HeapExhaustionProbe {

  /** Cells that fill the heap; the error lands in the loop, in JShell's reporting or in its compiler. */
  static final List<String> CELLS = List.of(
      "long[][] hog = new long[1 << 20][]; for (int i = 0; i < hog.length; i++) hog[i] = new long[1 << 16];",
      "long[][] hog = new long[1 << 20][]; for (int i = 0; i < hog.length; i++) hog[i] = new long[1 << 16];\n1 / 0",
      "var hog = new java.util.ArrayList<String>();\nwhile (true) hog.add(\"x\".repeat(4096));",
      "byte[] hog = new byte[Integer.MAX_VALUE - 8];");

  private HeapExhaustionProbe() {
  }

  public static void main(String[] args) {
    try (CellEvaluator evaluator = CellEvaluator.create()) {
      for (int i = 0; i < CELLS.size(); i++) {
        String report;
        try {
          report = "no error: " + evaluator.evaluate(CELLS.get(i)).value();
        } catch (CellError error) {
          report = String.join(" / ", error.lines());
        }
        Object cleared = evaluator.evaluate("hog == null").value();
        Object sum = evaluator.evaluate("1 + 1").value();
        System.gc();
        Runtime heap = Runtime.getRuntime();
        long usedMiB = (heap.totalMemory() - heap.freeMemory()) >> 20;
        System.out.println(i + "|" + report.replace('|', '/') + "|" + cleared + "|" + sum + "|" + usedMiB);
      }
    }
  }
}
