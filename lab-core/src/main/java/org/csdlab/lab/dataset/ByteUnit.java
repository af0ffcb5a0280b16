package org.csdlab.lab.dataset;

/**
 * Binary size units for dataset sizes: {@code Datasets.u32Readings(256, MiB)}.
 * Throughput elsewhere in the lab is in decimal MB/s; sizes of data are binary.
 */
public enum ByteUnit {
  B(1),
  KiB(1L << 10),
  MiB(1L << 20),
  GiB(1L << 30);

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
      throw new IllegalArgumentException("a size must not be negative, was " + amount + " " + name());
    }
    try {
      return Math.multiplyExact(amount, bytes);
    } catch (ArithmeticException e) {
      throw new IllegalArgumentException(amount + " " + name() + " is more bytes than a long can count");
    }
  }

  /** {@code bytes} in the largest unit it is a whole number of, e.g. {@code 256 MiB}, {@code 1000 B}. */
  public static String format(long bytes) {
    ByteUnit[] units = values();
    for (int i = units.length - 1; i > 0; i--) {
      if (bytes != 0 && bytes % units[i].bytes == 0) {
        return bytes / units[i].bytes + " " + units[i].name();
      }
    }
    return bytes + " B";
  }
}
