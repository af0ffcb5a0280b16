package org.csdlab.ebpf.verifier;

import org.csdlab.ebpf.JumpOp;

/**
 * The engine's interim branch narrowing over {@link Range}: what a conditional jump tells of both
 * operands on each side. A side no value pair can take is null, so the exploration drops it. (The
 * full narrowing, with tnums and 32-bit bounds, is {@code ScalarBranch}'s.)
 */
final class BranchRanges {
  private BranchRanges() {}

  /**
   * Both operands on the taken side and on the fallthrough side; null where the side is impossible.
   */
  record Sides(Range takenDst, Range takenSrc, Range fallDst, Range fallSrc) {
    boolean takenPossible() {
      return takenDst != null && takenSrc != null;
    }

    boolean fallPossible() {
      return fallDst != null && fallSrc != null;
    }
  }

  private record Pair(Range a, Range b) {}

  static Sides narrow(JumpOp op, boolean jmp32, Range dst, Range src) {
    if (jmp32 && !(fitsPositive32(dst) && fitsPositive32(src))) {
      // a 32-bit compare of values beyond [0, 2^31) compares their low halves: only constants
      // decide
      if (dst.isConstant() && src.isConstant()) {
        boolean t = decide(op, (int) dst.umin(), (int) src.umin(), true);
        return t ? new Sides(dst, src, null, null) : new Sides(null, null, dst, src);
      }
      return new Sides(dst, src, dst, src);
    }
    Pair taken = relate(op, dst, src, true);
    Pair fall = relate(op, dst, src, false);
    return new Sides(taken.a, taken.b, fall.a, fall.b);
  }

  private static boolean fitsPositive32(Range r) {
    return r.smin() >= 0 && r.smax() <= Integer.MAX_VALUE;
  }

  private static boolean decide(JumpOp op, long a, long b, boolean jmp32) {
    if (jmp32) {
      a &= Range.U32_MAX;
      b &= Range.U32_MAX;
      if (op == JumpOp.JSGT || op == JumpOp.JSGE || op == JumpOp.JSLT || op == JumpOp.JSLE) {
        a = (int) a;
        b = (int) b;
      }
    }
    return switch (op) {
      case JEQ -> a == b;
      case JNE -> a != b;
      case JSET -> (a & b) != 0;
      case JGT -> Long.compareUnsigned(a, b) > 0;
      case JGE -> Long.compareUnsigned(a, b) >= 0;
      case JLT -> Long.compareUnsigned(a, b) < 0;
      case JLE -> Long.compareUnsigned(a, b) <= 0;
      case JSGT -> a > b;
      case JSGE -> a >= b;
      case JSLT -> a < b;
      case JSLE -> a <= b;
      default -> throw new IllegalArgumentException(op + " is not a conditional jump");
    };
  }

  /** Both operands where {@code a op b} is {@code holds}. */
  private static Pair relate(JumpOp op, Range a, Range b, boolean holds) {
    return switch (op) {
      case JEQ -> holds ? eq(a, b) : ne(a, b);
      case JNE -> holds ? ne(a, b) : eq(a, b);
      case JSET -> jset(a, b, holds);
      case JGT -> holds ? swap(less(b, a, true, false)) : less(a, b, false, false);
      case JGE -> holds ? swap(less(b, a, false, false)) : less(a, b, true, false);
      case JLT -> holds ? less(a, b, true, false) : swap(less(b, a, false, false));
      case JLE -> holds ? less(a, b, false, false) : swap(less(b, a, true, false));
      case JSGT -> holds ? swap(less(b, a, true, true)) : less(a, b, false, true);
      case JSGE -> holds ? swap(less(b, a, false, true)) : less(a, b, true, true);
      case JSLT -> holds ? less(a, b, true, true) : swap(less(b, a, false, true));
      case JSLE -> holds ? less(a, b, false, true) : swap(less(b, a, true, true));
      default -> throw new IllegalArgumentException(op + " is not a conditional jump");
    };
  }

  private static Pair swap(Pair p) {
    return new Pair(p.b, p.a);
  }

  private static Pair eq(Range a, Range b) {
    Range both = intersect(a, b);
    return new Pair(both, both);
  }

  private static Pair ne(Range a, Range b) {
    if (a.isConstant() && b.isConstant() && a.umin() == b.umin()) {
      return new Pair(null, null);
    }
    return new Pair(a, b);
  }

  private static Pair jset(Range a, Range b, boolean holds) {
    if (a.isConstant() && b.isConstant()) {
      boolean t = (a.umin() & b.umin()) != 0;
      return t == holds ? new Pair(a, b) : new Pair(null, null);
    }
    if (holds && (a.umax() == 0 || b.umax() == 0)) {
      return new Pair(null, null);
    }
    return new Pair(a, b);
  }

  /** {@code a < b} ({@code a <= b} when not strict), unsigned or signed. */
  private static Pair less(Range a, Range b, boolean strict, boolean signed) {
    long d = strict ? 1 : 0;
    if (signed) {
      if (strict && (b.smax() == Long.MIN_VALUE || a.smin() == Long.MAX_VALUE)) {
        return new Pair(null, null);
      }
      Range na = Range.of(a.umin(), a.umax(), a.smin(), Math.min(a.smax(), b.smax() - d));
      Range nb = Range.of(b.umin(), b.umax(), Math.max(b.smin(), a.smin() + d), b.smax());
      return new Pair(na, nb);
    }
    if (strict && (b.umax() == 0 || a.umin() == -1L)) {
      return new Pair(null, null);
    }
    long aMax = b.umax() - d;
    long bMin = a.umin() + d;
    Range na =
        Range.of(
            a.umin(),
            Long.compareUnsigned(a.umax(), aMax) < 0 ? a.umax() : aMax,
            a.smin(),
            a.smax());
    Range nb =
        Range.of(
            Long.compareUnsigned(b.umin(), bMin) > 0 ? b.umin() : bMin,
            b.umax(),
            b.smin(),
            b.smax());
    return new Pair(na, nb);
  }

  private static Range intersect(Range a, Range b) {
    return Range.of(
        Long.compareUnsigned(a.umin(), b.umin()) > 0 ? a.umin() : b.umin(),
        Long.compareUnsigned(a.umax(), b.umax()) < 0 ? a.umax() : b.umax(),
        Math.max(a.smin(), b.smin()),
        Math.min(a.smax(), b.smax()));
  }
}
