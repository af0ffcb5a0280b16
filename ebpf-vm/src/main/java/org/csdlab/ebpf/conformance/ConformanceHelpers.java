package org.csdlab.ebpf.conformance;

import java.util.List;
import org.csdlab.ebpf.ArgType;
import org.csdlab.ebpf.HelperContext;
import org.csdlab.ebpf.HelperPrototype;
import org.csdlab.ebpf.HelperPrototype.ReturnRange;
import org.csdlab.ebpf.HelperRegistry;
import org.csdlab.ebpf.Memory;
import org.csdlab.ebpf.ReturnType;
import org.csdlab.ebpf.Size;

/**
 * The helpers that conformance test programs call, with uBPF's test semantics. Each id constant
 * sits next to its function; {@link #registry()} registers them all.
 *
 * <pre>
 *   id  name          returns
 *   0   gather_bytes  (a&amp;0xff)&lt;&lt;32 | (b&amp;0xff)&lt;&lt;24 | (c&amp;0xff)&lt;&lt;16 | (d&amp;0xff)&lt;&lt;8 | (e&amp;0xff)
 *   1   memfrob       0, after XOR-ing len bytes at ptr with 42
 *   2   no_op         0
 *   3   sqrti         floor(sqrt(a)), a unsigned
 *   4   strcmp        &lt;0, 0 or &gt;0 as C's strcmp of two NUL-terminated strings
 *   5   unwind        a; when a is 0 the program stops with r0 = 0
 * </pre>
 */
public final class ConformanceHelpers {
  private static final long MASK32 = 0xffffffffL;

  private ConformanceHelpers() {}

  /** Id of {@link #gatherBytes}. */
  public static final int GATHER_BYTES = 0;

  /** Packs the low byte of each argument into one value, {@code a} most significant. */
  public static long gatherBytes(long a, long b, long c, long d, long e) {
    return (a & 0xff) << 32 | (b & 0xff) << 24 | (c & 0xff) << 16 | (d & 0xff) << 8 | (e & 0xff);
  }

  /** Id of {@link #memfrob}. */
  public static final int MEMFROB = 1;

  /** The byte {@link #memfrob} XORs with, as glibc's {@code memfrob}. */
  public static final int FROB_KEY = 42;

  /** XORs the {@code length} bytes at {@code address} with 42; returns 0. */
  public static long memfrob(Memory memory, long address, long length) {
    if (length == 0) {
      return 0;
    }
    if (length < 0 || length > Integer.MAX_VALUE) {
      throw new IllegalArgumentException(
          "memfrob length " + Long.toUnsignedString(length) + " is larger than any region");
    }
    byte[] bytes = memory.read(address, (int) length);
    for (int i = 0; i < bytes.length; i++) {
      bytes[i] ^= FROB_KEY;
    }
    memory.write(address, bytes);
    return 0;
  }

  /** Id of the helper that does nothing and returns 0. */
  public static final int NO_OP = 2;

  /** Id of {@link #sqrti}. */
  public static final int SQRTI = 3;

  /**
   * The integer square root of {@code value} read as unsigned: the largest r with r * r &lt;=
   * value.
   */
  public static long sqrti(long value) {
    double approximate = Math.sqrt(value >= 0 ? (double) value : (double) (value >>> 1) * 2.0);
    long root = Math.min((long) approximate, MASK32);
    // A double has 53 bits of mantissa: near 2^64 the estimate may be off by one either way.
    while (root > 0 && Long.compareUnsigned(root * root, value) > 0) {
      root--;
    }
    while (root < MASK32 && Long.compareUnsigned((root + 1) * (root + 1), value) <= 0) {
      root++;
    }
    return root;
  }

  /** Id of {@link #strcmp}. */
  public static final int STRCMP = 4;

  /**
   * Compares the strings at {@code a} and {@code b} byte by byte as unsigned values: the difference
   * of the first bytes that differ, or 0 when the strings are equal. Each string ends at its NUL or
   * at the end of the region holding its first byte (read as a NUL there), so an unterminated
   * string never faults; a first byte in no region does, as a 1-byte read.
   */
  public static long strcmp(Memory memory, long a, long b) {
    memory.load(a, Size.B);
    memory.load(b, Size.B);
    for (long i = 0; ; i++) {
      long left = memory.readable(a + i, 1) ? memory.load(a + i, Size.B) : 0;
      long right = memory.readable(b + i, 1) ? memory.load(b + i, Size.B) : 0;
      if (left != right || left == 0) {
        return left - right;
      }
    }
  }

  /** Id of {@link #unwind}. */
  public static final int UNWIND = 5;

  /** Returns {@code value}; when it is 0, also stops the program with r0 = 0. */
  public static long unwind(HelperContext context, long value) {
    if (value == 0) {
      context.exitProgram(0);
    }
    return value;
  }

  private static final HelperRegistry REGISTRY =
      HelperRegistry.empty()
          .with(
              prototype(
                      GATHER_BYTES,
                      "gather_bytes",
                      ArgType.ANYTHING,
                      ArgType.ANYTHING,
                      ArgType.ANYTHING,
                      ArgType.ANYTHING,
                      ArgType.ANYTHING)
                  .withReturnRange(0, 0xff_ffff_ffffL),
              (ctx, a, b, c, d, e) -> gatherBytes(a, b, c, d, e))
          .with(
              prototype(MEMFROB, "memfrob", ArgType.PTR_TO_MEM_UPDATED, ArgType.SIZE_OR_ZERO)
                  .withReturnRange(ReturnRange.exactly(0)),
              (ctx, ptr, len, c, d, e) -> memfrob(ctx.memory(), ptr, len))
          .with(
              prototype(NO_OP, "no_op").withReturnRange(ReturnRange.exactly(0)),
              (ctx, a, b, c, d, e) -> 0)
          .with(
              prototype(SQRTI, "sqrti", ArgType.ANYTHING).withReturnRange(ReturnRange.U32),
              (ctx, a, b, c, d, e) -> sqrti(a))
          .with(
              prototype(STRCMP, "strcmp", ArgType.PTR_TO_STRING, ArgType.PTR_TO_STRING)
                  .withReturnRange(-0xff, 0xff),
              (ctx, a, b, c, d, e) -> strcmp(ctx.memory(), a, b))
          .with(
              prototype(UNWIND, "unwind", ArgType.ANYTHING),
              (ctx, a, b, c, d, e) -> unwind(ctx, a));

  private static HelperPrototype prototype(int id, String name, ArgType... args) {
    return new HelperPrototype(id, name, List.of(args), ReturnType.SCALAR);
  }

  /** All six conformance helpers by id. */
  public static HelperRegistry registry() {
    return REGISTRY;
  }
}
