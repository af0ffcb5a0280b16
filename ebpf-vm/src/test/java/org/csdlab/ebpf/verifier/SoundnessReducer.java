package org.csdlab.ebpf.verifier;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.csdlab.ebpf.Program;

/**
 * Shrinks a {@link SoundnessOracle.Violation} to a minimal reproducer: drops one line of its
 * assembly at a time, keeping each drop after which the program still assembles, is still accepted
 * and its run with the same inputs still misbehaves in the same way (the same {@link
 * SoundnessOracle.Violation#kind()}, so that a shallower fault does not take its place), until no
 * single line can go.
 */
final class SoundnessReducer {
  /** Verifications a reduction may spend, so that one reproducer stays cheap. */
  static final int MAX_ATTEMPTS = 3_000;

  private SoundnessReducer() {}

  static SoundnessOracle.Violation reduce(SoundnessOracle.Violation v) {
    List<String> lines = new ArrayList<>(Arrays.asList(v.c().assembly().split("\n")));
    String problem = v.problem();
    int attempts = 0;
    boolean shrunk = true;
    while (shrunk && attempts < MAX_ATTEMPTS) {
      shrunk = false;
      for (int i = lines.size() - 1; i >= 0 && attempts < MAX_ATTEMPTS; i--) {
        List<String> fewer = new ArrayList<>(lines);
        fewer.remove(i);
        attempts++;
        String p = problemOf(v.c().withAssembly(String.join("\n", fewer) + "\n"), v.run());
        if (p != null && SoundnessOracle.Violation.kindOf(p).equals(v.kind())) {
          lines = fewer;
          problem = p;
          shrunk = true;
        }
      }
    }
    return new SoundnessOracle.Violation(
        v.c().withAssembly(String.join("\n", lines) + "\n"), v.run(), v.inputs(), problem);
  }

  /**
   * The run's problem when {@code c} assembles and is accepted, else null; for {@link
   * SoundnessOracle.Violation#VERIFICATION}, the verifier's throw.
   */
  private static String problemOf(SoundnessCase c, int run) {
    Program program;
    try {
      program = c.program();
    } catch (RuntimeException e) {
      return null;
    }
    VerificationResult result;
    try {
      result = PathVerifier.verify(program, c.options());
    } catch (RuntimeException e) {
      return run == SoundnessOracle.Violation.VERIFICATION
          ? SoundnessOracle.Violation.threw(e)
          : null;
    }
    return result.ok() && run != SoundnessOracle.Violation.VERIFICATION
        ? SoundnessOracle.problemOf(c, program, result, run)
        : null;
  }
}
