package org.csdlab.ebpf;

/**
 * The atomic read-modify-write instructions (class STX, mode ATOMIC). The operation is the
 * instruction's immediate, already validated as one of {@link AtomicOp}. Atomicity comes from
 * locking the region's array rather than from VarHandle atomics, whose alignment rules depend on
 * the JVM's array header size.
 *
 * <p>Both engines use the forms that take the operands as values and return memory's old value, and
 * {@link #returnsOldInR0} and {@link #returnsOldInSrc} to decide which register gets it.
 */
final class Atomics {
  private static final long MASK32 = 0xffffffffL;

  private Atomics() {}

  /**
   * Applies {@code op} to the 4 bytes at {@code offset}, with {@code value} (the source register)
   * and, for CMPXCHG, {@code expected} (r0, compared in its low 32 bits); returns the old value
   * zero-extended.
   */
  static long execute32(int op, byte[] bytes, int offset, long value, long expected) {
    synchronized (bytes) {
      long old = (int) Memory.INT.get(bytes, offset) & MASK32;
      Memory.INT.set(bytes, offset, (int) apply(op, old, value, expected & MASK32));
      return old;
    }
  }

  /** As {@link #execute32(int, byte[], int, long, long)} on the 8 bytes at {@code offset}. */
  static long execute64(int op, byte[] bytes, int offset, long value, long expected) {
    synchronized (bytes) {
      long old = (long) Memory.LONG.get(bytes, offset);
      Memory.LONG.set(bytes, offset, apply(op, old, value, expected));
      return old;
    }
  }

  /** True when {@code op} puts memory's old value in r0 (CMPXCHG). */
  static boolean returnsOldInR0(int op) {
    return op == AtomicOp.CMPXCHG.imm();
  }

  /** True when {@code op} puts memory's old value in the source register (the fetching ones). */
  static boolean returnsOldInSrc(int op) {
    AtomicOp atomic = AtomicOp.of(op);
    return atomic != null && atomic.fetches() && atomic != AtomicOp.CMPXCHG;
  }

  /** Puts the old value where {@code op} returns it, if anywhere. */
  static void writeBack(int op, long old, long[] reg, int src) {
    if (returnsOldInR0(op)) {
      reg[0] = old;
    } else if (returnsOldInSrc(op)) {
      reg[src] = old;
    }
  }

  /**
   * The value memory holds after the operation; 32-bit callers pass {@code expected} masked to 32
   * bits and store the low half.
   */
  private static long apply(int op, long old, long value, long expected) {
    AtomicOp atomic = AtomicOp.of(op);
    if (atomic == null) {
      throw new IllegalStateException(
          "atomic operation 0x" + Integer.toHexString(op) + " passed validation");
    }
    return switch (atomic) {
      case ADD, FETCH_ADD -> old + value;
      case OR, FETCH_OR -> old | value;
      case AND, FETCH_AND -> old & value;
      case XOR, FETCH_XOR -> old ^ value;
      case XCHG -> value;
      case CMPXCHG -> old == expected ? value : old;
    };
  }
}
