package org.csdlab.ebpf;

/**
 * The atomic read-modify-write instructions (class STX, mode ATOMIC). The operation is the
 * instruction's immediate, already validated as one of {@link AtomicOp}. Atomicity comes from
 * locking the region's array rather than from VarHandle atomics, whose alignment rules depend on
 * the JVM's array header size.
 */
final class Atomics {
  private static final long MASK32 = 0xffffffffL;

  private Atomics() {}

  static void execute32(int op, long[] reg, int src, byte[] bytes, int offset) {
    synchronized (bytes) {
      long old = (int) Memory.INT.get(bytes, offset) & MASK32;
      long result = apply(op, old, reg, src, MASK32);
      Memory.INT.set(bytes, offset, (int) result);
      writeBack(op, old, reg, src);
    }
  }

  static void execute64(int op, long[] reg, int src, byte[] bytes, int offset) {
    synchronized (bytes) {
      long old = (long) Memory.LONG.get(bytes, offset);
      long result = apply(op, old, reg, src, -1L);
      Memory.LONG.set(bytes, offset, result);
      writeBack(op, old, reg, src);
    }
  }

  /** The value memory holds after the operation; 32-bit callers store the low half. */
  private static long apply(int op, long old, long[] reg, int src, long widthMask) {
    long value = reg[src];
    return switch (op & ~AtomicOp.FETCH_FLAG) {
      case 0x00 -> old + value;
      case 0x40 -> old | value;
      case 0x50 -> old & value;
      case 0xa0 -> old ^ value;
      case 0xe0 -> value;
      case 0xf0 -> old == (reg[0] & widthMask) ? value : old;
      default ->
          throw new IllegalStateException(
              "atomic operation 0x" + Integer.toHexString(op) + " passed validation");
    };
  }

  /** Puts the old value where the operation returns it: r0 for CMPXCHG, src for fetching ones. */
  private static void writeBack(int op, long old, long[] reg, int src) {
    if (op == AtomicOp.CMPXCHG.imm()) {
      reg[0] = old;
    } else if ((op & AtomicOp.FETCH_FLAG) != 0) {
      reg[src] = old;
    }
  }
}
