package org.csdlab.ebpf;

/**
 * Every opcode byte of RFC 9669 as a compile-time constant, for {@code switch} statements ({@code
 * case Opcodes.JGT64_IMM}). What each one means is {@link Opcode}'s job; the opcodes that share a
 * byte and differ in another field (signed division and modulo, sign-extending moves, local calls)
 * have one constant here and several {@link Opcode} values.
 *
 * <pre>
 *   ALU, ALU64, JMP, JMP32:  +----------+--------+----------+     LD, LDX, ST, STX:  +--------+------+----------+
 *                            |   code   | source |  class   |                        |  mode  | size |  class   |
 *                            +----------+--------+----------+                        +--------+------+----------+
 *                             7        4    3     2        0                          7      5 4    3 2        0
 * </pre>
 */
public final class Opcodes {
  private Opcodes() {}

  // ---- the instruction classes, the low three bits of every opcode ({@link InstructionClass})
  // ----
  public static final int CLASS_LD = 0x00;
  public static final int CLASS_LDX = 0x01;
  public static final int CLASS_ST = 0x02;
  public static final int CLASS_STX = 0x03;
  public static final int CLASS_ALU = 0x04;
  public static final int CLASS_JMP = 0x05;
  public static final int CLASS_JMP32 = 0x06;
  public static final int CLASS_ALU64 = 0x07;

  // ---- 64-bit arithmetic (ALU64); _IMM takes the sign-extended immediate, _REG the source
  // register ----
  public static final int ADD64_IMM = 0x07;
  public static final int ADD64_REG = 0x0f;
  public static final int SUB64_IMM = 0x17;
  public static final int SUB64_REG = 0x1f;
  public static final int MUL64_IMM = 0x27;
  public static final int MUL64_REG = 0x2f;
  public static final int DIV64_IMM = 0x37;
  public static final int DIV64_REG = 0x3f;
  public static final int OR64_IMM = 0x47;
  public static final int OR64_REG = 0x4f;
  public static final int AND64_IMM = 0x57;
  public static final int AND64_REG = 0x5f;
  public static final int LSH64_IMM = 0x67;
  public static final int LSH64_REG = 0x6f;
  public static final int RSH64_IMM = 0x77;
  public static final int RSH64_REG = 0x7f;
  public static final int MOD64_IMM = 0x97;
  public static final int MOD64_REG = 0x9f;
  public static final int XOR64_IMM = 0xa7;
  public static final int XOR64_REG = 0xaf;
  public static final int MOV64_IMM = 0xb7;
  public static final int MOV64_REG = 0xbf;
  public static final int ARSH64_IMM = 0xc7;
  public static final int ARSH64_REG = 0xcf;
  public static final int NEG64 = 0x87;

  // ---- 32-bit arithmetic (ALU); the result is zero-extended ----
  public static final int ADD32_IMM = 0x04;
  public static final int ADD32_REG = 0x0c;
  public static final int SUB32_IMM = 0x14;
  public static final int SUB32_REG = 0x1c;
  public static final int MUL32_IMM = 0x24;
  public static final int MUL32_REG = 0x2c;
  public static final int DIV32_IMM = 0x34;
  public static final int DIV32_REG = 0x3c;
  public static final int OR32_IMM = 0x44;
  public static final int OR32_REG = 0x4c;
  public static final int AND32_IMM = 0x54;
  public static final int AND32_REG = 0x5c;
  public static final int LSH32_IMM = 0x64;
  public static final int LSH32_REG = 0x6c;
  public static final int RSH32_IMM = 0x74;
  public static final int RSH32_REG = 0x7c;
  public static final int MOD32_IMM = 0x94;
  public static final int MOD32_REG = 0x9c;
  public static final int XOR32_IMM = 0xa4;
  public static final int XOR32_REG = 0xac;
  public static final int MOV32_IMM = 0xb4;
  public static final int MOV32_REG = 0xbc;
  public static final int ARSH32_IMM = 0xc4;
  public static final int ARSH32_REG = 0xcc;
  public static final int NEG32 = 0x84;

  // ---- byte order: to little-endian, to big-endian (ALU) and unconditional swap (ALU64); the
  // immediate gives the width ----
  public static final int LE = 0xd4;
  public static final int BE = 0xdc;
  public static final int BSWAP = 0xd7;

  // ---- 64-bit jumps (JMP) ----
  public static final int JEQ64_IMM = 0x15;
  public static final int JEQ64_REG = 0x1d;
  public static final int JGT64_IMM = 0x25;
  public static final int JGT64_REG = 0x2d;
  public static final int JGE64_IMM = 0x35;
  public static final int JGE64_REG = 0x3d;
  public static final int JSET64_IMM = 0x45;
  public static final int JSET64_REG = 0x4d;
  public static final int JNE64_IMM = 0x55;
  public static final int JNE64_REG = 0x5d;
  public static final int JSGT64_IMM = 0x65;
  public static final int JSGT64_REG = 0x6d;
  public static final int JSGE64_IMM = 0x75;
  public static final int JSGE64_REG = 0x7d;
  public static final int JLT64_IMM = 0xa5;
  public static final int JLT64_REG = 0xad;
  public static final int JLE64_IMM = 0xb5;
  public static final int JLE64_REG = 0xbd;
  public static final int JSLT64_IMM = 0xc5;
  public static final int JSLT64_REG = 0xcd;
  public static final int JSLE64_IMM = 0xd5;
  public static final int JSLE64_REG = 0xdd;

  // ---- jumps comparing the low 32 bits (JMP32) ----
  public static final int JEQ32_IMM = 0x16;
  public static final int JEQ32_REG = 0x1e;
  public static final int JGT32_IMM = 0x26;
  public static final int JGT32_REG = 0x2e;
  public static final int JGE32_IMM = 0x36;
  public static final int JGE32_REG = 0x3e;
  public static final int JSET32_IMM = 0x46;
  public static final int JSET32_REG = 0x4e;
  public static final int JNE32_IMM = 0x56;
  public static final int JNE32_REG = 0x5e;
  public static final int JSGT32_IMM = 0x66;
  public static final int JSGT32_REG = 0x6e;
  public static final int JSGE32_IMM = 0x76;
  public static final int JSGE32_REG = 0x7e;
  public static final int JLT32_IMM = 0xa6;
  public static final int JLT32_REG = 0xae;
  public static final int JLE32_IMM = 0xb6;
  public static final int JLE32_REG = 0xbe;
  public static final int JSLT32_IMM = 0xc6;
  public static final int JSLT32_REG = 0xce;
  public static final int JSLE32_IMM = 0xd6;
  public static final int JSLE32_REG = 0xde;

  // ---- unconditional jumps, calls and exit; JA32 (gotol) takes its offset from the immediate,
  // CALL is a helper call (src 0) or a local call (src 1) ----
  public static final int JA = 0x05;
  public static final int JA32 = 0x06;
  public static final int CALL = 0x85;
  public static final int CALLX = 0x8d;
  public static final int EXIT = 0x95;

  // ---- loads and stores; LDXS* sign-extend, ATOMIC_* take the operation in the immediate ----
  public static final int LDDW = 0x18;
  public static final int LDXW = 0x61;
  public static final int LDXH = 0x69;
  public static final int LDXB = 0x71;
  public static final int LDXDW = 0x79;
  public static final int LDXSW = 0x81;
  public static final int LDXSH = 0x89;
  public static final int LDXSB = 0x91;
  public static final int STW = 0x62;
  public static final int STH = 0x6a;
  public static final int STB = 0x72;
  public static final int STDW = 0x7a;
  public static final int STXW = 0x63;
  public static final int STXH = 0x6b;
  public static final int STXB = 0x73;
  public static final int STXDW = 0x7b;
  public static final int ATOMIC_W = 0xc3;
  public static final int ATOMIC_DW = 0xdb;
}
