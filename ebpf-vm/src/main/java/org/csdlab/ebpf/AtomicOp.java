package org.csdlab.ebpf;

/**
 * Atomic read-modify-write operations (class STX, mode ATOMIC, RFC 9669 §5.3). The operation is
 * carried in the immediate field; bit 0 ({@link #FETCH_FLAG}) asks for the old value back.
 */
public enum AtomicOp {
  ADD(0x00, "+="),
  OR(0x40, "|="),
  AND(0x50, "&="),
  XOR(0xa0, "^="),
  FETCH_ADD(0x01, "+="),
  FETCH_OR(0x41, "|="),
  FETCH_AND(0x51, "&="),
  FETCH_XOR(0xa1, "^="),
  /** Exchange: {@code src = xchg(*(dst + off), src)}. */
  XCHG(0xe1, null),
  /** Compare and exchange: {@code r0 = cmpxchg(*(dst + off), r0, src)}. */
  CMPXCHG(0xf1, null);

  /** Immediate bit asking for the memory's old value in the source register. */
  public static final int FETCH_FLAG = 0x01;

  /** Every operation at the index of its immediate; the immediates are all below 256. */
  private static final AtomicOp[] BY_IMM = byImm();

  private final int imm;
  private final String llvmOperator;

  AtomicOp(int imm, String llvmOperator) {
    this.imm = imm;
    this.llvmOperator = llvmOperator;
  }

  /** The value of the immediate field selecting this operation. */
  public int imm() {
    return imm;
  }

  /** True when the old value is returned in the source register (or r0 for CMPXCHG). */
  public boolean fetches() {
    return (imm & FETCH_FLAG) != 0;
  }

  /** The arithmetic operator of ADD/OR/AND/XOR and their fetching forms, null otherwise. */
  public String llvmOperator() {
    return llvmOperator;
  }

  /** The arithmetic part without the fetch flag, e.g. ADD for FETCH_ADD; null for XCHG, CMPXCHG. */
  public AtomicOp arithmetic() {
    return switch (this) {
      case ADD, FETCH_ADD -> ADD;
      case OR, FETCH_OR -> OR;
      case AND, FETCH_AND -> AND;
      case XOR, FETCH_XOR -> XOR;
      default -> null;
    };
  }

  /** The operation named by an atomic instruction's immediate, or null when it names none. */
  public static AtomicOp of(long imm) {
    return imm >= 0 && imm < BY_IMM.length ? BY_IMM[(int) imm] : null;
  }

  private static AtomicOp[] byImm() {
    AtomicOp[] table = new AtomicOp[256];
    for (AtomicOp op : values()) {
      table[op.imm] = op;
    }
    return table;
  }

  /** Atomic operation on {@code size} bytes at {@code dst + offset} with {@code src}. */
  public Instruction of(Size size, Register dst, Register src, int offset) {
    if (size != Size.W && size != Size.DW) {
      throw new IllegalArgumentException(
          "atomic operations work on 4 or 8 bytes, not " + size.bytes());
    }
    return Instruction.of(
        InstructionClass.STX.code() | Mode.ATOMIC.code() | size.code(),
        dst.index(),
        src.index(),
        offset,
        imm);
  }
}
