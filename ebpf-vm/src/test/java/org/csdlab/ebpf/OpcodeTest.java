package org.csdlab.ebpf;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.EnumSet;
import java.util.HashSet;
import java.util.Set;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;

class OpcodeTest {

  private static Instruction sample(Opcode op) {
    int offset = 0;
    int src = 0;
    if (op.aluOp() != null) {
      offset = op.aluOp().offset();
    }
    if (op == Opcode.CALL_LOCAL) {
      src = Instruction.CALL_LOCAL;
    }
    long imm = op.isByteOrder() ? 32 : op.isAtomic() ? AtomicOp.ADD.imm() : 0;
    return Instruction.of(op.code(), 0, src, offset, imm);
  }

  @Test
  void everyValueIsFoundAgainFromAnInstructionWithItsFields() {
    for (Opcode op : Opcode.values()) {
      assertEquals(op, Opcode.of(sample(op)), op.name());
    }
  }

  @Test
  void eachOperationHasOneValue() {
    Set<String> keys = new HashSet<>();
    for (Opcode op : Opcode.values()) {
      Instruction insn = sample(op);
      assertTrue(keys.add(insn.opcode() + "/" + insn.offset() + "/" + insn.src()), op.name());
    }
  }

  @Test
  void theNameSaysTheOperationTheWidthAndTheSource() {
    for (Opcode op : Opcode.values()) {
      String name = op.name();
      if (op.aluOp() != null) {
        String withoutWidth =
            name.replaceFirst(Integer.toString(op.widthBits()), "").replace("_", "");
        assertTrue(withoutWidth.startsWith(op.aluOp().name()), name);
        assertTrue(name.contains(Integer.toString(op.widthBits())), name);
      }
      if (op.isConditionalJump()) {
        assertTrue(name.startsWith(op.jumpOp().name() + op.widthBits() + "_"), name);
      }
      if (op.source() != null && op.aluOp() != AluOp.NEG && !op.isByteOrder()) {
        assertTrue(
            name.endsWith(op.source().name())
                || name.startsWith("MOVSX")
                || name.startsWith("JA")
                || name.equals("CALLX"),
            name);
      }
      if (op.size() != null && op.mode() != Mode.IMM) {
        String suffix = name.substring(name.length() - (op.size() == Size.DW ? 2 : 1));
        assertEquals(op.size().name(), suffix, name);
      }
    }
  }

  @Test
  void theSignExtendingMovesAreTheMovesWithAWidthInTheOffset() {
    assertEquals(
        EnumSet.of(
            Opcode.MOVSX64_8,
            Opcode.MOVSX64_16,
            Opcode.MOVSX64_32,
            Opcode.MOVSX32_8,
            Opcode.MOVSX32_16),
        valuesWhere(Opcode::isSignExtendingMove));
  }

  @Test
  void theUnconditionalJumpsAreJaAndGotol() {
    assertEquals(EnumSet.of(Opcode.JA, Opcode.JA32), valuesWhere(Opcode::isUnconditionalJump));
  }

  private static Set<Opcode> valuesWhere(Predicate<Opcode> test) {
    Set<Opcode> matching = EnumSet.noneOf(Opcode.class);
    for (Opcode op : Opcode.values()) {
      if (test.test(op)) {
        matching.add(op);
      }
    }
    return matching;
  }

  @Test
  void byCodeReadsTheOpcodeByteWithItsOtherFieldsZero() {
    for (int code = 0; code < 256; code++) {
      assertEquals(Opcode.of(Instruction.of(code, 0, 0, 0, 0)), Opcode.byCode(code), "0x" + code);
    }
    assertEquals(Opcode.DIV64_IMM, Opcode.byCode(Opcodes.DIV64_IMM));
    assertEquals(Opcode.MOV32_REG, Opcode.byCode(Opcodes.MOV32_REG));
    assertEquals(Opcode.CALL_HELPER, Opcode.byCode(Opcodes.CALL));
    assertNull(Opcode.byCode(0xdf), "bswap with a register source");
    assertNull(Opcode.byCode(0x8e), "call in class JMP32");
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> Opcode.byCode(0x100));
    assertEquals("opcode 256 is not a byte (0 to 255)", e.getMessage());
  }

  @Test
  void everyOpcodeAProgramAcceptsIsInTheTableAndNoOther() {
    Set<Opcode> seen = EnumSet.noneOf(Opcode.class);
    for (Opcode op : Opcode.values()) {
      Instruction insn = sample(op);
      Instruction valid = usableForm(op, insn);
      Program program = Program.of(valid, Instruction.exit());
      seen.add(Opcode.of(program.instructions().get(0)));
    }
    assertEquals(EnumSet.allOf(Opcode.class), seen);
    for (int code = 0; code < 256; code++) {
      Instruction insn = Instruction.of(code, 0, 0, 0, 0);
      if (Opcode.of(insn) == null) {
        assertRefused(insn);
      }
    }
  }

  private static Instruction usableForm(Opcode op, Instruction insn) {
    int dst = 0;
    int src = insn.src();
    int offset = insn.offset();
    long imm = insn.imm();
    if (op.isLoad() || op.isStore() || op.isAtomic()) {
      dst = op.isLoad() ? 0 : 10;
      src = op.isLoad() ? 10 : op.instructionClass() == InstructionClass.ST ? 0 : 1;
      offset = -8;
    } else if (op == Opcode.CALL_LOCAL) {
      imm = 0;
    } else if (op == Opcode.CALL_HELPER) {
      imm = 1;
    } else if (op.isConditionalJump() || op == Opcode.JA) {
      offset = 0;
    } else if (op == Opcode.LDDW) {
      imm = 1L << 40;
    }
    if (op.source() == Source.REG && op.jumpOp() != JumpOp.CALL && !op.isByteOrder()) {
      src = 1;
    }
    return Instruction.of(insn.opcode(), dst, src, offset, imm);
  }

  private static void assertRefused(Instruction insn) {
    for (int src = 0; src < 2; src++) {
      Instruction form = Instruction.of(insn.opcode(), 0, src, 0, 0);
      try {
        Program.of(form, Instruction.exit());
      } catch (ProgramFormatException expected) {
        continue;
      }
      assertNotNull(
          Opcode.of(form),
          "the program accepts opcode 0x"
              + Integer.toHexString(insn.opcode())
              + " which the table lacks");
    }
    assertNull(Opcode.of(insn));
  }
}
