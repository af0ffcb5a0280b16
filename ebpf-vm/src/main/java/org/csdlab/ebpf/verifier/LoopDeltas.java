package org.csdlab.ebpf.verifier;

import java.util.Arrays;
import org.csdlab.ebpf.AluOp;
import org.csdlab.ebpf.AtomicOp;
import org.csdlab.ebpf.Instruction;
import org.csdlab.ebpf.InstructionClass;
import org.csdlab.ebpf.Mode;
import org.csdlab.ebpf.Opcode;
import org.csdlab.ebpf.Source;
import org.csdlab.ebpf.verifier.RegType.Kind;

/**
 * What one path through a loop's body did to the head frame's registers and 8-byte stack slots,
 * relative to their values at the loop head: a location now holds the head value of some location
 * plus a known range ({@code r3 = r3@head + 1}, {@code r1 = r2@head}), or {@code x & (x - 1)} of a
 * head value, or something this tracking does not follow (null). The termination proof reads it at
 * the back edges: a location that each round moves strictly one way by a step, without wrapping,
 * inside the bounds the invariant gives, bounds the rounds.
 *
 * <p>Immutable; a step returns a new value. The arithmetic is the machine's 64-bit wrapping
 * arithmetic, so "head value + d" is modulo 2^64: the proof checks separately that no wrap happens.
 */
final class LoopDeltas {
  /** Locations: registers 0-10, then the head frame's 8-byte stack slots. */
  static final int LOCATIONS = ExplorationState.REGS + ExplorationState.SLOTS;

  /**
   * A location's value: the head value of {@code origin} plus a number in [{@code lo}, {@code hi}]
   * (signed), or, when {@code clearsLowestBit}, {@code o & (o - 1)} of the head value {@code o}.
   */
  record Sym(int origin, long lo, long hi, boolean clearsLowestBit) {
    boolean isOffset() {
      return !clearsLowestBit;
    }

    boolean isIdentityOf(int location) {
      return origin == location && lo == 0 && hi == 0 && !clearsLowestBit;
    }

    /** This plus [a, b], or null when a bound overflows or the value is not an offset. */
    Sym plus(long a, long b) {
      if (clearsLowestBit) {
        return null;
      }
      try {
        return new Sym(origin, Math.addExact(lo, a), Math.addExact(hi, b), false);
      } catch (ArithmeticException e) {
        return null;
      }
    }
  }

  private final Sym[] syms;
  private final int headDepth;

  private LoopDeltas(Sym[] syms, int headDepth) {
    this.syms = syms;
    this.headDepth = headDepth;
  }

  /**
   * At the loop head: each location holds its own head value; a register surely equal to a lower
   * one ({@code sameAtHead}) holds that one's.
   */
  static LoopDeltas atHead(int headDepth, int[] sameAtHead) {
    Sym[] syms = new Sym[LOCATIONS];
    for (int i = 0; i < LOCATIONS; i++) {
      int origin = i < ExplorationState.REGS ? sameAtHead[i] : i;
      syms[i] = new Sym(origin, 0, 0, false);
    }
    return new LoopDeltas(syms, headDepth);
  }

  Sym of(int location) {
    return syms[location];
  }

  static int slotLocation(int slot) {
    return ExplorationState.REGS + slot;
  }

  /** True when this and {@code o} say the same of every location (pruning compares them). */
  boolean sameAs(LoopDeltas o) {
    return o != null && headDepth == o.headDepth && Arrays.equals(syms, o.syms);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof LoopDeltas d && sameAs(d);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(syms);
  }

  /**
   * The deltas after the instruction {@code insn} runs in state {@code s} (the state before the
   * instruction, whose constants an {@code rX += rY} reads).
   */
  LoopDeltas step(Instruction insn, ExplorationState s) {
    Opcode op = Opcode.of(insn);
    boolean inHeadFrame = s.depth() == headDepth;
    Sym[] next = syms.clone();
    InstructionClass c = op.instructionClass();
    switch (c) {
      case ALU, ALU64 -> {
        if (inHeadFrame) {
          next[insn.dst()] = alu(insn, op, s);
        }
      }
      case LD -> {
        if (inHeadFrame) {
          next[insn.dst()] = null;
        }
      }
      case LDX -> {
        if (inHeadFrame) {
          next[insn.dst()] = load(insn, op, s);
        }
      }
      case ST, STX -> store(insn, op, s, next, inHeadFrame);
      case JMP, JMP32 -> {
        if (op == Opcode.CALL_HELPER || op == Opcode.CALLX) {
          helperCall(s, next, inHeadFrame);
        } else if (insn.isExit() && s.depth() == headDepth + 1) {
          // the callee returns into the head frame: r0 is its result, r1-r5 are scratch
          for (int r = 0; r <= 5; r++) {
            next[r] = null;
          }
        }
      }
    }
    return new LoopDeltas(next, headDepth);
  }

  private Sym alu(Instruction insn, Opcode op, ExplorationState s) {
    int d = insn.dst();
    if (op.widthBits() != 64 || op.isByteOrder() || op.isSignExtendingMove()) {
      return null;
    }
    AluOp alu = op.aluOp();
    boolean reg = op.source() == Source.REG;
    Long constant = reg ? constantIn(s.reg(insn.src())) : Long.valueOf(insn.imm());
    switch (alu) {
      case MOV -> {
        return reg ? syms[insn.src()] : null;
      }
      case ADD, SUB -> {
        Sym dst = syms[d];
        if (dst == null || constant == null) {
          return null;
        }
        long k = constant;
        if (alu == AluOp.SUB) {
          if (k == Long.MIN_VALUE) {
            return null;
          }
          k = -k;
        }
        return dst.plus(k, k);
      }
      case AND -> {
        if (!reg) {
          return null;
        }
        Sym a = syms[d];
        Sym b = syms[insn.src()];
        if (clearsLowestBit(a, b) || clearsLowestBit(b, a)) {
          return new Sym(a.origin(), 0, 0, true);
        }
        return null;
      }
      default -> {
        return null;
      }
    }
  }

  /** {@code minusOne & same} is {@code o & (o - 1)} when minusOne is o - 1 and same is o. */
  private static boolean clearsLowestBit(Sym minusOne, Sym same) {
    return minusOne != null
        && same != null
        && minusOne.isOffset()
        && same.isOffset()
        && minusOne.origin() == same.origin()
        && minusOne.lo() == -1
        && minusOne.hi() == -1
        && same.lo() == 0
        && same.hi() == 0;
  }

  private static Long constantIn(AbstractValue v) {
    return v.kind() == Kind.SCALAR && v.scalar().isConstant() ? v.scalar().constantValue() : null;
  }

  /** The head-frame slot an access at {@code base + offset} of {@code bytes} is, or -1. */
  private int slotOf(AbstractValue base, int offset, int bytes) {
    if (base.kind() != Kind.PTR_TO_STACK
        || base.frame() != headDepth
        || !base.scalar().isConstant()
        || bytes != 8) {
      return -1;
    }
    long at = base.scalar().constantValue() + offset + Verifier.STACK_SIZE;
    return at >= 0 && at + 8 <= Verifier.STACK_SIZE && at % 8 == 0 ? (int) (at / 8) : -1;
  }

  private Sym load(Instruction insn, Opcode op, ExplorationState s) {
    if (op.mode() != Mode.MEM) {
      return null;
    }
    int slot = slotOf(s.reg(insn.src()), insn.offset(), op.size().bytes());
    return slot < 0 ? null : syms[slotLocation(slot)];
  }

  private void store(
      Instruction insn, Opcode op, ExplorationState s, Sym[] next, boolean inHeadFrame) {
    AbstractValue base = s.reg(insn.dst());
    int bytes = op.size().bytes();
    if (op.isAtomic()) {
      AtomicOp atomic = AtomicOp.of(insn.imm());
      if (inHeadFrame && atomic == AtomicOp.CMPXCHG) {
        next[0] = null;
      } else if (inHeadFrame && atomic != null && atomic.fetches()) {
        next[insn.src()] = null;
      }
    }
    if (base.kind() != Kind.PTR_TO_STACK || base.frame() != headDepth) {
      return;
    }
    clearSlots(
        next,
        base.scalar().smin() + (long) insn.offset(),
        base.scalar().smax(),
        insn.offset() + bytes);
    int slot = slotOf(base, insn.offset(), bytes);
    if (slot >= 0
        && inHeadFrame
        && op.instructionClass() == InstructionClass.STX
        && op.mode() == Mode.MEM
        && !op.isAtomic()) {
      next[slotLocation(slot)] = syms[insn.src()];
    }
  }

  /**
   * Every slot that the frame offsets [from, maxStart + extent) touch no longer holds a followed
   * value (offsets outside the frame are clamped to it).
   */
  private static void clearSlots(Sym[] next, long from, long maxStart, long extent) {
    long lo = from < -Verifier.STACK_SIZE ? 0 : (Math.min(from, 0) + Verifier.STACK_SIZE) / 8;
    long end = maxStart >= 0 ? 0 : Math.min(0, maxStart + extent);
    long hi = (Math.max(end, -Verifier.STACK_SIZE) + Verifier.STACK_SIZE + 7) / 8;
    for (long i = lo; i < hi && i < ExplorationState.SLOTS; i++) {
      next[slotLocation((int) i)] = null;
    }
  }

  private void helperCall(ExplorationState s, Sym[] next, boolean inHeadFrame) {
    for (int r = 1; r <= 5; r++) {
      AbstractValue arg = s.reg(r);
      if (arg.kind() == Kind.PTR_TO_STACK && arg.frame() == headDepth) {
        // a helper may write its buffer anywhere from the pointer up to the frame's end
        clearSlots(next, arg.scalar().smin(), 0, 0);
      }
    }
    if (inHeadFrame) {
      for (int r = 0; r <= 5; r++) {
        next[r] = null;
      }
    }
  }

  /**
   * What a path did since this run's loop head once it leaves an inner loop summarised at {@code
   * innerDepth}, this being what it did before reaching the inner head: a location the inner exit
   * holds as an inner-head value plus d keeps its meaning only when the inner rounds never change
   * that head value; anything else the inner loop may have changed any number of times.
   */
  LoopDeltas through(
      LoopDeltas innerExit, int innerDepth, java.util.List<LoopTermination.BackEdge> innerRounds) {
    Sym[] out = new Sym[LOCATIONS];
    if (innerExit == null || innerDepth != headDepth) {
      return new LoopDeltas(out, headDepth);
    }
    for (int loc = 0; loc < LOCATIONS; loc++) {
      Sym e = innerExit.syms[loc];
      if (e == null || e.clearsLowestBit() || syms[e.origin()] == null) {
        continue;
      }
      boolean unchanged = true;
      for (LoopTermination.BackEdge b : innerRounds) {
        Sym r = b.deltas().of(e.origin());
        unchanged &= r != null && r.isIdentityOf(e.origin());
      }
      if (unchanged) {
        out[loc] = syms[e.origin()].plus(e.lo(), e.hi());
      }
    }
    return new LoopDeltas(out, headDepth);
  }
}
