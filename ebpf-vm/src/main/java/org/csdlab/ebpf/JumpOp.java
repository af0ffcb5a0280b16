package org.csdlab.ebpf;

/**
 * Jump, call and exit operations of classes JMP and JMP32 (RFC 9669 §4.3), laid out like {@link
 * AluOp}: operation code in bits 4–7, source in bit 3, class in bits 0–2.
 */
public enum JumpOp {
  JA(0x00, null, "ja"),
  JEQ(0x10, "==", "jeq"),
  JGT(0x20, ">", "jgt"),
  JGE(0x30, ">=", "jge"),
  JSET(0x40, "&", "jset"),
  JNE(0x50, "!=", "jne"),
  JSGT(0x60, "s>", "jsgt"),
  JSGE(0x70, "s>=", "jsge"),
  CALL(0x80, null, "call"),
  EXIT(0x90, null, "exit"),
  JLT(0xa0, "<", "jlt"),
  JLE(0xb0, "<=", "jle"),
  JSLT(0xc0, "s<", "jslt"),
  JSLE(0xd0, "s<=", "jsle");

  private final int code;
  private final String llvmOperator;
  private final String ubpfMnemonic;

  JumpOp(int code, String llvmOperator, String ubpfMnemonic) {
    this.code = code;
    this.llvmOperator = llvmOperator;
    this.ubpfMnemonic = ubpfMnemonic;
  }

  /** The operation code bits (bits 4–7). */
  public int code() {
    return code;
  }

  /** The comparison as LLVM prints it ({@code s>=}), or null for JA, CALL and EXIT. */
  public String llvmOperator() {
    return llvmOperator;
  }

  /** The uBPF mnemonic; the JMP32 form appends {@code 32}. */
  public String ubpfMnemonic() {
    return ubpfMnemonic;
  }

  /** True for the conditional jumps. */
  public boolean isConditional() {
    return llvmOperator != null;
  }

  /** Conditional jump comparing two 64-bit registers: {@code if dst op src goto +offset}. */
  public Instruction reg(Register dst, Register src, int offset) {
    requireConditional();
    return Instruction.of(
        code | Source.REG.code() | InstructionClass.JMP.code(),
        dst.index(),
        src.index(),
        offset,
        0);
  }

  /** Conditional jump comparing a 64-bit register with an immediate. */
  public Instruction imm(Register dst, int imm, int offset) {
    requireConditional();
    return Instruction.of(
        code | Source.IMM.code() | InstructionClass.JMP.code(), dst.index(), 0, offset, imm);
  }

  /** Conditional jump comparing the low 32 bits of two registers. */
  public Instruction reg32(Register dst, Register src, int offset) {
    requireConditional();
    return Instruction.of(
        code | Source.REG.code() | InstructionClass.JMP32.code(),
        dst.index(),
        src.index(),
        offset,
        0);
  }

  /** Conditional jump comparing the low 32 bits of a register with an immediate. */
  public Instruction imm32(Register dst, int imm, int offset) {
    requireConditional();
    return Instruction.of(
        code | Source.IMM.code() | InstructionClass.JMP32.code(), dst.index(), 0, offset, imm);
  }

  private void requireConditional() {
    if (!isConditional()) {
      throw new IllegalArgumentException(
          name()
              + " is not a conditional jump; use Instruction."
              + name().toLowerCase(java.util.Locale.ROOT)
              + "(...)");
    }
  }

  /** The operation of a jump opcode. */
  public static JumpOp of(int opcode) {
    int bits = opcode & AluOp.CODE_MASK;
    for (JumpOp op : values()) {
      if (op.code == bits) {
        return op;
      }
    }
    return null;
  }
}
