package org.csdlab.ebpf.verifier;

import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;
import org.csdlab.ebpf.verifier.RegType.Kind;

/**
 * Joining and widening of the states at a loop head, to reach an invariant: a state that holds
 * every state any round can bring back to the head.
 *
 * <p>The join holds every value of both states. The widening then moves each bound that grew to the
 * next threshold beyond it, or to the type's extreme when none is left: the thresholds are the
 * constants the loop compares against (and one either side of each), so {@code i < N} leaves {@code
 * i <= N} in the invariant, and the iteration settles after a few rounds whatever the loop's count.
 * Values of different kinds join to "not initialised", which no path may read: the loop's paths are
 * refused where they would read them, never accepted on a guess.
 */
final class LoopInvariant {
  private LoopInvariant() {}

  /** The state holding both, or null when their call chains differ. */
  static ExplorationState join(ExplorationState a, ExplorationState b) {
    return combine(a, b, null);
  }

  /**
   * {@code grown} (a join of {@code old} with new states) with every bound beyond {@code old}'s
   * moved to the next of {@code thresholds} (sorted, signed), or to its extreme; null when the call
   * chains differ.
   */
  static ExplorationState widen(ExplorationState old, ExplorationState grown, long[] thresholds) {
    return combine(old, grown, thresholds);
  }

  private static ExplorationState combine(
      ExplorationState a, ExplorationState b, long[] thresholds) {
    if (a.frames.size() != b.frames.size()) {
      return null;
    }
    ExplorationState out = new ExplorationState();
    // a link of the result is one both states have: a's id kept for the first b-id seen with it
    Map<Integer, Integer> links = new HashMap<>();
    for (int i = 0; i < a.frames.size(); i++) {
      ExplorationState.Frame fa = a.frames.get(i);
      ExplorationState.Frame fb = b.frames.get(i);
      if (fa.returnPc != fb.returnPc) {
        return null;
      }
      ExplorationState.Frame f = new ExplorationState.Frame(fa.returnPc);
      for (int r = 0; r < ExplorationState.REGS; r++) {
        f.regs[r] = link(value(fa.regs[r], fb.regs[r], thresholds), fa.regs[r], fb.regs[r], links);
      }
      f.initialised.or(fa.initialised);
      f.initialised.and(fb.initialised);
      for (int s = 0; s < ExplorationState.SLOTS; s++) {
        AbstractValue va = fa.spills[s];
        AbstractValue vb = fb.spills[s];
        if (va != null && vb != null) {
          AbstractValue v = link(value(va, vb, thresholds), va, vb, links);
          f.spills[s] = v.isInit() ? v : null;
        }
      }
      out.frames.add(f);
    }
    return out;
  }

  /**
   * {@code v} (the join of {@code a} and {@code b}) linked only where both are linked alike: two
   * scalars of the result share a link only when they share one in each state.
   */
  private static AbstractValue link(
      AbstractValue v, AbstractValue a, AbstractValue b, Map<Integer, Integer> links) {
    if (!v.isLinked()) {
      return v;
    }
    if (!a.isLinked() || !b.isLinked()) {
      return v.withId(0);
    }
    Integer seen = links.putIfAbsent(a.id(), b.id());
    return seen == null || seen == b.id() ? v.withId(a.id()) : v.withId(0);
  }

  /** Both values in one, widened beyond {@code a} when thresholds are given (links: a's). */
  static AbstractValue value(AbstractValue a, AbstractValue b, long[] thresholds) {
    if (a.equals(b)) {
      return a;
    }
    if (!a.isInit()
        || !b.isInit()
        || a.kind() != b.kind()
        || a.sizeBytes() != b.sizeBytes()
        || a.writable() != b.writable()
        || a.frame() != b.frame()
        || !Objects.equals(a.region(), b.region())
        || !Objects.equals(a.map(), b.map())
        || (a.kind() == Kind.PTR_TO_MAP_VALUE_OR_NULL && a.id() != b.id())) {
      return AbstractValue.NOT_INIT;
    }
    // what AbstractValue.isSubsetOf compares besides the scalar is equal in both, so the result
    // holds both once its scalar does
    Scalar joined = a.scalar().join(b.scalar());
    return a.withScalar(thresholds == null ? joined : widen(a.scalar(), joined, thresholds));
  }

  /**
   * {@code grown} (which holds {@code old}) with each bound that moved past {@code old}'s taken to
   * the next threshold, or to the extreme of its type; bits no longer known in both become unknown.
   */
  static Scalar widen(Scalar old, Scalar grown, long[] thresholds) {
    if (grown.isSubsetOf(old)) {
      return old;
    }
    long smin =
        grown.smin() < old.smin() ? below(grown.smin(), thresholds, Long.MIN_VALUE) : old.smin();
    long smax =
        grown.smax() > old.smax() ? above(grown.smax(), thresholds, Long.MAX_VALUE) : old.smax();
    long umin =
        Long.compareUnsigned(grown.umin(), old.umin()) < 0
            ? belowUnsigned(grown.umin(), thresholds)
            : old.umin();
    long umax =
        Long.compareUnsigned(grown.umax(), old.umax()) > 0
            ? aboveUnsigned(grown.umax(), thresholds, -1L)
            : old.umax();
    long s32min =
        grown.s32min() < old.s32min()
            ? below(grown.s32min(), thresholds, Integer.MIN_VALUE)
            : old.s32min();
    long s32max =
        grown.s32max() > old.s32max()
            ? above(grown.s32max(), thresholds, Integer.MAX_VALUE)
            : old.s32max();
    long u32min =
        grown.u32min() < old.u32min() ? belowUnsigned(grown.u32min(), thresholds) : old.u32min();
    long u32max =
        grown.u32max() > old.u32max()
            ? aboveUnsigned(grown.u32max(), thresholds, 0xffff_ffffL)
            : old.u32max();
    // clamp the 32-bit thresholds into their word
    s32min = Math.max(s32min, Integer.MIN_VALUE);
    s32max = Math.min(s32max, Integer.MAX_VALUE);
    u32max = Math.min(u32max, 0xffff_ffffL);
    Tnum tnum = grown.tnum().equals(old.tnum()) ? old.tnum() : Tnum.UNKNOWN;
    Scalar widened =
        Scalar.of(
            tnum,
            smin,
            smax,
            umin,
            umax,
            new WordView(32, tnum.subreg(), s32min, s32max, u32min, u32max));
    // every bound is at least as wide as grown's, so nothing of grown is lost
    return Objects.requireNonNull(widened, "widening emptied a scalar");
  }

  private static long above(long v, long[] thresholds, long extreme) {
    for (long t : thresholds) {
      if (t >= v && t <= extreme) {
        return t;
      }
    }
    return extreme;
  }

  private static long below(long v, long[] thresholds, long extreme) {
    for (int i = thresholds.length - 1; i >= 0; i--) {
      long t = thresholds[i];
      if (t <= v && t >= extreme) {
        return t;
      }
    }
    return extreme;
  }

  private static long aboveUnsigned(long v, long[] thresholds, long extreme) {
    long best = extreme;
    for (long t : thresholds) {
      if (Long.compareUnsigned(t, v) >= 0 && Long.compareUnsigned(t, best) < 0) {
        best = t;
      }
    }
    return best;
  }

  private static long belowUnsigned(long v, long[] thresholds) {
    long best = 0;
    for (long t : thresholds) {
      if (Long.compareUnsigned(t, v) <= 0 && Long.compareUnsigned(t, best) > 0) {
        best = t;
      }
    }
    return best;
  }

  /**
   * The thresholds of a loop: its compared constants, the bounds of the registers its jumps compare
   * that stay the same from {@code first} to {@code now} (the length a loop counts to, not the
   * counter's own bound of the moment) and the upper bounds of the values the rounds do not change,
   * each with its neighbours, sorted.
   */
  static long[] thresholds(LoopForest.Loop loop, ExplorationState first, ExplorationState now) {
    TreeSet<Long> t = new TreeSet<>();
    for (long c : loop.constants()) {
      addAround(t, c);
    }
    for (int pair : loop.registerCompares()) {
      for (int r : new int[] {pair / 16, pair % 16}) {
        AbstractValue a = first.reg(r);
        AbstractValue b = now.reg(r);
        if (a.kind() == Kind.SCALAR && b.kind() == Kind.SCALAR) {
          Scalar x = a.scalar();
          Scalar y = b.scalar();
          addIfSame(t, x.umin(), y.umin());
          addIfSame(t, x.umax(), y.umax());
          addIfSame(t, x.smin(), y.smin());
          addIfSame(t, x.smax(), y.smax());
        }
      }
    }
    // a bound kept in a stack slot or register the rounds do not change (n of i < n, reloaded
    // from the stack before each compare)
    ExplorationState.Frame ff = first.current();
    ExplorationState.Frame fn = now.current();
    for (int i = 0; i < ExplorationState.SLOTS + ExplorationState.REGS; i++) {
      AbstractValue a =
          i < ExplorationState.REGS ? ff.regs[i] : ff.spills[i - ExplorationState.REGS];
      AbstractValue b =
          i < ExplorationState.REGS ? fn.regs[i] : fn.spills[i - ExplorationState.REGS];
      if (a != null && b != null && a.kind() == Kind.SCALAR && a.equalsIgnoringLink(b)) {
        addAround(t, a.scalar().umax());
        addAround(t, a.scalar().smax());
      }
    }
    return t.stream().mapToLong(Long::longValue).toArray();
  }

  private static void addIfSame(TreeSet<Long> t, long a, long b) {
    if (a == b) {
      addAround(t, a);
    }
  }

  private static void addAround(TreeSet<Long> t, long c) {
    t.add(c);
    if (c != Long.MIN_VALUE) {
      t.add(c - 1);
    }
    if (c != Long.MAX_VALUE) {
      t.add(c + 1);
    }
  }

  /** No thresholds: every bound that moves goes to its extreme. */
  static final long[] NO_THRESHOLDS = new long[0];
}
