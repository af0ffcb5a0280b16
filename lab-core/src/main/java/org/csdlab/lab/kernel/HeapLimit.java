package org.csdlab.lab.kernel;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The kernel JVM's heap limit ({@code -Xmx}), which the kernelspec sets so that a cell filling
 * memory meets a stated limit instead of a quarter of the machine's RAM, and can be told what it
 * was. Written as the JVM writes it: a number with {@code k}, {@code m} or {@code g}.
 *
 * @param bytes the limit in bytes
 */
public record HeapLimit(long bytes) {

  /** Below this the kernel cannot start JShell and the lab comfortably. */
  public static final long MINIMUM_BYTES = 256L << 20;

  /** What {@code csdlab jupyter install} gives the kernel unless told otherwise. */
  public static final HeapLimit DEFAULT = new HeapLimit(2L << 30);

  private static final Pattern SIZE = Pattern.compile("([0-9]{1,7})([kmg])");

  public HeapLimit {
    if (bytes < MINIMUM_BYTES) {
      throw new IllegalArgumentException(
          "a kernel heap limit of "
              + bytes
              + " bytes is below the minimum of "
              + (MINIMUM_BYTES >> 20)
              + "m that JShell and the lab need");
    }
  }

  /**
   * Parses a limit such as {@code 512m} or {@code 4g}.
   *
   * @throws IllegalArgumentException naming the text and what is allowed
   */
  public static HeapLimit parse(String text) {
    Matcher matcher = SIZE.matcher(text.strip().toLowerCase(Locale.ROOT));
    if (!matcher.matches()) {
      throw new IllegalArgumentException(
          "heap limit '"
              + text
              + "' is not a size like 512m or 4g"
              + " (a whole number followed by k, m or g)");
    }
    long number = Long.parseLong(matcher.group(1));
    int shift =
        switch (matcher.group(2)) {
          case "k" -> 10;
          case "m" -> 20;
          default -> 30;
        };
    long bytes = number << shift;
    if (bytes < MINIMUM_BYTES) {
      throw new IllegalArgumentException(
          "heap limit '"
              + text
              + "' is below the minimum of "
              + (MINIMUM_BYTES >> 20)
              + "m that JShell and the lab need");
    }
    return new HeapLimit(bytes);
  }

  /** The JVM option that sets it, e.g. {@code -Xmx2048m}. */
  public String jvmOption() {
    return "-Xmx" + (bytes % (1L << 20) == 0 ? bytes / (1L << 20) + "m" : bytes / 1024 + "k");
  }

  @Override
  public String toString() {
    return bytes % (1L << 30) == 0 ? bytes / (1L << 30) + "g" : bytes / (1L << 20) + "m";
  }

  /** What a cell that ran out of memory is told: this JVM's heap limit and how to raise it. */
  static String outOfMemoryAdvice() {
    long maxMiB = Runtime.getRuntime().maxMemory() >> 20;
    return "Out of memory: the kernel's heap limit is "
        + maxMiB
        + " MiB. The kernel is still running."
        + " Let earlier cells' big values go (set their variables to null), or raise the limit with"
        + " ./csdlab jupyter install --heap 4g and restart the kernel.";
  }
}
