package org.csdlab.ebpf.verifier;

import java.util.Objects;

/**
 * What the verifier knows about a scalar register: a {@link Tnum} and signed and unsigned bounds of
 * the whole 64 bits and of the low 32 bits. A value belongs to the scalar when it satisfies all
 * nine facts. Every factory and operation returns the facts reconciled with each other (the
 * kernel's "bounds sync": the tnum narrows the bounds, each bound narrows its other-signedness and
 * other-width partners where that is sound, and the bounds narrow the tnum), so {@code r1 &= 0xff}
 * reads {@code umax=255} as well as {@code var_off=(0x0; 0xff)}.
 *
 * <p>Immutable; {@code equals} compares the nine facts.
 */
public final class Scalar {
  private static final long LOW32 = 0xffffffffL;
  private static final int SYNC_ROUNDS = 3;
  private static final Scalar UNKNOWN =
      new Scalar(
          Tnum.UNKNOWN,
          Long.MIN_VALUE,
          Long.MAX_VALUE,
          0,
          -1L,
          Integer.MIN_VALUE,
          Integer.MAX_VALUE,
          0,
          LOW32);

  private final Tnum tnum;
  private final long smin;
  private final long smax;
  private final long umin;
  private final long umax;
  private final long s32min;
  private final long s32max;
  private final long u32min;
  private final long u32max;

  private Scalar(
      Tnum tnum,
      long smin,
      long smax,
      long umin,
      long umax,
      long s32min,
      long s32max,
      long u32min,
      long u32max) {
    this.tnum = tnum;
    this.smin = smin;
    this.smax = smax;
    this.umin = umin;
    this.umax = umax;
    this.s32min = s32min;
    this.s32max = s32max;
    this.u32min = u32min;
    this.u32max = u32max;
  }

  /** The single value {@code v}. */
  public static Scalar constant(long v) {
    return new Scalar(Tnum.constant(v), v, v, v, v, (int) v, (int) v, v & LOW32, v & LOW32);
  }

  /** Any 64-bit value. */
  public static Scalar unknown() {
    return UNKNOWN;
  }

  /** Every value from {@code umin} to {@code umax} (unsigned); throws when umin exceeds umax. */
  public static Scalar unsignedRange(long umin, long umax) {
    if (Long.compareUnsigned(umin, umax) > 0) {
      throw new IllegalArgumentException(
          "unsigned range umin="
              + Long.toUnsignedString(umin)
              + " exceeds umax="
              + Long.toUnsignedString(umax));
    }
    return of(Tnum.UNKNOWN, Long.MIN_VALUE, Long.MAX_VALUE, umin, umax, null);
  }

  /** Every value from {@code smin} to {@code smax} (signed); throws when smin exceeds smax. */
  public static Scalar signedRange(long smin, long smax) {
    if (smin > smax) {
      throw new IllegalArgumentException("signed range smin=" + smin + " exceeds smax=" + smax);
    }
    return of(Tnum.UNKNOWN, smin, smax, 0, -1L, null);
  }

  /** Every value of the tnum {@code t}. */
  public static Scalar fromTnum(Tnum t) {
    return of(t, Long.MIN_VALUE, Long.MAX_VALUE, 0, -1L, null);
  }

  /**
   * The scalar of these facts reconciled, or null when no value satisfies them all; a null {@code
   * low32} adds no fact about the low half.
   */
  static Scalar of(Tnum t, long smin, long smax, long umin, long umax, WordView low32) {
    Sync sync = new Sync(t, smin, smax, umin, umax);
    if (low32 != null) {
      sync.meet32(low32);
    }
    return sync.result();
  }

  /** The scalar whose 64-bit view is {@code w64} and low-32 view {@code w32} (may be null). */
  static Scalar fromViews(WordView w64, WordView w32) {
    return of(w64.tnum(), w64.smin(), w64.smax(), w64.umin(), w64.umax(), w32);
  }

  /** A 32-bit result zero-extended: the upper half 0, the low half {@code w32}. */
  static Scalar zeroExtended(WordView w32) {
    Sync sync = new Sync(w32.tnum().subreg(), 0, LOW32, 0, LOW32);
    sync.meet32(w32);
    return sync.result();
  }

  /** This scalar with the facts of {@code view} added at its width, or null when none is left. */
  Scalar restrict(WordView view) {
    Sync sync = new Sync(tnum, smin, smax, umin, umax);
    sync.meet32(WordView.of32(this));
    if (view.bits() == 64) {
      sync.meet64(view);
    } else {
      sync.meet32(view);
    }
    return sync.result();
  }

  /** The values of both, or null when they share none. */
  public Scalar intersect(Scalar o) {
    Scalar narrowed = restrict(WordView.of64(o));
    return narrowed == null ? null : narrowed.restrict(WordView.of32(o));
  }

  public Tnum tnum() {
    return tnum;
  }

  public long smin() {
    return smin;
  }

  public long smax() {
    return smax;
  }

  public long umin() {
    return umin;
  }

  public long umax() {
    return umax;
  }

  /** The signed lower bound of the low 32 bits, sign-extended. */
  public long s32min() {
    return s32min;
  }

  /** The signed upper bound of the low 32 bits, sign-extended. */
  public long s32max() {
    return s32max;
  }

  /** The unsigned lower bound of the low 32 bits, zero-extended. */
  public long u32min() {
    return u32min;
  }

  /** The unsigned upper bound of the low 32 bits, zero-extended. */
  public long u32max() {
    return u32max;
  }

  public boolean isConstant() {
    return tnum.isConstant();
  }

  /** The single value; throws when the scalar is not a constant. */
  public long constantValue() {
    if (!isConstant()) {
      throw new IllegalStateException(this + " is not a constant");
    }
    return tnum.value();
  }

  /** True when {@code v} satisfies every fact. */
  public boolean contains(long v) {
    return tnum.contains(v)
        && v >= smin
        && v <= smax
        && Long.compareUnsigned(v, umin) >= 0
        && Long.compareUnsigned(v, umax) <= 0
        && (int) v >= s32min
        && (int) v <= s32max
        && Long.compareUnsigned(v & LOW32, u32min) >= 0
        && Long.compareUnsigned(v & LOW32, u32max) <= 0;
  }

  /** True when every value of this scalar is a value of {@code o}: each of o's facts is implied. */
  public boolean isSubsetOf(Scalar o) {
    return tnum.isSubsetOf(o.tnum)
        && smin >= o.smin
        && smax <= o.smax
        && Long.compareUnsigned(umin, o.umin) >= 0
        && Long.compareUnsigned(umax, o.umax) <= 0
        && s32min >= o.s32min
        && s32max <= o.s32max
        && u32min >= o.u32min
        && u32max <= o.u32max;
  }

  /** The least scalar of this form holding every value of both. */
  public Scalar join(Scalar o) {
    Sync sync =
        new Sync(
            tnum.union(o.tnum),
            Math.min(smin, o.smin),
            Math.max(smax, o.smax),
            minUnsigned(umin, o.umin),
            maxUnsigned(umax, o.umax));
    sync.meet32(
        new WordView(
            32,
            tnum.union(o.tnum).subreg(),
            Math.min(s32min, o.s32min),
            Math.max(s32max, o.s32max),
            Math.min(u32min, o.u32min),
            Math.max(u32max, o.u32max)));
    Scalar joined = sync.result();
    // both sides hold a value, so the join does; sync cannot empty it
    return Objects.requireNonNull(joined, "join of two non-empty scalars is empty");
  }

  /**
   * As the Linux verifier's log prints a scalar register: a constant as its number, else {@code
   * scalar(...)} listing only the bounds that are not the type's extremes, one value shared by
   * several bounds of the same end written once ({@code smin=umin=0}), numbers up to 65535 (signed:
   * -32768 to 32767) in decimal and larger ones in hex, and {@code var_off} unless no bit is known.
   */
  public String toKernelString() {
    if (isConstant()) {
      return KernelFormat.signed(tnum.value());
    }
    StringBuilder out = new StringBuilder("scalar(");
    String sep = KernelFormat.appendRanges(out, this);
    if (!tnum.isUnknown()) {
      out.append(sep).append("var_off=").append(tnum);
    }
    return out.append(')').toString();
  }

  /**
   * In plain words for messages: {@code scalar 5}, {@code scalar in [0, 255]}, {@code any scalar}.
   */
  @Override
  public String toString() {
    if (isConstant()) {
      return "scalar " + tnum.value();
    }
    if (smin != Long.MIN_VALUE || smax != Long.MAX_VALUE) {
      return "scalar in [" + smin + ", " + smax + "]";
    }
    if (umin != 0 || umax != -1L) {
      return "scalar in ["
          + Long.toUnsignedString(umin)
          + ", "
          + Long.toUnsignedString(umax)
          + "] (unsigned)";
    }
    if (u32min != 0 || u32max != LOW32) {
      return "scalar whose low 32 bits are in [" + u32min + ", " + u32max + "]";
    }
    if (s32min != Integer.MIN_VALUE || s32max != Integer.MAX_VALUE) {
      return "scalar whose low 32 bits are in [" + s32min + ", " + s32max + "] (signed)";
    }
    if (!tnum.isUnknown()) {
      return "scalar with bits " + tnum;
    }
    return "any scalar";
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Scalar s
        && tnum.equals(s.tnum)
        && smin == s.smin
        && smax == s.smax
        && umin == s.umin
        && umax == s.umax
        && s32min == s.s32min
        && s32max == s.s32max
        && u32min == s.u32min
        && u32max == s.u32max;
  }

  @Override
  public int hashCode() {
    return Objects.hash(tnum, smin, smax, umin, umax, s32min, s32max, u32min, u32max);
  }

  static long minUnsigned(long a, long b) {
    return Long.compareUnsigned(a, b) <= 0 ? a : b;
  }

  static long maxUnsigned(long a, long b) {
    return Long.compareUnsigned(a, b) >= 0 ? a : b;
  }

  /**
   * The reconciliation of the nine facts, on a working copy owned by one factory call. Each step
   * only removes values that no fact allows, so the result holds every value the inputs held; a
   * contradiction (a lower bound above its upper bound, a tnum outside the range) means the facts
   * hold no value at all.
   */
  private static final class Sync {
    Tnum tnum;
    long smin;
    long smax;
    long umin;
    long umax;
    long s32min = Integer.MIN_VALUE;
    long s32max = Integer.MAX_VALUE;
    long u32min = 0;
    long u32max = LOW32;
    boolean empty;

    Sync(Tnum tnum, long smin, long smax, long umin, long umax) {
      this.tnum = tnum;
      this.smin = smin;
      this.smax = smax;
      this.umin = umin;
      this.umax = umax;
    }

    void meet64(WordView v) {
      meetTnum(v.tnum());
      signed64(v.smin(), v.smax());
      unsigned64(v.umin(), v.umax());
    }

    void meet32(WordView v) {
      meetTnum(Tnum.UNKNOWN.withSubreg(v.tnum()));
      signed32(v.smin(), v.smax());
      unsigned32(v.umin(), v.umax());
    }

    private void meetTnum(Tnum t) {
      if (tnum.isDisjoint(t)) {
        empty = true;
      } else {
        tnum = tnum.intersect(t);
      }
    }

    private void signed64(long min, long max) {
      smin = Math.max(smin, min);
      smax = Math.min(smax, max);
    }

    private void unsigned64(long min, long max) {
      umin = maxUnsigned(umin, min);
      umax = minUnsigned(umax, max);
    }

    private void signed32(long min, long max) {
      s32min = Math.max(s32min, min);
      s32max = Math.min(s32max, max);
    }

    private void unsigned32(long min, long max) {
      u32min = Math.max(u32min, min);
      u32max = Math.min(u32max, max);
    }

    private boolean contradictory() {
      return empty
          || smin > smax
          || Long.compareUnsigned(umin, umax) > 0
          || s32min > s32max
          || u32min > u32max;
    }

    Scalar result() {
      for (int round = 0; round < SYNC_ROUNDS && !contradictory(); round++) {
        boundsFromTnum();
        if (contradictory()) {
          break;
        }
        low32FromWhole();
        low32AcrossSignedness();
        wholeAcrossSignedness();
        wholeFromLow32();
        if (contradictory()) {
          break;
        }
        tnumFromBounds();
      }
      if (contradictory()) {
        return null;
      }
      boundsFromTnum();
      if (contradictory()) {
        return null;
      }
      return new Scalar(tnum, smin, smax, umin, umax, s32min, s32max, u32min, u32max);
    }

    /** The smallest and largest values the tnum allows, read both ways at both widths. */
    private void boundsFromTnum() {
      long v = tnum.value();
      long m = tnum.mask();
      signed64(v | (m & Long.MIN_VALUE), v | (m & Long.MAX_VALUE));
      unsigned64(v, v | m);
      // the bounds' ends move to the nearest values the tnum allows, so that a range and a tnum
      // with no value in common are found contradictory
      java.util.OptionalLong low = tnum.smallestAtLeast(umin);
      java.util.OptionalLong high = tnum.largestAtMost(umax);
      if (low.isEmpty() || high.isEmpty()) {
        empty = true;
        return;
      }
      unsigned64(low.getAsLong(), high.getAsLong());
      long v32 = v & LOW32;
      long m32 = m & LOW32;
      signed32((int) (v32 | (m32 & 0x80000000L)), (int) (v32 | (m32 & 0x7fffffffL)));
      unsigned32(v32, v32 | m32);
    }

    /**
     * When the 64-bit values share their upper half (or cross it only once, at the 32-bit sign
     * boundary), their low halves form a range too.
     */
    private void low32FromWhole() {
      if ((umin >>> 32) == (umax >>> 32)) {
        unsigned32(umin & LOW32, umax & LOW32);
        if ((int) umin <= (int) umax) {
          signed32((int) umin, (int) umax);
        }
      } else if ((umin >>> 32) + 1 == (umax >>> 32) && (int) umin < 0 && (int) umax >= 0) {
        signed32((int) umin, (int) umax);
      }
      if ((smin >> 32) == (smax >> 32)) {
        unsigned32(smin & LOW32, smax & LOW32);
        if ((int) smin <= (int) smax) {
          signed32((int) smin, (int) smax);
        }
      } else if ((smin >> 32) + 1 == (smax >> 32) && (int) smin < 0 && (int) smax >= 0) {
        signed32((int) smin, (int) smax);
      }
    }

    /** A 32-bit range that does not cross the other signedness's wrap point holds for it too. */
    private void low32AcrossSignedness() {
      if ((int) u32min <= (int) u32max) {
        signed32((int) u32min, (int) u32max);
      }
      if ((s32min & LOW32) <= (s32max & LOW32)) {
        unsigned32(s32min & LOW32, s32max & LOW32);
      }
    }

    /**
     * A 64-bit range that does not cross the other signedness's wrap point holds for it too; one
     * that does is cut by the other range to the side the other range allows.
     */
    private void wholeAcrossSignedness() {
      if (umin <= umax) { // as signed: both ends on one side of the sign boundary
        signed64(umin, umax);
      } else if (smin < 0 && smax >= 0) {
        // unsigned values lie in [umin, MAX] or [MIN, umax] (signed); keep the side the signed
        // range meets
        if (umin > smax) {
          signed64(smin, umax);
        } else if (umax < smin) {
          signed64(umin, smax);
        }
      }
      if (Long.compareUnsigned(smin, smax) <= 0) {
        unsigned64(smin, smax);
      }
    }

    /**
     * The low half's bounds tighten the whole value's at the ends: a value whose upper half equals
     * the lower bound's upper half has its low half above the 32-bit lower bound.
     */
    private void wholeFromLow32() {
      unsigned64((umin & ~LOW32) | u32min, (umax & ~LOW32) | u32max);
      signed64((smin & ~LOW32) | u32min, (smax & ~LOW32) | u32max);
      if (smin >= Integer.MIN_VALUE && smax <= Integer.MAX_VALUE) {
        // the value is its low half sign-extended
        signed64(s32min, s32max);
      }
    }

    /** The bits that the unsigned ranges fix become known in the tnum. */
    private void tnumFromBounds() {
      meetTnum(Tnum.range(umin, umax));
      if (empty) {
        return;
      }
      Tnum low = tnum.subreg();
      Tnum lowRange = Tnum.range(u32min, u32max);
      if (low.isDisjoint(lowRange)) {
        empty = true;
        return;
      }
      tnum = tnum.withSubreg(low.intersect(lowRange));
    }
  }
}
