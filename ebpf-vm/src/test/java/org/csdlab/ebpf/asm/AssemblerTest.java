package org.csdlab.ebpf.asm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.csdlab.ebpf.AluOp;
import org.csdlab.ebpf.AtomicOp;
import org.csdlab.ebpf.FormatRule;
import org.csdlab.ebpf.Instruction;
import org.csdlab.ebpf.JumpOp;
import org.csdlab.ebpf.Program;
import org.csdlab.ebpf.ProgramFormatException;
import org.csdlab.ebpf.Register;
import org.csdlab.ebpf.Size;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class AssemblerTest {
  private static final Register R0 = Register.R0;
  private static final Register R1 = Register.R1;
  private static final Register R2 = Register.R2;
  private static final Register R10 = Register.R10;

  @Test
  void assemblesLlvmProgramWithLabelsCommentsAndBlankLines() {
    Program program =
        Assembler.assemble(
            """
                ; count to ten
                    r0 = 0        // accumulator

                loop:   r0 += 1   # one more
                    if r0 < 10 goto loop
                    exit
                """);
    assertEquals(
        Program.of(
            AluOp.MOV.imm(R0, 0),
            AluOp.ADD.imm(R0, 1),
            JumpOp.JLT.imm(R0, 10, -2),
            Instruction.exit()),
        program);
  }

  @Test
  void assemblesUbpfProgramWithLabels() {
    Program program =
        Assembler.of(Syntax.UBPF)
            .program(
                """
                mov %r0, 0
                loop:
                add %r0, 1
                jlt %r0, 10, loop
                exit
                """);
    assertEquals(
        Program.of(
            AluOp.MOV.imm(R0, 0),
            AluOp.ADD.imm(R0, 1),
            JumpOp.JLT.imm(R0, 10, -2),
            Instruction.exit()),
        program);
  }

  @Test
  void mixesSyntaxesLineByLine() {
    Program program =
        Assembler.assemble(
            """
                mov %r0, 1
                r0 += 2
                jeq %r0, 3, +1
                goto +0
                exit
                """);
    assertEquals(
        Program.of(
            AluOp.MOV.imm(R0, 1),
            AluOp.ADD.imm(R0, 2),
            JumpOp.JEQ.imm(R0, 3, 1),
            Instruction.ja(0),
            Instruction.exit()),
        program);
  }

  @Test
  void forwardLabelsCountLddwAsTwoSlots() {
    Program program =
        Assembler.assemble(
            """
                    goto out
                    r1 = 0x1122334455667788 ll
                out:
                    exit
                """);
    assertEquals(Instruction.ja(2), program.instructions().get(0));
  }

  @Test
  void localCallsByLabelInBothSyntaxes() {
    List<Instruction> expected =
        List.of(
            Instruction.callLocal(1), Instruction.exit(), AluOp.MOV.imm(R0, 7), Instruction.exit());
    assertEquals(expected, Assembler.assemble("call fn\nexit\nfn: r0 = 7\nexit").instructions());
    assertEquals(
        expected, Assembler.assemble("call local fn\nexit\nfn:\nmov %r0, 7\nexit").instructions());
  }

  @Test
  void gotolAndJa32TakeLabelsInTheImmediate() {
    List<Instruction> expected =
        List.of(Instruction.jaLong(1), Instruction.exit(), Instruction.exit());
    assertEquals(expected, Assembler.assemble("gotol end\nexit\nend: exit").instructions());
    assertEquals(expected, Assembler.assemble("ja32 end\nexit\nend: exit").instructions());
  }

  @Test
  void undefinedExitLabelMeansFirstExitInstruction() {
    Program program = Assembler.assemble("jne %r1, 0, exit\nmov %r0, 1\nexit\nmov %r0, 2\nexit");
    assertEquals(JumpOp.JNE.imm(R1, 0, 1), program.instructions().get(0));
  }

  @Test
  void explicitExitLabelWinsOverTheImplicitOne() {
    Program program = Assembler.assemble("ja exit\nexit\nexit:\nexit");
    assertEquals(Instruction.ja(1), program.instructions().get(0));
  }

  @Test
  void readsObjdumpOutputWithSlotNumbersAndAnnotations() {
    Program program =
        Assembler.assemble(
            """
                       0:\tr0 = 0
                       1:\tgoto +1 <f+0x18>
                       2:\tr0 = 1
                       3:\texit
                """);
    assertEquals(
        Program.of(
            AluOp.MOV.imm(R0, 0), Instruction.ja(1), AluOp.MOV.imm(R0, 1), Instruction.exit()),
        program);
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "r1 = 0x7fffffff               | 2147483647",
        "r1 = 0xffffffff               | -1",
        "r1 = 4294967295               | -1",
        "r1 = -2147483648              | -2147483648",
        "r1 = - 5                      | -5",
        "mov %r1, 0x80000000           | -2147483648",
        "mov %r1, -0x10                | -16",
      })
  void immediatesAcceptHexDecimalNegativeAndUnsignedSpellings(String line, long imm) {
    assertEquals(imm, Assembler.auto().instructions(line).get(0).imm());
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "r1 = 0xffffffffffffffff ll    | -1",
        "r1 = -9223372036854775808 ll  | -9223372036854775808",
        "r1 = 18446744073709551615 ll  | -1",
        "lddw %r1, 0x8000000000000000  | -9223372036854775808",
        "lddw %r1, 2147483648          | 2147483648",
      })
  void lddwAcceptsAll64BitSpellings(String line, long imm) {
    Instruction instruction = Assembler.auto().instructions(line).get(0);
    assertEquals(Instruction.LDDW_OPCODE, instruction.opcode());
    assertEquals(imm, instruction.imm());
  }

  /** Spellings the bpf_conformance test files use, each with the instruction it means. */
  @Test
  void readsEveryConformanceSuiteSpelling() {
    assertReads("mov32 %r0, 0", AluOp.MOV.imm32(R0, 0));
    assertReads("add %r0, -3", AluOp.ADD.imm(R0, -3));
    assertReads("ldxb %r8, [%r0+0x1]", Instruction.load(Size.B, Register.R8, R0, 1));
    assertReads("sth [%r0], 0x1234", Instruction.storeImm(Size.H, R0, 0, 0x1234));
    assertReads("stw [%r10-4], 0x80000001", Instruction.storeImm(Size.W, R10, -4, 0x80000001));
    assertReads("stxdw [%r10-8], %r1", Instruction.storeReg(Size.DW, R10, -8, R1));
    assertReads("ldxsh %r0, [%r10-2]", Instruction.loadSigned(Size.H, R0, R10, -2));
    assertReads("lock add [%r10-8], %r1", AtomicOp.ADD.of(Size.DW, R10, R1, -8));
    assertReads(
        "lock fetch and32 [%r10-4], %r3", AtomicOp.FETCH_AND.of(Size.W, R10, Register.R3, -4));
    assertReads("lock xchg32 [%r10-8], %r1", AtomicOp.XCHG.of(Size.W, R10, R1, -8));
    assertReads("lock cmpxchg [%r10-8], %r1", AtomicOp.CMPXCHG.of(Size.DW, R10, R1, -8));
    assertReads("xadddw [%r10-8], %r1", AtomicOp.ADD.of(Size.DW, R10, R1, -8));
    assertReads("xaddw [%r10-8], %r1", AtomicOp.ADD.of(Size.W, R10, R1, -8));
    assertReads("swap16 %r0", Instruction.byteSwap(R0, 16));
    assertReads("bswap64 %r0", Instruction.byteSwap(R0, 64));
    assertReads("be32 %r1", Instruction.toBigEndian(R1, 32));
    assertReads("le64 %r1", Instruction.toLittleEndian(R1, 64));
    assertReads("movsx832 %r0, %r1", AluOp.MOVSX8.reg32(R0, R1));
    assertReads("movsx1664 %r8, %r1", AluOp.MOVSX16.reg(Register.R8, R1));
    assertReads("movsx3264 %r0, %r9", AluOp.MOVSX32.reg(R0, Register.R9));
    assertReads("movsx8 %r0, %r1", AluOp.MOVSX8.reg(R0, R1));
    assertReads("sdiv32 %r0, 2", AluOp.SDIV.imm32(R0, 2));
    assertReads("smod %r0, %r1", AluOp.SMOD.reg(R0, R1));
    assertReads("neg32 %r2", AluOp.NEG.imm32(R2, 0));
    assertReads("jsle32 %r1, %r2, +1", JumpOp.JSLE.reg32(R1, R2, 1));
    assertReads(
        "jeq %r1, 0x80000000, +1 # Taken, sign extended", JumpOp.JEQ.imm(R1, 0x80000000, 1));
    assertReads("call 5", Instruction.call(5));
    assertReads("call helper 5", Instruction.call(5));
    assertReads("call %r2", Instruction.callx(R2));
    assertReads("call helper %r2", Instruction.callx(R2));
    assertReads("call local +3", Instruction.callLocal(3));
    assertReads("call runtime 7", Instruction.of(0x85, 0, 2, 0, 7));
  }

  private static void assertReads(String line, Instruction expected) {
    assertEquals(List.of(expected), Assembler.of(Syntax.UBPF).instructions(line), line);
    assertEquals(List.of(expected), Assembler.auto().instructions(line), line);
  }

  @Test
  void rawFormReadsBackAnyFields() {
    Instruction odd = Instruction.of(0xe7, 1, 0, -3, 22);
    assertEquals(List.of(odd), Assembler.auto().instructions(Disassembler.llvm().instruction(odd)));
    Instruction pseudo = Instruction.of(Instruction.LDDW_OPCODE, 1, 2, 0, 0x1_0000_0000L);
    assertEquals(
        List.of(pseudo), Assembler.auto().instructions(Disassembler.ubpf().instruction(pseudo)));
  }

  @Test
  void strictSyntaxRefusesTheOtherOne() {
    AsmParseException llvmInUbpf =
        assertThrows(
            AsmParseException.class, () -> Assembler.of(Syntax.UBPF).program("r0 = 1\nexit"));
    assertEquals(1, llvmInUbpf.column());
    AsmParseException ubpfInLlvm =
        assertThrows(
            AsmParseException.class, () -> Assembler.of(Syntax.LLVM).program("mov %r0, 1\nexit"));
    assertEquals(
        "an instruction (such as 'r0 = 1', 'if r1 > r2 goto +1', 'exit')", ubpfInLlvm.expected());
  }

  @Test
  void formatErrorsNameTheSourceLine() {
    ProgramFormatException e =
        assertThrows(
            ProgramFormatException.class, () -> Assembler.assemble("r0 = 1\n\n  goto +5\nexit"));
    assertEquals(FormatRule.JUMP_OUT_OF_RANGE, e.rule());
    assertEquals(1, e.index());
    assertEquals(
        "instruction 1: line 3 ('goto +5'): jump to slot 7 is outside the program's slots 0..2"
            + " (a jump must land inside the program)",
        e.getMessage());
  }

  @Test
  void instructionsAreNotValidated() {
    assertEquals(List.of(AluOp.MOV.imm(R10, 1)), Assembler.auto().instructions("r10 = 1"));
    assertThrows(ProgramFormatException.class, () -> Assembler.assemble("r10 = 1\nexit"));
  }
}
