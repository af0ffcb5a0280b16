package org.csdlab.ebpf.verifier;

import java.util.function.BinaryOperator;
import org.csdlab.ebpf.AluOp;
import org.csdlab.ebpf.Instruction;
import org.csdlab.ebpf.InstructionClass;
import org.csdlab.ebpf.Opcode;
import org.csdlab.ebpf.Source;

/**
 * The abstract effect of an ALU or ALU64 instruction on a scalar destination: the result holds
 * every value the instruction can leave in dst for any pair of values of {@code dst} and {@code
 * src}, with the semantics of RFC 9669 as the interpreter runs them (32-bit forms zero the upper
 * half; division by zero gives 0, modulo by zero leaves dst; shift amounts are masked to the width;
 * signed overflow wraps).
 *
 * <p>A 64-bit operation whose low half depends only on the operands' low halves (add, sub, mul,
 * and, or, xor, neg) is computed at both widths, so its 32-bit bounds are as tight as a 32-bit
 * operation's; the others get their 32-bit bounds from the tnum and the 64-bit bounds by sync.
 */
public final class ScalarAlu {
  private ScalarAlu() {}

  /**
   * The scalar in dst after {@code insn}; an IMM form takes its operand from {@code insn.imm()}
   * (src is then ignored and may be null). Throws when {@code insn} is not an ALU or ALU64
   * instruction of a known operation.
   */
  public static Scalar apply(Instruction insn, Scalar dst, Scalar src) {
    Opcode op = Opcode.of(insn);
    if (op == null || !op.instructionClass().isArithmetic()) {
      throw new IllegalArgumentException(
          "instruction " + insn + " is not an ALU or ALU64 operation");
    }
    boolean wide = op.instructionClass() == InstructionClass.ALU64;
    if (op.isByteOrder()) {
      return byteOrder(op, (int) insn.imm(), dst);
    }
    AluOp aluOp = op.aluOp();
    Scalar operand =
        aluOp.isUnary() ? null : op.source() == Source.IMM ? Scalar.constant(insn.imm()) : src;
    if (operand == null && !aluOp.isUnary()) {
      throw new IllegalArgumentException("instruction " + insn + " needs a source scalar");
    }
    return switch (aluOp) {
      case MOV -> wide ? operand : Scalar.zeroExtended(WordView.of32(operand));
      case MOVSX8 -> signExtend(operand, 8, wide);
      case MOVSX16 -> signExtend(operand, 16, wide);
      case MOVSX32 -> signExtend(operand, 32, wide);
      case NEG -> both(dst, Scalar.constant(0), wide, (value, zero) -> WordAlu.neg(value));
      case ADD -> both(dst, operand, wide, WordAlu::add);
      case SUB -> both(dst, operand, wide, WordAlu::sub);
      case MUL -> both(dst, operand, wide, WordAlu::mul);
      case AND -> both(dst, operand, wide, WordAlu::and);
      case OR -> both(dst, operand, wide, WordAlu::or);
      case XOR -> both(dst, operand, wide, WordAlu::xor);
      case LSH -> single(dst, operand, wide, WordAlu::shl);
      case RSH -> single(dst, operand, wide, WordAlu::shr);
      case ARSH -> single(dst, operand, wide, WordAlu::arsh);
      case DIV -> single(dst, operand, wide, WordAlu::udiv);
      case MOD -> single(dst, operand, wide, WordAlu::umod);
      case SDIV -> single(dst, operand, wide, WordAlu::sdiv);
      case SMOD -> single(dst, operand, wide, WordAlu::smod);
    };
  }

  /**
   * An operation whose result's low half is the same operation on the low halves: computed at 64
   * bits and at 32 (for ALU64), or at 32 and zero-extended (for ALU).
   */
  private static Scalar both(Scalar dst, Scalar src, boolean wide, BinaryOperator<WordView> rule) {
    WordView low = rule.apply(WordView.of32(dst), WordView.of32(src));
    if (!wide) {
      return checked(Scalar.zeroExtended(low));
    }
    return checked(Scalar.fromViews(rule.apply(WordView.of64(dst), WordView.of64(src)), low));
  }

  /** An operation computed at its own width only. */
  private static Scalar single(
      Scalar dst, Scalar src, boolean wide, BinaryOperator<WordView> rule) {
    if (!wide) {
      return checked(Scalar.zeroExtended(rule.apply(WordView.of32(dst), WordView.of32(src))));
    }
    return checked(Scalar.fromViews(rule.apply(WordView.of64(dst), WordView.of64(src)), null));
  }

  /**
   * The low {@code fromBits} of {@code src} sign-extended to 64 bits (ALU64) or to 32 and then
   * zero-extended (ALU). When src's low 32 bits read as signed already fit {@code fromBits}, the
   * extension keeps them, so their bounds carry over.
   */
  private static Scalar signExtend(Scalar src, int fromBits, boolean wide) {
    Tnum extended = src.tnum().signExtend(fromBits);
    long half = 1L << (fromBits - 1);
    long min = -half;
    long max = half - 1;
    if (src.s32min() >= min && src.s32max() <= max) {
      min = src.s32min();
      max = src.s32max();
    }
    if (!wide) {
      return checked(
          Scalar.zeroExtended(
              WordView.unbounded(32, extended.subreg())
                  .withSigned(Math.max(min, Integer.MIN_VALUE), Math.min(max, Integer.MAX_VALUE))));
    }
    WordView whole = WordView.unbounded(64, extended).withSigned(min, max);
    WordView low =
        fromBits == 32
            ? WordView.of32(src)
            : WordView.unbounded(32, extended.subreg()).withSigned(min, max);
    return checked(Scalar.fromViews(whole, low));
  }

  /**
   * LE truncates to the width (a no-op at 64 on this little-endian machine); BE and BSWAP reverse
   * the bytes of the low width and clear the rest, which the tnum follows bit for bit.
   */
  private static Scalar byteOrder(Opcode op, int widthBits, Scalar dst) {
    if (widthBits != 16 && widthBits != 32 && widthBits != 64) {
      throw new IllegalArgumentException(op + " width " + widthBits + " is not 16, 32 or 64");
    }
    if (op == Opcode.LE) {
      if (widthBits == 64) {
        return dst;
      }
      long keep = (1L << widthBits) - 1;
      return checked(
          Scalar.fromViews(
              WordAlu.and(WordView.of64(dst), WordAlu.constant(keep, 64)),
              WordAlu.and(WordView.of32(dst), WordAlu.constant(keep, 32))));
    }
    return Scalar.fromTnum(dst.tnum().byteSwap(widthBits));
  }

  /** A transfer of non-empty operands is never empty; an empty result would be a bug here. */
  private static Scalar checked(Scalar result) {
    if (result == null) {
      throw new IllegalStateException("an ALU transfer produced no value; the domain is unsound");
    }
    return result;
  }
}
