package org.csdlab.ebpf.verifier;

import java.util.ArrayList;
import java.util.List;
import org.csdlab.ebpf.Instruction;
import org.csdlab.ebpf.Opcode;
import org.csdlab.ebpf.verifier.RegType.Kind;

/**
 * A linear relation between two locations of a loop's head frame that every visit of the head
 * keeps: {@code y - factor * x} is one of the values of {@code offset}, in 64-bit wrapping
 * arithmetic, as a pointer stepped by 4 beside a counter stepped by 1 ({@code r1 = ctx + 4 * r3},
 * or {@code r2 = mem + [0, 64] + 4 * r1} when the pointer's start is a range). Ranges alone lose it
 * once the loop is widened (the pointer's offset then looks unbounded); with it, a check of the
 * counter bounds the pointer too.
 *
 * <p>It is a hypothesis read off two visits of the head on one path, used while the loop's body is
 * explored from the invariant, and then proved: every round must move y by exactly {@code factor}
 * times what it moves x (so the relation holds at the next visit whenever it held at this one), and
 * every state the summary covers must satisfy it. A relation that fails the proof is dropped and
 * the body explored again without it.
 */
record LoopRelation(int y, int x, long factor, Scalar offset) {
  private static final Instruction MUL64 = Instruction.of(Opcode.MUL64_REG.code(), 0, 0, 0, 0);
  private static final Instruction ADD64 = Instruction.of(Opcode.ADD64_REG.code(), 0, 0, 0, 0);

  /**
   * Relations that hold between the two visits {@code first} and {@code now} of one path at the
   * head of {@code loop} (frame {@code depth}): y and x constant in both, x one of the registers
   * the loop compares, y's change a multiple of x's.
   */
  static List<LoopRelation> guess(
      LoopForest.Loop loop, int depth, ExplorationState first, ExplorationState now) {
    List<LoopRelation> out = new ArrayList<>();
    for (int y = 0; y < LoopDeltas.LOCATIONS; y++) {
      AbstractValue vf = value(first, depth, y);
      AbstractValue vn = value(now, depth, y);
      if (y == 10
          || vf == null
          || vn == null
          || !LoopInvariant.value(vf, vn, null).isInit()
          || vf.scalar().equals(vn.scalar())) {
        continue;
      }
      // y's values moved as a whole: the same distance at both ends
      long dy = vn.scalar().umin() - vf.scalar().umin();
      if (vn.scalar().umax() - vf.scalar().umax() != dy) {
        continue;
      }
      for (int x : loop.comparedRegisters()) {
        Long xf = constant(first, depth, x, false);
        Long xn = constant(now, depth, x, false);
        if (x == y || xf == null || xn == null || xf.equals(xn)) {
          continue;
        }
        long dx = xn - xf;
        if (dx != 0 && dy % dx == 0) {
          long factor = dy / dx;
          Scalar offset =
              minus(vf.scalar(), factor, Scalar.constant(xf))
                  .join(minus(vn.scalar(), factor, Scalar.constant(xn)));
          out.add(new LoopRelation(y, x, factor, offset));
          break;
        }
      }
    }
    return out;
  }

  /** {@code ys - factor * xs}, over every pair of their values. */
  private static Scalar minus(Scalar ys, long factor, Scalar xs) {
    return ScalarAlu.apply(ADD64, ys, ScalarAlu.apply(MUL64, xs, Scalar.constant(-factor)));
  }

  static AbstractValue value(ExplorationState s, int depth, int loc) {
    ExplorationState.Frame f = s.frames.get(depth);
    return loc < ExplorationState.REGS ? f.regs[loc] : f.spills[loc - ExplorationState.REGS];
  }

  static void set(ExplorationState s, int depth, int loc, AbstractValue v) {
    ExplorationState.Frame f = s.frames.get(depth);
    if (loc < ExplorationState.REGS) {
      f.regs[loc] = v;
    } else {
      f.spills[loc - ExplorationState.REGS] = v;
    }
  }

  /** The constant (a scalar's value, or a pointer's offset when pointers are allowed), or null. */
  private static Long constant(ExplorationState s, int depth, int loc, boolean pointer) {
    AbstractValue v = value(s, depth, loc);
    if (v == null || !v.isInit() || (v.isPointer() && !pointer)) {
      return null;
    }
    return v.scalar().isConstant() ? v.scalar().constantValue() : null;
  }

  /** True when {@code s} (frame {@code depth}) satisfies the relation. */
  boolean holdsIn(ExplorationState s, int depth) {
    AbstractValue yv = value(s, depth, y);
    AbstractValue xv = value(s, depth, x);
    if (yv == null || xv == null || !yv.isInit() || xv.kind() != Kind.SCALAR) {
      return false;
    }
    return minus(yv.scalar(), factor, xv.scalar()).isSubsetOf(offset);
  }

  /**
   * Narrows y in {@code s} to what the relation allows given x, where the path so far moved y by
   * {@code d.of(y)} and x by {@code d.of(x)} (both known exactly); false when nothing is left (the
   * path cannot happen while the relation holds).
   */
  boolean narrow(ExplorationState s, int depth, LoopDeltas d, int yOrigin, int xOrigin) {
    LoopDeltas.Sym dy = d.of(y);
    LoopDeltas.Sym dx = d.of(x);
    if (!exact(dy, yOrigin) || !exact(dx, xOrigin) || s.frames.size() <= depth) {
      return true;
    }
    AbstractValue yv = value(s, depth, y);
    AbstractValue xv = value(s, depth, x);
    if (yv == null || xv == null || !yv.isInit() || xv.kind() != Kind.SCALAR) {
      return true;
    }
    // y now = y@head + dy = offset + factor * x@head + dy = offset + dy - factor * dx + factor * x
    Scalar implied = implied(xv.scalar(), dy.lo() - factor * dx.lo());
    Scalar narrowed = yv.scalar().intersect(implied);
    if (narrowed == null) {
      return false;
    }
    set(s, depth, y, yv.withScalar(narrowed));
    return true;
  }

  /** The invariant with y narrowed to what the relation allows given its x. */
  void narrowHead(ExplorationState invariant, int depth) {
    AbstractValue yv = value(invariant, depth, y);
    AbstractValue xv = value(invariant, depth, x);
    if (yv == null || xv == null || !yv.isInit() || xv.kind() != Kind.SCALAR) {
      return;
    }
    Scalar narrowed = yv.scalar().intersect(implied(xv.scalar(), 0));
    if (narrowed != null) {
      set(invariant, depth, y, yv.withScalar(narrowed));
    }
  }

  /** offset + factor * xs + constant: y's values given x's. */
  private Scalar implied(Scalar xs, long constant) {
    Scalar scaled = ScalarAlu.apply(MUL64, xs, Scalar.constant(factor));
    Scalar shifted = ScalarAlu.apply(ADD64, scaled, offset);
    return ScalarAlu.apply(ADD64, shifted, Scalar.constant(constant));
  }

  private static boolean exact(LoopDeltas.Sym d, int origin) {
    return d != null && d.isOffset() && d.origin() == origin && d.lo() == d.hi();
  }

  /** True when the round that came back with {@code deltas} moved y by factor times x's move. */
  boolean keptBy(LoopDeltas deltas, int yOrigin, int xOrigin) {
    LoopDeltas.Sym dy = deltas.of(y);
    LoopDeltas.Sym dx = deltas.of(x);
    return exact(dy, yOrigin) && exact(dx, xOrigin) && dy.lo() == factor * dx.lo();
  }

  @Override
  public String toString() {
    String start = offset.isConstant() ? Long.toString(offset.constantValue()) : offset.toString();
    return LoopTermination.name(y)
        + " = "
        + start
        + (factor < 0 ? " - " + -factor : " + " + factor)
        + " * "
        + LoopTermination.name(x);
  }
}
