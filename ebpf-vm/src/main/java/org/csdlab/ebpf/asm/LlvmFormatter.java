package org.csdlab.ebpf.asm;

import java.util.function.LongFunction;
import org.csdlab.ebpf.AluOp;
import org.csdlab.ebpf.AtomicOp;
import org.csdlab.ebpf.Instruction;
import org.csdlab.ebpf.InstructionClass;
import org.csdlab.ebpf.JumpOp;
import org.csdlab.ebpf.Mode;
import org.csdlab.ebpf.Size;
import org.csdlab.ebpf.Source;

/**
 * Prints an instruction the way {@code llvm-objdump -d} (LLVM 14) does, and the way newer LLVM does
 * for what LLVM 14 cannot decode (sdiv/smod, mod, movsx, sign-extending loads, bswap, gotol, stores
 * of immediates, jset, callx by dst register). Local calls carry an explicit sign ({@code call +3})
 * so they read back differently from helper calls ({@code call 3}).
 */
final class LlvmFormatter {
  private final boolean alu32;

  /**
   * {@code alu32}: print w registers in 32-bit and narrower loads, stores and atomics, as {@code
   * --mattr=+alu32}.
   */
  LlvmFormatter(boolean alu32) {
    this.alu32 = alu32;
  }

  /**
   * The text of a canonical instruction at slot {@code pc}; {@code labels} names target slots, or
   * is null.
   */
  String format(Instruction i, long pc, LongFunction<String> labels) {
    return switch (i.instructionClass()) {
      case LD -> reg('r', i.dst()) + " = " + i.imm() + " ll";
      case LDX -> load(i);
      case ST -> memory(i, "u") + " = " + i.imm();
      case STX ->
          Mode.of(i.opcode()) == Mode.ATOMIC
              ? atomic(i)
              : memory(i, "u") + " = " + reg(narrowLetter(i), i.src());
      case ALU, ALU64 -> arithmetic(i);
      case JMP, JMP32 -> jump(i, pc, labels);
    };
  }

  private char narrowLetter(Instruction i) {
    return alu32 && Size.of(i.opcode()) != Size.DW ? 'w' : 'r';
  }

  private static String reg(char letter, int number) {
    return letter + Integer.toString(number);
  }

  /** {@code (r1 + 4)} or {@code (r10 - 8)}. */
  private static String address(int base, int offset) {
    return "r" + base + (offset < 0 ? " - " + -(long) offset : " + " + offset);
  }

  /** {@code *(u32 *)(r1 + 4)} with the given type prefix (u or s). */
  private static String memory(Instruction i, String sign) {
    int base = i.instructionClass() == InstructionClass.LDX ? i.src() : i.dst();
    return "*(" + sign + Size.of(i.opcode()).bytes() * 8 + " *)(" + address(base, i.offset()) + ")";
  }

  private String load(Instruction i) {
    if (Mode.of(i.opcode()) == Mode.MEMSX) {
      return reg('r', i.dst()) + " = " + memory(i, "s");
    }
    return reg(narrowLetter(i), i.dst()) + " = " + memory(i, "u");
  }

  private String atomic(Instruction i) {
    AtomicOp op = AtomicOp.of(i.imm());
    boolean wide = Size.of(i.opcode()) == Size.DW;
    char letter = wide ? 'r' : 'w';
    String width = wide ? "u64" : "u32";
    String at = address(i.dst(), i.offset());
    String src = reg(letter, i.src());
    if (op == AtomicOp.XCHG) {
      return src + " = " + (wide ? "xchg_64(" : "xchg32_32(") + at + ", " + src + ")";
    }
    if (op == AtomicOp.CMPXCHG) {
      return reg(letter, 0)
          + " = "
          + (wide ? "cmpxchg_64(" : "cmpxchg32_32(")
          + at
          + ", "
          + reg(letter, 0)
          + ", "
          + src
          + ")";
    }
    if (op.fetches()) {
      return src
          + " = atomic_fetch_"
          + op.arithmetic().name().toLowerCase(java.util.Locale.ROOT)
          + "(("
          + width
          + " *)("
          + at
          + "), "
          + src
          + ")";
    }
    if (op == AtomicOp.ADD && !wide && !alu32) {
      letter = 'r';
    }
    return "lock *(" + width + " *)(" + at + ") " + op.llvmOperator() + " " + reg(letter, i.src());
  }

  private static String arithmetic(Instruction i) {
    char letter = i.instructionClass() == InstructionClass.ALU64 ? 'r' : 'w';
    String dst = reg(letter, i.dst());
    boolean register = Source.of(i.opcode()) == Source.REG;
    if ((i.opcode() & AluOp.CODE_MASK) == AluOp.END_CODE) {
      String kind = letter == 'r' ? "bswap" : register ? "be" : "le";
      return reg('r', i.dst()) + " = " + kind + i.imm() + " " + reg('r', i.dst());
    }
    AluOp op = AluOp.of(i.opcode(), i.offset());
    String operand = register ? reg(letter, i.src()) : Long.toString(i.imm());
    return switch (op) {
      case NEG -> dst + " = -" + dst;
      case MOVSX8, MOVSX16, MOVSX32 -> dst + " = (s" + i.offset() + ")" + operand;
      default -> dst + " " + op.llvmOperator() + " " + operand;
    };
  }

  private static String jump(Instruction i, long pc, LongFunction<String> labels) {
    JumpOp op = JumpOp.of(i.opcode());
    boolean jmp32 = i.instructionClass() == InstructionClass.JMP32;
    switch (op) {
      case EXIT:
        return "exit";
      case CALL:
        if (Source.of(i.opcode()) == Source.REG) {
          return "callx " + reg('r', i.dst());
        }
        if (i.src() == Instruction.CALL_LOCAL) {
          return "call " + JumpTargets.text(i, pc, labels);
        }
        return "call " + (i.imm() & 0xffff_ffffL);
      case JA:
        return (jmp32 ? "gotol " : "goto ") + JumpTargets.text(i, pc, labels);
      default:
        char letter = jmp32 ? 'w' : 'r';
        String right =
            Source.of(i.opcode()) == Source.REG ? reg(letter, i.src()) : Long.toString(i.imm());
        return "if "
            + reg(letter, i.dst())
            + " "
            + op.llvmOperator()
            + " "
            + right
            + " goto "
            + JumpTargets.text(i, pc, labels);
    }
  }
}
