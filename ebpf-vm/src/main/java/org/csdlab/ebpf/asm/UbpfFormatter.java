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
 * Prints an instruction in the uBPF / bpf_conformance syntax: {@code mov32 %r0, 1}, {@code ldxw
 * %r0, [%r1+4]}, {@code jsgt %r1, %r2, +3}, {@code lock fetch add [%r10-8], %r1}.
 */
final class UbpfFormatter {
  /**
   * The text of a canonical instruction at slot {@code pc}; {@code labels} names target slots, or
   * is null.
   */
  String format(Opcode op, Instruction i, long pc, LongFunction<String> labels) {
    return switch (op.instructionClass()) {
      case LD -> "lddw " + reg(i.dst()) + ", 0x" + Long.toHexString(i.imm());
      case LDX ->
          (op.mode() == Mode.MEMSX ? "ldxs" : "ldx")
              + sizeSuffix(op)
              + " "
              + reg(i.dst())
              + ", "
              + memory(i.src(), i.offset());
      case ST -> "st" + sizeSuffix(op) + " " + memory(i.dst(), i.offset()) + ", " + i.imm();
      case STX ->
          op.isAtomic()
              ? atomic(op, i)
              : "stx" + sizeSuffix(op) + " " + memory(i.dst(), i.offset()) + ", " + reg(i.src());
      case ALU, ALU64 -> arithmetic(op, i);
      case JMP, JMP32 -> jump(op, i, pc, labels);
    };
  }

  /** {@code w}, {@code h}, {@code b} or {@code dw}: the access width as the mnemonics end. */
  private static String sizeSuffix(Opcode op) {
    return op.size().name().toLowerCase(Locale.ROOT);
  }

  private static String reg(int number) {
    return "%r" + number;
  }

  /** {@code [%r1+4]}, {@code [%r10-8]}. */
  private static String memory(int base, int offset) {
    return "[" + reg(base) + (offset < 0 ? "-" + -(long) offset : "+" + offset) + "]";
  }

  private static String atomic(Opcode opcode, Instruction i) {
    AtomicOp op = AtomicOp.of(i.imm());
    String suffix = opcode.size() == Size.DW ? "" : "32";
    String name =
        switch (op) {
          case XCHG -> "xchg";
          case CMPXCHG -> "cmpxchg";
          default ->
              (op.fetches() ? "fetch " : "") + op.arithmetic().name().toLowerCase(Locale.ROOT);
        };
    return "lock " + name + suffix + " " + memory(i.dst(), i.offset()) + ", " + reg(i.src());
  }

  private static String arithmetic(Opcode opcode, Instruction i) {
    String dst = reg(i.dst());
    if (opcode.isByteOrder()) {
      // both syntaxes name LE, BE and BSWAP as the table does: le16, be32, bswap64
      String kind = opcode.name().toLowerCase(Locale.ROOT);
      return kind + i.imm() + " " + dst;
    }
    boolean wide = opcode.widthBits() == 64;
    boolean register = opcode.source() == Source.REG;
    AluOp op = opcode.aluOp();
    String suffix = wide ? "" : "32";
    return switch (op) {
      case NEG -> "neg" + suffix + " " + dst;
      case MOVSX8, MOVSX16, MOVSX32 ->
          "movsx" + i.offset() + (wide ? "64" : "32") + " " + dst + ", " + reg(i.src());
      default ->
          op.ubpfMnemonic() + suffix + " " + dst + ", " + (register ? reg(i.src()) : i.imm());
    };
  }

  private static String jump(Opcode op, Instruction i, long pc, LongFunction<String> labels) {
    switch (op) {
      case EXIT:
        return "exit";
      case CALLX:
        return "callx " + reg(i.dst());
      case CALL_LOCAL:
        return "call local " + JumpTargets.text(i, pc, labels);
      case CALL_HELPER:
        return "call " + (i.imm() & 0xffff_ffffL);
      case JA:
        return "ja " + JumpTargets.text(i, pc, labels);
      case JA32:
        return "ja32 " + JumpTargets.text(i, pc, labels);
      default:
        String right = op.source() == Source.REG ? reg(i.src()) : Long.toString(i.imm());
        return op.jumpOp().ubpfMnemonic()
            + (op.widthBits() == 32 ? "32 " : " ")
            + reg(i.dst())
            + ", "
            + right
            + ", "
            + JumpTargets.text(i, pc, labels);
    }
  }
}
