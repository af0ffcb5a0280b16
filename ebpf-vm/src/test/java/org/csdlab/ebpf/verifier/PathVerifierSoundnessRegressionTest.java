package org.csdlab.ebpf.verifier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Set;
import org.csdlab.ebpf.Program;
import org.csdlab.ebpf.maps.MapDefinition;
import org.csdlab.ebpf.maps.MapType;
import org.junit.jupiter.api.Test;

/**
 * The faults {@link PathVerifierSoundnessTest} found in accepted programs, each reduced by {@link
 * SoundnessReducer}: the program is now refused with its code at its pc, it really misbehaves when
 * run anyway (so the refusal is needed), and a close variant is accepted and runs safely.
 */
class PathVerifierSoundnessRegressionTest {

  /** Seed -394, reduced: an atomic add 7 bytes into an 8-byte aligned stack slot. */
  @Test
  void misalignedAtomicOnTheStackIsRefused() {
    String program =
        """
        *(u64 *)(r10 - 16) = 114
        *(u64 *)(r10 - 8) = 54
        r0 = 1
        lock *(u32 *)(r10 - %d) += w0
        r0 = 0
        exit
        """;
    VerifierError e =
        refusedAndFaults(stackCase(program.formatted(9)), ErrorCode.MISALIGNED_ATOMIC, 3);
    assertTrue(e.rule().contains("is at offset -9, not a multiple of 4"), e.rule());
    assertTrue(e.fix().contains("a multiple of 4"), e.fix());
    acceptedAndSafe(stackCase(program.formatted(8)));
  }

  /** Seed 1226894, reduced: an atomic add at a context offset from data ({@code % 23}). */
  @Test
  void atomicAtAVariableOffsetIsRefused() {
    String program =
        """
        r6 = r1
        r0 = 0
        r5 = *(u8 *)(r6 + 25)
        r5 %%= 23
        r4 = r6
        r4 += %s
        lock *(u32 *)(r4 + 0) += w0
        r0 = 0
        exit
        """;
    VerifierError e =
        refusedAndFaults(contextCase(program.formatted("r5"), 28), ErrorCode.MISALIGNED_ATOMIC, 6);
    assertTrue(e.rule().contains("has a variable offset"), e.rule());
    acceptedAndSafe(contextCase(program.formatted("20"), 28));
  }

  /**
   * Seed -285507, reduced: map_lookup_elem only reads its key at fp-16, but the stack from there to
   * the frame's end counted as written after the call, so a trace_printk format reaching fp-12
   * passed.
   */
  @Test
  void aHelperThatOnlyReadsItsBufferLeavesTheRestOfTheStackUnwritten() {
    String program =
        """
        *(u32 *)(r10 - 16) = 2
        r1 = %d ll
        r2 = r10
        r2 += -16
        call 1
        *(u64 *)(r10 - 32) = 0
        *(u64 *)(r10 - 24) = 0
        *(u32 *)(r10 - 16) = 0
        r1 = r10
        r1 += -32
        r2 = %d
        call 6
        r0 = 0
        exit
        """;
    long handle = SoundnessCase.mapHandle(0);
    SoundnessCase past = mapCase(program.formatted(handle, 24));
    VerifierError e = refusedAndFaults(past, ErrorCode.UNINIT_STACK_READ, 12);
    assertTrue(e.rule().contains("the byte at fp-12 is not written before the call"), e.rule());
    acceptedAndSafe(mapCase(program.formatted(handle, 20)));
  }

  // ---- support ------------------------------------------------------------------------------

  private static SoundnessCase stackCase(String assembly) {
    return contextCase(assembly, 8);
  }

  private static SoundnessCase mapCase(String assembly) {
    return new SoundnessCase(
        1,
        assembly,
        8,
        false,
        List.of(),
        List.of(new MapDefinition(MapType.ARRAY, 4, 29, 2, "m0")),
        Set.of());
  }

  private static SoundnessCase contextCase(String assembly, int contextBytes) {
    return new SoundnessCase(1, assembly, contextBytes, true, List.of(), List.of(), Set.of());
  }

  /** Refused with {@code code} at {@code pc}; run anyway, it misbehaves on some input. */
  private static VerifierError refusedAndFaults(SoundnessCase c, ErrorCode code, int pc) {
    Program program = c.program();
    VerificationResult result = PathVerifier.verify(program, c.options());
    assertFalse(result.ok(), () -> "accepted:\n" + c.assembly());
    assertEquals(code, result.code(), result::toString);
    assertEquals(pc, result.error().pc(), result::toString);
    VerificationResult unchecked =
        new VerificationResult(null, null, result.cost(), VerificationResult.NO_BOUND);
    List<SoundnessOracle.Violation> violations =
        SoundnessOracle.check(c, program, unchecked).violations();
    assertFalse(violations.isEmpty(), () -> "runs safely:\n" + c.assembly());
    return result.error();
  }

  private static void acceptedAndSafe(SoundnessCase c) {
    Program program = c.program();
    VerificationResult result = PathVerifier.verify(program, c.options());
    assertTrue(result.ok(), result::toString);
    List<SoundnessOracle.Violation> violations =
        SoundnessOracle.check(c, program, result).violations();
    assertTrue(
        violations.isEmpty(),
        () -> violations.stream().map(SoundnessOracle.Violation::reproducer).toList().toString());
  }
}
