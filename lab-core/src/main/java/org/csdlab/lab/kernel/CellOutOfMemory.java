package org.csdlab.lab.kernel;

import java.util.ArrayList;
import java.util.List;

/**
 * The cell was stopped because the heap stayed nearly full after garbage collection: it was about
 * to run out of memory, and would have left the kernel collecting garbage for minutes.
 */
public final class CellOutOfMemory extends CellError {

  private final long usedBytes;
  private final long maxBytes;

  CellOutOfMemory(
      int line, String where, LowMemoryGuard.Reading reading, List<String> clearedVariables) {
    super(
        Kind.OUT_OF_MEMORY,
        line,
        "the cell was stopped "
            + where
            + ": the heap was "
            + reading.percent()
            + "% full after garbage collection",
        lines(where, reading, clearedVariables));
    this.usedBytes = reading.usedBytes();
    this.maxBytes = reading.maxBytes();
  }

  private static List<String> lines(
      String where, LowMemoryGuard.Reading reading, List<String> clearedVariables) {
    List<String> lines = new ArrayList<>();
    lines.add(
        "Stopped "
            + where
            + ": the heap was "
            + reading.percent()
            + "% full after garbage collection ("
            + (reading.usedBytes() >> 20)
            + " of "
            + (reading.maxBytes() >> 20)
            + " MiB in "
            + reading.pool()
            + "), so the cell was about to run out of memory.");
    lines.add(HeapLimit.outOfMemoryAdvice());
    if (!clearedVariables.isEmpty()) {
      lines.add(
          "To free memory, this cell's variables "
              + String.join(", ", clearedVariables)
              + " were set to null.");
    }
    return lines;
  }

  /** Heap bytes in use after the collection that stopped the cell. */
  public long usedBytes() {
    return usedBytes;
  }

  /** The generation's limit then. */
  public long maxBytes() {
    return maxBytes;
  }
}
