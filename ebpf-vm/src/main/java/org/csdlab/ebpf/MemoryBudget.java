package org.csdlab.ebpf;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The bytes one program may make the JVM hold: maps with their real per-entry cost, data sections,
 * ring buffers, symbol and section names. Parts are charged <em>before</em> they are allocated;
 * {@link #check()} then refuses the whole if it exceeds the limit, with a {@link
 * MemoryBudgetException} that names the limit, the setting that changes it, and the biggest parts.
 * An input a few KB long can declare gigabytes, so the charge is what the declaration would cost,
 * not what the file holds.
 *
 * <pre>{@code
 * MemoryBudget budget = new MemoryBudget(256L << 20, "ElfLoadOptions.memoryBudgetBytes");
 * budget.charge("map 'counts' (ARRAY)", definition.memoryBytes());
 * budget.check();                       // throws before anything was allocated
 * }</pre>
 */
public final class MemoryBudget {
  /** The default budget of one program's memory: 256 MiB. */
  public static final long DEFAULT_BYTES = 256L << 20;

  /** The largest Java array, hence the largest single region or value store. */
  public static final long MAX_ARRAY_BYTES = Integer.MAX_VALUE - 8;

  /** How many of the biggest parts an error names. */
  static final int PARTS_SHOWN = 5;

  private final long limitBytes;
  private final String setting;
  private final Map<String, Long> parts = new LinkedHashMap<>();
  private long chargedBytes;

  /** True once a part was charged only in part, because counting it all would cost too much. */
  private boolean partial;

  /**
   * An empty budget.
   *
   * @param limitBytes the most bytes the parts may add up to
   * @param setting where a user changes the limit, e.g. {@code ElfLoadOptions.memoryBudgetBytes}
   */
  public MemoryBudget(long limitBytes, String setting) {
    if (limitBytes <= 0) {
      throw new IllegalArgumentException(setting + " must be positive, got " + limitBytes);
    }
    this.limitBytes = limitBytes;
    this.setting = setting;
  }

  /** The limit in bytes. */
  public long limitBytes() {
    return limitBytes;
  }

  /** Bytes charged so far. */
  public long chargedBytes() {
    return chargedBytes;
  }

  /** Bytes that may still be charged before {@link #check()} fails (0 when over). */
  public long remainingBytes() {
    return Math.max(0, limitBytes - chargedBytes);
  }

  /**
   * Adds {@code bytes} to {@code part} (parts of one name add up); saturates instead of
   * overflowing.
   */
  public MemoryBudget charge(String part, long bytes) {
    if (bytes < 0) {
      throw new IllegalArgumentException("part '" + part + "' charged a negative size " + bytes);
    }
    parts.merge(part, bytes, MemoryBudget::saturatedAdd);
    chargedBytes = saturatedAdd(chargedBytes, bytes);
    return this;
  }

  /**
   * Charges the {@code bytes} of {@code part} counted so far, which already exceed the limit, and
   * fails saying the total was not all counted (for parts too costly to measure in full).
   */
  public void chargeCountedSoFarAndFail(String part, long bytes) {
    partial = true;
    charge(part, bytes).check();
    throw new IllegalStateException(
        "chargeCountedSoFarAndFail: " + bytes + " bytes do not exceed the budget");
  }

  /** Charges every part of {@code other} to this budget, under the same names; returns this. */
  public MemoryBudget chargeAll(MemoryBudget other) {
    other.parts.forEach(this::charge);
    return this;
  }

  /** Charges {@code bytes} to {@code part} and checks at once: for parts found one at a time. */
  public MemoryBudget chargeAndCheck(String part, long bytes) {
    return charge(part, bytes).check();
  }

  /** Fails when the parts charged exceed the limit. */
  public MemoryBudget check() {
    if (chargedBytes > limitBytes) {
      List<MemoryBudgetException.Part> biggest = new ArrayList<>();
      parts.forEach((name, bytes) -> biggest.add(new MemoryBudgetException.Part(name, bytes)));
      biggest.sort(Comparator.comparingLong(MemoryBudgetException.Part::bytes).reversed());
      throw new MemoryBudgetException(limitBytes, setting, chargedBytes, !partial, biggest);
    }
    return this;
  }

  /** {@code bytes} for people: {@code 512 B}, {@code 64.0 MiB}, {@code 1.5 GiB}. */
  public static String format(long bytes) {
    if (bytes == Long.MAX_VALUE) {
      return "more than 8 EiB";
    }
    if (bytes < 1024) {
      return bytes + " B";
    }
    String[] units = {"KiB", "MiB", "GiB", "TiB", "PiB", "EiB"};
    double value = bytes;
    int unit = -1;
    while (value >= 1024 && unit < units.length - 1) {
      value /= 1024;
      unit++;
    }
    return String.format(Locale.ROOT, "%.1f %s", value, units[unit]);
  }

  /** {@code a × b}, or {@link Long#MAX_VALUE} when that overflows; both must be at least 0. */
  public static long saturatedMultiply(long a, long b) {
    long high = Math.multiplyHigh(a, b);
    long low = a * b;
    return high != 0 || low < 0 ? Long.MAX_VALUE : low;
  }

  static long saturatedAdd(long a, long b) {
    long sum = a + b;
    return sum < 0 ? Long.MAX_VALUE : sum;
  }
}
