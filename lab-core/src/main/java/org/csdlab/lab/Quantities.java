package org.csdlab.lab;

import java.util.Locale;
import org.csdlab.lab.dataset.ByteUnit;
import org.csdlab.zns.timing.Durations;

/** How the lab writes sizes, durations and ratios for people: binary units for bytes, SI for time. */
public final class Quantities {

  private Quantities() {}

  /** As {@code 512 B}, {@code 4.0 KiB}, {@code 256.0 MiB}, {@code 1.5 GiB}. */
  public static String bytes(long bytes) {
    return ByteUnit.approximate(bytes);
  }

  /** As {@code 850 ns}, {@code 12.3 µs}, {@code 4.56 ms}, {@code 1.234 s}. */
  public static String nanos(long nanos) {
    return Durations.format(nanos);
  }

  /** A ratio as {@code 3.2×}, {@code 1 234×}; {@code n/a} when it is undefined (a zero divisor). */
  public static String ratio(double ratio) {
    if (Double.isNaN(ratio) || Double.isInfinite(ratio)) {
      return "n/a";
    }
    if (ratio >= 100) {
      return String.format(Locale.ROOT, "%,.0f×", ratio);
    }
    return String.format(Locale.ROOT, "%.2f×", ratio);
  }

  /** {@code a / b}, or NaN when {@code b} is 0. */
  static double divide(long a, long b) {
    return b == 0 ? Double.NaN : (double) a / b;
  }
}
