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

  // ---- found before map sizes and argument types were checked (part-vscalar, f84dd72) -----

  /** Seed -84, reduced: a 4-byte read at offset -1 of a 3-byte hash map value. */
  @Test
  void mapValueReadBeforeItsStartIsRefused() {
    String program =
        """
        *(u64 *)(r10 - 16) = 2
        *(u16 *)(r10 - 8) = 0
        *(u8 *)(r10 - 6) = 0
        r1 = %d ll
        r2 = r10
        r2 += -16
        call 1
        if r0 == 0 goto out
        r7 = r0
        w0 = *(%s *)(r7 %s)
        out:
        r0 = 0
        exit
        """;
    MapDefinition hash = new MapDefinition(MapType.HASH, 11, 3, 5, "m0");
    VerifierError e =
        refusedAndFaults(
            mapCase(program.formatted(HANDLE, "u32", "- 1"), hash), ErrorCode.OUT_OF_BOUNDS, 10);
    assertTrue(e.rule().contains("reaches offsets [-1, 3)"), e.rule());
    acceptedAndSafe(mapCase(program.formatted(HANDLE, "u16", "+ 1"), hash));
  }

  /** Seed 547070, reduced: an index up to 307 into a 26-byte array value. */
  @Test
  void mapValueIndexedPastItsEndIsRefused() {
    String program =
        """
        *(u32 *)(r10 - 16) = 0
        r1 = %d ll
        r2 = r10
        r2 += -16
        call 1
        if r0 == 0 goto out
        r7 = r0
        call 7
        r5 = r0
        w5 &= %d
        r4 = r7
        r4 += r5
        w0 = *(u16 *)(r4 + 1)
        out:
        r0 = 0
        exit
        """;
    MapDefinition array = new MapDefinition(MapType.ARRAY, 4, 26, 2, "m0");
    VerifierError e =
        refusedAndFaults(
            mapCase(program.formatted(HANDLE, 307), array), ErrorCode.OUT_OF_BOUNDS, 13);
    assertTrue(e.rule().contains("outside the map value [0, 26)"), e.rule());
    acceptedAndSafe(mapCase(program.formatted(HANDLE, 15), array));
  }

  /** Seed 3785813600466427874, reduced: a lookup whose key nothing wrote. */
  @Test
  void mapKeyNothingWroteIsRefused() {
    String program =
        """
        %s
        r1 = %d ll
        r2 = r10
        r2 += -16
        call 1
        r0 = 0
        exit
        """;
    MapDefinition array = new MapDefinition(MapType.ARRAY, 4, 47, 1, "m0");
    refusedAndFaults(
        mapCase(program.formatted("r0 = 0", HANDLE), array), ErrorCode.UNINIT_STACK_READ, 5);
    acceptedAndSafe(mapCase(program.formatted("*(u32 *)(r10 - 16) = 0", HANDLE), array));
  }

  /** Seed 5347094, reduced: map_update_elem of a 33-byte value nothing wrote. */
  @Test
  void mapValueArgumentNothingWroteIsRefused() {
    String program =
        """
        *(u64 *)(r10 - 16) = 0
        *(u32 *)(r10 - 8) = 0
        *(u8 *)(r10 - 4) = 0
        %s
        r1 = %d ll
        r2 = r10
        r2 += -16
        r3 = r10
        r3 += -96
        r4 = 0
        call 2
        r0 = 0
        exit
        """;
    MapDefinition hash = new MapDefinition(MapType.HASH, 13, 33, 2, "m0");
    String value =
        "*(u64 *)(r10 - 96) = 1\n*(u64 *)(r10 - 88) = 2\n*(u64 *)(r10 - 80) = 3\n"
            + "*(u64 *)(r10 - 72) = 4\n*(u8 *)(r10 - 64) = 5";
    refusedAndFaults(
        mapCase(program.formatted("r0 = 0", HANDLE), hash), ErrorCode.UNINIT_STACK_READ, 11);
    acceptedAndSafe(mapCase(program.formatted(value, HANDLE), hash));
  }

  /** Seed 21476909566163, reduced: ringbuf_output of 10 bytes of a 7-byte value. */
  @Test
  void helperSizePastAMapValueIsRefused() {
    String program =
        """
        *(u8 *)(r10 - 12) = 0
        *(u32 *)(r10 - 16) = 2
        r1 = %d ll
        r2 = r10
        r2 += -16
        call 1
        if r0 == 0 goto out
        r7 = r0
        r9 = %d
        r1 = %d ll
        r2 = r7
        r3 = r9
        r4 = 0
        call 130
        out:
        r0 = 0
        exit
        """;
    MapDefinition hash = new MapDefinition(MapType.HASH, 5, 7, 5, "m0");
    MapDefinition ring = new MapDefinition(MapType.RINGBUF, 0, 0, 4096, "ring");
    long ringHandle = SoundnessCase.mapHandle(1);
    refusedAndFaults(
        mapCase(program.formatted(HANDLE, 10, ringHandle), hash, ring),
        ErrorCode.HELPER_BUFFER_TOO_SMALL,
        15);
    acceptedAndSafe(mapCase(program.formatted(HANDLE, 7, ringHandle), hash, ring));
  }

  /** Seed 16523793573116, reduced: map_lookup_elem given the context (r1 at entry) as its map. */
  @Test
  void lookupInSomethingThatIsNoMapIsRefused() {
    String program =
        """
        *(u32 *)(r10 - 16) = 0
        %s
        r2 = r10
        r2 += -16
        call 1
        r0 = 0
        exit
        """;
    MapDefinition array = new MapDefinition(MapType.ARRAY, 4, 17, 3, "m0");
    refusedAndFaults(
        mapCase(program.formatted("r0 = 0", HANDLE), array), ErrorCode.HELPER_ARG_TYPE, 4);
    acceptedAndSafe(mapCase(program.formatted("r1 = " + HANDLE + " ll"), array));
  }

  @Test
  void aBranchOutcomeWhoseTnumAndBoundsShareNoValueIsDropped() {
    // after the AND r5 is 0..469; on the taken side of r5 >= 3 and r5 | 1 then r5 < 5 leaves
    // [3, 4] by bounds and odd by tnum: no value, which the verifier once kept and then threw on
    acceptedAndSafe(
        contextCase(
            """
            r5 = *(u16 *)(r1 + 9)
            w5 &= 469
            if r5 >= 3 goto +0
            r5 |= 1
            if r5 < 5 goto +0
            r4 = r1
            r4 += -473
            r4 += r5
            r0 = 0
            exit
            """,
            47));
  }

  // ---- support ------------------------------------------------------------------------------

  private static SoundnessCase stackCase(String assembly) {
    return contextCase(assembly, 8);
  }

  private static final long HANDLE = SoundnessCase.mapHandle(0);

  private static SoundnessCase mapCase(String assembly) {
    return mapCase(assembly, new MapDefinition(MapType.ARRAY, 4, 29, 2, "m0"));
  }

  private static SoundnessCase mapCase(String assembly, MapDefinition... maps) {
    return new SoundnessCase(1, assembly, 8, false, List.of(), List.of(maps), Set.of());
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
