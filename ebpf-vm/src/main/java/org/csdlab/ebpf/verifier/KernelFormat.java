package org.csdlab.ebpf.verifier;

/**
 * The number and range formats of the Linux verifier's log (kernel/bpf/log.c): small numbers in
 * decimal, large ones in hex, and a scalar's bounds with the extremes left out and equal values of
 * one end printed once.
 */
final class KernelFormat {
  /** Unsigned numbers up to this print in decimal. */
  private static final long UNSIGNED_DECIMAL_MAX = 0xffff;

  private KernelFormat() {}

  static String unsigned(long v) {
    return Long.compareUnsigned(v, UNSIGNED_DECIMAL_MAX) <= 0
        ? Long.toUnsignedString(v)
        : "0x" + Long.toHexString(v);
  }

  static String signed(long v) {
    return v >= Short.MIN_VALUE && v <= Short.MAX_VALUE
        ? Long.toString(v)
        : "0x" + Long.toHexString(v);
  }

  private record Bound(String name, long value, boolean omitted) {
    boolean isSigned() {
      return name.charAt(0) == 's';
    }

    boolean isNegative() {
      return isSigned() && value < 0;
    }
  }

  /**
   * Appends the bounds of {@code s}, comma-separated; returns the separator for what follows ("" if
   * nothing was written).
   */
  static String appendRanges(StringBuilder out, Scalar s) {
    Bound[] bounds = {
      new Bound("smin", s.smin(), s.smin() == Long.MIN_VALUE),
      new Bound("smax", s.smax(), s.smax() == Long.MAX_VALUE),
      new Bound("umin", s.umin(), s.umin() == 0),
      new Bound("umax", s.umax(), s.umax() == -1L),
      new Bound("smin32", signed32(s.s32min()), s.s32min() == Integer.MIN_VALUE),
      new Bound("smax32", signed32(s.s32max()), s.s32max() == Integer.MAX_VALUE),
      new Bound("umin32", s.u32min(), s.u32min() == 0),
      new Bound("umax32", s.u32max(), s.u32max() == 0xffffffffL),
    };
    boolean[] omitted = new boolean[bounds.length];
    for (int i = 0; i < bounds.length; i++) {
      omitted[i] = bounds[i].omitted();
    }
    String sep = "";
    for (int i = 0; i < bounds.length; i++) {
      if (omitted[i]) {
        continue;
      }
      Bound first = bounds[i];
      out.append(sep).append(first.name()).append('=');
      sep = ",";
      // the same end (min or max) of the later bounds, at even distance
      for (int j = i + 2; j < bounds.length; j += 2) {
        Bound other = bounds[j];
        if (omitted[j]
            || other.value() != first.value()
            || other.isNegative() != first.isNegative()) {
          continue;
        }
        omitted[j] = true;
        out.append(other.name()).append('=');
      }
      out.append(first.isSigned() ? signed(first.value()) : unsigned(first.value()));
    }
    return sep;
  }

  /**
   * A 32-bit signed bound as the kernel lists it: sign-extended when it prints in decimal, else its
   * 32-bit pattern (so that -70000 prints as 0xfffeee90, not as a 64-bit pattern).
   */
  private static long signed32(long v) {
    return v >= Short.MIN_VALUE && v <= Short.MAX_VALUE ? v : v & 0xffffffffL;
  }
}
