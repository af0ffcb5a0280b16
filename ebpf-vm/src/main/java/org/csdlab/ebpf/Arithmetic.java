package org.csdlab.ebpf;

/**
 * The arithmetic whose rules RFC 9669 gives beyond Java's operators: division and modulo by zero,
 * and byte-order conversions. Shared by the engines so they agree to the bit.
 */
final class Arithmetic {
  private static final long MASK32 = 0xffffffffL;

  private Arithmetic() {}

  static long udiv64(long a, long b) {
    return b == 0 ? 0 : Long.divideUnsigned(a, b);
  }

  static long sdiv64(long a, long b) {
    return b == 0 ? 0 : a / b; // Long.MIN_VALUE / -1 == Long.MIN_VALUE in Java, as the RFC requires
  }

  static long umod64(long a, long b) {
    return b == 0 ? a : Long.remainderUnsigned(a, b);
  }

  static long smod64(long a, long b) {
    return b == 0 ? a : a % b;
  }

  static long udiv32(long a, long b) {
    return (int) b == 0 ? 0 : Integer.divideUnsigned((int) a, (int) b) & MASK32;
  }

  static long sdiv32(long a, long b) {
    return (int) b == 0 ? 0 : ((int) a / (int) b) & MASK32;
  }

  static long umod32(long a, long b) {
    return (int) b == 0 ? a & MASK32 : Integer.remainderUnsigned((int) a, (int) b) & MASK32;
  }

  static long smod32(long a, long b) {
    return (int) b == 0 ? a & MASK32 : ((int) a % (int) b) & MASK32;
  }

  /** Little-endian conversion on a little-endian machine: keeps the low {@code bits}. */
  static long truncate(long value, int bits) {
    return switch (bits) {
      case 16 -> value & 0xffffL;
      case 32 -> value & MASK32;
      default -> value;
    };
  }

  /** Reverses the byte order of the low {@code bits}, clearing the rest. */
  static long swap(long value, int bits) {
    return switch (bits) {
      case 16 -> Short.reverseBytes((short) value) & 0xffffL;
      case 32 -> Integer.reverseBytes((int) value) & MASK32;
      default -> Long.reverseBytes(value);
    };
  }
}
