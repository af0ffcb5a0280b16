package org.csdlab.lab;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Optional;
import org.csdlab.ebpf.Engine;
import org.junit.jupiter.api.Test;

/** A workbench program runs on the engine asked for, and its run says which one ran and why. */
class EbpfProgramEngineTest {
  static final String SUM_TO_100 =
      """
      r0 = 0
      r1 = 100
      loop:
      r0 += r1
      r1 -= 1
      if r1 != 0 goto loop
      exit
      """;

  /** Counts the u32 values above 0x3fffffff in the context. */
  static final String COUNT_ABOVE =
      """
      r0 = 0
      r3 = r1
      r3 += r2
      loop:
      if r1 >= r3 goto done
      r4 = *(u32 *)(r1 + 0)
      r1 += 4
      if r4 <= 0x3fffffff goto loop
      r0 += 1
      goto loop
      done:
      exit
      """;

  private final LabEbpf ebpf = Lab.create().ebpf();

  @Test
  void bothEnginesGiveTheSameR0AndInstructionCountAndSayWhichRan() {
    EbpfProgram sum = ebpf.assemble("sum", SUM_TO_100);
    EbpfRun jit = sum.onJit().run();
    EbpfRun interpreted = sum.onInterpreter().run();
    assertEquals(5050, jit.r0());
    assertEquals(jit.r0(), interpreted.r0());
    assertEquals(303, jit.instructionsExecuted());
    assertEquals(jit.instructionsExecuted(), interpreted.instructionsExecuted());
    assertEquals(Engine.JIT, jit.engine());
    assertEquals(Engine.JIT, jit.requested());
    assertEquals(Optional.empty(), jit.interpretedBecause());
    assertEquals(Engine.INTERPRETER, interpreted.engine());
    assertEquals(Optional.empty(), interpreted.interpretedBecause());
    assertTrue(jit.toString().endsWith(" · JIT"), jit.toString());
    assertTrue(interpreted.toString().endsWith(" · interpreter"), interpreted.toString());
    assertTrue(
        jit.toString().startsWith("r0 = 5050 (0x13ba) · 303 instructions · "), jit.toString());
  }

  @Test
  void autoCompilesALoopAndInterpretsAStraightLineSayingWhy() {
    assertEquals(Engine.AUTO, ebpf.engine());
    EbpfRun loop = ebpf.assemble(SUM_TO_100).run();
    assertEquals(Engine.AUTO, loop.requested());
    assertEquals(Engine.JIT, loop.engine());
    EbpfRun hello = ebpf.assemble("r0 = 42\nexit").run();
    assertEquals(Engine.INTERPRETER, hello.engine());
    assertEquals(
        Optional.of("the program has no loop, so it runs too briefly to pay for compiling"),
        hello.interpretedBecause());
    Xhtml html = Xhtml.parse(hello.toHtml());
    assertEquals("interpreted because", html.text("//tr[1]/th[last()]"));
    assertEquals(
        "the program has no loop, so it runs too briefly to pay for compiling",
        html.text("//tr[2]/td[last()]"));
    assertEquals("interpreter (AUTO asked)", html.text("//tr[2]/td[5]"));
  }

  /** 100,002 instructions: more than the JIT compiles (JitCompiler.MAX_INSTRUCTIONS). */
  static final String OVER_THE_JIT_BUDGET = "r0 = 0\n" + "r0 += 1\n".repeat(100_000) + "exit";

  @Test
  void aProgramTheJitCannotCompileRunsOnTheInterpreterAndItsRunSaysWhy() {
    // (unverified: the verifier's budget of stored states is also 100,000)
    EbpfProgram huge = ebpf.assemble("huge", OVER_THE_JIT_BUDGET);
    EbpfRun run = huge.onJit().runUnverified();
    assertEquals(100_000, run.r0());
    assertEquals(Engine.INTERPRETER, run.engine());
    assertTrue(run.toString().endsWith(" · interpreter (JIT asked)"), run.toString());
    String why = run.interpretedBecause().orElseThrow();
    assertEquals(
        "the program has 100002 instructions, more than the JIT compiles"
            + " (JitCompiler.MAX_INSTRUCTIONS = 100000)",
        why);
  }

  @Test
  void theFirstRunBuildsTheVmAndLaterRunsReuseIt() {
    EbpfProgram count = ebpf.assemble("count", COUNT_ABOVE).onJit();
    byte[] data = Seeded.readings(4096, 7);
    EbpfRun first = count.run(data);
    EbpfRun second = count.run(data);
    assertTrue(first.vmBuildNanos() > 0, first.toString());
    assertEquals(0, second.vmBuildNanos());
    assertEquals(Seeded.countAbove(data, 0x3fffffffL), first.r0());
    assertEquals(first.r0(), second.r0());
    assertEquals(data.length, first.contextBytes());
    assertEquals(
        first.instructionsExecuted() * 1e9 / first.wallNanos(), first.instructionsPerSecond());
    assertEquals(data.length * 1e9 / first.wallNanos(), first.contextBytesPerSecond());
    Xhtml html = Xhtml.parse(first.toHtml());
    assertEquals("VM built in", html.text("//tr[1]/th[6]"));
    assertEquals(0, Xhtml.parse(second.toHtml()).count("//th[.='VM built in']"));
  }

  @Test
  void onTheSameEngineIsTheSameProgramAndANullEngineIsRefused() {
    EbpfProgram sum = ebpf.assemble("sum", SUM_TO_100);
    assertSame(sum, sum.on(Engine.AUTO));
    EbpfProgram jit = sum.onJit();
    assertEquals(Engine.JIT, jit.engine());
    assertEquals(
        Engine.AUTO, sum.engine(), "on(...) leaves the program it was called on as it was");
    assertTrue(jit.toString().contains(", on JIT"), jit.toString());
    var e = assertThrows(IllegalArgumentException.class, () -> sum.on(null));
    assertEquals(
        "sum.on(engine): engine must be INTERPRETER, JIT or AUTO, not null", e.getMessage());
  }

  @Test
  void anElfProgramOnAnotherEngineSeesTheGlobalsItsRunsLeft() {
    // globals.c's csd program: 115 on its first run, 124 on the next (its globals persist)
    EbpfProgram csd =
        ebpf.load(Path.of("..", "ebpf-vm", "src", "test", "resources", "elf", "globals.o"), "csd");
    EbpfRun first = csd.onInterpreter().run();
    EbpfRun second = csd.onJit().run();
    assertEquals(115, first.r0());
    assertEquals(10 + 20 + 30 + 40 + 2 * 5 + 14, second.r0());
    assertEquals(Engine.JIT, second.engine());
  }

  @Test
  void aTracedRunIsTheInterpretersWhateverTheEngine() {
    TraceTable trace = ebpf.assemble("sum", SUM_TO_100).onJit().trace();
    assertEquals(303, trace.steps().size());
    assertEquals(5050, trace.result().r0());
  }

  @Test
  void theLabsEngineIsTheWorkbenchsDefault() {
    LabEbpf interpreting = Lab.builder().engine(Engine.INTERPRETER).build().ebpf();
    assertEquals(Engine.INTERPRETER, interpreting.engine());
    EbpfRun run = interpreting.assemble(SUM_TO_100).run();
    assertEquals(Engine.INTERPRETER, run.engine());
    assertEquals(Optional.empty(), run.interpretedBecause());
    assertEquals(Engine.JIT, interpreting.assemble(SUM_TO_100).onJit().run().engine());
  }
}
