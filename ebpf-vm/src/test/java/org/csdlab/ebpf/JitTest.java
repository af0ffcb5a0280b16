package org.csdlab.ebpf;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.csdlab.ebpf.asm.Assembler;
import org.junit.jupiter.api.Test;

/**
 * The JIT against the interpreter on programs chosen for each of its mechanisms: fuel per block and
 * the hand-over of a block the fuel cannot pay for, selections, local calls as methods, faults
 * found by the array bounds checks, helpers, interrupts. Broad random coverage is the differential
 * property's job; these name what each mechanism must keep.
 */
class JitTest {
  private static final HelperPrototype ADD_ONE =
      new HelperPrototype(1, "add_one", List.of(ArgType.ANYTHING), ReturnType.SCALAR);
  private static final HelperPrototype STOP =
      new HelperPrototype(2, "stop", List.of(ArgType.ANYTHING), ReturnType.SCALAR);

  private static Program asm(String source) {
    return Assembler.assemble(source);
  }

  private static Vm vm(Program program, Engine engine, long fuel, Consumer<Vm.Builder> more) {
    Vm.Builder builder =
        Vm.builder(program)
            .engine(engine)
            .fuel(fuel)
            .helper(ADD_ONE, (ctx, a, b, c, d, e) -> a + 1)
            .helper(
                STOP,
                (ctx, a, b, c, d, e) -> {
                  ctx.exitProgram(a);
                  return 0;
                });
    more.accept(builder);
    return builder.build();
  }

  /** Runs on both engines; both must give the same r0, count and context, or the same error. */
  private static Object same(Program program, long fuel, byte[] context) {
    return same(program, fuel, context, b -> {});
  }

  private static Object same(
      Program program, long fuel, byte[] context, Consumer<Vm.Builder> more) {
    Vm interpreter = vm(program, Engine.INTERPRETER, fuel, more);
    Vm jit = vm(program, Engine.JIT, fuel, more);
    assertEquals(Engine.JIT, jit.engine(), () -> "not compiled: " + jit.interpretedBecause());
    byte[] interpreted = context.clone();
    byte[] compiled = context.clone();
    Object expected = outcome(interpreter, interpreted);
    Object actual = outcome(jit, compiled);
    assertEquals(expected, actual);
    assertArrayEquals(interpreted, compiled, "the context after the run");
    return actual;
  }

  private record Finished(long r0, long instructions) {}

  private record Failed(Class<?> kind, int pc, String message) {}

  private static Object outcome(Vm vm, byte[] context) {
    try {
      ExecutionResult result = vm.run(context);
      return new Finished(result.r0(), result.instructionsExecuted());
    } catch (VmExecutionException e) {
      return new Failed(e.getClass(), e.pc(), e.getMessage());
    }
  }

  private static final String SUM_LOOP =
      """
      r0 = 0
      r1 = 1000
      loop:
      r0 += r1
      r1 -= 1
      if r1 != 0 goto loop
      exit
      """;

  @Test
  void aLoopGivesTheSameResultAndCount() {
    assertEquals(new Finished(500_500, 3003), same(asm(SUM_LOOP), 1_000_000, new byte[0]));
  }

  @Test
  void fuelRunsOutAtTheSameInstructionForEveryLimit() {
    Program program = asm(SUM_LOOP);
    for (long fuel = 1; fuel <= 3004; fuel += 37) {
      same(program, fuel, new byte[0]);
    }
    Object out = same(program, 3002, new byte[0]);
    assertEquals(FuelExhaustedException.class, ((Failed) out).kind());
  }

  @Test
  void fuelRunsOutExactlyAcrossSliceBoundaries() {
    Program program = asm(SUM_LOOP.replace("1000", "100000"));
    long needed = 3L * 100_000 + 3;
    assertTrue(needed > 4 * RunState.FUEL_SLICE);
    assertEquals(new Finished(5_000_050_000L, needed), same(program, needed, new byte[0]));
    for (long fuel :
        new long[] {needed - 1, RunState.FUEL_SLICE, RunState.FUEL_SLICE + 1, 200_001}) {
      assertEquals(
          FuelExhaustedException.class, ((Failed) same(program, fuel, new byte[0])).kind());
    }
  }

  @Test
  void smallLoopsRunUnrolledAndStillStopAtTheExactInstruction() {
    Program whileShaped =
        asm(
            """
            r0 = 0
            r1 = 0
            loop:
            r0 += r1
            r1 += 1
            if r1 == 50 goto done
            goto loop
            done:
            exit
            """);
    assertEquals(new Finished(1225, 202), same(whileShaped, 1000, new byte[0]));
    for (long fuel = 1; fuel <= 204; fuel++) {
      same(whileShaped, fuel, new byte[0]);
      same(asm(SUM_LOOP), fuel, new byte[0]);
    }
    assertTrue(
        whileShaped.jit().functions().get(0).support().size()
            > asm("r0 = 0\nloop:\nr0 += 1\nif r0 > 100 goto done\nr0 += 1\ngoto loop\ndone:\nexit")
                .jit()
                .functions()
                .get(0)
                .support()
                .size(),
        "the unrolled rounds are the JIT's own code in the listing");
  }

  @Test
  void aSelectionCountsAndStopsAsTheBranchWould() {
    // count += (value > 100): compilers emit "if v <= 100 goto next; count += 1"
    Program program =
        asm(
            """
            r0 = 0
            r2 = 0
            loop:
            if r2 >= 64 goto done
            r3 = r1
            r3 += r2
            r4 = *(u8 *)(r3 + 0)
            r2 += 1
            if r4 <= 100 goto loop
            r0 += 1
            r0 *= 3
            goto loop
            done:
            exit
            """);
    byte[] data = new byte[64];
    for (int i = 0; i < data.length; i++) {
      data[i] = (byte) (i * 37);
    }
    Object finished = same(program, 1_000_000, data);
    assertTrue(finished instanceof Finished, finished::toString);
    for (long fuel = 1; fuel < ((Finished) finished).instructions(); fuel += 5) {
      same(program, fuel, data);
    }
  }

  @Test
  void localCallsRecursionAndTheDepthLimitBehaveAsInterpreted() {
    Program recursion = asm(factOf(5));
    assertEquals(120L, ((Finished) same(recursion, 10_000, new byte[0])).r0());
    Object tooDeep = same(asm(factOf(12)), 10_000, new byte[0]);
    assertEquals(CallDepthExceededException.class, ((Failed) tooDeep).kind());
  }

  private static String factOf(int n) {
    return """
        r1 = %d
        call fact
        exit
        fact:
        r0 = 1
        if r1 == 0 goto out
        r6 = r1
        r1 -= 1
        call fact
        r0 *= r6
        out:
        exit
        """
        .formatted(n);
  }

  @Test
  void aCalleeSeesTheCallersRegistersAndLeavesR1ToR5AsItEnded() {
    Program program =
        asm(
            """
            r6 = 7
            r0 = 3
            r1 = 10
            call f
            r0 += r1
            r0 += r6
            exit
            f:
            r0 += r6
            r1 += 5
            r6 = 100
            exit
            """);
    assertEquals(new Finished(10 + 15 + 7, 11), same(program, 1000, new byte[0]));
  }

  @Test
  void faultsAtEveryRegionEdgeHaveTheInterpretersPcAndMessage() {
    byte[] context = new byte[16];
    List<String> accesses = new ArrayList<>();
    for (int offset : new int[] {-1, 0, 8, 12, 13, 15, 16}) {
      for (String width : new String[] {"u8", "u16", "u32", "u64"}) {
        String at = offset < 0 ? "r1 - " + -offset : "r1 + " + offset;
        accesses.add("r0 = *(" + width + " *)(" + at + ")");
        accesses.add("*(" + width + " *)(" + at + ") = r1");
      }
    }
    accesses.add("r0 = *(u64 *)(r10 - 4096)");
    accesses.add("*(u32 *)(r10 + 0) = 1");
    accesses.add("r0 = *(u32 *)(r2 + 0)");
    for (String access : accesses) {
      Program program =
          asm("r2 = 3\nr3 = 0\nloop:\n" + access + "\nr3 += 1\nif r3 < 2 goto loop\nexit");
      same(program, 1000, context);
    }
  }

  @Test
  void aStoreIntoAReadOnlyRegionIsRefusedAsInterpreted() {
    Program program =
        asm(
            """
            r3 = 0
            loop:
            r0 = *(u8 *)(r2 + 1)
            *(u8 *)(r2 + 1) = r0
            r3 += 1
            if r3 < 2 goto loop
            exit
            """);
    byte[] table = {1, 2, 3, 4};
    Object out = same(program, 1000, new byte[0], b -> b.readOnlyRegion("table", table));
    assertTrue(out instanceof Failed, out::toString);
  }

  @Test
  void atomicsAndTheirAlignmentFaultsMatch() {
    for (String op :
        new String[] {
          "lock *(u64 *)(r1 + 0) += r2",
          "r2 = atomic_fetch_add((u64 *)(r1 + 0), r2)",
          "r2 = xchg_64(r1 + 8, r2)",
          "r0 = cmpxchg_64(r1 + 8, r0, r2)",
          "lock *(u32 *)(r1 + 4) |= r2",
          "lock *(u32 *)(r1 + 2) += r2",
          "lock *(u64 *)(r1 + 4) ^= r2",
        }) {
      Program program =
          asm("r2 = 5\nr3 = 0\nloop:\n" + op + "\nr3 += 1\nif r3 < 3 goto loop\nr0 = r2\nexit");
      same(program, 1000, new byte[16]);
    }
  }

  @Test
  void helpersAndAHelpersExitRequestFromALocalFunction() {
    Program program =
        asm(
            """
            r1 = 41
            call 1
            r6 = r0
            r1 = r0
            call f
            r0 = 1
            exit
            f:
            r1 += 1
            call 2
            r0 = 99
            exit
            """);
    assertEquals(new Finished(43, 7), same(program, 1000, new byte[0]));
  }

  @Test
  void aFailingHelperIsReportedAsInterpreted() {
    Program program = asm("r3 = 0\nloop:\nr1 = 0\ncall 1\nr3 += 1\nif r3 < 2 goto loop\nexit");
    Object out =
        same(
            program,
            1000,
            new byte[0],
            b ->
                b.helper(
                    new HelperPrototype(1, "broken", List.of(ArgType.ANYTHING), ReturnType.SCALAR),
                    (ctx, a, c, d, e, f) -> {
                      throw new IllegalStateException("no disk");
                    }));
    assertEquals(HelperException.class, ((Failed) out).kind());
  }

  @Test
  void anInterruptStopsACompiledLoopAtTheSliceBoundaryAndIsConsumed() {
    Vm vm =
        Vm.builder(asm("loop:\ngoto loop\nexit")).engine(Engine.JIT).fuel(Long.MAX_VALUE).build();
    assertEquals(Engine.JIT, vm.engine());
    Thread.currentThread().interrupt();
    VmInterruptedException e = assertThrows(VmInterruptedException.class, vm::run);
    assertEquals(RunState.FUEL_SLICE, e.executed());
    assertEquals(0, e.pc());
    assertFalse(Thread.currentThread().isInterrupted());
  }

  @Test
  void autoCompilesLoopsAndInterpretsTheRestAndTracingInterprets() {
    assertEquals(Engine.JIT, Vm.of(asm(SUM_LOOP)).engine());
    Vm straight = Vm.of(asm("r0 = 1\nexit"));
    assertEquals(Engine.INTERPRETER, straight.engine());
    assertTrue(straight.interpretedBecause().orElseThrow().contains("no loop"));
    Vm traced = Vm.builder(asm(SUM_LOOP)).engine(Engine.JIT).trace(true).build();
    assertEquals(Engine.INTERPRETER, traced.engine());
    assertTrue(traced.interpretedBecause().orElseThrow().contains("tracing"));
    assertTrue(
        Vm.builder(asm(SUM_LOOP))
            .engine(Engine.INTERPRETER)
            .build()
            .interpretedBecause()
            .isEmpty());
  }

  @Test
  void aFunctionTooLargeForOneMethodIsSplitIntoPartsAndRunsCompiled() {
    StringBuilder source = new StringBuilder("r0 = 0\nr1 = 3\nloop:\n");
    for (int i = 0; i < 3000; i++) {
      source.append(i % 3 == 0 ? "if r0 > 100000 goto +1\n" : "r0 += " + i + "\n");
    }
    source.append("call f\nr1 -= 1\nif r1 != 0 goto loop\nexit\nf:\nr0 += 1\nexit\n");
    Program program = asm(source.toString());
    Object finished = same(program, 1_000_000, new byte[0]);
    assertTrue(finished instanceof Finished, finished::toString);
    for (long fuel : new long[] {1, 2999, 3001, 6100, 9000}) {
      same(program, fuel, new byte[0]);
    }
    JitListing listing = program.jit();
    assertTrue(listing.functions().size() > 2, "parts of pc 0, and f");
    for (JitListing.Function part : listing.functions()) {
      assertTrue(part.bytecodeBytes() <= JitCompiler.HUGE_METHOD_BYTES, part::toString);
    }
    assertEquals(
        program.size(),
        listing.functions().stream().mapToInt(f -> f.steps().size()).sum(),
        "each instruction compiled once");
  }

  @Test
  void aLongStraightRunOfMemoryAccessesIsCutIntoBlocksThatEachFitAMethod() {
    // 256 loads and stores in a row: one block of them would compile to more bytecode than
    // HotSpot compiles, and a block cannot be split into parts.
    StringBuilder source = new StringBuilder("r0 = 0\nr2 = 2\nloop:\n");
    for (int i = 0; i < 300; i++) {
      int offset = (i * 8) % 56;
      source.append(
          i % 2 == 0
              ? "r3 = *(u64 *)(r1 + " + offset + ")\nr0 += r3\n"
              : "*(u64 *)(r1 + " + offset + ") = r0\n");
    }
    source.append("r2 -= 1\nif r2 != 0 goto loop\nexit\n");
    Program program = asm(source.toString());
    byte[] context = new byte[64];
    for (int i = 0; i < context.length; i++) {
      context[i] = (byte) (i * 7);
    }
    Object finished = same(program, 1_000_000, context);
    assertTrue(finished instanceof Finished, finished::toString);
    for (long fuel : new long[] {1, 100, 257, 450, 901}) {
      same(program, fuel, context);
    }
    for (JitListing.Function part : program.jit().functions()) {
      assertTrue(part.bytecodeBytes() <= JitCompiler.HUGE_METHOD_BYTES, part::toString);
    }
  }

  @Test
  void aProgramOverTheJitsBudgetRunsInterpretedAndSaysWhy() {
    List<Instruction> instructions = new ArrayList<>();
    instructions.add(AluOp.MOV.imm(Register.R0, 0));
    while (instructions.size() <= JitCompiler.MAX_INSTRUCTIONS) {
      instructions.add(AluOp.ADD.imm(Register.R0, 1));
    }
    instructions.add(Instruction.exit());
    Vm vm = Vm.builder(Program.of(instructions)).engine(Engine.JIT).build();
    assertEquals(Engine.INTERPRETER, vm.engine());
    assertEquals(
        "the program has 100002 instructions, more than the JIT compiles"
            + " (JitCompiler.MAX_INSTRUCTIONS = 100000)",
        vm.interpretedBecause().orElseThrow());
    assertEquals(JitCompiler.MAX_INSTRUCTIONS, vm.run().r0());
  }

  @Test
  void theListingShowsEachInstructionWithItsBytecode() {
    Program program = asm(SUM_LOOP);
    JitListing listing = program.jit();
    assertTrue(listing.compiled());
    JitListing.Function main = listing.functions().get(0);
    assertEquals(0, main.entryPc());
    assertTrue(main.bytecodeBytes() > 0);
    assertEquals(program.size(), main.steps().size());
    JitListing.Step add = main.steps().get(2);
    assertEquals(program.at(2), add.instruction());
    assertTrue(
        add.bytecode().containsAll(List.of("LLOAD r0", "LLOAD r1", "LADD", "LSTORE r0")),
        add.bytecode()::toString);
    assertTrue(
        main.support().stream().anyMatch(line -> line.contains("handOver")),
        main.support()::toString);
    String backJump =
        main.steps().get(4).bytecode().stream()
            .filter(line -> line.startsWith("IFNE "))
            .findFirst()
            .orElseThrow();
    // The loop is small: its jump back goes to the unrolled rounds, which start the support code.
    assertTrue(
        main.support().stream()
            .takeWhile(line -> line.matches("L\\d+"))
            .anyMatch(backJump.substring("IFNE ".length())::equals),
        () -> "the label the loop jumps back to starts the support code: " + main.support());
    String text = listing.toString();
    assertTrue(text.startsWith("6 eBPF instructions → "), text);
    assertTrue(text.contains("    2: r0 += r1"), text);
    assertNotNull(listing.program());
  }
}
