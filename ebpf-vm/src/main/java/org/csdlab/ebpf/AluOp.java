package org.csdlab.ebpf;

/**
 * Arithmetic operations of classes ALU (32-bit) and ALU64 (RFC 9669 §4.1). Signed division, signed
 * modulo and sign-extending moves share their code with the unsigned form and are told apart by the
 * instruction's offset field, so each has its own constant here.
 *
 * <pre>
 *   opcode:  +----------+--------+----------+
 *            |   code   | source |  class   |
 *            +----------+--------+----------+
 *             7        4    3     2        0
 * </pre>
 *
 * Byte-order operations (code 0xd0: {@link Opcode#LE}, {@link Opcode#BE}, {@link Opcode#BSWAP}) are
 * built by {@link Instruction#toLittleEndian}, {@link Instruction#toBigEndian} and {@link
 * Instruction#byteSwap} and are not listed here.
 */
public enum AluOp {
  ADD(0x00, 0, "+=", "add"),
  SUB(0x10, 0, "-=", "sub"),
  MUL(0x20, 0, "*=", "mul"),
  DIV(0x30, 0, "/=", "div"),
  SDIV(0x30, 1, "s/=", "sdiv"),
  OR(0x40, 0, "|=", "or"),
  AND(0x50, 0, "&=", "and"),
  LSH(0x60, 0, "<<=", "lsh"),
  RSH(0x70, 0, ">>=", "rsh"),
  NEG(0x80, 0, "= -", "neg"),
  MOD(0x90, 0, "%=", "mod"),
  SMOD(0x90, 1, "s%=", "smod"),
  XOR(0xa0, 0, "^=", "xor"),
  MOV(0xb0, 0, "=", "mov"),
  MOVSX8(0xb0, 8, "= (s8)", "movsx8"),
  MOVSX16(0xb0, 16, "= (s16)", "movsx16"),
  MOVSX32(0xb0, 32, "= (s32)", "movsx32"),
  ARSH(0xc0, 0, "s>>=", "arsh");

  /** Mask selecting the operation code of an arithmetic or jump opcode. */
  public static final int CODE_MASK = 0xf0;

  private final int code;
  private final int offset;
  private final String llvmOperator;
  private final String ubpfMnemonic;

  AluOp(int code, int offset, String llvmOperator, String ubpfMnemonic) {
    this.code = code;
    this.offset = offset;
    this.llvmOperator = llvmOperator;
    this.ubpfMnemonic = ubpfMnemonic;
  }

  /** The operation code bits (bits 4–7). */
  public int code() {
    return code;
  }

  /** The offset field that selects this variant (1 for signed division, 8/16/32 for MOVSX). */
  public int offset() {
    return offset;
  }

  /** The operator as LLVM prints it between the operands, e.g. {@code +=}. */
  public String llvmOperator() {
    return llvmOperator;
  }

  /** The 64-bit uBPF mnemonic; the 32-bit form appends {@code 32}. */
  public String ubpfMnemonic() {
    return ubpfMnemonic;
  }

  /** True for MOVSX8, MOVSX16 and MOVSX32, whose offset field gives the source width. */
  public boolean isSignExtendingMove() {
    return this == MOVSX8 || this == MOVSX16 || this == MOVSX32;
  }

  /** True for operations that take no source operand. */
  public boolean isUnary() {
    return this == NEG;
  }

  /** 64-bit operation with an immediate operand: {@code dst op= imm}. */
  public Instruction imm(Register dst, int imm) {
    return Instruction.of(
        code | Source.IMM.code() | InstructionClass.ALU64.code(), dst.index(), 0, offset, imm);
  }

  /** 64-bit operation with a register operand: {@code dst op= src}. */
  public Instruction reg(Register dst, Register src) {
    return Instruction.of(
        code | Source.REG.code() | InstructionClass.ALU64.code(),
        dst.index(),
        src.index(),
        offset,
        0);
  }

  /** 32-bit operation with an immediate operand: {@code wdst op= imm}. */
  public Instruction imm32(Register dst, int imm) {
    return Instruction.of(
        code | Source.IMM.code() | InstructionClass.ALU.code(), dst.index(), 0, offset, imm);
  }

  /** 32-bit operation with a register operand: {@code wdst op= wsrc}. */
  public Instruction reg32(Register dst, Register src) {
    return Instruction.of(
        code | Source.REG.code() | InstructionClass.ALU.code(),
        dst.index(),
        src.index(),
        offset,
        0);
  }

  /** The operation of an arithmetic opcode and offset, or null when they name none. */
  public static AluOp of(int opcode, int offset) {
    int bits = opcode & CODE_MASK;
    for (AluOp op : values()) {
      if (op.code == bits && op.offset == offset) {
        return op;
      }
    }
    return null;
  }
}
