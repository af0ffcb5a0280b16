package org.csdlab.ebpf.verifier;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.List;

/**
 * One path's abstract machine state: a call frame per live function, each with its registers, the
 * initialised bytes of its stack and the values spilled to its 8-byte slots. The exploration owns
 * it: a branch copies it, every other step changes it in place.
 */
final class ExplorationState {
  static final int REGS = 11;
  static final int SLOTS = Verifier.STACK_SIZE / 8;

  /** One function's registers and stack. */
  static final class Frame {
    final AbstractValue[] regs = new AbstractValue[REGS];

    /** Bit (fp offset + 512) set when that stack byte has been written. */
    final BitSet initialised = new BitSet(Verifier.STACK_SIZE);

    /**
     * The value stored by an 8-byte aligned register spill at slot (fp offset + 512) / 8, or null.
     */
    final AbstractValue[] spills = new AbstractValue[SLOTS];

    /** Where the caller resumes when this function exits (-1 for the program's own frame). */
    final int returnPc;

    Frame(int returnPc) {
      this.returnPc = returnPc;
      Arrays.fill(regs, AbstractValue.NOT_INIT);
    }

    Frame copy() {
      Frame f = new Frame(returnPc);
      System.arraycopy(regs, 0, f.regs, 0, REGS);
      f.initialised.or(initialised);
      System.arraycopy(spills, 0, f.spills, 0, SLOTS);
      return f;
    }

    boolean isSubsetOf(Frame o, LinkMap links) {
      if (returnPc != o.returnPc) {
        return false;
      }
      for (int r = 0; r < REGS; r++) {
        if (!covered(regs[r], o.regs[r], links)) {
          return false;
        }
      }
      // o was explored with only its own bytes initialised: this state must have them all
      BitSet missing = (BitSet) o.initialised.clone();
      missing.andNot(initialised);
      if (!missing.isEmpty()) {
        return false;
      }
      for (int i = 0; i < SLOTS; i++) {
        AbstractValue mine = spillRead(i);
        AbstractValue theirs = o.spillRead(i);
        if (theirs != null && (mine == null || !covered(mine, theirs, links))) {
          return false;
        }
      }
      return true;
    }

    private static boolean covered(AbstractValue mine, AbstractValue theirs, LinkMap links) {
      return mine.isSubsetOf(theirs)
          && (theirs.kind() != RegType.Kind.SCALAR
              || mine.kind() != RegType.Kind.SCALAR
              || links.covers(mine.id(), theirs.id()));
    }

    boolean same(Frame o, LinkMap links) {
      return returnPc == o.returnPc
          && initialised.equals(o.initialised)
          && sameValues(regs, o.regs, links)
          && sameValues(spills, o.spills, links);
    }

    private static boolean sameValues(AbstractValue[] a, AbstractValue[] b, LinkMap links) {
      for (int i = 0; i < a.length; i++) {
        if (a[i] == null || b[i] == null) {
          if (a[i] != b[i]) {
            return false;
          }
        } else if (!a[i].equalsIgnoringLink(b[i])
            || (a[i].kind() == RegType.Kind.SCALAR && !links.matches(a[i].id(), b[i].id()))) {
          return false;
        }
      }
      return true;
    }

    int hashIgnoringLinks() {
      int h = returnPc;
      for (AbstractValue v : regs) {
        h = 31 * h + v.hashIgnoringLink();
      }
      h = 31 * h + initialised.hashCode();
      for (AbstractValue v : spills) {
        h = 31 * h + (v == null ? 0 : v.hashIgnoringLink());
      }
      return h;
    }

    /**
     * Every scalar linked by {@code link} narrowed to {@code narrowed} (they hold one value); false
     * when one of them has no value in common with it, so the outcome is impossible.
     */
    boolean narrowLinked(int link, Scalar narrowed) {
      for (int r = 0; r < REGS; r++) {
        if (regs[r].isLinked() && regs[r].id() == link) {
          Scalar both = regs[r].scalar().intersect(narrowed);
          if (both == null) {
            return false;
          }
          regs[r] = regs[r].withScalar(both);
        }
      }
      for (int i = 0; i < SLOTS; i++) {
        if (spills[i] != null && spills[i].isLinked() && spills[i].id() == link) {
          Scalar both = spills[i].scalar().intersect(narrowed);
          if (both == null) {
            return false;
          }
          spills[i] = spills[i].withScalar(both);
        }
      }
      return true;
    }

    /**
     * What an 8-byte load of slot {@code i} gives: its spill, an unknown scalar if written, else
     * null.
     */
    AbstractValue spillRead(int i) {
      if (spills[i] != null) {
        return spills[i];
      }
      int from = i * 8;
      return initialised.nextClearBit(from) >= from + 8 ? AbstractValue.UNKNOWN_SCALAR : null;
    }
  }

  final List<Frame> frames = new ArrayList<>();

  ExplorationState copy() {
    ExplorationState s = new ExplorationState();
    for (Frame f : frames) {
      s.frames.add(f.copy());
    }
    return s;
  }

  Frame current() {
    return frames.get(frames.size() - 1);
  }

  int depth() {
    return frames.size() - 1;
  }

  AbstractValue reg(int r) {
    return current().regs[r];
  }

  void set(int r, AbstractValue v) {
    current().regs[r] = v;
  }

  /** True when every concrete state this one stands for is one {@code o} stands for. */
  boolean isSubsetOf(ExplorationState o) {
    if (frames.size() != o.frames.size()) {
      return false;
    }
    LinkMap links = new LinkMap();
    for (int i = 0; i < frames.size(); i++) {
      if (!frames.get(i).isSubsetOf(o.frames.get(i), links)) {
        return false;
      }
    }
    return true;
  }

  /**
   * In every frame, each scalar linked by {@code link} narrowed to {@code narrowed}; false when the
   * narrowing leaves one of them no value (the outcome cannot happen).
   */
  boolean narrowLinked(int link, Scalar narrowed) {
    for (Frame f : frames) {
      if (!f.narrowLinked(link, narrowed)) {
        return false;
      }
    }
    return true;
  }

  /** A hash of the state up to the numbering of scalar links, consistent with {@link #same}. */
  @Override
  public int hashCode() {
    int h = 1;
    for (Frame f : frames) {
      h = 31 * h + f.hashIgnoringLinks();
    }
    return h;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof ExplorationState other && same(other);
  }

  /** Equal up to the numbering of scalar links. */
  boolean same(ExplorationState o) {
    if (frames.size() != o.frames.size()) {
      return false;
    }
    LinkMap links = new LinkMap();
    for (int i = 0; i < frames.size(); i++) {
      if (!frames.get(i).same(o.frames.get(i), links)) {
        return false;
      }
    }
    return true;
  }

  /**
   * The initialised registers as the Linux log prints them, {@code R1_w=scalar(umax=255) R10=fp0};
   * registers in {@code written} carry {@code _w}.
   */
  String kernelText(BitSet written) {
    StringBuilder sb = new StringBuilder();
    AbstractValue[] regs = current().regs;
    for (int r = 0; r < REGS; r++) {
      if (regs[r].isInit()) {
        sb.append(sb.length() == 0 ? "" : " ")
            .append('R')
            .append(r)
            .append(written.get(r) ? "_w" : "")
            .append('=')
            .append(r == 10 ? "fp0" : regs[r].toKernelString());
      }
    }
    return sb.toString();
  }
}
