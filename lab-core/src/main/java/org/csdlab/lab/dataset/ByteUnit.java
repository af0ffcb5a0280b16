package org.csdlab.lab.dataset;

import java.util.Arrays;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.csdlab.ebpf.MemoryBudget;

/**
 * Binary size units for dataset sizes: {@code Datasets.u32Readings(256, MiB)}. Sizes of data are
 * binary everywhere in the lab, and so are the throughput monitor's rates (MiB/s in its progress
 * bars and charts); the bandwidths of timing profiles are decimal (MB/s, GB/s), as drive data
 * sheets give them.
 */
public enum ByteUnit {
  B(1),
  KiB(1L << 10),
  MiB(1L << 20),
  GiB(1L << 30);

  private static final Pattern SIZE = Pattern.compile("\\s*(\\d{1,18})\\s*([A-Za-z]*)\\s*");

  private final long bytes;

  ByteUnit(long bytes) {
    this.bytes = bytes;
  }

  /** Bytes in one unit. */
  public long bytes() {
    return bytes;
  }

  /**
   * {@code amount} of this unit in bytes.
   *
   * @throws IllegalArgumentException negative amount or more than a long holds
   */
  public long toBytes(long amount) {
    if (amount < 0) {
      throw new IllegalArgumentException(
          "a size must not be negative, was " + amount + " " + name());
    }
    try {
      return Math.multiplyExact(amount, bytes);
    } catch (ArithmeticException e) {
      throw new IllegalArgumentException(
          amount + " " + name() + " is more bytes than a long can count");
    }
  }

  /**
   * Parses a size as people write it: {@code 256MiB}, {@code 1 GiB}, {@code 64k}, {@code 4096}
   * (bytes). Units are B, KiB, MiB, GiB, also written K/KB, M/MB, G/GB, case-insensitive, all
   * binary.
   *
   * @throws IllegalArgumentException saying what sizes look like
   */
  public static long parseSize(String text) {
    Matcher m = SIZE.matcher(text == null ? "" : text);
    if (!m.matches()) {
      throw new IllegalArgumentException(
          "'"
              + text
              + "' is not a size; write a whole number with an optional unit,"
              + " e.g. 256MiB, 1GiB, 64KiB or 4096 (bytes)");
    }
    String unit = m.group(2).toLowerCase(Locale.ROOT);
    ByteUnit byteUnit =
        switch (unit) {
          case "", "b" -> B;
          case "k", "kb", "kib" -> KiB;
          case "m", "mb", "mib" -> MiB;
          case "g", "gb", "gib" -> GiB;
          default ->
              throw new IllegalArgumentException(
                  "'"
                      + text
                      + "' has an unknown unit '"
                      + m.group(2)
                      + "'; use one of "
                      + Arrays.toString(values()));
        };
    return byteUnit.toBytes(Long.parseLong(m.group(1)));
  }

  /**
   * {@code bytes} in the largest unit it is a whole number of, e.g. {@code 256 MiB}, {@code 1000
   * B}.
   */
  public static String format(long bytes) {
    ByteUnit[] units = values();
    for (int i = units.length - 1; i > 0; i--) {
      if (bytes != 0 && bytes % units[i].bytes == 0) {
        return bytes / units[i].bytes + " " + units[i].name();
      }
    }
    return bytes + " B";
  }

  /**
   * {@code bytes} rounded to one decimal in the largest binary unit below it, as people read sizes:
   * {@code 512 B}, {@code 4.0 KiB}, {@code 80.2 GiB}, {@code 1.0 TiB}.
   */
  public static String approximate(long bytes) {
    return MemoryBudget.format(bytes);
  }
}
