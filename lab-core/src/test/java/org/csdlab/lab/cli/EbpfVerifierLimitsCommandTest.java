package org.csdlab.lab.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code ebpf verify} and {@code ebpf run} on the verifier reproducers of issue 11. */
class EbpfVerifierLimitsCommandTest {
  @TempDir Path dir;

  /**
   * main calls f1 ten times, each fi calls fi+1 ten times, {@code depth} levels: 10^depth call
   * chains. With {@code distinctArguments} each call passes its own pointer offset in r1, so each
   * chain enters the leaf differently.
   */
  private static String nestedCalls(int depth, boolean distinctArguments) {
    StringBuilder out = new StringBuilder();
    long step = 1;
    for (int f = 0; f < depth; f++, step *= 11) {
      out.append(f == 0 ? "" : "f" + f + ":\n").append(distinctArguments ? "r6 = r1\n" : "");
      for (int call = 1; call <= 10; call++) {
        out.append(distinctArguments ? "r1 = r6\nr1 += " + call * step + "\n" : "")
            .append("call f" + (f + 1) + "\n");
      }
      out.append("r0 = 0\nexit\n");
    }
    return out.append("f").append(depth).append(":\nr0 = 0\nexit\n").toString();
  }

  private Path file(String name, String text) throws IOException {
    return Files.writeString(dir.resolve(name), text);
  }

  @Test
  void verifyAcceptsTheIssuesNestedCallsAtOnce() throws IOException {
    CliRun run = CliRun.of("ebpf", "verify", file("nested7.s", nestedCalls(7, false)).toString());
    assertEquals(0, run.status(), run.out());
    assertEquals("OK: nested7.s, 86 instructions, accepted (helpers: linux)\n", run.out());
  }

  @Test
  void verifyRefusesDeeplyNestedCallsAsTooComplexWithTheBudget() throws IOException {
    CliRun run = CliRun.of("ebpf", "verify", file("distinct7.s", nestedCalls(7, true)).toString());
    assertEquals(1, run.status(), run.err());
    assertTrue(run.out().startsWith("REFUSED: TOO_COMPLEX at "), run.out());
    assertTrue(
        run.out()
            .contains(
                "the program is too complex to verify: the analysis stored 100,001 states, over "
                    + "its budget maxStoredStates = 100,000"),
        run.out());
    assertTrue(
        run.out().contains("raise the budget with --max-stored-states N (now 100000)."), run.out());
    assertTrue(run.out().contains("\n>"), "the instruction is marked: " + run.out());
    assertEquals("", run.err());
  }

  @Test
  void verifyTakesTheBudgetsAsOptions() throws IOException {
    Path nested = file("distinct4.s", nestedCalls(4, true));
    CliRun small =
        CliRun.of("ebpf", "verify", "--max-processed-instructions", "500", nested.toString());
    assertEquals(1, small.status(), small.err());
    assertTrue(
        small
            .out()
            .contains(
                "the analysis processed 501 instructions, over its budget "
                    + "maxProcessedInstructions = 500"),
        small.out());
    String refusal =
        small.out().lines().filter(line -> line.startsWith("REFUSED: ")).findFirst().orElseThrow();
    // the command's own option, not VerifierOptions, which a command-line user cannot reach
    assertTrue(
        refusal.endsWith(
            "Fix: call functions from fewer sites or nest them less deeply, or raise the budget with"
                + " --max-processed-instructions N (now 500)."),
        refusal);
    assertFalse(small.out().contains("VerifierOptions"), small.out());
    CliRun states = CliRun.of("ebpf", "verify", "--max-stored-states", "1000", nested.toString());
    assertTrue(
        states.out().contains("or raise the budget with --max-stored-states N (now 1000)."),
        states.out());
    CliRun enough = CliRun.of("ebpf", "verify", nested.toString());
    assertEquals(0, enough.status(), enough.out());
    CliRun zero = CliRun.of("ebpf", "verify", "--max-stored-states", "0", nested.toString());
    assertEquals(2, zero.status(), zero.out());
    assertEquals(
        "csdlab ebpf verify: --max-stored-states must be at least 1, got 0 (see csdlab ebpf verify --help)",
        zero.errorLine());
  }

  @Test
  void verifyTakesTheContextSizeAsAnOption() throws IOException {
    Path program = file("ctx.s", "r0 = *(u32 *)(r1 + 0)\nexit\n");
    assertEquals(
        0, CliRun.of("ebpf", "verify", "--context-bytes", "16", program.toString()).status());
    CliRun negative = CliRun.of("ebpf", "verify", "--context-bytes", "-5", program.toString());
    assertEquals(2, negative.status(), negative.out());
    assertEquals(
        "csdlab ebpf verify: --context-bytes must be at least 0, got -5 (see csdlab ebpf verify"
            + " --help)",
        negative.errorLine());
  }

  @Test
  void runExecutesTheNestedProgramTheVerifierRefusesOnlyUnverified() throws IOException {
    Path program = file("distinct5.s", nestedCalls(5, true));
    CliRun refused = CliRun.of("ebpf", "run", program.toString());
    assertEquals(1, refused.status());
    assertTrue(
        refused.errorLine().contains("the verifier refuses it (TOO_COMPLEX"), refused.errorLine());
    CliRun run = CliRun.of("ebpf", "run", program.toString(), "--unverified");
    assertEquals(0, run.status(), run.err());
    assertTrue(run.out().startsWith("r0 = 0 (0x0)\n"), run.out());
  }

  @Test
  void verifyAcceptsWhatRunExecutesWithTheLinuxHelpers() throws IOException {
    Path program =
        file(
            "prandom.s",
            """
        call 7
        *(u32 *)(r10 - 4) = r0
        r1 = 0
        r2 = r10
        r2 += -4
        r3 = 4
        r4 = 0
        call 130
        exit
        """);
    CliRun verify = CliRun.of("ebpf", "verify", program.toString());
    assertEquals(0, verify.status(), verify.out());
    CliRun run = CliRun.of("ebpf", "run", program.toString());
    assertEquals(0, run.status(), run.err());
    assertTrue(run.out().startsWith("r0 = -22 "), run.out()); // no ring buffer map: -EINVAL
  }

  @Test
  void verifyKnowsTheConformanceHelpers() throws IOException {
    Path program = file("sqrt.s", "r1 = 16\ncall 3\nexit\n");
    CliRun verify = CliRun.of("ebpf", "verify", "--helpers", "conformance", program.toString());
    assertEquals(0, verify.status(), verify.out());
    assertEquals("OK: sqrt.s, 3 instructions, accepted (helpers: conformance)\n", verify.out());
    CliRun run = CliRun.of("ebpf", "run", "--helpers", "conformance", program.toString());
    assertTrue(run.out().startsWith("r0 = 4 "), run.out() + run.err());
  }

  @Test
  void verifyRefusesARegisterAboveTenInBytecode() throws IOException {
    Path program =
        Files.write(
            dir.resolve("r15.bin"),
            new byte[] {(byte) 0xb7, 0x0f, 0, 0, 0, 0, 0, 0, (byte) 0x95, 0, 0, 0, 0, 0, 0, 0});
    CliRun verify = CliRun.of("ebpf", "verify", program.toString());
    assertEquals(1, verify.status(), verify.out());
    assertTrue(
        verify.err().contains("dst register r15 does not exist"), verify.err() + verify.out());
  }
}
