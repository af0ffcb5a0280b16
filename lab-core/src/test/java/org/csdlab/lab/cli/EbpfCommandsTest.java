package org.csdlab.lab.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.List;
import org.csdlab.ebpf.Program;
import org.csdlab.ebpf.asm.Assembler;
import org.csdlab.ebpf.maps.LinuxHelpers;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EbpfCommandsTest {
  private static final String ANSWER = "r0 = 6\nr0 *= 7\nexit\n";

  @TempDir Path dir;

  private Path file(String name, String text) throws IOException {
    return Files.writeString(dir.resolve(name), text);
  }

  private static Path countKernel() throws URISyntaxException {
    return Path.of(EbpfCommandsTest.class.getResource("/tutorials/programs/count_u32.o").toURI());
  }

  @Test
  void runPrintsTheTracePrintkLinesItKeptAndCountsTheRest() throws IOException {
    // The printk loop: 2,000 lines "hi", of which the first 1,000 are kept.
    String printkLoop =
        "r6 = 0\nr1 = 0x6968\n*(u64 *)(r10 - 8) = r1\n"
            + "loop:\nr1 = r10\nr1 += -8\nr2 = 8\ncall 6\nr6 += 1\nif r6 < 2000 goto loop\nr0 = 0\nexit\n";
    CliRun run = CliRun.of("ebpf", "run", file("printk.s", printkLoop).toString());
    assertEquals(0, run.status(), run.err());
    List<String> lines = run.out().lines().toList();
    int first = lines.indexOf("trace_printk:");
    assertTrue(first >= 0, run.out());
    assertEquals(
        Collections.nCopies(LinuxHelpers.DEFAULT_MAX_PRINTED_LINES, "  hi"),
        lines.subList(first + 1, first + 1 + LinuxHelpers.DEFAULT_MAX_PRINTED_LINES));
    assertEquals(
        "  ... 1,000 more lines not kept (limit: 1,000 lines, 1,048,576 bytes)",
        lines.get(first + 1 + LinuxHelpers.DEFAULT_MAX_PRINTED_LINES));
  }

  @Test
  void runningOutOfFuelNamesTheFuelOption() throws IOException {
    CliRun run =
        CliRun.of(
            "ebpf",
            "run",
            file("endless.s", "r0 = 0\nl:\nif r0 == 0 goto l\nexit\n").toString(),
            "--fuel",
            "1000");
    assertEquals(1, run.status(), run.err());
    assertTrue(
        run.errorLine().startsWith("csdlab ebpf run: out of fuel: 1000 instructions executed"),
        run.errorLine());
    assertTrue(
        run.errorLine()
            .endsWith(
                "Look for a loop that never ends, or raise the limit with --fuel N (now 1000)"),
        run.errorLine());
  }

  @Test
  void asmWritesRawBytecodeThatDecodesToTheProgram() throws IOException {
    Path source = file("answer.s", ANSWER);
    Path out = dir.resolve("answer.bin");
    CliRun run = CliRun.of("ebpf", "asm", source.toString(), "-o", out.toString());
    assertEquals(0, run.status(), run.err());
    assertEquals(out + ": 3 instructions, 24 bytes of bytecode\n", run.out());
    assertArrayEquals(Assembler.assemble(ANSWER).encode(), Files.readAllBytes(out));
  }

  @Test
  void asmPrintsHexOneInstructionALine() throws IOException {
    CliRun run = CliRun.of("ebpf", "asm", file("answer.s", ANSWER).toString());
    assertEquals(0, run.status(), run.err());
    assertEquals(
        "b7 00 00 00 06 00 00 00\n27 00 00 00 07 00 00 00\n95 00 00 00 00 00 00 00\n", run.out());
  }

  @Test
  void asmWithARequiredSyntaxRefusesTheOther() throws IOException {
    Path source = file("answer.s", ANSWER);
    assertEquals(0, CliRun.of("ebpf", "asm", "--syntax", "llvm", source.toString()).status());
    CliRun run = CliRun.of("ebpf", "asm", "--syntax", "ubpf", source.toString());
    assertEquals(1, run.status());
    assertTrue(
        run.err().startsWith("csdlab ebpf asm: line 1, column 1: expected a mnemonic ("),
        run.err());
  }

  @Test
  void asmReportsTheBadLineWithItsCaretDiagram() throws IOException {
    CliRun run = CliRun.of("ebpf", "asm", file("bad.s", "r0 = 1\nr0 +== 2\nexit\n").toString());
    assertEquals(1, run.status());
    assertEquals(
        """
        csdlab ebpf asm: line 2, column 6: expected a register or an immediate but found '='
        r0 +== 2
             ^
        """,
        run.err());
    assertEquals("", run.out());
  }

  @Test
  void asmRefusesBytecodeInput() throws IOException {
    Path bin = Files.write(dir.resolve("x.bin"), Assembler.assemble(ANSWER).encode());
    CliRun run = CliRun.of("ebpf", "asm", bin.toString());
    assertEquals(1, run.status());
    assertEquals(
        "csdlab ebpf asm: "
            + bin
            + " is not assembly text (it is bytecode); disassemble it with: "
            + "csdlab ebpf disasm "
            + bin,
        run.errorLine());
  }

  @Test
  void disasmPrintsRawBytecodeInEitherSyntax() throws IOException {
    Path bin = Files.write(dir.resolve("x.bin"), Assembler.assemble(ANSWER).encode());
    CliRun llvm = CliRun.of("ebpf", "disasm", bin.toString());
    assertEquals(0, llvm.status(), llvm.err());
    assertEquals("   0: r0 = 6\n   1: r0 *= 7\n   2: exit\n", llvm.out());
    CliRun ubpf = CliRun.of("ebpf", "disasm", "--to", "ubpf", bin.toString());
    assertTrue(ubpf.out().contains("mul %r0, 7"), ubpf.out());
  }

  @Test
  void disasmReadsAnElfObject() throws Exception {
    CliRun run = CliRun.of("ebpf", "disasm", countKernel().toString());
    assertEquals(0, run.status(), run.err());
    assertTrue(run.out().contains("call 7"), run.out()); // get_mem_info
    assertTrue(run.out().strip().endsWith("exit"), run.out());
  }

  @Test
  void disasmWithLabelsAssemblesAgain() throws IOException {
    Path source = file("loop.s", BenchCommand.COUNT_ABOVE);
    CliRun run = CliRun.of("ebpf", "disasm", "--labels", source.toString());
    assertEquals(0, run.status(), run.err());
    assertEquals(Assembler.assemble(BenchCommand.COUNT_ABOVE), Assembler.assemble(run.out()));
  }

  @Test
  void disasmRefusesAnUnknownSection() throws Exception {
    CliRun run = CliRun.of("ebpf", "disasm", "--section", "xdp", countKernel().toString());
    assertEquals(1, run.status());
    assertTrue(
        run.errorLine().startsWith("csdlab ebpf disasm: ") && run.errorLine().contains("xdp"),
        run.errorLine());
  }

  @Test
  void disasmRefusesTruncatedBytecode() throws IOException {
    Path bin = Files.write(dir.resolve("short.bin"), new byte[] {(byte) 0xb7, 0, 0, 0, 1});
    CliRun run = CliRun.of("ebpf", "disasm", bin.toString());
    assertEquals(1, run.status());
    assertTrue(run.errorLine().startsWith("csdlab ebpf disasm: "), run.errorLine());
  }

  @Test
  void runPrintsR0InstructionsAndTime() throws IOException {
    CliRun run = CliRun.of("ebpf", "run", file("answer.s", ANSWER).toString());
    assertEquals(0, run.status(), run.err());
    assertTrue(run.out().startsWith("r0 = 42 (0x2a)\ninstructions executed: 3\ntime: "), run.out());
  }

  @Test
  void runTakesMemoryAsHexOrFileAndTraces() throws IOException {
    Path prog = file("sum.s", "r0 = *(u32 *)(r1 + 0)\nr0 += r2\nexit\n");
    CliRun hex = CliRun.of("ebpf", "run", prog.toString(), "--mem-hex", "0x2a 00 00 00", "--trace");
    assertEquals(0, hex.status(), hex.err());
    assertTrue(hex.out().contains("r0 = 46 (0x2e)"), hex.out()); // 42 + the length 4
    assertTrue(
        hex.out().startsWith("   0: r0 = *(u32 *)(r1 + 0)"), hex.out()); // the trace's first step
    Path mem = Files.write(dir.resolve("mem.bin"), new byte[] {1, 0, 0, 0, 0, 0, 0, 0});
    CliRun file = CliRun.of("ebpf", "run", prog.toString(), "--mem", mem.toString());
    assertTrue(file.out().startsWith("r0 = 9 (0x9)"), file.out());
  }

  @Test
  void aMisspeltInstructionInAnLlvmProgramSuggestsTheLlvmOne() throws IOException {
    CliRun run = CliRun.of("ebpf", "run", file("typo.s", "r0 = 1\nexti\n").toString());
    assertEquals(1, run.status());
    assertEquals(
        """
        csdlab ebpf run: line 2, column 1: expected an instruction (such as 'r0 = 1', 'if r1 > r2 goto +1', 'exit') \
        but found 'exti'; did you mean 'exit'?
        exti
        ^
        """,
        run.err());
  }

  @Test
  void runRefusesBadHexInOneLine() throws IOException {
    CliRun run = CliRun.of("ebpf", "run", file("answer.s", ANSWER).toString(), "--mem-hex", "2a 0");
    assertEquals(2, run.status());
    assertEquals(
        "csdlab ebpf run: --mem-hex has an odd number of hex digits (3); write whole bytes, e.g. "
            + "2a 00 00 00 (see csdlab ebpf run --help)",
        run.errorLine());
    CliRun both = CliRun.of("ebpf", "run", "x.s", "--mem-hex", "00", "--mem", "m.bin");
    assertEquals(2, both.status());
    assertTrue(both.errorLine().contains("mutually exclusive"), both.errorLine());
  }

  @Test
  void runStopsWhenTheFuelRunsOut() throws IOException {
    CliRun run =
        CliRun.of(
            "ebpf",
            "run",
            file("loop.s", "r0 = 0\nl: if r0 == 0 goto l\nexit\n").toString(),
            "--fuel",
            "1000");
    assertEquals(1, run.status());
    assertTrue(
        run.errorLine().startsWith("csdlab ebpf run: ") && run.errorLine().contains("1000"),
        run.errorLine());
  }

  @Test
  void runRefusesWhatTheVerifierRefusesUnlessAskedToRunUnverified() throws IOException {
    Path uninit = file("uninit.s", "r0 = 1\nr0 += r3\nexit\n");
    CliRun refused = CliRun.of("ebpf", "run", uninit.toString());
    assertEquals(1, refused.status());
    assertTrue(refused.out().startsWith("REFUSED: UNINIT_REG at 1 'r0 += r3'"), refused.out());
    assertTrue(refused.out().contains(">    1: r0 += r3\n"), refused.out());
    assertFalse(refused.out().contains("instructions executed"), "nothing ran: " + refused.out());
    assertEquals(
        "csdlab ebpf run: uninit.s did not run: the verifier refuses it (UNINIT_REG at pc 1); add "
            + "--unverified to run it anyway for an experiment",
        refused.errorLine());

    CliRun experiment = CliRun.of("ebpf", "run", uninit.toString(), "--unverified");
    assertEquals(0, experiment.status(), experiment.err());
    assertTrue(experiment.out().startsWith("r0 = 1 (0x1)\n"), experiment.out());
  }

  @Test
  void runReportsAMemoryFaultInOneLine() throws IOException {
    CliRun run =
        CliRun.of("ebpf", "run", file("bad.s", "r1 = 8\nr0 = *(u64 *)(r1 + 0)\nexit\n").toString());
    assertEquals(1, run.status());
    assertTrue(run.errorLine().startsWith("csdlab ebpf run: "), run.errorLine());
    assertFalse(run.err().contains("\tat "), run.err());
  }

  @Test
  void runRefusesAnEmptyFileAndADirectory() throws IOException {
    Path empty = Files.write(dir.resolve("empty.bin"), new byte[0]);
    assertEquals(
        "csdlab ebpf run: program file " + empty + " is empty",
        CliRun.of("ebpf", "run", empty.toString()).errorLine());
    assertEquals(
        "csdlab ebpf run: program file " + dir + " is a directory, not a regular file",
        CliRun.of("ebpf", "run", dir.toString()).errorLine());
  }

  @Test
  void verifyAcceptsASafeProgram() throws IOException {
    CliRun run = CliRun.of("ebpf", "verify", file("answer.s", ANSWER).toString());
    assertEquals(0, run.status(), run.err());
    assertEquals("OK: answer.s, 3 instructions, accepted (helpers: linux)\n", run.out());
  }

  @Test
  void verifyShowsTheRefusedInstruction() throws IOException {
    CliRun run =
        CliRun.of(
            "ebpf", "verify", file("uninit.s", "r0 = 1\nr0 += r2\nr0 += r3\nexit\n").toString());
    assertEquals(1, run.status());
    assertTrue(run.out().startsWith("REFUSED: UNINIT_REG at 2 'r0 += r3'"), run.out());
    assertTrue(run.out().contains(">    2: r0 += r3\n"), run.out());
    assertEquals("", run.err());
  }

  @Test
  void verifyChecksCsdKernelsWithTheOpencsdHelpers() throws Exception {
    CliRun linux = CliRun.of("ebpf", "verify", countKernel().toString());
    assertEquals(1, linux.status());
    assertTrue(linux.out().contains("add --helpers opencsd"), linux.out());
    assertTrue(
        linux.out().contains("Fix: call a helper of the set --helpers linux knows ("), linux.out());
    assertTrue(
        linux
            .out()
            .contains("or choose another set with --helpers (linux, opencsd or conformance)."),
        linux.out());
    assertFalse(linux.out().contains("VerifierOptions"), linux.out());
    CliRun opencsd = CliRun.of("ebpf", "verify", "--helpers", "opencsd", countKernel().toString());
    assertEquals(0, opencsd.status(), opencsd.out());
    assertTrue(opencsd.out().startsWith("OK: .text, "), opencsd.out());
  }

  @Test
  void programFormIsToldFromTheContent() {
    Program p = Assembler.assemble(ANSWER);
    assertEquals(ProgramFile.Form.BYTECODE, ProgramFile.formOf(p.encode()));
    assertEquals(ProgramFile.Form.ASSEMBLY, ProgramFile.formOf(ANSWER.getBytes()));
    assertEquals(ProgramFile.Form.ELF, ProgramFile.formOf(new byte[] {0x7f, 'E', 'L', 'F', 2}));
  }
}
