package org.csdlab.ebpf.asm;

import java.util.Locale;
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
 * Prints an instruction in the uBPF / bpf_conformance syntax: {@code mov32 %r0, 1}, {@code ldxw
 * %r0, [%r1+4]}, {@code jsgt %r1, %r2, +3}, {@code lock fetch add [%r10-8], %r1}.
 */
final class UbpfFormatter {
  private static final String[] SIZE_SUFFIX = {"w", "h", "b", "dw"};

  /**
   * The text of a canonical instruction at slot {@code pc}; {@code labels} names target slots, or
   * is null.
   */
  String format(Instruction i, long pc, LongFunction<String> labels) {
    String size = SIZE_SUFFIX[(i.opcode() & Size.MASK) >> 3];
    return switch (i.instructionClass()) {
      case LD -> "lddw " + reg(i.dst()) + ", 0x" + Long.toHexString(i.imm());
      case LDX ->
          (Mode.of(i.opcode()) == Mode.MEMSX ? "ldxs" : "ldx")
              + size
              + " "
              + reg(i.dst())
              + ", "
              + memory(i.src(), i.offset());
      case ST -> "st" + size + " " + memory(i.dst(), i.offset()) + ", " + i.imm();
      case STX ->
          Mode.of(i.opcode()) == Mode.ATOMIC
              ? atomic(i)
              : "stx" + size + " " + memory(i.dst(), i.offset()) + ", " + reg(i.src());
      case ALU, ALU64 -> arithmetic(i);
      case JMP, JMP32 -> jump(i, pc, labels);
    };
  }

  private static String reg(int number) {
    return "%r" + number;
  }

  /** {@code [%r1+4]}, {@code [%r10-8]}. */
  private static String memory(int base, int offset) {
    return "[" + reg(base) + (offset < 0 ? "-" + -(long) offset : "+" + offset) + "]";
  }

  private static String atomic(Instruction i) {
    AtomicOp op = AtomicOp.of(i.imm());
    String suffix = Size.of(i.opcode()) == Size.DW ? "" : "32";
    String name =
        switch (op) {
          case XCHG -> "xchg";
          case CMPXCHG -> "cmpxchg";
          default ->
              (op.fetches() ? "fetch " : "") + op.arithmetic().name().toLowerCase(Locale.ROOT);
        };
    return "lock " + name + suffix + " " + memory(i.dst(), i.offset()) + ", " + reg(i.src());
  }

  private static String arithmetic(Instruction i) {
    boolean wide = i.instructionClass() == InstructionClass.ALU64;
    boolean register = Source.of(i.opcode()) == Source.REG;
    String dst = reg(i.dst());
    if ((i.opcode() & AluOp.CODE_MASK) == AluOp.END_CODE) {
      return (wide ? "bswap" : register ? "be" : "le") + i.imm() + " " + dst;
    }
    AluOp op = AluOp.of(i.opcode(), i.offset());
    String suffix = wide ? "" : "32";
    return switch (op) {
      case NEG -> "neg" + suffix + " " + dst;
      case MOVSX8, MOVSX16, MOVSX32 ->
          "movsx" + i.offset() + (wide ? "64" : "32") + " " + dst + ", " + reg(i.src());
      default ->
          op.ubpfMnemonic() + suffix + " " + dst + ", " + (register ? reg(i.src()) : i.imm());
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
          return "callx " + reg(i.dst());
        }
        if (i.src() == Instruction.CALL_LOCAL) {
          return "call local " + JumpTargets.text(i, pc, labels);
        }
        return "call " + (i.imm() & 0xffff_ffffL);
      case JA:
        return (jmp32 ? "ja32 " : "ja ") + JumpTargets.text(i, pc, labels);
      default:
        String right = Source.of(i.opcode()) == Source.REG ? reg(i.src()) : Long.toString(i.imm());
        return op.ubpfMnemonic()
            + (jmp32 ? "32 " : " ")
            + reg(i.dst())
            + ", "
            + right
            + ", "
            + JumpTargets.text(i, pc, labels);
    }
  }
}
