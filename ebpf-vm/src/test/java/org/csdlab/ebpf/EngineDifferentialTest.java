package org.csdlab.ebpf;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicReference;
import org.csdlab.ebpf.asm.Assembler;
import org.csdlab.ebpf.conformance.ConformanceHelpers;
import org.csdlab.ebpf.maps.MapDefinition;
import org.csdlab.ebpf.maps.MapSet;
import org.csdlab.ebpf.maps.MapType;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The comparator itself (it sees every kind of difference, and gives each engine its own copies),
 * the interrupt contract on both engines, and hand-written programs at the places a JIT is most
 * likely to part from the interpreter.
 */
class EngineDifferentialTest {
  private static final JitTally TALLY = new JitTally("hand-written differential programs");

  /** {@code r0 += 1; goto loop}: a loop whose body is one block of two instructions. */
  private static final Program ENDLESS = Assembler.assemble("loop:\nr0 += 1\ngoto loop\nexit");

  @AfterAll
  static void printTally() {
    System.out.println(TALLY.summary());
  }

  @Test
  void comparisonNamesEveryKindOfDifference() {
    EngineRun interpreter =
        new EngineRun(
            Engine.INTERPRETER,
            Optional.empty(),
            "r0=0x1 executed=2",
            null,
            null,
            Map.of("context", new byte[] {1, 2, 3}),
            "printed [a]",
            false);
    EngineRun jit =
        new EngineRun(
            Engine.JIT,
            Optional.empty(),
            "r0=0x2 executed=2",
            null,
            new IllegalStateException("boom"),
            Map.of("context", new byte[] {1, 9, 3}),
            "printed [b]",
            true);
    List<String> problems = new EngineComparison(() -> "p", interpreter, jit).problems();
    assertEquals(
        List.of(
            "outcome: interpreter r0=0x1 executed=2; jit r0=0x2 executed=2",
            "region context: first difference at byte 1: interpreter 010203, jit 010903 (bytes"
                + " 0..2)",
            "helper side effects: interpreter printed [a]; jit printed [b]",
            "interrupt left pending: interpreter false, jit true",
            "jit leaked a JVM exception: java.lang.IllegalStateException: boom"),
        problems);
    AssertionError failure =
        assertThrows(
            AssertionError.class,
            () -> new EngineComparison(() -> "p", interpreter, jit).assertSame());
    assertTrue(failure.getMessage().startsWith("the engines differ on p\n  outcome:"));
  }

  @Test
  void tallyCountsCompiledRunsAndFailsForAFallback() {
    assumeTrue(JitTally.requireJit(), "-D" + JitTally.REQUIRE_JIT_PROPERTY + "=false");
    JitTally tally = new JitTally("t");
    tally.record("compiled", comparisonWithJitRun(Engine.JIT, null));
    assertEquals("t: 1 of 1 programs ran compiled; fallbacks: none", tally.summary());
    AssertionError failure =
        assertThrows(
            AssertionError.class,
            () -> tally.record("too big", comparisonWithJitRun(Engine.INTERPRETER, "too big")));
    assertEquals(
        "t: too big ran on the interpreter although the JIT was asked for: too big"
            + " (-Ddiff.requireJit=false allows it)",
        failure.getMessage());
  }

  private static EngineComparison comparisonWithJitRun(Engine engine, String interpretedBecause) {
    EngineRun run =
        new EngineRun(
            engine,
            Optional.ofNullable(interpretedBecause),
            "r0=0x0 executed=1",
            null,
            null,
            Map.of(),
            "",
            false);
    return new EngineComparison(() -> "p", run, run);
  }

  @Test
  void errorsAreComparedWithTheirFields() {
    Program program = Assembler.assemble("r1 = 7\nr0 = *(u32 *)(r1 + 0)\nexit");
    EngineComparison c = EngineDifferential.of(program).compare();
    c.assertSame();
    assertEquals(
        "org.csdlab.ebpf.MemoryAccessException pc=1 instruction='"
            + program.at(1)
            + "' address=0x7 sizeBytes=4 write=false nearestRegion="
            + c.interpreter().outcome().split("nearestRegion=")[1].split(" message=")[0]
            + " message="
            + c.interpreter().error().getMessage(),
        c.interpreter().outcome());
    assertTrue(
        c.interpreter().outcome().contains("nearestRegion=stack ["), c.interpreter()::outcome);
  }

  @Test
  void eachEngineRunsOnItsOwnCopies() {
    // ctx[0] += 1; data[0] += 1; r0 = ctx[0] * 256 + data[0]: a run that saw the other's writes
    // would return more
    Program program =
        Assembler.assemble(
            """
            r2 = *(u8 *)(r1 + 0)
            r2 += 1
            *(u8 *)(r1 + 0) = r2
            r3 = 0x300000000 ll
            r4 = *(u8 *)(r3 + 0)
            r4 += 1
            *(u8 *)(r3 + 0) = r4
            r0 = r2
            r0 <<= 8
            r0 += r4
            exit
            """);
    byte[] context = {10};
    byte[] data = {20};
    EngineComparison c =
        EngineDifferential.of(program).context(context).region("data", data).compare();
    c.assertSame();
    assertEquals(11 * 256 + 21, c.interpreter().result().r0());
    assertArrayEquals(new byte[] {11}, c.jit().memory().get(Vm.CONTEXT));
    assertArrayEquals(new byte[] {21}, c.jit().memory().get("data"));
    assertArrayEquals(new byte[] {10}, context, "the caller's bytes are not run on");
    assertArrayEquals(new byte[] {20}, data);
  }

  @Test
  void helperSideEffectsAreCompared() {
    // trace_printk("%d\n", 5) and counters[1] = 7 through map_update_elem
    Program program =
        Assembler.assemble(
            """
            r1 = 0xa6425 ll
            *(u64 *)(r10 - 8) = r1
            r1 = r10
            r1 += -8
            r2 = 4
            r3 = 5
            call 6
            *(u32 *)(r10 - 12) = 1
            *(u64 *)(r10 - 24) = 7
            r1 = 0x4d500000 ll
            r2 = r10
            r2 += -12
            r3 = r10
            r3 += -24
            r4 = 0
            call 2
            exit
            """);
    EngineComparison c =
        EngineDifferential.of(program)
            .helpers(
                HelperFixture.linux(
                    () -> MapSet.of(new MapDefinition(MapType.ARRAY, 4, 8, 4, "counters"))))
            .compare();
    c.assertSame();
    assertEquals(
        "printed [5\n], dropped 0; map counters [0000000000000000, 0700000000000000,"
            + " 0000000000000000, 0000000000000000]",
        c.jit().sideEffects());
  }

  @Test
  void anInterruptedRunStopsAtTheFirstSliceOnBothEnginesAndConsumesTheInterrupt() {
    EngineComparison c =
        EngineDifferential.of(ENDLESS).fuel(Long.MAX_VALUE).interruptedBeforeRun().compare();
    c.assertSame();
    TALLY.record("endless loop, interrupted", c);
    for (EngineRun run : List.of(c.interpreter(), c.jit())) {
      VmInterruptedException e = assertInstanceOf(VmInterruptedException.class, run.error());
      assertEquals(RunState.FUEL_SLICE, e.executed(), run::outcome);
      assertEquals(0, e.pc(), "the loop is at an even count when the slice ends: next is r0 += 1");
      assertFalse(run.interruptPending(), "the interrupt was consumed");
    }
  }

  @Test
  void anInterruptFromAnotherThreadStopsBothEnginesAtASliceBoundary() {
    for (Engine engine : List.of(Engine.INTERPRETER, Engine.JIT)) {
      Vm vm = Vm.builder(ENDLESS).engine(engine).fuel(Long.MAX_VALUE).build();
      CountDownLatch started = new CountDownLatch(1);
      AtomicReference<Thread> runner = new AtomicReference<>();
      CompletableFuture<Throwable> outcome =
          CompletableFuture.supplyAsync(
              () -> {
                runner.set(Thread.currentThread());
                started.countDown();
                try {
                  vm.run();
                  return null;
                } catch (RuntimeException e) {
                  return Thread.interrupted() ? new AssertionError("interrupt left pending", e) : e;
                }
              });
      Throwable thrown =
          assertTimeoutPreemptively(
              Duration.ofSeconds(60),
              () -> {
                started.await();
                runner.get().interrupt();
                return outcome.join();
              },
              engine + " did not stop when interrupted");
      VmInterruptedException e = assertInstanceOf(VmInterruptedException.class, thrown);
      assertEquals(0, e.executed() % RunState.FUEL_SLICE, engine + ": " + e.getMessage());
      assertTrue(e.executed() > 0, engine + ": " + e.getMessage());
    }
  }

  static List<Arguments> programs() {
    return List.of(
        Arguments.of(
            "fuel runs out one instruction into the third slice",
            ENDLESS,
            2 * RunState.FUEL_SLICE + 1),
        Arguments.of(
            "fuel runs out inside a block",
            Assembler.assemble("loop:\nr0 += 1\nr0 += 2\nr0 += 3\ngoto loop\nexit"),
            RunState.FUEL_SLICE + 2),
        Arguments.of(
            "a bounded loop ends exactly at the fuel limit",
            Assembler.assemble("r1 = 100\nloop:\nr1 -= 1\nif r1 != 0 goto loop\nexit"),
            202L),
        Arguments.of(
            "a recursion one frame too deep",
            Program.of(EngineDifferentialFuzz.recursion(Vm.MAX_CALL_DEPTH - 1)),
            Vm.DEFAULT_FUEL),
        Arguments.of(
            "the deepest recursion allowed",
            Program.of(EngineDifferentialFuzz.recursion(Vm.MAX_CALL_DEPTH - 2)),
            Vm.DEFAULT_FUEL),
        Arguments.of(
            "a helper stops the program inside a loop (unwind(0))",
            Assembler.assemble("r6 = 3\nloop:\nr6 -= 1\nr1 = r6\ncall 5\ngoto loop\nexit"),
            Vm.DEFAULT_FUEL),
        Arguments.of(
            "callx of an id that is not registered",
            Assembler.assemble("r2 = 99\ncallx r2\nexit"),
            Vm.DEFAULT_FUEL),
        Arguments.of(
            "callx of an id above 32 bits",
            Assembler.assemble("r2 = 0x100000002 ll\ncallx r2\nexit"),
            Vm.DEFAULT_FUEL),
        Arguments.of(
            "a misaligned atomic across the stack top",
            Assembler.assemble("r1 = 1\nlock *(u64 *)(r10 - 4) += r1\nexit"),
            Vm.DEFAULT_FUEL),
        Arguments.of(
            "division and modulo by zero, 32 and 64 bits, signed and not",
            Assembler.assemble(
                "r0 = -7\nr1 = 0\nr0 /= r1\nr2 = -7\nr2 %= r1\nw3 = -7\nw3 s/= w1\nr0 += r2\nr0 += r3\nexit"),
            Vm.DEFAULT_FUEL),
        Arguments.of(
            "shifts by amounts past the width are masked",
            Assembler.assemble(
                "r0 = 1\nr1 = 65\nr0 <<= r1\nw2 = -1\nr3 = 33\nw2 s>>= w3\nr0 += r2\nexit"),
            Vm.DEFAULT_FUEL),
        Arguments.of(
            "reading registers nobody wrote (unverified)",
            Assembler.assemble("r0 = r7\nr0 += r9\nexit"),
            Vm.DEFAULT_FUEL));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("programs")
  void handWrittenProgramRunsAlike(String name, Program program, long fuel) {
    EngineComparison c =
        EngineDifferential.of(program)
            .describedAs(() -> name + ": " + program.instructions())
            .helpers(HelperFixture.of(ConformanceHelpers::registry))
            .fuel(fuel)
            .compare();
    c.assertSame();
    TALLY.record(name, c);
    assertNotNull(c.interpreter().engine(), c.interpreter()::outcome);
  }
}
