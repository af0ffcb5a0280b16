package org.csdlab.zns.timing;

import java.util.Locale;

/**
 * How durations are written for people across csdlab (device statistics, the lab's results): SI
 * units chosen by size, as {@code 850 ns}, {@code 12.3 µs}, {@code 4.56 ms}, {@code 1.234 s}.
 */
public final class Durations {

  private Durations() {}

  /** {@code nanos} in the largest unit that keeps it at least 1: ns, µs, ms or s. */
  public static String format(long nanos) {
    if (nanos < 1_000) {
      return nanos + " ns";
    }
    if (nanos < 1_000_000) {
      return String.format(Locale.ROOT, "%.1f µs", nanos / 1e3);
    }
    if (nanos < 1_000_000_000) {
      return String.format(Locale.ROOT, "%.2f ms", nanos / 1e6);
    }
    return String.format(Locale.ROOT, "%.3f s", nanos / 1e9);
  }
}
