package org.csdlab.ebpf.verifier;

import static org.csdlab.ebpf.verifier.WordView.signedMin;

/**
 * The abstract arithmetic of one width (64 bits, or 32 for the low halves): each rule returns a
 * view holding the operation's result for every pair of values of its operands, wrapping as the
 * width does. Bounds a rule cannot state are left at the width's extremes; {@link Scalar}'s sync
 * then recovers what the tnum and the other bounds imply.
 */
final class WordAlu {
  private WordAlu() {}

  private static Tnum cut(Tnum t, int bits) {
    return bits == 64 ? t : t.subreg();
  }

  static WordView add(WordView a, WordView b) {
    int bits = a.bits();
    WordView r = WordView.unbounded(bits, cut(a.tnum().add(b.tnum()), bits));
    long[] s = wrapSum(a.smin() + b.smin(), a.smax() + b.smax(), bits, true, a, b);
    long[] u = wrapSum(a.umin() + b.umin(), a.umax() + b.umax(), bits, false, a, b);
    return withRanges(r, s, u);
  }

  static WordView sub(WordView a, WordView b) {
    int bits = a.bits();
    WordView r = WordView.unbounded(bits, cut(a.tnum().sub(b.tnum()), bits));
    long[] s = null;
    int lowWrap = signedWrap(a.smin(), b.smax(), bits, false);
    int highWrap = signedWrap(a.smax(), b.smin(), bits, false);
    if (lowWrap == highWrap) {
      s =
          new long[] {
            WordView.signed(a.smin() - b.smax(), bits), WordView.signed(a.smax() - b.smin(), bits)
          };
    }
    long[] u = null;
    boolean lowBorrow = Long.compareUnsigned(a.umin(), b.umax()) < 0;
    boolean highBorrow = Long.compareUnsigned(a.umax(), b.umin()) < 0;
    if (lowBorrow == highBorrow) {
      u =
          new long[] {
            WordView.truncate(a.umin() - b.umax(), bits),
            WordView.truncate(a.umax() - b.umin(), bits)
          };
    }
    return withRanges(r, s, u);
  }

  /**
   * The signed wrap of {@code x + y} (or {@code x - y} when {@code subtract}): -1 below the width's
   * minimum, +1 above its maximum, 0 inside.
   */
  private static int signedWrap(long x, long y, int bits, boolean add) {
    if (bits == 32) {
      long r = add ? x + y : x - y;
      return r < Integer.MIN_VALUE ? -1 : r > Integer.MAX_VALUE ? 1 : 0;
    }
    long r = add ? x + y : x - y;
    boolean overflow = add ? ((x ^ r) & (y ^ r)) < 0 : ((x ^ y) & (x ^ r)) < 0;
    if (!overflow) {
      return 0;
    }
    return x < 0 ? -1 : 1;
  }

  private static long[] wrapSum(
      long lowSum, long highSum, int bits, boolean signed, WordView a, WordView b) {
    if (signed) {
      int lowWrap = signedWrap(a.smin(), b.smin(), bits, true);
      int highWrap = signedWrap(a.smax(), b.smax(), bits, true);
      return lowWrap == highWrap
          ? new long[] {WordView.signed(lowSum, bits), WordView.signed(highSum, bits)}
          : null;
    }
    boolean lowCarry = unsignedCarry(a.umin(), b.umin(), bits);
    boolean highCarry = unsignedCarry(a.umax(), b.umax(), bits);
    return lowCarry == highCarry
        ? new long[] {WordView.truncate(lowSum, bits), WordView.truncate(highSum, bits)}
        : null;
  }

  private static boolean unsignedCarry(long x, long y, int bits) {
    return bits == 32 ? x + y > 0xffffffffL : Long.compareUnsigned(x + y, x) < 0;
  }

  private static WordView withRanges(WordView r, long[] signed, long[] unsigned) {
    WordView out = r;
    if (signed != null) {
      out = out.withSigned(signed[0], signed[1]);
    }
    if (unsigned != null) {
      out = out.withUnsigned(unsigned[0], unsigned[1]);
    }
    return out;
  }

  static WordView mul(WordView a, WordView b) {
    int bits = a.bits();
    WordView r = WordView.unbounded(bits, cut(a.tnum().mul(b.tnum()), bits));
    long[] u = null;
    if (!unsignedProductOverflows(a.umax(), b.umax(), bits)) {
      u = new long[] {a.umin() * b.umin(), a.umax() * b.umax()};
    }
    long[] s = null;
    long[] products = new long[4];
    boolean overflow = false;
    long[] xs = {a.smin(), a.smax()};
    long[] ys = {b.smin(), b.smax()};
    int k = 0;
    for (long x : xs) {
      for (long y : ys) {
        overflow |= signedProductOverflows(x, y, bits);
        products[k++] = x * y;
      }
    }
    if (!overflow) {
      long min = products[0];
      long max = products[0];
      for (long p : products) {
        min = Math.min(min, p);
        max = Math.max(max, p);
      }
      s = new long[] {min, max};
    }
    return withRanges(r, s, u);
  }

  private static boolean unsignedProductOverflows(long x, long y, int bits) {
    if (bits == 32) {
      return Long.compareUnsigned(x * y, 0xffffffffL)
          > 0; // both below 2^32: the product fits 64 bits
    }
    long high = Math.multiplyHigh(x, y) + ((x >> 63) & y) + ((y >> 63) & x);
    return high != 0;
  }

  private static boolean signedProductOverflows(long x, long y, int bits) {
    long p = x * y;
    if (bits == 32) {
      return p < Integer.MIN_VALUE || p > Integer.MAX_VALUE;
    }
    return Math.multiplyHigh(x, y) != (p >> 63);
  }

  static WordView and(WordView a, WordView b) {
    Tnum t = a.tnum().and(b.tnum());
    return WordView.unbounded(a.bits(), t)
        .withUnsigned(t.value(), Scalar.minUnsigned(a.umax(), b.umax()));
  }

  static WordView or(WordView a, WordView b) {
    Tnum t = a.tnum().or(b.tnum());
    return WordView.unbounded(a.bits(), t)
        .withUnsigned(Scalar.maxUnsigned(a.umin(), b.umin()), t.umax());
  }

  static WordView xor(WordView a, WordView b) {
    Tnum t = a.tnum().xor(b.tnum());
    return WordView.unbounded(a.bits(), t);
  }

  /** Shift left by any amount the view {@code amount} allows, masked to the width as eBPF does. */
  static WordView shl(WordView a, WordView amount) {
    int bits = a.bits();
    int[] n = shiftAmounts(amount, bits);
    Tnum t = null;
    for (int k = n[0]; k <= n[1]; k++) {
      Tnum shifted = cut(a.tnum().shl(k), bits);
      t = t == null ? shifted : t.union(shifted);
    }
    WordView r = WordView.unbounded(bits, t);
    if (n[1] == 0 || (a.umax() >>> (bits - n[1])) == 0) {
      r = r.withUnsigned(a.umin() << n[0], a.umax() << n[1]);
    }
    return r;
  }

  static WordView shr(WordView a, WordView amount) {
    int bits = a.bits();
    int[] n = shiftAmounts(amount, bits);
    Tnum t = null;
    for (int k = n[0]; k <= n[1]; k++) {
      Tnum shifted = a.tnum().shr(k);
      t = t == null ? shifted : t.union(shifted);
    }
    return WordView.unbounded(bits, t).withUnsigned(a.umin() >>> n[1], a.umax() >>> n[0]);
  }

  static WordView arsh(WordView a, WordView amount) {
    int bits = a.bits();
    int[] n = shiftAmounts(amount, bits);
    Tnum t = null;
    for (int k = n[0]; k <= n[1]; k++) {
      Tnum shifted = a.tnum().sar(k, bits);
      t = t == null ? shifted : t.union(shifted);
    }
    long min = Math.min(a.smin() >> n[0], a.smin() >> n[1]);
    long max = Math.max(a.smax() >> n[0], a.smax() >> n[1]);
    return WordView.unbounded(bits, t).withSigned(min, max);
  }

  /**
   * The least and greatest shift amount: the amount's unsigned range when it stays below the width,
   * else every amount (eBPF masks the amount to the width).
   */
  private static int[] shiftAmounts(WordView amount, int bits) {
    if (amount.isConstant()) {
      int n = (int) (amount.constant() & (bits - 1));
      return new int[] {n, n};
    }
    if (Long.compareUnsigned(amount.umax(), bits) < 0) {
      return new int[] {(int) amount.umin(), (int) amount.umax()};
    }
    return new int[] {0, bits - 1};
  }

  static WordView udiv(WordView a, WordView b) {
    int bits = a.bits();
    if (b.isConstant() && b.constant() == 0) {
      return constant(0, bits);
    }
    if (a.isConstant() && b.isConstant()) {
      return constant(Long.divideUnsigned(a.constant(), b.constant()), bits);
    }
    WordView r = WordView.unbounded(bits, cut(Tnum.UNKNOWN, bits));
    if (b.umin() != 0) {
      return r.withUnsigned(
          Long.divideUnsigned(a.umin(), b.umax()), Long.divideUnsigned(a.umax(), b.umin()));
    }
    return r.withUnsigned(0, a.umax());
  }

  static WordView umod(WordView a, WordView b) {
    int bits = a.bits();
    if (b.isConstant() && b.constant() == 0) {
      return a;
    }
    if (a.isConstant() && b.isConstant()) {
      return constant(Long.remainderUnsigned(a.constant(), b.constant()), bits);
    }
    if (b.umin() != 0 && Long.compareUnsigned(a.umax(), b.umin()) < 0) {
      return a; // every dividend is below every divisor
    }
    WordView r = WordView.unbounded(bits, cut(Tnum.UNKNOWN, bits));
    if (b.umin() != 0) {
      return r.withUnsigned(0, Scalar.minUnsigned(a.umax(), b.umax() - 1));
    }
    return r.withUnsigned(0, a.umax());
  }

  static WordView sdiv(WordView a, WordView b) {
    int bits = a.bits();
    WordView r = WordView.unbounded(bits, cut(Tnum.UNKNOWN, bits));
    if (b.isConstant()) {
      long c = WordView.signed(b.constant(), bits);
      if (c == 0) {
        return constant(0, bits);
      }
      if (c == -1) {
        return neg(a); // MIN / -1 wraps to MIN, as negation does
      }
      if (a.isConstant()) {
        return constant(WordView.signed(a.constant(), bits) / c, bits);
      }
      return c > 0
          ? r.withSigned(a.smin() / c, a.smax() / c)
          : r.withSigned(a.smax() / c, a.smin() / c);
    }
    if (b.smin() > 0) {
      long min = Math.min(a.smin() / b.smin(), a.smin() / b.smax());
      long max = Math.max(a.smax() / b.smin(), a.smax() / b.smax());
      return r.withSigned(min, max);
    }
    return r;
  }

  static WordView smod(WordView a, WordView b) {
    int bits = a.bits();
    if (b.isConstant() && b.constant() == 0) {
      return a;
    }
    if (a.isConstant() && b.isConstant()) {
      // the views hold the operands' values at the width, so Java's remainder is the width's
      return constant(
          WordView.signed(a.constant(), bits) % WordView.signed(b.constant(), bits), bits);
    }
    WordView r = WordView.unbounded(bits, cut(Tnum.UNKNOWN, bits));
    boolean divisorMayBeZero = b.smin() <= 0 && b.smax() >= 0;
    if (divisorMayBeZero || b.smin() == signedMin(bits)) {
      // the remainder has the dividend's sign and no larger magnitude (a itself when b is 0)
      long min = a.smin() >= 0 ? 0 : a.smin();
      long max = a.smax() <= 0 ? 0 : a.smax();
      return r.withSigned(Math.min(min, 0), Math.max(max, 0));
    }
    long limit = Math.max(Math.abs(b.smin()), Math.abs(b.smax())) - 1;
    long min = a.smin() >= 0 ? 0 : Math.max(a.smin(), -limit);
    long max = a.smax() <= 0 ? 0 : Math.min(a.smax(), limit);
    return r.withSigned(min, max);
  }

  static WordView neg(WordView a) {
    return sub(constant(0, a.bits()), a);
  }

  static WordView constant(long v, int bits) {
    long cut = WordView.truncate(v, bits);
    long signed = WordView.signed(v, bits);
    return new WordView(bits, Tnum.constant(cut), signed, signed, cut, cut);
  }
}
