package org.csdlab.ebpf.verifier;

/**
 * A scalar seen at one width: the whole 64 bits, or the low 32 bits (then every field holds a
 * 32-bit quantity: the tnum's upper half is known 0, the signed bounds are sign-extended, the
 * unsigned ones zero-extended). The transfer functions of {@link ScalarAlu} and the narrowing of
 * {@link ScalarBranch} work on this view so that one rule serves both widths.
 */
record WordView(int bits, Tnum tnum, long smin, long smax, long umin, long umax) {

  static WordView of64(Scalar s) {
    return new WordView(64, s.tnum(), s.smin(), s.smax(), s.umin(), s.umax());
  }

  static WordView of32(Scalar s) {
    return new WordView(32, s.tnum().subreg(), s.s32min(), s.s32max(), s.u32min(), s.u32max());
  }

  /** Every value of the width, with tnum {@code tnum} (already cut to the width). */
  static WordView unbounded(int bits, Tnum tnum) {
    return new WordView(bits, tnum, signedMin(bits), signedMax(bits), 0, unsignedMax(bits));
  }

  static long signedMin(int bits) {
    return bits == 64 ? Long.MIN_VALUE : Integer.MIN_VALUE;
  }

  static long signedMax(int bits) {
    return bits == 64 ? Long.MAX_VALUE : Integer.MAX_VALUE;
  }

  static long unsignedMax(int bits) {
    return bits == 64 ? -1L : 0xffffffffL;
  }

  /** {@code v} cut to the width: zero-extended for 32 bits. */
  static long truncate(long v, int bits) {
    return bits == 64 ? v : v & 0xffffffffL;
  }

  /** {@code v} cut to the width and read as signed: sign-extended for 32 bits. */
  static long signed(long v, int bits) {
    return bits == 64 ? v : (int) v;
  }

  boolean isConstant() {
    return tnum.isConstant();
  }

  /** The single value; meaningful only when {@link #isConstant}. */
  long constant() {
    return tnum.value();
  }

  /** True when zero may be one of the values. */
  boolean mayBeZero() {
    return umin == 0 && tnum.contains(0);
  }

  WordView withTnum(Tnum t) {
    return new WordView(bits, t, smin, smax, umin, umax);
  }

  WordView withSigned(long min, long max) {
    return new WordView(bits, tnum, min, max, umin, umax);
  }

  WordView withUnsigned(long min, long max) {
    return new WordView(bits, tnum, smin, smax, min, max);
  }
}
