package org.csdlab.lab;

import java.util.List;
import org.csdlab.lab.display.Html;

/**
 * A scan done on the host: every byte read over the host link, then processed by the host CPU.
 *
 * @param operation what was computed, e.g. {@code countU32Above(0x3fffffff)}
 * @param extent the data scanned, or null for a file (the operation names it)
 * @param value the answer
 * @param hostBytes bytes read over the host link (whole blocks)
 * @param modeledNanos modeled time of the reads, host link included
 * @param wallNanos wall-clock time of reads and processing
 */
public record HostRun(
    String operation, Extent extent, long value, long hostBytes, long modeledNanos, long wallNanos)
    implements Run {

  @Override
  public String label() {
    return "host " + operation;
  }

  /**
   * As {@code host countU32Above(0x3fffffff) = 56727 · 296.0 KiB over the link · modeled 7.40 ms ·
   * wall 1.20 ms}.
   */
  @Override
  public String toString() {
    return label()
        + " = "
        + value
        + " · "
        + Quantities.bytes(hostBytes)
        + " over the link · modeled "
        + Quantities.nanos(modeledNanos)
        + " · wall "
        + Quantities.nanos(wallNanos);
  }

  @Override
  public String toHtml() {
    return Html.panel(
        label() + " = " + value,
        Html.table(
            List.of("data", "bytes over host link", "modeled time", "wall time"),
            List.of(
                List.of(
                    extent == null ? "file" : String.valueOf(extent),
                    Quantities.bytes(hostBytes) + " (" + hostBytes + " B)",
                    Quantities.nanos(modeledNanos),
                    Quantities.nanos(wallNanos)))));
  }
}
