package org.csdlab.ebpf.verifier;

/**
 * The engine's interim value domain: unsigned and signed 64-bit bounds of a scalar (or of a
 * pointer's offset), kept consistent with each other. It is the part of the value domain the
 * exploration engine needs to decide memory bounds and branches; the full domain (tnum, 32-bit
 * bounds, every ALU operation) is {@code Scalar}'s, which replaces this class when it lands.
 *
 * <p>Every operation over-approximates: a result it cannot bound is {@link #unknown()}, never a
 * range narrower than the values the operation can produce.
 */
record Range(long umin, long umax, long smin, long smax) {
  static final long U32_MAX = 0xffff_ffffL;
  private static final Range UNKNOWN = new Range(0, -1L, Long.MIN_VALUE, Long.MAX_VALUE);

  static Range unknown() {
    return UNKNOWN;
  }

  static Range constant(long v) {
    return new Range(v, v, v, v);
  }

  /** [0, max] for an unsigned max below 2^63. */
  static Range upTo(long max) {
    return new Range(0, max, 0, max);
  }

  /**
   * The range with both bound pairs tightened by each other, or null when they contradict (no value
   * has them all).
   */
  static Range of(long umin, long umax, long smin, long smax) {
    if (Long.compareUnsigned(umin, umax) > 0 || smin > smax) {
      return null;
    }
    // where the unsigned range stays on one side of the sign boundary, it is a signed range too
    if ((umin ^ umax) >= 0) {
      smin = Math.max(smin, umin);
      smax = Math.min(smax, umax);
    }
    if ((smin ^ smax) >= 0) {
      if (Long.compareUnsigned(smin, umin) > 0) {
        umin = smin;
      }
      if (Long.compareUnsigned(smax, umax) < 0) {
        umax = smax;
      }
    }
    if (Long.compareUnsigned(umin, umax) > 0 || smin > smax) {
      return null;
    }
    return new Range(umin, umax, smin, smax);
  }

  boolean isConstant() {
    return umin == umax;
  }

  boolean contains(long v) {
    return Long.compareUnsigned(v, umin) >= 0
        && Long.compareUnsigned(v, umax) <= 0
        && v >= smin
        && v <= smax;
  }

  /** True when every value this range holds is also in {@code other}. */
  boolean isSubsetOf(Range other) {
    return Long.compareUnsigned(umin, other.umin) >= 0
        && Long.compareUnsigned(umax, other.umax) <= 0
        && smin >= other.smin
        && smax <= other.smax;
  }

  boolean fitsU32() {
    return Long.compareUnsigned(umax, U32_MAX) <= 0;
  }

  Range add(Range o) {
    long lo = umin + o.umin;
    long hi = umax + o.umax;
    boolean uOverflow = Long.compareUnsigned(hi, umax) < 0 || Long.compareUnsigned(lo, umin) < 0;
    long su;
    long sl;
    boolean sOverflow;
    try {
      sl = Math.addExact(smin, o.smin);
      su = Math.addExact(smax, o.smax);
      sOverflow = false;
    } catch (ArithmeticException e) {
      sl = Long.MIN_VALUE;
      su = Long.MAX_VALUE;
      sOverflow = true;
    }
    return of(
        uOverflow ? 0 : lo,
        uOverflow ? -1L : hi,
        sOverflow ? Long.MIN_VALUE : sl,
        sOverflow ? Long.MAX_VALUE : su);
  }

  Range negate() {
    if (smin == Long.MIN_VALUE) {
      return unknown();
    }
    return of(0, -1L, -smax, -smin);
  }

  Range sub(Range o) {
    boolean uOk = Long.compareUnsigned(umin, o.umax) >= 0;
    long sl;
    long su;
    boolean sOk = true;
    try {
      sl = Math.subtractExact(smin, o.smax);
      su = Math.subtractExact(smax, o.smin);
    } catch (ArithmeticException e) {
      sl = Long.MIN_VALUE;
      su = Long.MAX_VALUE;
      sOk = false;
    }
    return of(
        uOk ? umin - o.umax : 0,
        uOk ? umax - o.umin : -1L,
        sOk ? sl : Long.MIN_VALUE,
        sOk ? su : Long.MAX_VALUE);
  }

  Range mul(Range o) {
    if (!fitsU32() || !o.fitsU32() || umax * o.umax < 0) {
      return unknown();
    }
    return of(umin * o.umin, umax * o.umax, 0, Long.MAX_VALUE);
  }

  /** Unsigned division by this range's divisor {@code o}; division by zero gives 0, as the ISA. */
  Range udiv(Range o) {
    if (o.umin == 0) {
      return of(0, umax, Long.MIN_VALUE, Long.MAX_VALUE);
    }
    return of(
        Long.divideUnsigned(umin, o.umax),
        Long.divideUnsigned(umax, o.umin),
        Long.MIN_VALUE,
        Long.MAX_VALUE);
  }

  /** Unsigned remainder; by zero it leaves the dividend, as the ISA. */
  Range umod(Range o) {
    if (o.umin == 0) {
      return of(
          0,
          Long.compareUnsigned(umax, o.umax) > 0 ? umax : o.umax,
          Long.MIN_VALUE,
          Long.MAX_VALUE);
    }
    long max = Long.compareUnsigned(umax, o.umax - 1) < 0 ? umax : o.umax - 1;
    return of(0, max, Long.MIN_VALUE, Long.MAX_VALUE);
  }

  Range and(Range o) {
    if (isConstant() && o.isConstant()) {
      return constant(umin & o.umin);
    }
    long max = Long.compareUnsigned(umax, o.umax) < 0 ? umax : o.umax;
    return of(0, max, Long.MIN_VALUE, Long.MAX_VALUE);
  }

  Range or(Range o) {
    if (isConstant() && o.isConstant()) {
      return constant(umin | o.umin);
    }
    return bitwiseUpperBound(o);
  }

  Range xor(Range o) {
    if (isConstant() && o.isConstant()) {
      return constant(umin ^ o.umin);
    }
    return bitwiseUpperBound(o);
  }

  /** An OR or XOR sets no bit above the highest bit either operand may have. */
  private Range bitwiseUpperBound(Range o) {
    long high = umax | o.umax;
    long max = high == 0 ? 0 : (-1L >>> Long.numberOfLeadingZeros(high));
    return of(0, max, Long.MIN_VALUE, Long.MAX_VALUE);
  }

  Range lsh(Range shift, int bits) {
    if (!shift.isConstant() || Long.compareUnsigned(shift.umin, bits) >= 0) {
      return unknown();
    }
    int k = (int) shift.umin;
    if (k != 0 && Long.compareUnsigned(umax, -1L >>> k) > 0) {
      return unknown();
    }
    return of(umin << k, umax << k, Long.MIN_VALUE, Long.MAX_VALUE);
  }

  Range rsh(Range shift, int bits) {
    if (!shift.isConstant() || Long.compareUnsigned(shift.umin, bits) >= 0) {
      return of(0, umax, Long.MIN_VALUE, Long.MAX_VALUE);
    }
    int k = (int) shift.umin;
    return of(umin >>> k, umax >>> k, Long.MIN_VALUE, Long.MAX_VALUE);
  }

  Range arsh(Range shift) {
    if (!shift.isConstant() || Long.compareUnsigned(shift.umin, 64) >= 0) {
      return unknown();
    }
    int k = (int) shift.umin;
    return of(0, -1L, smin >> k, smax >> k);
  }

  /** The smallest range of both: what a value that is in this one or in {@code o} is in. */
  Range join(Range o) {
    return new Range(
        Long.compareUnsigned(umin, o.umin) < 0 ? umin : o.umin,
        Long.compareUnsigned(umax, o.umax) > 0 ? umax : o.umax,
        Math.min(smin, o.smin),
        Math.max(smax, o.smax));
  }

  /** As the Linux verifier prints a scalar: {@code 5}, or {@code scalar(umax=255)}. */
  String toKernelString() {
    if (isConstant()) {
      return Long.toString(smin);
    }
    StringBuilder sb = new StringBuilder("scalar(");
    String sep = "";
    if (smin != Long.MIN_VALUE && smin != umin) {
      sb.append("smin=").append(smin);
      sep = ",";
    }
    if (smax != Long.MAX_VALUE && smax != umax) {
      sb.append(sep).append("smax=").append(smax);
      sep = ",";
    }
    if (umin != 0) {
      sb.append(sep).append("umin=").append(Long.toUnsignedString(umin));
      sep = ",";
    }
    if (umax != -1L) {
      sb.append(sep).append("umax=").append(Long.toUnsignedString(umax));
    }
    return sb.append(')').toString();
  }
}
