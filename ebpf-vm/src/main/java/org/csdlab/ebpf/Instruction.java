package org.csdlab.ebpf;

import org.csdlab.ebpf.asm.Disassembler;

/**
 * One eBPF instruction as a value (RFC 9669 §3).
 *
 * <pre>
 *   byte:   0        1              2      3      4      5      6      7
 *         +--------+------+------+------+------+------+------+------+------+
 *         | opcode | src  | dst  |   offset    |          immediate        |
 *         +--------+------+------+------+------+------+------+------+------+
 *                   (4 bits each,  (little-endian (little-endian, signed)
 *                    dst low)       signed 16 bits)
 * </pre>
 *
 * The 64-bit immediate load (LDDW) takes two slots; here it is one instruction whose {@link #imm()}
 * holds all 64 bits. For every other instruction {@code imm} is the 32-bit immediate sign-extended
 * to a long, and {@code offset} the signed 16-bit offset.
 *
 * <p>A value may be built for any field combination; {@link Program} decides what is valid.
 *
 * @param opcode the opcode byte, 0–255
 * @param dst destination register number, 0–15 as encoded
 * @param src source register number, 0–15 as encoded
 * @param offset signed 16-bit offset
 * @param imm sign-extended 32-bit immediate, or the full 64-bit value of LDDW
 */
public record Instruction(int opcode, int dst, int src, int offset, long imm) {

  /** Opcode of the 64-bit immediate load, the only two-slot instruction. */
  public static final int LDDW_OPCODE = Opcodes.LDDW;

  /** Bytes in one instruction slot. */
  public static final int SLOT_BYTES = 8;

  /** The src value of CALL that names a local (bpf-to-bpf) function. */
  public static final int CALL_LOCAL = 1;

  /** The src value of CALL that names a helper by id. */
  public static final int CALL_HELPER = 0;

  /** Opcode of CALLX: call the helper whose id is held in the register named by dst. */
  public static final int CALLX_OPCODE = Opcodes.CALLX;

  /** Builds an instruction from raw fields; it checks only that each field fits its bits. */
  public Instruction {
    checkRange("opcode", opcode, 0, 0xff);
    checkRange("dst", dst, 0, 0xf);
    checkRange("src", src, 0, 0xf);
    checkRange("offset", offset, Short.MIN_VALUE, Short.MAX_VALUE);
    if (opcode != LDDW_OPCODE && imm != (int) imm) {
      throw new IllegalArgumentException(
          "immediate 0x"
              + Long.toHexString(imm)
              + " does not fit 32 bits; only lddw takes a 64-bit immediate");
    }
  }

  private static void checkRange(String field, int value, int min, int max) {
    if (value < min || value > max) {
      throw new IllegalArgumentException(field + " " + value + " is outside " + min + ".." + max);
    }
  }

  /** Raw instruction from its fields. */
  public static Instruction of(int opcode, int dst, int src, int offset, long imm) {
    return new Instruction(opcode, dst, src, offset, imm);
  }

  // ---- factories ------------------------------------------------------------------------

  /** {@code exit}: return r0 to the caller. */
  public static Instruction exit() {
    return of(Opcodes.EXIT, 0, 0, 0, 0);
  }

  /** {@code call id}: call the helper with this id. */
  public static Instruction call(int helperId) {
    return of(Opcodes.CALL, 0, CALL_HELPER, 0, helperId);
  }

  /** Call of the local function that starts {@code relative + 1} slots after this one. */
  public static Instruction callLocal(int relative) {
    return of(Opcodes.CALL, 0, CALL_LOCAL, 0, relative);
  }

  /** {@code callx reg}: call the helper whose id is in {@code register}. */
  public static Instruction callx(Register register) {
    return of(CALLX_OPCODE, register.index(), 0, 0, 0);
  }

  /** {@code goto +offset}: unconditional jump with a 16-bit offset. */
  public static Instruction ja(int offset) {
    return of(Opcodes.JA, 0, 0, offset, 0);
  }

  /** {@code gotol +offset}: unconditional jump with a 32-bit offset (class JMP32). */
  public static Instruction jaLong(int offset) {
    return of(Opcodes.JA32, 0, 0, 0, offset);
  }

  /** {@code dst = imm ll}: load a 64-bit immediate (two slots). */
  public static Instruction lddw(Register dst, long imm) {
    return of(LDDW_OPCODE, dst.index(), 0, 0, imm);
  }

  /** {@code dst = *(size *)(src + offset)}: zero-extending load. */
  public static Instruction load(Size size, Register dst, Register src, int offset) {
    return of(
        InstructionClass.LDX.code() | Mode.MEM.code() | size.code(),
        dst.index(),
        src.index(),
        offset,
        0);
  }

  /** {@code dst = *(ssize *)(src + offset)}: sign-extending load of 1, 2 or 4 bytes. */
  public static Instruction loadSigned(Size size, Register dst, Register src, int offset) {
    if (size == Size.DW) {
      throw new IllegalArgumentException("sign-extending loads take 1, 2 or 4 bytes, not 8");
    }
    return of(
        InstructionClass.LDX.code() | Mode.MEMSX.code() | size.code(),
        dst.index(),
        src.index(),
        offset,
        0);
  }

  /** {@code *(size *)(dst + offset) = imm}. */
  public static Instruction storeImm(Size size, Register dst, int offset, int imm) {
    return of(
        InstructionClass.ST.code() | Mode.MEM.code() | size.code(), dst.index(), 0, offset, imm);
  }

  /** {@code *(size *)(dst + offset) = src}. */
  public static Instruction storeReg(Size size, Register dst, int offset, Register src) {
    return of(
        InstructionClass.STX.code() | Mode.MEM.code() | size.code(),
        dst.index(),
        src.index(),
        offset,
        0);
  }

  /**
   * {@code dst = le16/le32/le64 dst}: convert from host (little-endian) order; on a little-endian
   * machine this only truncates to {@code bits}.
   */
  public static Instruction toLittleEndian(Register dst, int bits) {
    return of(Opcodes.LE, dst.index(), 0, 0, bits);
  }

  /** {@code dst = be16/be32/be64 dst}: convert to big-endian order. */
  public static Instruction toBigEndian(Register dst, int bits) {
    return of(Opcodes.BE, dst.index(), 0, 0, bits);
  }

  /** {@code dst = bswap16/32/64 dst}: unconditional byte swap (class ALU64). */
  public static Instruction byteSwap(Register dst, int bits) {
    return of(Opcodes.BSWAP, dst.index(), 0, 0, bits);
  }

  // ---- field views ------------------------------------------------------------------------

  /** The instruction class (low three opcode bits). */
  public InstructionClass instructionClass() {
    return InstructionClass.of(opcode);
  }

  /** True for LDDW, which occupies two slots. */
  public boolean isWide() {
    return opcode == LDDW_OPCODE;
  }

  /** Slots this instruction occupies: 2 for LDDW, 1 otherwise. */
  public int slots() {
    return isWide() ? 2 : 1;
  }

  /** The destination register; throws when dst is not 0–10. */
  public Register dstRegister() {
    return Register.of(dst);
  }

  /** The source register; throws when src is not 0–10. */
  public Register srcRegister() {
    return Register.of(src);
  }

  /** True for a conditional or unconditional jump (not CALL or EXIT). */
  public boolean isJump() {
    if (!instructionClass().isJump()) {
      return false;
    }
    JumpOp op = JumpOp.of(opcode);
    return op != null && op != JumpOp.CALL && op != JumpOp.EXIT;
  }

  /** True for a call of a local function. */
  public boolean isLocalCall() {
    return opcode == Opcodes.CALL && src == CALL_LOCAL;
  }

  /** True for {@code exit}. */
  public boolean isExit() {
    return opcode == Opcodes.EXIT;
  }

  /**
   * The slot a jump or local call at {@code pc} transfers control to. For JMP32 JA the immediate is
   * the offset; for local calls too.
   */
  public long target(int pc) {
    boolean usesImm = isLocalCall() || opcode == Opcodes.JA32;
    return (long) pc + 1 + (usesImm ? imm : offset);
  }

  /** The slots as encoded bytes, little-endian (16 bytes for LDDW). */
  public byte[] encode() {
    byte[] out = new byte[slots() * SLOT_BYTES];
    encodeInto(out, 0);
    return out;
  }

  /** Writes the encoded slots into {@code out} at {@code at}; returns the bytes written. */
  public int encodeInto(byte[] out, int at) {
    writeSlot(out, at, opcode, dst, src, offset, (int) imm);
    if (isWide()) {
      writeSlot(out, at + SLOT_BYTES, 0, 0, 0, 0, (int) (imm >>> 32));
    }
    return slots() * SLOT_BYTES;
  }

  private static void writeSlot(
      byte[] out, int at, int opcode, int dst, int src, int offset, int imm) {
    out[at] = (byte) opcode;
    out[at + 1] = (byte) ((src << 4) | dst);
    out[at + 2] = (byte) offset;
    out[at + 3] = (byte) (offset >> 8);
    out[at + 4] = (byte) imm;
    out[at + 5] = (byte) (imm >> 8);
    out[at + 6] = (byte) (imm >> 16);
    out[at + 7] = (byte) (imm >> 24);
  }

  /** The instruction in LLVM syntax, e.g. {@code r1 += 22}; jumps show their relative offset. */
  @Override
  public String toString() {
    return Disassembler.llvm().instruction(this);
  }
}
