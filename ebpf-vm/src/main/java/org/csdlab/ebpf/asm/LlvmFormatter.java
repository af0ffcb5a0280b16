package org.csdlab.ebpf.asm;

import java.util.Locale;
import java.util.function.LongFunction;
import org.csdlab.ebpf.AluOp;
import org.csdlab.ebpf.AtomicOp;
import org.csdlab.ebpf.Instruction;
import org.csdlab.ebpf.Mode;
import org.csdlab.ebpf.Opcode;
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
  String format(Opcode op, Instruction i, long pc, LongFunction<String> labels) {
    return switch (op.instructionClass()) {
      case LD -> reg('r', i.dst()) + " = " + i.imm() + " ll";
      case LDX -> load(op, i);
      case ST -> memory(op, i, "u") + " = " + i.imm();
      case STX ->
          op.isAtomic()
              ? atomic(op, i)
              : memory(op, i, "u") + " = " + reg(narrowLetter(op), i.src());
      case ALU, ALU64 -> arithmetic(op, i);
      case JMP, JMP32 -> jump(op, i, pc, labels);
    };
  }

  private char narrowLetter(Opcode op) {
    return alu32 && op.size() != Size.DW ? 'w' : 'r';
  }

  private static String reg(char letter, int number) {
    return letter + Integer.toString(number);
  }

  /** {@code (r1 + 4)} or {@code (r10 - 8)}. */
  private static String address(int base, int offset) {
    return "r" + base + (offset < 0 ? " - " + -(long) offset : " + " + offset);
  }

  /** {@code *(u32 *)(r1 + 4)} with the given type prefix (u or s). */
  private static String memory(Opcode op, Instruction i, String sign) {
    int base = op.isLoad() ? i.src() : i.dst();
    return "*(" + sign + op.widthBits() + " *)(" + address(base, i.offset()) + ")";
  }

  private String load(Opcode op, Instruction i) {
    if (op.mode() == Mode.MEMSX) {
      return reg('r', i.dst()) + " = " + memory(op, i, "s");
    }
    return reg(narrowLetter(op), i.dst()) + " = " + memory(op, i, "u");
  }

  private String atomic(Opcode opcode, Instruction i) {
    AtomicOp op = AtomicOp.of(i.imm());
    boolean wide = opcode.size() == Size.DW;
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
          + op.arithmetic().name().toLowerCase(Locale.ROOT)
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

  private static String arithmetic(Opcode opcode, Instruction i) {
    if (opcode.isByteOrder()) {
      // both syntaxes name LE, BE and BSWAP as the table does: le16, be32, bswap64
      String kind = opcode.name().toLowerCase(Locale.ROOT);
      return reg('r', i.dst()) + " = " + kind + i.imm() + " " + reg('r', i.dst());
    }
    char letter = opcode.widthBits() == 64 ? 'r' : 'w';
    String dst = reg(letter, i.dst());
    String operand = opcode.source() == Source.REG ? reg(letter, i.src()) : Long.toString(i.imm());
    AluOp op = opcode.aluOp();
    return switch (op) {
      case NEG -> dst + " = -" + dst;
      case MOVSX8, MOVSX16, MOVSX32 -> dst + " = (s" + i.offset() + ")" + operand;
      default -> dst + " " + op.llvmOperator() + " " + operand;
    };
  }

  private static String jump(Opcode op, Instruction i, long pc, LongFunction<String> labels) {
    switch (op) {
      case EXIT:
        return "exit";
      case CALLX:
        return "callx " + reg('r', i.dst());
      case CALL_LOCAL:
        return "call " + JumpTargets.text(i, pc, labels);
      case CALL_HELPER:
        return "call " + (i.imm() & 0xffff_ffffL);
      case JA:
        return "goto " + JumpTargets.text(i, pc, labels);
      case JA32:
        return "gotol " + JumpTargets.text(i, pc, labels);
      default:
        char letter = op.widthBits() == 32 ? 'w' : 'r';
        String right = op.source() == Source.REG ? reg(letter, i.src()) : Long.toString(i.imm());
        return "if "
            + reg(letter, i.dst())
            + " "
            + op.jumpOp().llvmOperator()
            + " "
            + right
            + " goto "
            + JumpTargets.text(i, pc, labels);
    }
  }
}
