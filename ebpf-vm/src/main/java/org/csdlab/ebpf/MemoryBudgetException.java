package org.csdlab.ebpf;

import java.util.List;

/**
 * A program whose memory (maps, data sections, ring buffers, names) would exceed its {@link
 * MemoryBudget}; thrown before any of it is allocated. The message names the limit, the setting
 * that changes it, and the biggest parts, e.g. {@code program memory 6.0 GiB exceeds the budget of
 * 256.0 MiB (ElfLoadOptions.memoryBudgetBytes): map 'rb1' (RINGBUF) 3.0 GiB, ...}.
 */
public final class MemoryBudgetException extends EbpfException {
  private static final long serialVersionUID = 1L;

  /** One part of a program's memory and what it would take. */
  public record Part(String name, long bytes) {
    @Override
    public String toString() {
      return name + " " + MemoryBudget.format(bytes);
    }
  }

  private final long limitBytes;
  private final String setting;
  private final long requiredBytes;
  private final List<Part> parts;
  private final boolean counted;

  MemoryBudgetException(
      long limitBytes,
      String setting,
      long requiredBytes,
      boolean counted,
      List<Part> biggestFirst) {
    super(message(limitBytes, setting, requiredBytes, counted, biggestFirst));
    this.counted = counted;
    this.limitBytes = limitBytes;
    this.setting = setting;
    this.requiredBytes = requiredBytes;
    this.parts = List.copyOf(biggestFirst);
  }

  private static String message(
      long limitBytes, String setting, long requiredBytes, boolean counted, List<Part> parts) {
    StringBuilder out =
        new StringBuilder("program memory ")
            .append(counted ? MemoryBudget.format(requiredBytes) + " " : "")
            .append("exceeds the budget of ")
            .append(MemoryBudget.format(limitBytes))
            .append(" (")
            .append(setting)
            .append(")")
            .append(counted ? "" : " before it was all counted")
            .append(": ");
    int shown = Math.min(parts.size(), MemoryBudget.PARTS_SHOWN);
    out.append(String.join(", ", parts.subList(0, shown).stream().map(Part::toString).toList()));
    if (parts.size() > shown) {
      long rest =
          parts.subList(shown, parts.size()).stream()
              .mapToLong(Part::bytes)
              .reduce(0, MemoryBudget::saturatedAdd);
      out.append(", and ")
          .append(parts.size() - shown)
          .append(" more parts of ")
          .append(MemoryBudget.format(rest));
    }
    return out.toString();
  }

  /** The budget in bytes. */
  public long limitBytes() {
    return limitBytes;
  }

  /** Where the budget is set, e.g. {@code ElfLoadOptions.memoryBudgetBytes}. */
  public String setting() {
    return setting;
  }

  /** What the program would take, in bytes; only a lower bound unless {@link #counted()}. */
  public long requiredBytes() {
    return requiredBytes;
  }

  /** False when counting stopped early, at the first part that broke the budget. */
  public boolean counted() {
    return counted;
  }

  /** Every part charged, biggest first. */
  public List<Part> parts() {
    return parts;
  }
}
