package org.csdlab.ebpf;

import static org.csdlab.ebpf.Register.R0;
import static org.csdlab.ebpf.Register.R1;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class ProgramDecodeTest {

  private static final int[] EXIT = {0x95, 0, 0, 0, 0, 0, 0, 0};

  private static byte[] bytes(int[]... slots) {
    byte[] out = new byte[slots.length * 8];
    for (int s = 0; s < slots.length; s++) {
      for (int i = 0; i < 8; i++) {
        out[s * 8 + i] = (byte) slots[s][i];
      }
    }
    return out;
  }

  @Test
  void decodesFieldsLittleEndian() {
    Program program =
        Program.decode(
            bytes(
                new int[] {
                  0x7b, 0x21, 0x34, 0x12, 0x00, 0x00, 0x00, 0x00
                }, // *(u64 *)(r1 + 0x1234) = r2
                new int[] {0x07, 0x03, 0x00, 0x00, 0x16, 0xff, 0xff, 0xff}, // r3 += -234
                EXIT));
    Instruction store = program.at(0);
    assertEquals(0x7b, store.opcode());
    assertEquals(1, store.dst());
    assertEquals(2, store.src());
    assertEquals(0x1234, store.offset());
    assertEquals(-234, program.at(1).imm());
  }

  @Test
  void lddwTakesTwoSlotsAndJoinsItsImmediate() {
    Program program =
        Program.decode(
            bytes(
                new int[] {0x18, 0x01, 0, 0, 0x88, 0x77, 0x66, 0x55}, // r1 = 0x1122334455667788 ll
                new int[] {0x00, 0x00, 0, 0, 0x44, 0x33, 0x22, 0x11},
                EXIT));
    assertEquals(2, program.size());
    assertEquals(3, program.slotCount());
    assertEquals(0x1122334455667788L, program.at(0).imm());
    assertTrue(program.at(2).isExit());
    assertEquals(2, program.pcOf(1));
  }

  @Test
  void encodeInvertsDecode() {
    byte[] code =
        bytes(
            new int[] {0xb7, 0x00, 0, 0, 0xff, 0xff, 0xff, 0xff}, // r0 = -1
            new int[] {0x18, 0x01, 0, 0, 0x01, 0, 0, 0x80}, // r1 = ... ll
            new int[] {0x00, 0x00, 0, 0, 0xff, 0, 0, 0},
            new int[] {0x7b, 0x1a, 0xf8, 0xff, 0, 0, 0, 0}, // *(u64 *)(r10 - 8) = r1
            EXIT);
    assertArrayEquals(code, Program.decode(code).encode());
  }

  @Test
  void factoriesBuildTheSameBytesAsTheRfcTables() {
    assertArrayEquals(new byte[] {0x07, 0x01, 0, 0, 22, 0, 0, 0}, AluOp.ADD.imm(R1, 22).encode());
    assertArrayEquals(new byte[] {0x3f, 0x10, 1, 0, 0, 0, 0, 0}, AluOp.SDIV.reg(R0, R1).encode());
    assertArrayEquals(
        new byte[] {(byte) 0xbc, 0x10, 8, 0, 0, 0, 0, 0}, AluOp.MOVSX8.reg32(R0, R1).encode());
    assertArrayEquals(
        new byte[] {0x2d, 0x10, 3, 0, 0, 0, 0, 0}, JumpOp.JGT.reg(R0, R1, 3).encode());
    assertArrayEquals(
        new byte[] {(byte) 0xdb, 0x21, 0, 0, (byte) 0xf1, 0, 0, 0},
        AtomicOp.CMPXCHG.of(Size.DW, R1, Register.R2, 0).encode());
    assertArrayEquals(
        new byte[] {(byte) 0x8d, 0x02, 0, 0, 0, 0, 0, 0}, Instruction.callx(Register.R2).encode());
    assertArrayEquals(new byte[] {(byte) 0x95, 0, 0, 0, 0, 0, 0, 0}, Instruction.exit().encode());
  }

  static Stream<Arguments> invalidPrograms() {
    return Stream.of(
        Arguments.of("empty", new int[][] {}, FormatRule.EMPTY, 0),
        Arguments.of(
            "unknown opcode 0xe7",
            new int[][] {{0xe7, 1, 0, 0, 0, 0, 0, 0}, EXIT},
            FormatRule.UNKNOWN_OPCODE,
            0),
        Arguments.of(
            "ld_abs",
            new int[][] {{0x20, 0, 0, 0, 0, 0, 0, 0}, EXIT},
            FormatRule.LEGACY_PACKET_ACCESS,
            0),
        Arguments.of(
            "ld_ind",
            new int[][] {{0x40, 0, 0, 0, 0, 0, 0, 0}, EXIT},
            FormatRule.LEGACY_PACKET_ACCESS,
            0),
        Arguments.of(
            "register 11",
            new int[][] {{0xb7, 0x0b, 0, 0, 0, 0, 0, 0}, EXIT},
            FormatRule.INVALID_REGISTER,
            0),
        Arguments.of(
            "src register 12",
            new int[][] {{0x0f, 0xc0, 0, 0, 0, 0, 0, 0}, EXIT},
            FormatRule.INVALID_REGISTER,
            0),
        Arguments.of(
            "r10 written",
            new int[][] {{0xb7, 0x0a, 0, 0, 0, 0, 0, 0}, EXIT},
            FormatRule.INVALID_REGISTER,
            0),
        Arguments.of(
            "imm on reg-form add",
            new int[][] {{0x0f, 0x10, 0, 0, 1, 0, 0, 0}, EXIT},
            FormatRule.RESERVED_FIELD,
            0),
        Arguments.of(
            "src on imm-form add",
            new int[][] {{0x07, 0x10, 0, 0, 1, 0, 0, 0}, EXIT},
            FormatRule.RESERVED_FIELD,
            0),
        Arguments.of(
            "offset 2 on div",
            new int[][] {{0x3f, 0x10, 2, 0, 0, 0, 0, 0}, EXIT},
            FormatRule.RESERVED_FIELD,
            0),
        Arguments.of(
            "movsx32 in 32-bit form",
            new int[][] {{0xbc, 0x10, 32, 0, 0, 0, 0, 0}, EXIT},
            FormatRule.RESERVED_FIELD,
            0),
        Arguments.of(
            "byte swap width 8",
            new int[][] {{0xdc, 0x01, 0, 0, 8, 0, 0, 0}, EXIT},
            FormatRule.RESERVED_FIELD,
            0),
        Arguments.of(
            "bswap with source bit",
            new int[][] {{0xdf, 0x01, 0, 0, 16, 0, 0, 0}, EXIT},
            FormatRule.UNKNOWN_OPCODE,
            0),
        Arguments.of(
            "atomic op 0x10",
            new int[][] {{0xdb, 0x21, 0, 0, 0x10, 0, 0, 0}, EXIT},
            FormatRule.RESERVED_FIELD,
            0),
        Arguments.of(
            "atomic of 2 bytes",
            new int[][] {{0xcb, 0x21, 0, 0, 0, 0, 0, 0}, EXIT},
            FormatRule.UNKNOWN_OPCODE,
            0),
        Arguments.of(
            "sign-extending load of 8 bytes",
            new int[][] {{0x99, 0x21, 0, 0, 0, 0, 0, 0}, EXIT},
            FormatRule.UNKNOWN_OPCODE,
            0),
        Arguments.of(
            "lddw truncated",
            new int[][] {EXIT, {0x18, 0x01, 0, 0, 0, 0, 0, 0}},
            FormatRule.LDDW_TRUNCATED,
            1),
        Arguments.of(
            "lddw second slot opcode",
            new int[][] {{0x18, 0x01, 0, 0, 0, 0, 0, 0}, {0x95, 0, 0, 0, 0, 0, 0, 0}, EXIT},
            FormatRule.LDDW_MALFORMED,
            0),
        Arguments.of(
            "lddw pseudo map",
            new int[][] {{0x18, 0x11, 0, 0, 0, 0, 0, 0}, {0, 0, 0, 0, 0, 0, 0, 0}, EXIT},
            FormatRule.UNSUPPORTED,
            0),
        Arguments.of(
            "jump past the end",
            new int[][] {{0x05, 0, 5, 0, 0, 0, 0, 0}, EXIT},
            FormatRule.JUMP_OUT_OF_RANGE,
            0),
        Arguments.of(
            "jump before the start",
            new int[][] {{0x05, 0, 0xfe, 0xff, 0, 0, 0, 0}, EXIT},
            FormatRule.JUMP_OUT_OF_RANGE,
            0),
        Arguments.of(
            "gotol past the end",
            new int[][] {{0x06, 0, 0, 0, 9, 0, 0, 0}, EXIT},
            FormatRule.JUMP_OUT_OF_RANGE,
            0),
        Arguments.of(
            "jump into lddw",
            new int[][] {
              {0x05, 0, 1, 0, 0, 0, 0, 0},
              {0x18, 0x01, 0, 0, 0, 0, 0, 0},
              {0, 0, 0, 0, 0, 0, 0, 0},
              EXIT
            },
            FormatRule.JUMP_INTO_LDDW,
            0),
        Arguments.of(
            "local call to nowhere",
            new int[][] {{0x85, 0x10, 0, 0, 7, 0, 0, 0}, EXIT},
            FormatRule.CALL_TARGET_MISSING,
            0),
        Arguments.of(
            "kfunc call",
            new int[][] {{0x85, 0x20, 0, 0, 7, 0, 0, 0}, EXIT},
            FormatRule.UNSUPPORTED,
            0),
        Arguments.of(
            "exit with a register",
            new int[][] {{0x95, 0x01, 0, 0, 0, 0, 0, 0}},
            FormatRule.RESERVED_FIELD,
            0),
        Arguments.of(
            "no exit",
            new int[][] {{0xb7, 0, 0, 0, 0, 0, 0, 0}, {0x05, 0, 0xfe, 0xff, 0, 0, 0, 0}},
            FormatRule.NO_EXIT,
            1),
        Arguments.of(
            "falls off the end",
            new int[][] {EXIT, {0xb7, 0, 0, 0, 0, 0, 0, 0}},
            FormatRule.FALLS_OFF_END,
            1),
        Arguments.of(
            "exit in JMP32",
            new int[][] {{0x96, 0, 0, 0, 0, 0, 0, 0}, EXIT},
            FormatRule.UNKNOWN_OPCODE,
            0),
        Arguments.of(
            "call in JMP32",
            new int[][] {{0x86, 0, 0, 0, 0, 0, 0, 0}, EXIT},
            FormatRule.UNKNOWN_OPCODE,
            0));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("invalidPrograms")
  void refusesInvalidProgramsNamingRuleAndIndex(
      String name, int[][] slots, FormatRule rule, int index) {
    ProgramFormatException e =
        assertThrows(ProgramFormatException.class, () -> Program.decode(bytes(slots)));
    assertEquals(rule, e.rule(), e.getMessage());
    assertEquals(index, e.index(), e.getMessage());
    assertTrue(e.getMessage().startsWith("instruction " + index + ": "), e.getMessage());
  }

  @Test
  void partialSlotNamesTheLeftoverBytes() {
    ProgramFormatException e =
        assertThrows(
            ProgramFormatException.class,
            () -> Program.decode(new byte[] {(byte) 0x95, 0, 0, 0, 0, 0, 0, 0, 1, 2, 3}));
    assertEquals(FormatRule.PARTIAL_SLOT, e.rule());
    assertEquals(
        "instruction 1: 11 bytes leave 3 bytes of a partial slot at the end"
            + " (bytecode length must be a multiple of 8)",
        e.getMessage());
  }

  @Test
  void refusesProgramsOverTheSlotLimit() {
    byte[] code = new byte[(Program.MAX_SLOTS + 1) * 8];
    ProgramFormatException e =
        assertThrows(ProgramFormatException.class, () -> Program.decode(code));
    assertEquals(FormatRule.TOO_LARGE, e.rule());
  }

  @Test
  void instructionRefusesFieldsThatDoNotFitTheirBits() {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> Instruction.of(0x07, 16, 0, 0, 0));
    assertEquals("dst 16 is outside 0..15", e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> Instruction.of(0x07, 1, 0, 0, 1L << 32));
  }
}
