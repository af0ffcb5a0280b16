package org.csdlab.ebpf.verifier;

import org.csdlab.ebpf.Instruction;
import org.csdlab.ebpf.InstructionClass;
import org.csdlab.ebpf.JumpOp;
import org.csdlab.ebpf.Opcode;
import org.csdlab.ebpf.Source;

/**
 * Branch narrowing: a conditional jump compares dst with src (JMP: 64 bits; JMP32: the low 32
 * bits), and on each way out the comparison's outcome is a fact about both operands. {@code if r1 >
 * 10 goto} leaves {@code umax=10} on the fall-through and {@code umin=11} on the jump; a 32-bit
 * comparison narrows the 32-bit bounds and, through sync, whatever they imply for the whole value.
 */
public final class ScalarBranch {
  private ScalarBranch() {}

  /** The comparisons, each with the one that holds when it does not. */
  private enum Relation {
    EQ,
    NE,
    UGT,
    UGE,
    ULT,
    ULE,
    SGT,
    SGE,
    SLT,
    SLE,
    SET,
    CLEAR;

    Relation negated() {
      return switch (this) {
        case EQ -> NE;
        case NE -> EQ;
        case UGT -> ULE;
        case UGE -> ULT;
        case ULT -> UGE;
        case ULE -> UGT;
        case SGT -> SLE;
        case SGE -> SLT;
        case SLT -> SGE;
        case SLE -> SGT;
        case SET -> CLEAR;
        case CLEAR -> SET;
      };
    }

    /** The same fact with the operands swapped ({@code a > b} is {@code b < a}). */
    Relation swapped() {
      return switch (this) {
        case UGT -> ULT;
        case UGE -> ULE;
        case ULT -> UGT;
        case ULE -> UGE;
        case SGT -> SLT;
        case SGE -> SLE;
        case SLT -> SGT;
        case SLE -> SGE;
        default -> this;
      };
    }

    static Relation of(JumpOp op) {
      return switch (op) {
        case JEQ -> EQ;
        case JNE -> NE;
        case JGT -> UGT;
        case JGE -> UGE;
        case JLT -> ULT;
        case JLE -> ULE;
        case JSGT -> SGT;
        case JSGE -> SGE;
        case JSLT -> SLT;
        case JSLE -> SLE;
        case JSET -> SET;
        default -> throw new IllegalArgumentException(op + " is not a conditional jump");
      };
    }
  }

  /**
   * Both outcomes of the conditional jump {@code insn} for these operands; for an IMM form the
   * source is the sign-extended immediate and {@code src} is ignored (it may be null).
   */
  public static BranchOutcome narrow(Instruction insn, Scalar dst, Scalar src) {
    Opcode op = Opcode.of(insn);
    if (op == null || !op.isConditionalJump()) {
      throw new IllegalArgumentException("instruction " + insn + " is not a conditional jump");
    }
    Scalar operand = op.source() == Source.IMM ? Scalar.constant(insn.imm()) : src;
    if (operand == null) {
      throw new IllegalArgumentException("instruction " + insn + " needs a source scalar");
    }
    int bits = op.instructionClass() == InstructionClass.JMP32 ? 32 : 64;
    Relation taken = Relation.of(op.jumpOp());
    Scalar[] whenTaken = narrow(taken, dst, operand, bits);
    Scalar[] whenFalls = narrow(taken.negated(), dst, operand, bits);
    return new BranchOutcome(whenTaken[0], whenTaken[1], whenFalls[0], whenFalls[1]);
  }

  private static WordView view(Scalar s, int bits) {
    return bits == 64 ? WordView.of64(s) : WordView.of32(s);
  }

  /** dst and src narrowed by {@code relation} holding at {@code bits}; both null if it cannot. */
  private static Scalar[] narrow(Relation relation, Scalar dst, Scalar src, int bits) {
    WordView d = view(dst, bits);
    WordView s = view(src, bits);
    WordView newDst = restricted(relation, d, s);
    WordView newSrc = restricted(relation.swapped(), s, d);
    Scalar narrowedDst = newDst == null ? null : dst.restrict(newDst);
    Scalar narrowedSrc = newSrc == null ? null : src.restrict(newSrc);
    if (narrowedDst == null || narrowedSrc == null) {
      return new Scalar[] {null, null};
    }
    return new Scalar[] {narrowedDst, narrowedSrc};
  }

  /**
   * What {@code a relation b} says about {@code a}, as a view to meet with a's; null when no value
   * of a stands in that relation to any value of b.
   */
  private static WordView restricted(Relation relation, WordView a, WordView b) {
    int bits = a.bits();
    long smin = WordView.signedMin(bits);
    long smax = WordView.signedMax(bits);
    long umax = WordView.unsignedMax(bits);
    WordView any = WordView.unbounded(bits, bits == 64 ? Tnum.UNKNOWN : Tnum.UNKNOWN.subreg());
    return switch (relation) {
      case EQ -> {
        if (a.tnum().isDisjoint(b.tnum())) {
          yield null;
        }
        yield new WordView(bits, b.tnum(), b.smin(), b.smax(), b.umin(), b.umax());
      }
      case NE -> {
        if (!b.isConstant()) {
          yield any;
        }
        long c = b.constant();
        if (a.isConstant() && a.constant() == c) {
          yield null;
        }
        // a value at an end of a's ranges that equals c moves the end inward
        long lo = a.umin() == c ? c + 1 : 0;
        long hi = a.umax() == c ? c - 1 : umax;
        long slo = a.smin() == WordView.signed(c, bits) ? a.smin() + 1 : smin;
        long shi = a.smax() == WordView.signed(c, bits) ? a.smax() - 1 : smax;
        yield any.withUnsigned(lo, hi).withSigned(slo, shi);
      }
      case UGT -> b.umin() == umax ? null : any.withUnsigned(b.umin() + 1, umax);
      case UGE -> any.withUnsigned(b.umin(), umax);
      case ULT -> b.umax() == 0 ? null : any.withUnsigned(0, b.umax() - 1);
      case ULE -> any.withUnsigned(0, b.umax());
      case SGT -> b.smin() == smax ? null : any.withSigned(b.smin() + 1, smax);
      case SGE -> any.withSigned(b.smin(), smax);
      case SLT -> b.smax() == smin ? null : any.withSigned(smin, b.smax() - 1);
      case SLE -> any.withSigned(smin, b.smax());
      case SET -> {
        if ((a.tnum().umax() & b.tnum().umax()) == 0) {
          yield null;
        }
        long bit = b.tnum().value();
        if (b.isConstant() && Long.bitCount(bit) == 1) {
          yield any.withTnum(new Tnum(bit, WordView.truncate(~bit, bits)));
        }
        yield any.withUnsigned(1, umax); // some bit is set
      }
      case CLEAR -> {
        if ((a.tnum().value() & b.tnum().value()) != 0) {
          yield null;
        }
        if (b.isConstant()) {
          yield any.withTnum(new Tnum(0, WordView.truncate(~b.constant(), bits)));
        }
        yield any;
      }
    };
  }
}
