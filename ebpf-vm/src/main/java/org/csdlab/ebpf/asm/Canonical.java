package org.csdlab.ebpf.asm;

import org.csdlab.ebpf.AluOp;
import org.csdlab.ebpf.AtomicOp;
import org.csdlab.ebpf.Instruction;
import org.csdlab.ebpf.InstructionClass;
import org.csdlab.ebpf.JumpOp;
import org.csdlab.ebpf.Mode;
import org.csdlab.ebpf.Register;
import org.csdlab.ebpf.Size;
import org.csdlab.ebpf.Source;

/**
 * Decides whether an instruction has a mnemonic form that reads back to exactly the same fields: a
 * known operation, registers r0-r10 and every unused field zero. Other instructions are printed in
 * {@link RawForm}.
 */
final class Canonical {
  private Canonical() {}

  static boolean hasMnemonic(Instruction i) {
    if (i.dst() >= Register.COUNT || i.src() >= Register.COUNT) {
      return false;
    }
    Mode mode = Mode.of(i.opcode());
    Size size = Size.of(i.opcode());
    return switch (i.instructionClass()) {
      case LD -> i.isWide() && i.src() == 0 && i.offset() == 0;
      case LDX -> i.imm() == 0 && (mode == Mode.MEM || (mode == Mode.MEMSX && size != Size.DW));
      case ST -> mode == Mode.MEM && i.src() == 0;
      case STX ->
          mode == Mode.MEM
              ? i.imm() == 0
              : mode == Mode.ATOMIC
                  && (size == Size.W || size == Size.DW)
                  && AtomicOp.of(i.imm()) != null;
      case ALU, ALU64 -> arithmetic(i);
      case JMP, JMP32 -> jump(i);
    };
  }

  private static boolean arithmetic(Instruction i) {
    boolean wide = i.instructionClass() == InstructionClass.ALU64;
    boolean register = Source.of(i.opcode()) == Source.REG;
    if ((i.opcode() & AluOp.CODE_MASK) == AluOp.END_CODE) {
      return !(wide && register)
          && i.src() == 0
          && i.offset() == 0
          && (i.imm() == 16 || i.imm() == 32 || i.imm() == 64);
    }
    AluOp op = AluOp.of(i.opcode(), i.offset());
    if (op == null) {
      return false;
    }
    if (op == AluOp.MOVSX8 || op == AluOp.MOVSX16 || op == AluOp.MOVSX32) {
      return register && i.imm() == 0 && (wide || op != AluOp.MOVSX32);
    }
    if (op.isUnary()) {
      return !register && i.src() == 0 && i.imm() == 0;
    }
    return register ? i.imm() == 0 : i.src() == 0;
  }

  private static boolean jump(Instruction i) {
    JumpOp op = JumpOp.of(i.opcode());
    boolean jmp32 = i.instructionClass() == InstructionClass.JMP32;
    boolean register = Source.of(i.opcode()) == Source.REG;
    if (op == null) {
      return false;
    }
    return switch (op) {
      case JA ->
          !register && i.dst() == 0 && i.src() == 0 && (jmp32 ? i.offset() == 0 : i.imm() == 0);
      case CALL ->
          !jmp32
              && i.offset() == 0
              && (register
                  ? i.src() == 0 && i.imm() == 0
                  : i.dst() == 0
                      && (i.src() == Instruction.CALL_HELPER || i.src() == Instruction.CALL_LOCAL));
      case EXIT ->
          !jmp32 && !register && i.dst() == 0 && i.src() == 0 && i.offset() == 0 && i.imm() == 0;
      default -> register ? i.imm() == 0 : i.src() == 0;
    };
  }
}
