package org.csdlab.ebpf.conformance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import org.csdlab.ebpf.EbpfException;
import org.csdlab.ebpf.EngineComparison;
import org.csdlab.ebpf.EngineDifferential;
import org.csdlab.ebpf.HelperFixture;
import org.csdlab.ebpf.JitTally;
import org.csdlab.ebpf.Program;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every {@code .data} conformance case on both engines, as the plugin runs it (the conformance
 * helpers, the memory as the context, the plugin's fuel): identical results and errors, and the
 * case's own expectation met by both. Cases the assembler or the decoder refuses never reach an
 * engine; {@link ConformanceDataTest} covers those.
 */
class ConformanceEngineDifferentialTest {
  private static final JitTally TALLY = new JitTally("conformance .data cases");

  @ParameterizedTest(name = "{0}")
  @MethodSource("org.csdlab.ebpf.conformance.ConformanceDataTest#cases")
  void caseRunsAlikeOnBothEngines(Path file) throws IOException {
    ConformanceCase c = ConformanceCase.read(file);
    Program program;
    try {
      program = Program.decode(c.bytecode());
    } catch (EbpfException refusedBeforeAnyEngine) {
      assertTrue(c.expectsError(), () -> c + " was refused: " + refusedBeforeAnyEngine);
      return;
    }
    byte[] memory = c.memoryHex() == null ? new byte[0] : HexBytes.parse(c.memoryHex(), "memory");
    EngineComparison comparison =
        EngineDifferential.of(program)
            .describedAs(c::name)
            .helpers(HelperFixture.of(ConformanceHelpers::registry))
            .context(memory)
            .fuel(ConformancePlugin.DEFAULT_FUEL)
            .compare();
    comparison.assertSame();
    TALLY.record(c.name(), comparison);
    if (c.expectsError()) {
      assertNotNull(comparison.jit().error(), () -> c + " expected an error, got " + comparison);
      String message = comparison.jit().error().getMessage();
      for (String expected : c.errors()) {
        assertTrue(message.contains(expected), () -> "'" + message + "' lacks '" + expected + "'");
      }
    } else {
      assertNotNull(comparison.jit().result(), () -> c + " failed: " + comparison.jit().outcome());
      assertEquals(c.result(), comparison.jit().result().r0(), c.name());
    }
  }

  @AfterAll
  static void printTally() {
    System.out.println(TALLY.summary());
  }
}
