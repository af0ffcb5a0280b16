package org.csdlab.ebpf;

import java.util.ArrayList;
import java.util.List;

/** Turns little-endian bytecode into instruction values; only slot-level rules are checked here. */
final class ProgramDecoder {
  private ProgramDecoder() {}

  static List<Instruction> decode(byte[] bytecode) {
    if (bytecode.length == 0) {
      throw new ProgramFormatException(FormatRule.EMPTY, 0, "no bytes given");
    }
    if (bytecode.length % Instruction.SLOT_BYTES != 0) {
      throw new ProgramFormatException(
          FormatRule.PARTIAL_SLOT,
          bytecode.length / Instruction.SLOT_BYTES,
          bytecode.length
              + " bytes leave "
              + bytecode.length % Instruction.SLOT_BYTES
              + " bytes of a partial slot at the end");
    }
    int slots = bytecode.length / Instruction.SLOT_BYTES;
    if (slots > Program.MAX_SLOTS) {
      throw new ProgramFormatException(
          FormatRule.TOO_LARGE, Program.MAX_SLOTS, slots + " slots given");
    }
    List<Instruction> out = new ArrayList<>(slots);
    for (int pc = 0; pc < slots; pc++) {
      int at = pc * Instruction.SLOT_BYTES;
      int opcode = bytecode[at] & 0xff;
      int regs = bytecode[at + 1] & 0xff;
      int offset = (short) ((bytecode[at + 2] & 0xff) | (bytecode[at + 3] << 8));
      int imm = readInt(bytecode, at + 4);
      if (opcode != Instruction.LDDW_OPCODE) {
        out.add(new Instruction(opcode, regs & 0xf, regs >>> 4, offset, imm));
        continue;
      }
      if (pc + 1 == slots) {
        throw new ProgramFormatException(FormatRule.LDDW_TRUNCATED, pc, "lddw is in the last slot");
      }
      int next = at + Instruction.SLOT_BYTES;
      if (bytecode[next] != 0
          || bytecode[next + 1] != 0
          || bytecode[next + 2] != 0
          || bytecode[next + 3] != 0) {
        throw new ProgramFormatException(
            FormatRule.LDDW_MALFORMED,
            pc,
            String.format(
                "second slot %d has opcode 0x%02x, registers 0x%02x, offset %d",
                pc + 1,
                bytecode[next] & 0xff,
                bytecode[next + 1] & 0xff,
                (short) ((bytecode[next + 2] & 0xff) | (bytecode[next + 3] << 8))));
      }
      long wide = (imm & 0xffffffffL) | ((long) readInt(bytecode, next + 4) << 32);
      out.add(new Instruction(opcode, regs & 0xf, regs >>> 4, offset, wide));
      pc++;
    }
    return out;
  }

  private static int readInt(byte[] bytes, int at) {
    return (bytes[at] & 0xff)
        | (bytes[at + 1] & 0xff) << 8
        | (bytes[at + 2] & 0xff) << 16
        | bytes[at + 3] << 24;
  }
}
