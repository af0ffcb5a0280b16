package org.csdlab.lab;

import java.util.Locale;
import org.csdlab.lab.dataset.ByteUnit;
import org.csdlab.zns.timing.Durations;

/**
 * How the lab writes sizes, durations and ratios for people: binary units for bytes, SI for time.
 */
public final class Quantities {

  /** The longest file name {@link #backend} shows whole. */
  private static final int MAX_NAME_CHARS = 20;

  private Quantities() {}

  /** As {@code 512 B}, {@code 4.0 KiB}, {@code 256.0 MiB}, {@code 1.5 GiB}. */
  public static String bytes(long bytes) {
    return ByteUnit.approximate(bytes);
  }

  /** As {@code 850 ns}, {@code 12.3 µs}, {@code 4.56 ms}, {@code 1.234 s}. */
  public static String nanos(long nanos) {
    return Durations.format(nanos);
  }

  /**
   * A count or rate with an SI prefix and {@code unit}, as {@code 1 G insn/s}, {@code 200 M
   * insn/s}, {@code 1.31 M insn}, {@code 12 insn}.
   */
  public static String si(long value, String unit) {
    String[] prefixes = {"G", "M", "k"};
    double[] scales = {1e9, 1e6, 1e3};
    for (int i = 0; i < prefixes.length; i++) {
      if (value >= scales[i]) {
        String number =
            String.format(Locale.ROOT, "%.2f", value / scales[i]).replaceFirst("\\.?0+$", "");
        return number + " " + prefixes[i] + " " + unit;
      }
    }
    return value + " " + unit;
  }

  /** How a lab names its backing file in one line: {@code in memory}, or {@code file drive.img}. */
  static String backend(String backendFile) {
    if (backendFile == null) {
      return "in memory";
    }
    java.nio.file.Path path = java.nio.file.Path.of(backendFile).getFileName();
    String name = path == null ? backendFile : path.toString();
    return "file "
        + (name.length() <= MAX_NAME_CHARS ? name : name.substring(0, MAX_NAME_CHARS - 1) + "…");
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
