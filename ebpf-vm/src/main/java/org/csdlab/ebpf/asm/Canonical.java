package org.csdlab.ebpf.asm;

import org.csdlab.ebpf.AtomicOp;
import org.csdlab.ebpf.Instruction;
import org.csdlab.ebpf.Opcode;
import org.csdlab.ebpf.Register;
import org.csdlab.ebpf.Source;

/**
 * Decides whether an instruction has a mnemonic form that reads back to exactly the same fields: a
 * known operation (one of {@link Opcode}'s), registers r0-r10 and every unused field zero. Other
 * instructions are printed in {@link RawForm}.
 */
final class Canonical {
  private Canonical() {}

  static boolean hasMnemonic(Instruction i) {
    Opcode op = Opcode.of(i);
    if (op == null || i.dst() >= Register.COUNT || i.src() >= Register.COUNT) {
      return false;
    }
    return switch (op.instructionClass()) {
      case LD -> i.src() == 0 && i.offset() == 0;
      case LDX -> i.imm() == 0;
      case ST -> i.src() == 0;
      case STX -> op.isAtomic() ? AtomicOp.of(i.imm()) != null : i.imm() == 0;
      case ALU, ALU64 -> arithmetic(op, i);
      case JMP, JMP32 -> jump(op, i);
    };
  }

  /** The offset needs no check: {@link Opcode#of} matched it to the operation. */
  private static boolean arithmetic(Opcode op, Instruction i) {
    if (op.isByteOrder()) {
      return i.src() == 0 && (i.imm() == 16 || i.imm() == 32 || i.imm() == 64);
    }
    if (op.isSignExtendingMove()) {
      return i.imm() == 0;
    }
    if (op.aluOp().isUnary()) {
      return i.src() == 0 && i.imm() == 0;
    }
    return op.source() == Source.REG ? i.imm() == 0 : i.src() == 0;
  }

  private static boolean jump(Opcode op, Instruction i) {
    return switch (op) {
      case JA -> i.dst() == 0 && i.src() == 0 && i.imm() == 0;
      case JA32 -> i.dst() == 0 && i.src() == 0 && i.offset() == 0;
      case CALL_HELPER, CALL_LOCAL -> i.dst() == 0 && i.offset() == 0;
      case CALLX -> i.src() == 0 && i.offset() == 0 && i.imm() == 0;
      case EXIT -> i.dst() == 0 && i.src() == 0 && i.offset() == 0 && i.imm() == 0;
      default -> op.source() == Source.REG ? i.imm() == 0 : i.src() == 0;
    };
  }
}
