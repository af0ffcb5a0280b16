package org.csdlab.ebpf.fuzz;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Random;
import org.csdlab.ebpf.Instruction;
import org.csdlab.ebpf.Program;
import org.csdlab.ebpf.verifier.ErrorCode;
import org.csdlab.ebpf.verifier.PathVerifier;
import org.csdlab.ebpf.verifier.VerificationResult;
import org.csdlab.ebpf.verifier.VerifierOptions;
import org.junit.jupiter.api.Test;

/**
 * The seeds with which VerifierFuzz and VmFuzz found the path verifier throwing
 * ArrayIndexOutOfBoundsException (index -1) in the experiment that made it {@code Verifier.verify}
 * (issue 16, before the per-run drive verification and the Scalar engine were merged): each program
 * now gets a refusal, pinned here with its code and pc, through PathVerifier directly.
 */
class PathVerifierFuzzFindingsTest {

  private static VerificationResult structured(long seed, int maxInstructions) {
    Random random = new Random(seed);
    List<Instruction> instructions =
        new ProgramShapes(random)
            .program(1 + random.nextInt(maxInstructions), random.nextInt(4) == 0);
    return PathVerifier.verify(Program.of(instructions), VerifierOptions.defaults());
  }

  @Test
  void verifierFuzzStructuredSeedMinus66IsRefusedAsUnreachable() {
    VerificationResult r = structured(-66, 48);
    assertEquals(ErrorCode.UNREACHABLE, r.code(), r.toString());
    assertEquals(41, r.error().pc());
  }

  @Test
  void vmFuzzStructuredSeed547070IsRefusedAsUnreachable() {
    VerificationResult r = structured(547070, 40);
    assertEquals(ErrorCode.UNREACHABLE, r.code(), r.toString());
    assertEquals(4, r.error().pc());
  }

  @Test
  void verifierFuzzUnvalidatedSeed75025IsRefusedAsABadProgram() {
    Random random = new Random(75025);
    List<Instruction> instructions =
        new ProgramShapes(random).program(1 + random.nextInt(24), true);
    VerificationResult r =
        PathVerifier.verify(
            instructions, VerifierOptions.defaults(), PathVerifier.UNKNOWN_CONTEXT_SIZE);
    assertEquals(ErrorCode.BAD_PROGRAM, r.code(), r.toString());
    assertEquals(1, r.error().pc());
  }
}
