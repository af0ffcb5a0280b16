package org.csdlab.ebpf;

/**
 * What the JIT can tell about a conditional jump's operands from the block it ends alone: whether
 * both are certainly below 2^63, whatever the data. Then every comparison is the sign of a
 * difference that cannot overflow, and a selection needs no branch (see {@code
 * JitCompiler.takenBit}); compilers emit such jumps for {@code if (data[i] > C)} over 8-, 16- and
 * 32-bit fields.
 */
final class JitOperandFacts {
  private JitOperandFacts() {}

  /** True for the comparisons that read their operands as unsigned. */
  static boolean isUnsigned(JumpOp jump) {
    return jump == JumpOp.JGT || jump == JumpOp.JGE || jump == JumpOp.JLT || jump == JumpOp.JLE;
  }

  /**
   * True when the conditional jump at {@code jumpPc}, the last instruction of the block starting at
   * {@code blockStart}, compares two values below 2^63: a 32-bit jump always does (it compares
   * 32-bit values, extended to 64 bits); a 64-bit one when both its operands do.
   */
  static boolean bothBelow2To63(Program program, int blockStart, int jumpPc) {
    Instruction jump = program.at(jumpPc);
    Opcode op = Opcode.of(jump);
    if (op.widthBits() == 32) {
      return true;
    }
    boolean[] below = lastWrites(program, blockStart, jumpPc);
    boolean source = op.source() == Source.REG ? below[jump.src()] : jump.imm() >= 0;
    return below[jump.dst()] && source;
  }

  /**
   * For each register, whether its last write in [{@code from}, {@code to}) left it below 2^63;
   * false for a register that range does not write (its value comes from elsewhere).
   */
  private static boolean[] lastWrites(Program program, int from, int to) {
    boolean[] below = new boolean[11];
    for (int pc = from; pc < to; pc += program.at(pc).slots()) {
      Instruction insn = program.at(pc);
      Opcode op = Opcode.of(insn);
      InstructionClass cls = insn.instructionClass();
      if (op.isAtomic()) {
        // a fetching atomic writes its source, a compare-exchange r0
        below[insn.src()] = false;
        below[0] = false;
      } else if (cls.isArithmetic() || op.isLoad() || op == Opcode.LDDW) {
        below[insn.dst()] = writesBelow2To63(op, insn, below);
      }
    }
    return below;
  }

  private static boolean writesBelow2To63(Opcode op, Instruction insn, boolean[] below) {
    if (op == Opcode.LDDW) {
      return insn.src() == 0 && insn.imm() >= 0;
    }
    if (op.isLoad()) {
      return op.mode() == Mode.MEM && op.widthBits() < 64;
    }
    if (op.isByteOrder()) {
      return insn.imm() < 64;
    }
    if (op.widthBits() == 32) {
      return true; // 32-bit arithmetic zero-extends its result
    }
    AluOp alu = op.aluOp();
    boolean immediate = op.source() == Source.IMM;
    return switch (alu) {
      case MOV -> immediate ? insn.imm() >= 0 : !op.isSignExtendingMove() && below[insn.src()];
      case AND ->
          immediate ? insn.imm() >= 0 || below[insn.dst()] : below[insn.dst()] || below[insn.src()];
      case RSH -> immediate ? (insn.imm() & 63) != 0 || below[insn.dst()] : below[insn.dst()];
      default -> false;
    };
  }
}
