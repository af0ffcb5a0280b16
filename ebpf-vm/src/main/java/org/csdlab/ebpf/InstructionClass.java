package org.csdlab.ebpf;

/**
 * The eight instruction classes of RFC 9669 §3, the low three bits of every opcode.
 *
 * <pre>
 *   opcode:  +-------------------+----------+
 *            |  (family bits)    |  class   |
 *            +-------------------+----------+
 *             7                 3 2        0
 * </pre>
 */
public enum InstructionClass {
  /** Non-standard loads: only the 64-bit immediate load (LDDW) is supported. */
  LD(Opcodes.CLASS_LD),
  /** Load into a register from memory. */
  LDX(Opcodes.CLASS_LDX),
  /** Store an immediate to memory. */
  ST(Opcodes.CLASS_ST),
  /** Store a register to memory, and atomic operations. */
  STX(Opcodes.CLASS_STX),
  /** 32-bit arithmetic: results are zero-extended to 64 bits. */
  ALU(Opcodes.CLASS_ALU),
  /** 64-bit jumps, calls and exit. */
  JMP(Opcodes.CLASS_JMP),
  /** Jumps comparing the low 32 bits of their operands. */
  JMP32(Opcodes.CLASS_JMP32),
  /** 64-bit arithmetic. */
  ALU64(Opcodes.CLASS_ALU64);

  /** Mask selecting the class bits of an opcode. */
  public static final int MASK = 0x07;

  /** The classes in the order of their codes; values() would copy the array at every call. */
  private static final InstructionClass[] BY_CODE = values();

  private final int code;

  InstructionClass(int code) {
    this.code = code;
  }

  /** The class bits. */
  public int code() {
    return code;
  }

  /** The class of an opcode. */
  public static InstructionClass of(int opcode) {
    return BY_CODE[opcode & MASK];
  }

  /** True for ALU and ALU64. */
  public boolean isArithmetic() {
    return this == ALU || this == ALU64;
  }

  /** True for JMP and JMP32. */
  public boolean isJump() {
    return this == JMP || this == JMP32;
  }

  /** True for LD, LDX, ST and STX. */
  public boolean isLoadOrStore() {
    return !isArithmetic() && !isJump();
  }
}
