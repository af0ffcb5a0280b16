package org.csdlab.ebpf.asm;

import org.csdlab.ebpf.Instruction;

/**
 * Test helper: one instruction from its encoded bytes written as hex ("07 01 00 00 16 00 00 00").
 */
final class Bytes {
  private Bytes() {}

  static Instruction instruction(String hex) {
    String[] parts = hex.trim().split("\\s+");
    byte[] b = new byte[parts.length];
    for (int i = 0; i < parts.length; i++) {
      b[i] = (byte) Integer.parseInt(parts[i], 16);
    }
    int opcode = b[0] & 0xff;
    int offset = (short) ((b[2] & 0xff) | (b[3] << 8));
    long imm = readInt(b, 4);
    if (b.length == 16) {
      imm = (imm & 0xffffffffL) | ((long) readInt(b, 12) << 32);
    }
    return Instruction.of(opcode, b[1] & 0xf, (b[1] & 0xff) >>> 4, offset, imm);
  }

  private static int readInt(byte[] b, int at) {
    return (b[at] & 0xff) | (b[at + 1] & 0xff) << 8 | (b[at + 2] & 0xff) << 16 | b[at + 3] << 24;
  }
}
