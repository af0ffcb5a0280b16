package org.csdlab.ebpf.verifier;

import java.util.ArrayList;
import java.util.List;
import org.csdlab.ebpf.verifier.RegType.Kind;

/**
 * The proof that a widened loop ends: a register or spilled stack slot of the head frame that every
 * round (every path from the head back to it) moves strictly one way, without wrapping, inside the
 * bounds the loop's invariant gives it at the head. Such a location takes a new value at each visit
 * of the head, all of them inside those bounds, so the head is visited at most (bounds' width /
 * smallest step) + 1 times. {@code x &= x - 1} for an {@code x} that is not 0 at the head clears
 * one set bit a round, so it ends within as many rounds as {@code x} has bits.
 */
final class LoopTermination {
  private LoopTermination() {}

  /** A path of the body that came back to the head: its state and what it did to each location. */
  record BackEdge(int from, ExplorationState state, LoopDeltas deltas) {}

  /**
   * What the analysis found.
   *
   * @param headVisits the most times one run visits the head each time it enters the loop (0 when
   *     no proof was found)
   * @param explanation the location that bounds the loop and how, or why no location does
   */
  record Result(long headVisits, String explanation) {
    boolean proven() {
      return headVisits > 0;
    }
  }

  private static final int REASONS_SHOWN = 6;

  static Result analyse(
      LoopForest.Loop loop, int depth, ExplorationState invariant, List<BackEdge> backEdges) {
    if (backEdges.isEmpty()) {
      return new Result(1, "no path of the loop's body comes back to its head");
    }
    List<String> reasons = new ArrayList<>();
    long best = 0;
    String bestText = null;
    for (int loc = 0; loc < LoopDeltas.LOCATIONS; loc++) {
      if (loc == 10) {
        continue;
      }
      Attempt a = attempt(loop, depth, loc, invariant, backEdges);
      if (a == null) {
        continue;
      }
      if (a.visits > 0) {
        if (best == 0 || Long.compareUnsigned(a.visits, best) < 0) {
          best = a.visits;
          bestText = a.text;
        }
      } else if (a.text != null) {
        reasons.add(a.text);
      }
    }
    if (best > 0) {
      return new Result(best, bestText);
    }
    String why =
        reasons.isEmpty()
            ? "nothing the loop changes is a register or 8-byte stack slot whose change it follows"
            : String.join("; ", reasons.subList(0, Math.min(REASONS_SHOWN, reasons.size())))
                + (reasons.size() > REASONS_SHOWN
                    ? "; and " + (reasons.size() - REASONS_SHOWN) + " more"
                    : "");
    return new Result(0, why);
  }

  private record Attempt(long visits, String text) {}

  static String name(int loc) {
    return loc < ExplorationState.REGS
        ? "r" + loc
        : "fp" + ((loc - ExplorationState.REGS) * 8 - Verifier.STACK_SIZE);
  }

  /** The location's value at the head: for a register, the meet of every register equal to it. */
  private static Scalar headValue(LoopForest.Loop loop, int depth, int loc, ExplorationState inv) {
    ExplorationState.Frame f = inv.frames.get(depth);
    if (loc >= ExplorationState.REGS) {
      AbstractValue v = f.spills[loc - ExplorationState.REGS];
      return v != null && v.kind() == Kind.SCALAR ? v.scalar() : null;
    }
    Scalar meet = null;
    for (int r = 0; r < ExplorationState.REGS; r++) {
      if (loop.sameAtHead()[r] != loop.sameAtHead()[loc]) {
        continue;
      }
      AbstractValue v = f.regs[r];
      if (v.kind() != Kind.SCALAR) {
        if (r == loc) {
          return null;
        }
        continue;
      }
      meet = meet == null ? v.scalar() : meet.intersect(v.scalar());
      if (meet == null) {
        return null;
      }
    }
    return meet;
  }

  private static Scalar backValue(int depth, int loc, ExplorationState s) {
    ExplorationState.Frame f = s.frames.get(depth);
    AbstractValue v =
        loc < ExplorationState.REGS ? f.regs[loc] : f.spills[loc - ExplorationState.REGS];
    return v != null && v.kind() == Kind.SCALAR ? v.scalar() : null;
  }

  private static Attempt attempt(
      LoopForest.Loop loop, int depth, int loc, ExplorationState inv, List<BackEdge> backs) {
    String name = name(loc);
    int origin = loop.originOf(loc);
    boolean changes = false;
    boolean followed = true;
    boolean up = true;
    boolean down = true;
    boolean clears = true;
    long minUp = Long.MAX_VALUE;
    long maxUp = 0;
    long minDown = Long.MAX_VALUE;
    long maxDown = 0;
    long lo = Long.MAX_VALUE;
    long hi = Long.MIN_VALUE;
    for (BackEdge b : backs) {
      LoopDeltas.Sym sym = b.deltas().of(loc);
      if (sym != null && sym.isIdentityOf(origin)) {
        up = down = clears = false;
        continue;
      }
      changes = true;
      if (sym == null || sym.origin() != origin) {
        followed = false;
        break;
      }
      if (sym.clearsLowestBit()) {
        up = down = false;
        continue;
      }
      clears = false;
      lo = Math.min(lo, sym.lo());
      hi = Math.max(hi, sym.hi());
      if (sym.lo() >= 1) {
        minUp = Math.min(minUp, sym.lo());
        maxUp = Math.max(maxUp, sym.hi());
      } else {
        up = false;
      }
      if (sym.hi() <= -1) {
        minDown = Math.min(minDown, -sym.hi());
        maxDown = Math.max(maxDown, -sym.lo());
      } else {
        down = false;
      }
    }
    if (!changes) {
      return null;
    }
    if (!followed) {
      return new Attempt(
          0,
          name
              + " changes in a way the verifier does not follow (not by adding a constant to its"
              + " own value)");
    }
    Scalar head = headValue(loop, depth, loc, inv);
    if (head == null) {
      return new Attempt(0, name + " is not a scalar at the loop head");
    }
    String range =
        "[" + Long.toUnsignedString(head.umin()) + ", " + Long.toUnsignedString(head.umax()) + "]";
    if (clears) {
      if (head.umin() == 0) {
        return new Attempt(
            0,
            name
                + " = "
                + name
                + " & ("
                + name
                + " - 1) each round, but it may be 0 at the loop head, where that changes nothing");
      }
      long bits = 64 - Long.numberOfLeadingZeros(head.umax());
      return new Attempt(
          bits,
          name
              + " loses its lowest set bit each round ("
              + name
              + " &= "
              + name
              + " - 1) and is not 0 at the loop head, "
              + range
              + ": at most "
              + bits
              + " rounds");
    }
    if (up || down) {
      boolean noWrap =
          up
              ? noWrapUp(head, maxUp, depth, loc, backs)
              : noWrapDown(head, maxDown, depth, loc, backs);
      String move = (up ? " grows by " : " shrinks by ") + (up ? steps(lo, hi) : steps(-hi, -lo));
      if (!noWrap) {
        return new Attempt(
            0,
            name
                + move
                + " each round but may wrap "
                + (up ? "past 2^64 - 1" : "below 0")
                + ": its values at the loop head are "
                + range
                + ", with no bound the loop checks "
                + (up ? "below" : "above")
                + " that");
      }
      long visits = visits(head, up ? minUp : minDown);
      return new Attempt(
          visits,
          name
              + move
              + " each round without wrapping and stays in "
              + range
              + " at the loop head: at most "
              + Long.toUnsignedString(visits)
              + " visits of the head");
    }
    return new Attempt(
        0,
        name
            + " changes by "
            + steps(lo, hi)
            + (clears ? "" : " on some round")
            + ", not strictly one way on every round");
  }

  /**
   * No round that adds at most {@code maxStep} wraps: the head's values leave room for it, or each
   * back edge's values are at least the step that round added (a wrapped value is below it).
   */
  private static boolean noWrapUp(
      Scalar head, long maxStep, int depth, int loc, List<BackEdge> backs) {
    if (Long.compareUnsigned(head.umax(), -1L - maxStep) <= 0) {
      return true;
    }
    for (BackEdge b : backs) {
      Scalar back = backValue(depth, loc, b.state());
      if (back == null || Long.compareUnsigned(back.umin(), b.deltas().of(loc).hi()) < 0) {
        return false;
      }
    }
    return true;
  }

  /**
   * No round that subtracts at most {@code maxStep} wraps: the head's values are at least that, or
   * each back edge's values stay below 2^64 - the step that round took (where a wrapped value is).
   */
  private static boolean noWrapDown(
      Scalar head, long maxStep, int depth, int loc, List<BackEdge> backs) {
    if (Long.compareUnsigned(head.umin(), maxStep) >= 0) {
      return true;
    }
    for (BackEdge b : backs) {
      Scalar back = backValue(depth, loc, b.state());
      long step = -b.deltas().of(loc).lo();
      if (back == null || Long.compareUnsigned(back.umax(), -1L - step) > 0) {
        return false;
      }
    }
    return true;
  }

  private static String steps(long lo, long hi) {
    return lo == hi ? Long.toString(lo) : "[" + lo + ", " + hi + "]";
  }

  /**
   * (umax - umin) / step + 1 head visits, unsigned, as a long ({@link Long#MAX_VALUE} when it does
   * not fit).
   */
  private static long visits(Scalar head, long step) {
    long width = head.umax() - head.umin();
    long q = Long.divideUnsigned(width, step);
    return q < 0 || q == Long.MAX_VALUE ? Long.MAX_VALUE : q + 1;
  }
}
