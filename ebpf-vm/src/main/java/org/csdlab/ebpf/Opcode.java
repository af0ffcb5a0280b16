package org.csdlab.ebpf;

import java.util.ArrayList;
import java.util.List;

/**
 * The named opcode table: every operation of RFC 9669 as one value, with its opcode byte and, where
 * two operations share a byte, the field that tells them apart (the offset for signed division,
 * signed modulo and sign-extending moves, src for local calls). Its class, operand source, width
 * and operation are read from the opcode's bits by {@link InstructionClass}, {@link Source}, {@link
 * Size}, {@link Mode}, {@link AluOp} and {@link JumpOp}, so what an opcode means is written once.
 *
 * <p>The interpreter switches on {@link Opcodes}' constants; the verifier, the formatters and the
 * JIT use these values.
 */
public enum Opcode {
  ADD64_IMM(Opcodes.ADD64_IMM, 0),
  ADD64_REG(Opcodes.ADD64_REG, 0),
  SUB64_IMM(Opcodes.SUB64_IMM, 0),
  SUB64_REG(Opcodes.SUB64_REG, 0),
  MUL64_IMM(Opcodes.MUL64_IMM, 0),
  MUL64_REG(Opcodes.MUL64_REG, 0),
  DIV64_IMM(Opcodes.DIV64_IMM, 0),
  /** Signed division: the offset field is 1. */
  SDIV64_IMM(Opcodes.DIV64_IMM, 1),
  DIV64_REG(Opcodes.DIV64_REG, 0),
  /** Signed division: the offset field is 1. */
  SDIV64_REG(Opcodes.DIV64_REG, 1),
  OR64_IMM(Opcodes.OR64_IMM, 0),
  OR64_REG(Opcodes.OR64_REG, 0),
  AND64_IMM(Opcodes.AND64_IMM, 0),
  AND64_REG(Opcodes.AND64_REG, 0),
  LSH64_IMM(Opcodes.LSH64_IMM, 0),
  LSH64_REG(Opcodes.LSH64_REG, 0),
  RSH64_IMM(Opcodes.RSH64_IMM, 0),
  RSH64_REG(Opcodes.RSH64_REG, 0),
  MOD64_IMM(Opcodes.MOD64_IMM, 0),
  /** Signed modulo: the offset field is 1. */
  SMOD64_IMM(Opcodes.MOD64_IMM, 1),
  MOD64_REG(Opcodes.MOD64_REG, 0),
  /** Signed modulo: the offset field is 1. */
  SMOD64_REG(Opcodes.MOD64_REG, 1),
  XOR64_IMM(Opcodes.XOR64_IMM, 0),
  XOR64_REG(Opcodes.XOR64_REG, 0),
  MOV64_IMM(Opcodes.MOV64_IMM, 0),
  MOV64_REG(Opcodes.MOV64_REG, 0),
  /** Sign-extending move of the low 8 bits: the offset field is 8. */
  MOVSX64_8(Opcodes.MOV64_REG, 8),
  /** Sign-extending move of the low 16 bits: the offset field is 16. */
  MOVSX64_16(Opcodes.MOV64_REG, 16),
  /** Sign-extending move of the low 32 bits: the offset field is 32. */
  MOVSX64_32(Opcodes.MOV64_REG, 32),
  ARSH64_IMM(Opcodes.ARSH64_IMM, 0),
  ARSH64_REG(Opcodes.ARSH64_REG, 0),
  NEG64(Opcodes.NEG64, 0),
  ADD32_IMM(Opcodes.ADD32_IMM, 0),
  ADD32_REG(Opcodes.ADD32_REG, 0),
  SUB32_IMM(Opcodes.SUB32_IMM, 0),
  SUB32_REG(Opcodes.SUB32_REG, 0),
  MUL32_IMM(Opcodes.MUL32_IMM, 0),
  MUL32_REG(Opcodes.MUL32_REG, 0),
  DIV32_IMM(Opcodes.DIV32_IMM, 0),
  /** Signed division: the offset field is 1. */
  SDIV32_IMM(Opcodes.DIV32_IMM, 1),
  DIV32_REG(Opcodes.DIV32_REG, 0),
  /** Signed division: the offset field is 1. */
  SDIV32_REG(Opcodes.DIV32_REG, 1),
  OR32_IMM(Opcodes.OR32_IMM, 0),
  OR32_REG(Opcodes.OR32_REG, 0),
  AND32_IMM(Opcodes.AND32_IMM, 0),
  AND32_REG(Opcodes.AND32_REG, 0),
  LSH32_IMM(Opcodes.LSH32_IMM, 0),
  LSH32_REG(Opcodes.LSH32_REG, 0),
  RSH32_IMM(Opcodes.RSH32_IMM, 0),
  RSH32_REG(Opcodes.RSH32_REG, 0),
  MOD32_IMM(Opcodes.MOD32_IMM, 0),
  /** Signed modulo: the offset field is 1. */
  SMOD32_IMM(Opcodes.MOD32_IMM, 1),
  MOD32_REG(Opcodes.MOD32_REG, 0),
  /** Signed modulo: the offset field is 1. */
  SMOD32_REG(Opcodes.MOD32_REG, 1),
  XOR32_IMM(Opcodes.XOR32_IMM, 0),
  XOR32_REG(Opcodes.XOR32_REG, 0),
  MOV32_IMM(Opcodes.MOV32_IMM, 0),
  MOV32_REG(Opcodes.MOV32_REG, 0),
  /** Sign-extending move of the low 8 bits: the offset field is 8. */
  MOVSX32_8(Opcodes.MOV32_REG, 8),
  /** Sign-extending move of the low 16 bits: the offset field is 16. */
  MOVSX32_16(Opcodes.MOV32_REG, 16),
  ARSH32_IMM(Opcodes.ARSH32_IMM, 0),
  ARSH32_REG(Opcodes.ARSH32_REG, 0),
  NEG32(Opcodes.NEG32, 0),
  LE(Opcodes.LE, 0),
  BE(Opcodes.BE, 0),
  BSWAP(Opcodes.BSWAP, 0),
  JEQ64_IMM(Opcodes.JEQ64_IMM, Selector.ANY),
  JEQ64_REG(Opcodes.JEQ64_REG, Selector.ANY),
  JGT64_IMM(Opcodes.JGT64_IMM, Selector.ANY),
  JGT64_REG(Opcodes.JGT64_REG, Selector.ANY),
  JGE64_IMM(Opcodes.JGE64_IMM, Selector.ANY),
  JGE64_REG(Opcodes.JGE64_REG, Selector.ANY),
  JSET64_IMM(Opcodes.JSET64_IMM, Selector.ANY),
  JSET64_REG(Opcodes.JSET64_REG, Selector.ANY),
  JNE64_IMM(Opcodes.JNE64_IMM, Selector.ANY),
  JNE64_REG(Opcodes.JNE64_REG, Selector.ANY),
  JSGT64_IMM(Opcodes.JSGT64_IMM, Selector.ANY),
  JSGT64_REG(Opcodes.JSGT64_REG, Selector.ANY),
  JSGE64_IMM(Opcodes.JSGE64_IMM, Selector.ANY),
  JSGE64_REG(Opcodes.JSGE64_REG, Selector.ANY),
  JLT64_IMM(Opcodes.JLT64_IMM, Selector.ANY),
  JLT64_REG(Opcodes.JLT64_REG, Selector.ANY),
  JLE64_IMM(Opcodes.JLE64_IMM, Selector.ANY),
  JLE64_REG(Opcodes.JLE64_REG, Selector.ANY),
  JSLT64_IMM(Opcodes.JSLT64_IMM, Selector.ANY),
  JSLT64_REG(Opcodes.JSLT64_REG, Selector.ANY),
  JSLE64_IMM(Opcodes.JSLE64_IMM, Selector.ANY),
  JSLE64_REG(Opcodes.JSLE64_REG, Selector.ANY),
  JEQ32_IMM(Opcodes.JEQ32_IMM, Selector.ANY),
  JEQ32_REG(Opcodes.JEQ32_REG, Selector.ANY),
  JGT32_IMM(Opcodes.JGT32_IMM, Selector.ANY),
  JGT32_REG(Opcodes.JGT32_REG, Selector.ANY),
  JGE32_IMM(Opcodes.JGE32_IMM, Selector.ANY),
  JGE32_REG(Opcodes.JGE32_REG, Selector.ANY),
  JSET32_IMM(Opcodes.JSET32_IMM, Selector.ANY),
  JSET32_REG(Opcodes.JSET32_REG, Selector.ANY),
  JNE32_IMM(Opcodes.JNE32_IMM, Selector.ANY),
  JNE32_REG(Opcodes.JNE32_REG, Selector.ANY),
  JSGT32_IMM(Opcodes.JSGT32_IMM, Selector.ANY),
  JSGT32_REG(Opcodes.JSGT32_REG, Selector.ANY),
  JSGE32_IMM(Opcodes.JSGE32_IMM, Selector.ANY),
  JSGE32_REG(Opcodes.JSGE32_REG, Selector.ANY),
  JLT32_IMM(Opcodes.JLT32_IMM, Selector.ANY),
  JLT32_REG(Opcodes.JLT32_REG, Selector.ANY),
  JLE32_IMM(Opcodes.JLE32_IMM, Selector.ANY),
  JLE32_REG(Opcodes.JLE32_REG, Selector.ANY),
  JSLT32_IMM(Opcodes.JSLT32_IMM, Selector.ANY),
  JSLT32_REG(Opcodes.JSLT32_REG, Selector.ANY),
  JSLE32_IMM(Opcodes.JSLE32_IMM, Selector.ANY),
  JSLE32_REG(Opcodes.JSLE32_REG, Selector.ANY),
  JA(Opcodes.JA, Selector.ANY),
  JA32(Opcodes.JA32, Selector.ANY),
  /** Call of the helper whose id is the immediate (src 0). */
  CALL_HELPER(Opcodes.CALL, Instruction.CALL_HELPER),
  /** Call of the local function at pc + imm + 1 (src 1). */
  CALL_LOCAL(Opcodes.CALL, Instruction.CALL_LOCAL),
  CALLX(Opcodes.CALLX, Selector.ANY),
  EXIT(Opcodes.EXIT, Selector.ANY),
  LDDW(Opcodes.LDDW, Selector.ANY),
  LDXW(Opcodes.LDXW, Selector.ANY),
  LDXH(Opcodes.LDXH, Selector.ANY),
  LDXB(Opcodes.LDXB, Selector.ANY),
  LDXDW(Opcodes.LDXDW, Selector.ANY),
  LDXSW(Opcodes.LDXSW, Selector.ANY),
  LDXSH(Opcodes.LDXSH, Selector.ANY),
  LDXSB(Opcodes.LDXSB, Selector.ANY),
  STW(Opcodes.STW, Selector.ANY),
  STH(Opcodes.STH, Selector.ANY),
  STB(Opcodes.STB, Selector.ANY),
  STDW(Opcodes.STDW, Selector.ANY),
  STXW(Opcodes.STXW, Selector.ANY),
  STXH(Opcodes.STXH, Selector.ANY),
  STXB(Opcodes.STXB, Selector.ANY),
  STXDW(Opcodes.STXDW, Selector.ANY),
  ATOMIC_W(Opcodes.ATOMIC_W, Selector.ANY),
  ATOMIC_DW(Opcodes.ATOMIC_DW, Selector.ANY);

  /** Held apart from the enum so that its constants may name it. */
  private static final class Selector {
    /** For opcodes that no other field tells apart. */
    static final int ANY = Integer.MIN_VALUE;
  }

  /** The values of each opcode byte, most with one value, the split ones with several. */
  private static final Opcode[][] BY_CODE = byCode();

  private final int code;
  private final int selector;

  Opcode(int code, int selector) {
    this.code = code;
    this.selector = selector;
  }

  /** The opcode byte. */
  public int code() {
    return code;
  }

  /** The instruction class (the opcode's low three bits). */
  public InstructionClass instructionClass() {
    return InstructionClass.of(code);
  }

  /**
   * Where the second operand comes from; null for loads, stores, calls of helpers by id and exit.
   */
  public Source source() {
    InstructionClass cls = instructionClass();
    if (cls.isLoadOrStore() || this == CALL_HELPER || this == CALL_LOCAL || this == EXIT) {
      return null;
    }
    return Source.of(code);
  }

  /**
   * Bits the operation works on: 64 or 32 for arithmetic and jumps (by class), the access width for
   * loads and stores; for byte-order operations the instruction's immediate says.
   */
  public int widthBits() {
    InstructionClass cls = instructionClass();
    if (cls.isLoadOrStore()) {
      return size().bytes() * 8;
    }
    return cls == InstructionClass.ALU || cls == InstructionClass.JMP32 ? 32 : 64;
  }

  /** The access width of a load or store; null for other classes. */
  public Size size() {
    return instructionClass().isLoadOrStore() ? Size.of(code) : null;
  }

  /** The addressing mode of a load or store; null for other classes. */
  public Mode mode() {
    return instructionClass().isLoadOrStore() ? Mode.of(code) : null;
  }

  /** The arithmetic operation; null for byte-order operations and other classes. */
  public AluOp aluOp() {
    if (!instructionClass().isArithmetic() || isByteOrder()) {
      return null;
    }
    return AluOp.of(code, selector);
  }

  /** The jump, call or exit operation; null for other classes. */
  public JumpOp jumpOp() {
    return instructionClass().isJump() ? JumpOp.of(code) : null;
  }

  /** True for LE, BE and BSWAP, whose immediate gives the width (16, 32 or 64). */
  public boolean isByteOrder() {
    return this == LE || this == BE || this == BSWAP;
  }

  /** True for the sign-extending moves of both classes, whose offset gives the source width. */
  public boolean isSignExtendingMove() {
    AluOp op = aluOp();
    return op != null && op.isSignExtendingMove();
  }

  /** True for JA and JA32 (gotol), which always jump. */
  public boolean isUnconditionalJump() {
    return this == JA || this == JA32;
  }

  /** True for the conditional jumps of both classes. */
  public boolean isConditionalJump() {
    JumpOp op = jumpOp();
    return op != null && op.isConditional();
  }

  /** True for the loads from memory (LDX, zero- or sign-extending). */
  public boolean isLoad() {
    return instructionClass() == InstructionClass.LDX;
  }

  /** True for the stores to memory of classes ST and STX, atomics excluded. */
  public boolean isStore() {
    InstructionClass cls = instructionClass();
    return (cls == InstructionClass.ST || cls == InstructionClass.STX) && mode() == Mode.MEM;
  }

  /**
   * True for the atomic read-modify-write instructions; the immediate names an {@link AtomicOp}.
   */
  public boolean isAtomic() {
    return this == ATOMIC_W || this == ATOMIC_DW;
  }

  /**
   * The operation of {@code insn}, or null when its opcode (with its offset or src) names none;
   * {@link Program} refuses such instructions, so for a program's instructions this is never null.
   */
  public static Opcode of(Instruction insn) {
    for (Opcode candidate : BY_CODE[insn.opcode()]) {
      int field =
          candidate.instructionClass().isArithmetic()
              ? insn.offset()
              : candidate.code == Opcodes.CALL ? insn.src() : Selector.ANY;
      if (candidate.selector == Selector.ANY || candidate.selector == field) {
        return candidate;
      }
    }
    return null;
  }

  /**
   * The value of opcode byte {@code opcode} read with its other fields zero (DIV64_IMM for 0x37,
   * CALL_HELPER for 0x85), or null when the byte names no operation whatever its other fields;
   * throws when {@code opcode} is not 0 to 255.
   */
  public static Opcode byCode(int opcode) {
    if (opcode < 0 || opcode >= BY_CODE.length) {
      throw new IllegalArgumentException("opcode " + opcode + " is not a byte (0 to 255)");
    }
    Opcode[] candidates = BY_CODE[opcode];
    return candidates.length == 0 ? null : candidates[0];
  }

  private static Opcode[][] byCode() {
    List<List<Opcode>> lists = new ArrayList<>();
    for (int code = 0; code < 256; code++) {
      lists.add(new ArrayList<>(2));
    }
    for (Opcode op : values()) {
      lists.get(op.code).add(op);
    }
    Opcode[][] table = new Opcode[256][];
    for (int code = 0; code < 256; code++) {
      table[code] = lists.get(code).toArray(new Opcode[0]);
    }
    return table;
  }
}
