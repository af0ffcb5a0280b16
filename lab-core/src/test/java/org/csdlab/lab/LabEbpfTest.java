package org.csdlab.lab;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.csdlab.ebpf.Register;
import org.csdlab.ebpf.Trace;
import org.csdlab.ebpf.asm.AsmParseException;
import org.csdlab.ebpf.asm.Syntax;
import org.csdlab.ebpf.maps.ArrayMap;
import org.csdlab.ebpf.maps.MapDefinition;
import org.csdlab.ebpf.maps.MapSet;
import org.csdlab.ebpf.maps.MapType;
import org.csdlab.ebpf.verifier.ErrorCode;
import org.junit.jupiter.api.Test;
import tech.tablesaw.api.Table;

class LabEbpfTest {
  static final Path PROGRAMS = Path.of("..", "tutorials", "programs");
  private final LabEbpf ebpf = Lab.create().ebpf();

  @Test
  void assembleAndRunGivesR0AndTheInstructionCount() {
    EbpfRun result = ebpf.assemble("hello", "r0 = 42\nexit").run();
    assertEquals(42, result.r0());
    assertEquals(2, result.instructionsExecuted());
  }

  @Test
  void bothSyntaxesAssembleToTheSameProgram() {
    var llvm = ebpf.assemble("r0 = 1\nr0 += 41\nexit", Syntax.LLVM);
    var ubpf = ebpf.assemble("mov %r0, 1\nadd %r0, 41\nexit", Syntax.UBPF);
    assertEquals(llvm.program(), ubpf.program());
    assertEquals(42, ubpf.run().r0());
    assertThrows(AsmParseException.class, () -> ebpf.assemble("mov %r0, 1", Syntax.LLVM));
  }

  @Test
  void runPassesTheContext() {
    var firstByte = ebpf.assemble("r0 = *(u8 *)(r1 + 0)\nr0 += r2\nexit");
    assertEquals(7 + 3, firstByte.run(new byte[] {7, 0, 0}).r0());
  }

  @Test
  void anAssembledProgramGetsMapsByHandleAndKeepsWhatItsRunsWrite() {
    // counts[ctx[0] & 3] += 1, through map_lookup_elem on an array map of four u64
    var counter =
        ebpf.assemble(
                "count",
                """
                r2 = *(u8 *)(r1 + 0)
                r2 &= 3
                *(u32 *)(r10 - 4) = r2
                r1 = 0x4d500000 ll
                r2 = r10
                r2 += -4
                call 1
                if r0 == 0 goto +3
                r1 = *(u64 *)(r0 + 0)
                r1 += 1
                *(u64 *)(r0 + 0) = r1
                r0 = 0
                exit""")
            .withMaps(new MapDefinition(MapType.ARRAY, 4, 8, 4, "counts"))
            .withContextBytes(1);
    assertTrue(counter.verify().ok(), counter.verify().toString());
    counter.run(new byte[] {6});
    counter.run(new byte[] {2});
    ArrayMap counts = counter.maps().get("counts", ArrayMap.class);
    assertEquals(
        2,
        java.nio.ByteBuffer.wrap(counts.lookup(new byte[] {2, 0, 0, 0}))
            .order(java.nio.ByteOrder.LITTLE_ENDIAN)
            .getLong());
    assertEquals(0x4d50_0000L, MapSet.handleOf(0));
  }

  @Test
  void withMapsRefusesAProgramWhoseElfObjectHasMaps() {
    var fromElf =
        ebpf.program(
            new org.csdlab.ebpf.elf.LoadedProgram(
                "elf",
                ebpf.assemble("r0 = 0\nexit").program(),
                List.of(),
                List.of(
                    new MapDefinition(MapType.ARRAY, 4, 8, 4, "a"),
                    new MapDefinition(MapType.HASH, 4, 8, 4, "b"))));
    var e =
        assertThrows(
            IllegalStateException.class,
            () -> fromElf.withMaps(new MapDefinition(MapType.ARRAY, 4, 8, 4, "other")));
    assertTrue(e.getMessage().contains("the 2 maps of its ELF object"), e.getMessage());
  }

  @Test
  void aVerdictKeepsTheVerifiersLogAndRendersItCollapsed() {
    Verification v = ebpf.assemble("two", "r0 = 1\nexit").verify();
    assertTrue(v.log().contains("r0 = 1"), v.log());
    assertTrue(v.toHtml().contains("<details><summary>verifier log ("), v.toHtml());
  }

  @Test
  void traceListsEveryStepWithTheRegistersItChanged() {
    TraceTable trace = ebpf.assemble("r1 = 40\nr1 += 2\nr0 = r1\nexit").trace();
    List<Trace.Step> steps = trace.steps();
    assertEquals(4, steps.size());
    assertEquals(Register.R1, steps.get(1).changes().get(0).register());
    assertEquals(40, steps.get(1).changes().get(0).before());
    assertEquals(42, steps.get(1).changes().get(0).after());
    Table table = trace.table();
    assertEquals(List.of("step", "pc", "instruction", "changed"), table.columnNames());
    assertEquals(4, table.rowCount());
    assertEquals("r1 += 2", table.getString(1, 2));
    assertEquals("r1 = 42 (0x2a)", table.getString(1, 3));
    assertEquals("r0 = 42 (0x2a)", table.getString(2, 3));
    assertEquals("", table.getString(3, 3));
    assertTrue(
        trace.toString().startsWith("trace of program: 4 steps, r0 = 42\n"), trace.toString());
  }

  @Test
  void verifyAcceptsAGoodProgramAndPointsAtTheBadInstruction() {
    assertTrue(ebpf.assemble("r0 = 0\nexit").verify().ok());
    Verification refused = ebpf.assemble("r0 = 1\nr0 += r2\nr0 += r3\nexit").verify();
    assertFalse(refused.ok());
    assertEquals(ErrorCode.UNINIT_REG, refused.code());
    assertEquals(2, refused.error().orElseThrow().pc());
    assertTrue(
        refused.toString().startsWith("program: refused: UNINIT_REG at 2 'r0 += r3'"),
        refused.toString());
  }

  @Test
  void listingShowsBytecodeBesideTheDisassembly() {
    Listing listing = ebpf.assemble("r0 = 42\nexit").listing();
    assertEquals("b7 00 00 00 2a 00 00 00", listing.bytecode(0));
    assertEquals("r0 = 42", listing.instruction(0));
    assertEquals("mov %r0, 42", listing.in(Syntax.UBPF).instruction(0));
    Table table = listing.table();
    assertEquals(2, table.rowCount());
    assertEquals("exit", table.getString(1, 2));
    assertTrue(listing.text().contains("   1: 95 00 00 00 00 00 00 00"), listing.text());
  }

  @Test
  void wideInstructionsTakeTwoSlotsInTheListing() {
    Listing listing = ebpf.assemble("r1 = 0x1122334455667788 ll\nr0 = r1\nexit").listing();
    assertEquals(3, listing.table().rowCount());
    assertEquals(List.of(0, 2, 3), listing.table().intColumn("pc").asList());
    assertEquals(16, listing.bytecode(0).split(" ").length);
  }

  @Test
  void decodeAndDisassembleReadBytecode() {
    byte[] bytecode = ebpf.assemble("r0 = 42\nexit").bytecode();
    assertEquals(42, ebpf.decode(bytecode).run().r0());
    assertEquals("r0 = 42", ebpf.disassemble(bytecode).instruction(0));
    assertEquals(
        "   0: mov %r0, 42\n   1: exit\n",
        ebpf.disassemble(ebpf.decode(bytecode).program(), Syntax.UBPF));
  }

  @Test
  void elfProgramsLoadWithTheirFirstSection() throws Exception {
    Path elf = PROGRAMS.resolve("count_u32.o");
    EbpfProgram fromPath = ebpf.load(elf);
    EbpfProgram fromBytes = ebpf.load(Files.readAllBytes(elf), ".text");
    assertEquals("count_u32.o", fromPath.name());
    assertEquals(".text", fromBytes.name(), "bytes have no file name: the section names them");
    assertEquals(fromPath.program(), fromBytes.program());
    assertTrue(fromPath.loaded().isPresent());
    // the kernel calls the opencsd helpers, which the Linux helper set of the plain VM does not
    // know
    assertEquals(ErrorCode.UNKNOWN_HELPER, fromPath.verify().code());
    // the fix a workbench user can follow, not VerifierOptions.withHelper
    assertTrue(
        fromPath
            .verify()
            .toString()
            .endsWith(
                "a kernel that calls the drive's opencsd helpers is verified and run"
                    + " on the drive by lab.csd().load(...)."),
        fromPath.verify().toString());
    var onDrive = Lab.create().csd().verify(fromPath.loaded().orElseThrow());
    assertTrue(onDrive.ok(), onDrive.toString());
  }

  @Test
  void missingElfSectionNamesTheSectionsThereAre() {
    var e =
        assertThrows(
            IllegalArgumentException.class,
            () -> ebpf.load(PROGRAMS.resolve("count_u32.o"), "xdp"));
    assertTrue(e.getMessage().contains(".text"), e.getMessage());
  }

  @Test
  void runAndTraceRefuseAProgramTheVerifierRefusesAndSayHowToRunItAnyway() {
    EbpfProgram bad = ebpf.assemble("r0 += r2\nexit");
    Verification verdict = bad.verify();
    assertEquals(ErrorCode.UNINIT_REG, verdict.code());
    ProgramRefusedException run = assertThrows(ProgramRefusedException.class, bad::run);
    assertEquals("run", run.action());
    assertEquals(verdict, run.verification());
    String refusal = verdict.error().orElseThrow().message();
    assertTrue(
        run.getMessage().startsWith("program did not run: the verifier refuses it. " + refusal),
        run.getMessage());
    assertTrue(
        run.getMessage()
            .endsWith(
                "To run it anyway for an experiment, call runUnverified() (the VM still checks"
                    + " every memory access and the fuel limit)."),
        run.getMessage());
    ProgramRefusedException trace =
        assertThrows(ProgramRefusedException.class, () -> bad.trace(new byte[] {1}));
    assertEquals("trace", trace.action());
    assertTrue(trace.getMessage().contains("call traceUnverified()"), trace.getMessage());
    // r0 starts at 0 in this VM, r2 holds the context's length
    assertEquals(0, bad.runUnverified().r0());
    assertEquals(3, bad.runUnverified(new byte[3]).r0());
    assertEquals(2, bad.traceUnverified().steps().size());
  }

  @Test
  void theVerifierDoesNotProveTerminationTheFuelLimitStopsAnEndlessLoop() {
    // Today's verifier (v1) checks types and bounds, not termination: both loops below never end,
    // it accepts them, and the fuel limit stops them at run time. When the verifier learns to
    // bound loops, these become refusals and the tutorial text changes with them.
    Lab lab = Lab.builder().fuel(1000).build();
    for (String endless :
        List.of(
            "r0 = 0\nl:\nif r0 == 0 goto l\nexit", "r0 = 1\nl:\nr0 += 1\nif r0 > 0 goto l\nexit")) {
      EbpfProgram program = lab.ebpf().assemble(endless);
      assertTrue(program.verify().ok(), program.verify().toString());
      var e = assertThrows(org.csdlab.ebpf.FuelExhaustedException.class, program::run);
      assertEquals(1000, e.fuel());
      assertTrue(
          e.getMessage()
              .endsWith(
                  "Look for a loop that never ends, or raise the limit with"
                      + " Lab.builder().fuel(n).build()"),
          e.getMessage());
    }
  }

  @Test
  void theWorkbenchAndTheDriveAssembleAndLoadWithTheSameArguments() throws Exception {
    Lab lab = Lab.create();
    String echo = "r0 = 7\nexit";
    assertEquals("program", lab.ebpf().assemble(echo).name());
    assertEquals("kernel", lab.csd().assemble(echo).name());
    assertEquals("seven", lab.ebpf().assemble("seven", echo).name());
    assertEquals("seven", lab.csd().assemble("seven", echo).name());
    assertEquals(7, lab.ebpf().assemble("mov %r0, 7\nexit", Syntax.UBPF).run().r0());
    assertEquals(7, lab.csd().assemble("mov %r0, 7\nexit", Syntax.UBPF).run().r0());
    assertThrows(AsmParseException.class, () -> lab.csd().assemble("mov %r0, 7", Syntax.LLVM));
    byte[] bytecode = lab.ebpf().assemble(echo).bytecode();
    assertEquals(7, lab.ebpf().decode(bytecode).run().r0());
    assertEquals(7, lab.csd().decode(bytecode).run().r0());
    assertEquals("program", lab.ebpf().program(lab.ebpf().decode(bytecode).program()).name());
    byte[] elf = Files.readAllBytes(PROGRAMS.resolve("count_u32.o"));
    assertEquals(".text", lab.ebpf().load(elf).name());
    assertEquals(".text", lab.csd().load(elf).name());
    assertEquals(lab.ebpf().load(elf).program(), lab.csd().load(elf).program());
  }

  @Test
  void anObjectWithSeveralSectionsNamesTheCallThatChoosesOne() throws Exception {
    Path elf = Path.of(LabEbpfTest.class.getResource("/elf/two_sections.o").toURI());
    byte[] bytes = Files.readAllBytes(elf);
    Lab lab = Lab.create();
    var fromPath = assertThrows(IllegalArgumentException.class, () -> lab.ebpf().load(elf));
    assertTrue(
        fromPath.getMessage().endsWith("; name one, e.g. load(path, \"xdp\")"),
        fromPath.getMessage());
    var fromBytes = assertThrows(IllegalArgumentException.class, () -> lab.csd().load(bytes));
    assertTrue(
        fromBytes.getMessage().endsWith("; name one, e.g. load(elf, \"xdp\")"),
        fromBytes.getMessage());
    // what the messages say works
    assertEquals(1, lab.ebpf().load(elf, "xdp").run().r0());
    assertEquals(2, lab.csd().load(bytes, "tc").run().r0());
  }

  @Test
  void bytecodeRoundTripsThroughDecode() {
    var program = ebpf.assemble("r1 = 7\nr0 = r1\nr0 *= 6\nexit");
    assertArrayEquals(program.bytecode(), ebpf.decode(program.bytecode()).bytecode());
  }
}
