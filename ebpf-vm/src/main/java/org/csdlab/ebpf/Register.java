package org.csdlab.ebpf;

/**
 * The eleven eBPF registers. r0 holds return values, r1–r5 carry call arguments, r6–r9 survive
 * calls, and r10 is the read-only frame pointer.
 */
public enum Register {
  R0,
  R1,
  R2,
  R3,
  R4,
  R5,
  R6,
  R7,
  R8,
  R9,
  R10;

  /** The frame pointer, an alias of {@link #R10}. */
  public static final Register FP = R10;

  /** Number of registers. */
  public static final int COUNT = 11;

  /** The register's number, 0–10. */
  public int index() {
    return ordinal();
  }

  /** The register with number {@code index}; throws when it is not 0–10. */
  public static Register of(int index) {
    if (index < 0 || index >= COUNT) {
      throw new IllegalArgumentException("register number " + index + " is not 0-10");
    }
    return values()[index];
  }

  @Override
  public String toString() {
    return "r" + ordinal();
  }
}
