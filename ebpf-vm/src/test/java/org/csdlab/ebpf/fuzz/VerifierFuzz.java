package org.csdlab.ebpf.fuzz;

import java.util.List;
import java.util.Random;
import net.jqwik.api.Assume;
import net.jqwik.api.ForAll;
import net.jqwik.api.constraints.IntRange;
import org.csdlab.ebpf.Instruction;
import org.csdlab.ebpf.Program;
import org.csdlab.ebpf.ProgramFormatException;
import org.csdlab.ebpf.verifier.VerificationException;
import org.csdlab.ebpf.verifier.Verifier;
import org.csdlab.ebpf.verifier.VerifierOptions;

/**
 * The verifier on structured programs (valid, and with hostile raw instructions mixed in), through
 * {@link Verifier#verify(Program)} and through the unvalidated {@link Verifier#verify(List,
 * VerifierOptions)}: a result or a {@link VerificationException} (and {@link
 * ProgramFormatException} where a program is built). Whether an accepted program can still fault on
 * memory at run time is not asserted here (a later issue).
 */
class VerifierFuzz {
  private static final FuzzOracle ORACLE =
      FuzzOracle.expecting("verifier", VerificationException.class, ProgramFormatException.class);
  private static final VerifierOptions OPTIONS = VerifierOptions.defaults();
  private static final double MAX_CALL_PATHS = 2_000;

  @Fuzz(tries = 1500)
  void structuredPrograms(@ForAll long seed) {
    Random random = new Random(seed);
    List<Instruction> instructions =
        new ProgramShapes(random).program(1 + random.nextInt(48), random.nextInt(4) == 0);
    ORACLE.check(
        () -> "seed " + seed + ": " + instructions,
        () -> Verifier.verify(Program.of(instructions)).orThrow());
  }

  /** Local-call trees of up to 8 levels with up to {@value #MAX_CALL_PATHS} call paths. */
  @Fuzz(tries = 40)
  void callTrees(
      @ForAll @IntRange(min = 1, max = 10) int fanout,
      @ForAll @IntRange(min = 1, max = 8) int depth) {
    Assume.that(Math.pow(fanout, depth) <= MAX_CALL_PATHS);
    List<Instruction> instructions = ProgramShapes.callTree(fanout, depth);
    ORACLE.check(
        () -> "call tree fanout " + fanout + " depth " + depth,
        () -> Verifier.verify(Program.of(instructions)).orThrow());
  }

  @Fuzz(tries = 1000)
  void unvalidatedInstructions(@ForAll long seed) {
    Random random = new Random(seed);
    List<Instruction> instructions =
        new ProgramShapes(random).program(1 + random.nextInt(24), true);
    ORACLE.check(
        () -> "seed " + seed + ": " + instructions,
        () -> Verifier.verify(instructions, OPTIONS).orThrow());
  }
}
