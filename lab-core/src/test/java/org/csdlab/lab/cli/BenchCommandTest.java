package org.csdlab.lab.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class BenchCommandTest {
  @Test
  void printsATableRowPerBenchmark() {
    CliRun run = CliRun.of("bench", "--size", "1MiB", "--time", "0.05", "--warmup", "0");
    assertEquals(0, run.status(), run.err());
    String[] lines = run.out().split("\n");
    assertEquals(6, lines.length, run.out()); // title, header, vm, zns append, zns read, csd
    assertTrue(lines[1].matches("benchmark\\s+what\\s+Minsn/s\\s+MB/s\\s+runs"), lines[1]);
    assertTrue(lines[2].matches("vm count_above .*\\s[0-9.]+\\s+[0-9.]+\\s+[0-9]+"), lines[2]);
    assertTrue(lines[3].matches("zns append .*\\s-\\s+[0-9.]+\\s+[0-9]+"), lines[3]);
    assertTrue(lines[5].startsWith("csd count_u32 "), lines[5]);
  }

  @Test
  void runsOnlyTheGroupsNamed() {
    CliRun run = CliRun.of("bench", "csd", "--size", "1MiB", "--time", "0.05", "--warmup", "0");
    assertEquals(0, run.status(), run.err());
    assertEquals(3, run.out().split("\n").length, run.out());
  }

  @Test
  void namesTheEngineThatRanAndWhyAJitRequestWasInterpreted() {
    CliRun interpreted =
        CliRun.of(
            "bench",
            "vm",
            "csd",
            "--engine",
            "INTERPRETER",
            "--size",
            "1MiB",
            "--time",
            "0.05",
            "--warmup",
            "0");
    assertEquals(0, interpreted.status(), interpreted.err());
    String[] lines = interpreted.out().split("\n");
    assertEquals(4, lines.length, interpreted.out()); // title, header, vm, csd
    assertTrue(lines[2].startsWith("vm count_above  interpreter: u32 > 0x3FFFFFFF"), lines[2]);
    assertTrue(lines[3].startsWith("csd count_u32   interpreter: count_u32.o, 4 KiB"), lines[3]);

    CliRun jit =
        CliRun.of(
            "bench",
            "vm",
            "csd",
            "--engine",
            "jit",
            "--size",
            "1MiB",
            "--time",
            "0.05",
            "--warmup",
            "0");
    assertEquals(0, jit.status(), jit.err());
    String out = jit.out();
    // each VM runs on the JIT, or a line under the table says why it was interpreted
    for (String name : new String[] {"vm count_above", "csd count_u32"}) {
      boolean onJit = out.contains(String.format("%-15s jit: ", name));
      boolean explained =
          out.contains("\n" + name + ": --engine jit runs on the interpreter: "); // then a reason
      assertTrue(onJit != explained, out);
      assertTrue(onJit || out.contains(String.format("%-15s interpreter: ", name)), out);
    }
  }

  @Test
  void refusesBadArgumentsInOneLine() {
    CliRun group = CliRun.of("bench", "gpu");
    assertEquals(2, group.status());
    assertEquals(
        "csdlab bench: no benchmark group 'gpu'; groups: vm, zns, csd (see csdlab bench --help)",
        group.errorLine());
    assertEquals(
        "csdlab bench: --size must be a multiple of 1 MiB from 1 MiB to 1 GiB, got 3 KiB (see csdlab bench "
            + "--help)",
        CliRun.of("bench", "--size", "3k").errorLine());
    assertEquals(2, CliRun.of("bench", "--time", "-1").status());
  }
}
