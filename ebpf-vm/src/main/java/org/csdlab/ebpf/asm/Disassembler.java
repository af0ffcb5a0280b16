package org.csdlab.ebpf.asm;

import java.util.Map;
import java.util.function.LongFunction;
import org.csdlab.ebpf.Instruction;
import org.csdlab.ebpf.Opcode;
import org.csdlab.ebpf.Program;

/**
 * Turns instructions back into text in one {@link Syntax}; {@link Assembler} reads every form
 * printed here back to the same instructions.
 *
 * <p>LLVM syntax matches {@code llvm-objdump -d} of LLVM 14 for every instruction LLVM 14 knows,
 * and newer LLVM for the rest. Two deliberate differences: a local call shows an explicit sign
 * ({@code call +3}, where objdump prints {@code call 3}) to tell it from helper call 3, and an
 * instruction with no mnemonic (unknown opcode, reserved field set, register above r10) prints as
 * {@code .insn 0xe7, dst=1, src=0, off=0, imm=22} instead of {@code <unknown>}.
 */
public final class Disassembler {
  private static final Disassembler LLVM = new Disassembler(Syntax.LLVM, false);
  private static final Disassembler LLVM_ALU32 = new Disassembler(Syntax.LLVM, true);
  private static final Disassembler UBPF = new Disassembler(Syntax.UBPF, false);

  private final Syntax syntax;
  private final boolean alu32;
  private final LlvmFormatter llvmFormatter;
  private final UbpfFormatter ubpfFormatter = new UbpfFormatter();

  private Disassembler(Syntax syntax, boolean alu32) {
    this.syntax = syntax;
    this.alu32 = alu32;
    this.llvmFormatter = new LlvmFormatter(alu32);
  }

  /** The disassembler printing LLVM syntax, as {@code llvm-objdump -d} does. */
  public static Disassembler llvm() {
    return LLVM;
  }

  /** The disassembler printing uBPF syntax. */
  public static Disassembler ubpf() {
    return UBPF;
  }

  /** The disassembler for {@code syntax}. */
  public static Disassembler of(Syntax syntax) {
    return syntax == Syntax.LLVM ? LLVM : UBPF;
  }

  /**
   * This disassembler printing 32-bit registers where {@code llvm-objdump --mattr=+alu32} does:
   * {@code w1 = *(u32 *)(r2 + 0)}, {@code *(u16 *)(r1 + 2) = w3}, {@code lock *(u32 *)(r1 + 0) +=
   * w2}. The same instructions as without; for uBPF syntax, this disassembler itself.
   */
  public Disassembler alu32() {
    return syntax == Syntax.LLVM ? LLVM_ALU32 : this;
  }

  /**
   * True when 32-bit registers are printed in narrow loads, stores and atomics (see {@link
   * #alu32()}).
   */
  public boolean isAlu32() {
    return alu32;
  }

  /** The syntax printed. */
  public Syntax syntax() {
    return syntax;
  }

  /** One instruction's text; jumps show relative offsets ({@code goto +3}). Never throws. */
  public String instruction(Instruction instruction) {
    return format(instruction, 0, null);
  }

  /** The whole program, one line per instruction prefixed by its slot number ({@code 3: exit}). */
  public String listing(Program program) {
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < program.size(); i++) {
      int pc = program.pcOf(i);
      out.append(String.format("%4d: %s\n", pc, format(program.instructions().get(i), pc, null)));
    }
    return out.toString();
  }

  /**
   * The whole program as assembly source: a label line ({@code L7:}) before every instruction that
   * a jump or local call lands on, targets written as those labels, instructions indented.
   */
  public String labelledListing(Program program) {
    Map<Long, String> labels = JumpTargets.labels(program);
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < program.size(); i++) {
      long pc = program.pcOf(i);
      String label = labels.get(pc);
      if (label != null) {
        out.append(label).append(":\n");
      }
      out.append("    ")
          .append(format(program.instructions().get(i), pc, labels::get))
          .append('\n');
    }
    return out.toString();
  }

  private String format(Instruction instruction, long pc, LongFunction<String> labels) {
    if (!Canonical.hasMnemonic(instruction)) {
      return RawForm.format(instruction);
    }
    Opcode op = Opcode.of(instruction);
    return syntax == Syntax.LLVM
        ? llvmFormatter.format(op, instruction, pc, labels)
        : ubpfFormatter.format(op, instruction, pc, labels);
  }

  @Override
  public String toString() {
    return "Disassembler[" + syntax + (alu32 ? ", alu32" : "") + "]";
  }
}
