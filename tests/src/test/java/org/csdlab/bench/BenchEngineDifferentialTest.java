package org.csdlab.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.csdlab.ebpf.EngineComparison;
import org.csdlab.ebpf.EngineDifferential;
import org.csdlab.ebpf.JitTally;
import org.csdlab.ebpf.Program;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The benchmark kernels ({@code /bench/*.bin}, raw bytecode run as the benchmarks run it: r1 = the
 * data, r2 = its length) on both engines over seeded random buffers, lengths that are not multiples
 * of 4 or 8 and more than one 4 KiB block among them: identical results and counts, and the Java
 * reference's answer.
 */
class BenchEngineDifferentialTest {
  private static final int[] LENGTHS = {0, 1, 3, 4, 7, 8, 13, 64, 1001, 4096, 8192 + 5};
  private static final JitTally TALLY = new JitTally("benchmark kernels");

  static List<Arguments> runs() {
    List<Arguments> out = new ArrayList<>();
    for (BenchProgram program : BenchProgram.values()) {
      for (int length : LENGTHS) {
        out.add(Arguments.of(program, length));
      }
    }
    return out;
  }

  @ParameterizedTest(name = "{0} over {1} bytes")
  @MethodSource("runs")
  void kernelRunsAlikeOnBothEngines(BenchProgram bench, int length) {
    byte[] data = new byte[length];
    new Random(length * 31L + bench.ordinal()).nextBytes(data);
    Program program = Program.decode(bench.bytecode());
    EngineComparison c =
        EngineDifferential.of(program)
            .describedAs(() -> bench + " over " + length + " random bytes")
            .context(data)
            .compare();
    c.assertSame();
    TALLY.record(bench + "/" + length, c);
    assertNotNull(c.jit().result(), c.jit()::outcome);
    assertEquals(bench.reference(data), c.jit().result().r0(), bench + " over " + length);
  }

  @AfterAll
  static void printTally() {
    System.out.println(TALLY.summary());
  }
}
