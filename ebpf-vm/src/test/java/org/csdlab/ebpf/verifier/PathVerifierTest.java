package org.csdlab.ebpf.verifier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.csdlab.ebpf.ArgType;
import org.csdlab.ebpf.HelperPrototype;
import org.csdlab.ebpf.Instruction;
import org.csdlab.ebpf.Program;
import org.csdlab.ebpf.ReturnType;
import org.csdlab.ebpf.asm.Assembler;
import org.junit.jupiter.api.Test;

/**
 * Verifier v2's exploration engine: each refusal with its code and pc, beside an accepted variant.
 */
class PathVerifierTest {
  private static final VerifierOptions STRICT =
      VerifierOptions.defaults().withContextLengthInR2(false);
  private static final long CONTEXT_BYTES = 16;

  /** A helper filling the r1 buffer of r2 bytes (99), and one reading it (98). */
  private static final VerifierOptions WITH_FILL =
      STRICT
          .withHelper(
              new HelperPrototype(
                  99, "fill", List.of(ArgType.PTR_TO_UNINIT_MEM, ArgType.SIZE), ReturnType.SCALAR))
          .withHelper(
              new HelperPrototype(
                  98, "sum", List.of(ArgType.PTR_TO_MEM, ArgType.SIZE), ReturnType.SCALAR));

  private static VerificationResult verify(String source, VerifierOptions options) {
    return PathVerifier.verify(Assembler.assemble(source), options, CONTEXT_BYTES);
  }

  private static VerifierError refused(String source, ErrorCode code, int pc) {
    return refused(source, STRICT, code, pc);
  }

  private static VerifierError refused(
      String source, VerifierOptions options, ErrorCode code, int pc) {
    VerificationResult r = verify(source, options);
    assertTrue(!r.ok(), "expected a refusal with " + code);
    assertEquals(code, r.code(), r.toString());
    assertEquals(pc, r.error().pc(), r.toString());
    return r.error();
  }

  private static VerificationResult accepted(String source) {
    return accepted(source, STRICT);
  }

  private static VerificationResult accepted(String source, VerifierOptions options) {
    VerificationResult r = verify(source, options);
    assertTrue(r.ok(), r.toString());
    return r;
  }

  // ---- termination --------------------------------------------------------------------------

  @Test
  void endlessLoopOnAConstantIsRefusedAsInfiniteLoop() {
    VerifierError e = refused("r0 = 0\nl: if r0 == 0 goto l\nexit", ErrorCode.INFINITE_LOOP, 1);
    assertTrue(e.message().contains("infinite loop detected at pc 1"), e.message());
    assertTrue(e.message().contains("Path: 1: taken"), e.message());
  }

  @Test
  void loopThatChangesNothingItTestsIsRefusedAsInfiniteLoop() {
    // found, as the kernel finds it, at the jump that closes the loop
    refused(
        "r0 = 0\nr2 = 5\nl: r0 += 1\nr0 &= 7\nif r2 > 1 goto l\nexit", ErrorCode.INFINITE_LOOP, 4);
  }

  @Test
  void loopBoundedByAConstantIsAccepted() {
    VerificationResult r =
        accepted("r0 = 0\nr1 = 0\nl: r0 += r1\nr1 += 1\nif r1 < 10 goto l\nexit");
    // ten rounds, each kept at the loop head, and nothing more
    assertTrue(r.cost().storedStates() <= 11, r.cost().toString());
    assertEquals(2 + 10 * 3 + 1, r.cost().processedInstructions(), r.cost().toString());
    // the one run executes exactly these instructions, so they are its proven bound
    assertEquals(2 + 10 * 3 + 1, r.instructionBound());
  }

  @Test
  void aRefusalProvesNoInstructionBound() {
    VerificationResult r =
        PathVerifier.verify(
            Assembler.assemble("r0 = 0\nl: if r0 == 0 goto l\nexit"), VerifierOptions.defaults());
    assertFalse(r.ok());
    assertFalse(r.hasInstructionBound());
  }

  @Test
  void loopWhoseCounterMayWrapIsRefusedAsUnbounded() {
    // r0 counts up to an unknown r2 with !=: widened, r0 may wrap past 2^64 - 1 first
    VerificationResult r =
        verify(
            "r2 = *(u64 *)(r1 + 0)\nr0 = 0\nl: r0 += 1\nif r0 != r2 goto l\nexit",
            STRICT.withMaxProcessedInstructions(10_000));
    assertEquals(ErrorCode.UNBOUNDED_LOOP, r.code(), r.toString());
    VerifierError e = r.error();
    assertEquals(2, e.pc());
    assertTrue(e.message().contains("Path: 3: taken x"), e.message());
    assertTrue(
        e.rule()
            .contains(
                "r0 grows by 1 each round but may wrap past 2^64 - 1: its values at the loop head"
                    + " are [0, 18446744073709551615], with no bound the loop checks below that"),
        e.rule());
    assertTrue(e.fix().contains("for (i = 0; i < N; i++)"), e.fix());
  }

  /**
   * 24 branches one after the other, each adding its own bit to r0: no two paths end in the same
   * state, so exploring them all (2^24 paths) runs over the budget.
   */
  private static String manyDistinctPaths() {
    StringBuilder sb = new StringBuilder("r6 = *(u64 *)(r1 + 0)\nr0 = 0\n");
    for (int i = 0; i < 24; i++) {
      sb.append("r2 = r6\nr2 &= ")
          .append(1 << i)
          .append("\nif r2 == 0 goto +1\nr0 += ")
          .append(1 << i)
          .append('\n');
    }
    return sb.append("exit").toString();
  }

  @Test
  void explorationOverTheBudgetIsTooComplex() {
    VerificationResult r = verify(manyDistinctPaths(), STRICT.withMaxProcessedInstructions(10_000));
    assertEquals(ErrorCode.TOO_COMPLEX, r.code(), r.toString());
    VerifierError e = r.error();
    assertTrue(e.rule().contains("10,001 instructions processed"), e.rule());
    // 24 branches in a row and no loop: the advice is about paths, not loops
    assertTrue(e.fix().startsWith(PathVerifier.LOOP_FREE_PATHS_FIX), e.fix());
  }

  @Test
  void aProgramWithoutLoopsTooComplexIsToldToSimplifyItsCalls() {
    // no backward jump: the paths multiply at calls entered with distinct pointer offsets
    VerificationResult r =
        PathVerifier.verify(
            VerifierBudgetTest.nestedCalls(10, 6, true),
            VerifierOptions.defaults().withMaxProcessedInstructions(5_000));
    assertEquals(ErrorCode.TOO_COMPLEX, r.code(), r.toString());
    VerifierError e = r.error();
    assertTrue(e.rule().contains("5,001 instructions processed"), e.rule());
    assertTrue(e.rule().endsWith("and a function once for each state it is called in"), e.rule());
    assertEquals(
        PathVerifier.LOOP_FREE_PATHS_FIX
            + ", "
            + Verifier.SIMPLER_CALLS_FIX
            + ", or raise the budget with VerifierOptions.withMaxProcessedInstructions(n)",
        e.fix());
  }

  @Test
  void twoPointersIntoTheContextCompareAsTheirOffsets() {
    // the count loop over [r1, r1 + len): its end test decides the last round, so no read starts
    // at the context's end
    String count =
        """
        r0 = 0
        r3 = r1
        r3 += 16
        loop:
        if r1 >= r3 goto done
        r4 = *(u32 *)(r1 + 0)
        r1 += 4
        r0 += r4
        goto loop
        done:
        exit""";
    VerificationResult r = PathVerifier.verify(Assembler.assemble(count), STRICT, 16);
    assertTrue(r.ok(), r.toString());
    // one past the end is not within it: the same loop reading 8 bytes a round is refused
    VerificationResult wide =
        PathVerifier.verify(Assembler.assemble(count.replace("*(u32 *)", "*(u64 *)")), STRICT, 18);
    assertEquals(ErrorCode.OUT_OF_BOUNDS, wide.code(), wide.toString());
    // a pointer into the stack and one into the context are different objects: no narrowing
    VerificationResult mixed =
        PathVerifier.verify(
            Assembler.assemble(
                "r3 = r10\nr3 += -8\nif r1 >= r3 goto out\nr0 = *(u32 *)(r1 + 16)\nout:\nr0 = 0\nexit"),
            STRICT,
            16);
    assertEquals(ErrorCode.OUT_OF_BOUNDS, mixed.code(), mixed.toString());
  }

  @Test
  void theDefaultBudgetIsAMillionInstructions() {
    VerificationResult r = verify(manyDistinctPaths(), STRICT.withMaxStoredStates(1_000_000));
    assertEquals(ErrorCode.TOO_COMPLEX, r.code(), r.toString());
    assertTrue(
        r.error()
            .rule()
            .contains(
                "1,000,001 instructions processed (budget maxProcessedInstructions"
                    + " = 1,000,000)"),
        r.error().rule());
  }

  @Test
  void aStateCoveredByAnExploredOneIsPruned() {
    // two branches that meet with r0 = 0 or 1: the second arrival is a subset of the first? no,
    // a constant is a subset of the same constant: the join point is explored once per value
    VerificationResult r =
        accepted(
            """
            r2 = *(u8 *)(r1 + 0)
            r0 = 0
            if r2 > 3 goto +0
            r3 = 1
            if r2 > 5 goto +0
            r3 = 2
            exit
            """);
    assertTrue(r.ok());
  }

  @Test
  void diamondsDoNotMultiplyTheWork() {
    // 30 diamonds in a row would be 2^30 paths without pruning
    StringBuilder src = new StringBuilder("r2 = *(u8 *)(r1 + 0)\nr0 = 0\n");
    for (int i = 0; i < 30; i++) {
      src.append("if r2 > ").append(i).append(" goto +1\nr3 = 1\nr3 = 0\n");
    }
    src.append("exit\n");
    VerificationResult r = accepted(src.toString());
    assertTrue(r.cost().processedInstructions() < 10_000, r.cost().toString());
  }

  // ---- memory -------------------------------------------------------------------------------

  @Test
  void contextOverreadIsRefusedWithItsRange() {
    VerifierError e = refused("r0 = *(u32 *)(r1 + 100)\nexit", ErrorCode.OUT_OF_BOUNDS, 0);
    assertTrue(
        e.rule().contains("reaches offsets [100, 104), outside the context [0, 16)"), e.rule());
    accepted("r0 = *(u32 *)(r1 + 12)\nexit");
    refused("r0 = *(u32 *)(r1 + 13)\nexit", ErrorCode.OUT_OF_BOUNDS, 0);
  }

  @Test
  void dereferencingAScalarIsRefused() {
    VerifierError e =
        refused("r2 = 4096\nr0 = *(u8 *)(r2 + 0)\nexit", ErrorCode.SCALAR_DEREFERENCE, 1);
    assertTrue(e.rule().contains("r2 is a scalar (4096), not a pointer"), e.rule());
    accepted("r2 = r1\nr0 = *(u8 *)(r2 + 0)\nexit");
  }

  @Test
  void indexCheckedAgainstTheSizeMakesAVariableAccessSafe() {
    String checked =
        """
        r2 = *(u8 *)(r1 + 0)
        if r2 > 12 goto out
        r3 = r1
        r3 += r2
        r0 = *(u32 *)(r3 + 0)
        exit
        out:
        r0 = 0
        exit
        """;
    accepted(checked);
    VerifierError e = refused(checked.replace("r2 > 12", "r2 > 13"), ErrorCode.OUT_OF_BOUNDS, 4);
    assertTrue(e.rule().contains("[0, 17)"), e.rule());
    assertTrue(
        e.message()
            .contains("R3=ctx(off=0,smin=smin32=0,smax=umax=smax32=umax32=13,var_off=(0x0; 0xf))"),
        e.message());
  }

  @Test
  void unboundedIndexIsRefusedWithTheKernelsAdvice() {
    VerifierError e =
        refused(
            "r2 = *(u64 *)(r1 + 0)\nr1 += r2\nr0 = *(u8 *)(r1 + 0)\nexit",
            ErrorCode.UNBOUNDED_ACCESS,
            1);
    assertTrue(e.fix().startsWith("make sure to bounds check any such access"), e.fix());
    accepted("r2 = *(u64 *)(r1 + 0)\nr2 &= 15\nr1 += r2\nr0 = *(u8 *)(r1 + 0)\nexit");
  }

  @Test
  void stackAccessBelowTheFrameIsRefused() {
    refused("*(u64 *)(r10 - 520) = 1\nr0 = 0\nexit", ErrorCode.STACK_OUT_OF_BOUNDS, 0);
    accepted("*(u64 *)(r10 - 512) = 1\nr0 = 0\nexit");
  }

  @Test
  void spilledConstantKeepsItsRange() {
    accepted(
        """
        r2 = 8
        *(u64 *)(r10 - 8) = r2
        r3 = *(u64 *)(r10 - 8)
        r4 = r10
        r4 += -16
        r4 += r3
        r0 = *(u64 *)(r4 + 0)
        exit
        """
            .replace("r0 = *(u64 *)(r4 + 0)", "*(u64 *)(r4 + 0) = 1\nr0 = *(u64 *)(r4 + 0)"));
  }

  @Test
  void uninitialisedStackReadIsRefused() {
    refused("r0 = *(u64 *)(r10 - 8)\nexit", ErrorCode.UNINIT_STACK_READ, 0);
    accepted("*(u64 *)(r10 - 8) = 0\nr0 = *(u64 *)(r10 - 8)\nexit");
  }

  @Test
  void readOnlyRegionWriteAndOverreadAreRefused() {
    VerifierOptions ro = STRICT.withRegion(".rodata", 0x1000_0000L, 8, false);
    refused("r1 = 0x10000000 ll\n*(u8 *)(r1 + 0) = 1\nr0 = 0\nexit", ro, ErrorCode.RODATA_WRITE, 2);
    refused("r1 = 0x10000000 ll\nr0 = *(u64 *)(r1 + 1)\nexit", ro, ErrorCode.OUT_OF_BOUNDS, 2);
    accepted("r1 = 0x10000000 ll\nr0 = *(u64 *)(r1 + 0)\nexit", ro);
  }

  // ---- pointer arithmetic -------------------------------------------------------------------

  @Test
  void pointerPlusPointerIsRefused() {
    refused("r2 = r10\nr2 += r1\nr0 = 0\nexit", ErrorCode.POINTER_ARITHMETIC, 1);
    accepted("r2 = r10\nr2 -= r10\nr0 = r2\nexit");
  }

  @Test
  void bitwiseOperationOnAPointerIsRefused() {
    refused("r1 &= 7\nr0 = 0\nexit", ErrorCode.POINTER_ARITHMETIC, 0);
    accepted("r1 += 7\nr0 = 0\nexit");
  }

  @Test
  void arithmeticOnAMaybeNullPointerIsRefused() {
    String lookup =
        """
        r1 = 0
        *(u32 *)(r10 - 4) = r1
        r2 = r10
        r2 += -4
        r1 = 0
        call 1
        """;
    refused(lookup + "r0 += 4\nr0 = 0\nexit", ErrorCode.NULL_POINTER_ARITHMETIC, 6);
    accepted(lookup + "if r0 == 0 goto +1\nr0 += 4\nr0 = 0\nexit");
  }

  @Test
  void nullCheckedMapValueMayBeRead() {
    String lookup =
        """
        r1 = 0
        *(u32 *)(r10 - 4) = r1
        r2 = r10
        r2 += -4
        r1 = 0
        call 1
        """;
    refused(lookup + "r0 = *(u64 *)(r0 + 0)\nexit", ErrorCode.NULL_CHECK_MISSING, 6);
    accepted(lookup + "if r0 == 0 goto +1\nr0 = *(u64 *)(r0 + 0)\nexit");
  }

  // ---- linked scalars: copies narrowed together ---------------------------------------------

  /**
   * Reads the stack byte at fp-16 + r2 after {@code copyAndCheck} has bounded r1 (a context byte);
   * safe when r2 is in [0, 15].
   */
  private static String stackIndexedBy(String copyAndCheck) {
    return "*(u64 *)(r10 - 16) = 0\n*(u64 *)(r10 - 8) = 0\nr1 = *(u8 *)(r1 + 0)\n"
        + copyAndCheck
        + "\nr3 = r10\nr3 += r2\nr0 = *(u8 *)(r3 - 16)\nexit\nout:\nr0 = 0\nexit\n";
  }

  @Test
  void aCheckOfARegisterNarrowsItsCopy() {
    accepted(stackIndexedBy("r2 = r1\nif r1 > 15 goto out"));
    accepted(stackIndexedBy("r2 = r1\nif r2 > 15 goto out\nr2 = r1"));
    VerifierError e =
        refused(stackIndexedBy("r2 = r1\nif r1 > 16 goto out"), ErrorCode.STACK_OUT_OF_BOUNDS, 7);
    assertTrue(e.rule().contains("reaches offsets [-16, 1)"), e.rule());
  }

  @Test
  void aWriteBreaksTheLink() {
    // r1 gets a new value after the copy: checking it says nothing of r2
    refused(
        stackIndexedBy("r2 = r1\nr1 = *(u8 *)(r10 - 8)\nif r1 > 15 goto out"),
        ErrorCode.STACK_OUT_OF_BOUNDS,
        8);
    // and so does arithmetic on the copy, even one that keeps its value
    refused(
        stackIndexedBy("r2 = r1\nr2 |= 0\nif r1 > 15 goto out"), ErrorCode.STACK_OUT_OF_BOUNDS, 8);
  }

  @Test
  void aCheckNarrowsTheSpilledCopyAndItsFill() {
    accepted(
        stackIndexedBy("*(u64 *)(r10 - 24) = r1\nif r1 > 15 goto out\nr2 = *(u64 *)(r10 - 24)"));
    // a check of the fill narrows the register it was spilled from
    accepted(
        stackIndexedBy(
            "*(u64 *)(r10 - 24) = r1\nr4 = *(u64 *)(r10 - 24)\nif r4 > 15 goto out\nr2 = r1"));
    // the slot overwritten after the spill holds another value, which the check does not bound
    refused(
        stackIndexedBy(
            "*(u64 *)(r10 - 24) = r1\nr4 = *(u8 *)(r10 - 8)\n*(u64 *)(r10 - 24) = r4\n"
                + "if r1 > 15 goto out\nr2 = *(u64 *)(r10 - 24)"),
        ErrorCode.STACK_OUT_OF_BOUNDS,
        10);
  }

  @Test
  void theLogShowsALinkedScalarsId() {
    VerificationResult r =
        accepted(stackIndexedBy("r2 = r1\nif r1 > 15 goto out"), STRICT.withLog(true));
    assertTrue(r.log().contains("R1=scalar(id=") && r.log().contains("R2_w=scalar(id="), r.log());
  }

  @Test
  void aStateWhoseCopiesAreNotLinkedIsNotCoveredByOneWhoseAre() {
    AbstractValue byte0 = AbstractValue.scalar(Scalar.unsignedRange(0, 255));
    ExplorationState linked = stateWith(byte0.withId(7), byte0.withId(7));
    ExplorationState unlinked = stateWith(byte0, byte0);
    // the linked state's paths assumed r1 == r2; the unlinked one's values may differ
    assertFalse(unlinked.isSubsetOf(linked));
    assertTrue(linked.isSubsetOf(unlinked));
    // link numbers do not matter, only which values share one
    ExplorationState renumbered = stateWith(byte0.withId(9), byte0.withId(9));
    assertTrue(renumbered.isSubsetOf(linked));
    assertTrue(renumbered.same(linked));
    assertEquals(renumbered.hashCode(), linked.hashCode());
    assertFalse(stateWith(byte0.withId(9), byte0.withId(8)).isSubsetOf(linked));
    assertFalse(unlinked.same(linked));
  }

  private static ExplorationState stateWith(AbstractValue r1, AbstractValue r2) {
    ExplorationState s = new ExplorationState();
    s.frames.add(new ExplorationState.Frame(-1));
    s.set(1, r1);
    s.set(2, r2);
    s.set(10, AbstractValue.framePointer(0));
    return s;
  }

  // ---- maps: handles, key and value sizes ---------------------------------------------------

  /**
   * An array (4-byte key, 12-byte value) under the handle 0x4d500000, as the ELF loader names it.
   */
  private static final long HANDLE = org.csdlab.ebpf.maps.MapSet.handleOf(0);

  private static final VerifierOptions WITH_MAP =
      STRICT.withMap(
          HANDLE,
          new org.csdlab.ebpf.maps.MapDefinition(
              org.csdlab.ebpf.maps.MapType.ARRAY, 4, 12, 4, "counts"));

  /** A lookup of key fp-4 (written) in the map lddw loads; r0 is the value or null after pc 6. */
  private static final String LOOKUP =
      """
      *(u32 *)(r10 - 4) = 0
      r1 = 0x4d500000 ll
      r2 = r10
      r2 += -4
      call 1
      """;

  @Test
  void aLookedUpValueHasItsMapsValueSize() {
    String read = LOOKUP + "if r0 == 0 goto +1\nr0 = *(u32 *)(r0 + %d)\nexit";
    accepted(read.formatted(8), WITH_MAP);
    VerifierError e = refused(read.formatted(9), WITH_MAP, ErrorCode.OUT_OF_BOUNDS, 7);
    assertTrue(e.rule().contains("reaches offsets [9, 13)"), e.rule());
    assertTrue(e.rule().contains("outside the map value [0, 12)"), e.rule());
  }

  @Test
  void theMapHandleAndTheValueCarryTheMapInTheLog() {
    VerificationResult r =
        accepted(
            LOOKUP + "if r0 == 0 goto +1\nr0 = *(u32 *)(r0 + 0)\nexit", WITH_MAP.withLog(true));
    assertTrue(r.log().contains("R1_w=map_ptr(ks=4,vs=12)"), r.log());
    assertTrue(r.log().contains("R0_w=map_value_or_null(id=6,off=0,size=12)"), r.log());
  }

  @Test
  void theKeyMustBeKeySizeInitialisedBytes() {
    // only 2 of the key's 4 bytes are written
    String halfKey = LOOKUP.replace("*(u32 *)(r10 - 4) = 0", "*(u16 *)(r10 - 4) = 0");
    VerifierError e = refused(halfKey + "r0 = 0\nexit", WITH_MAP, ErrorCode.UNINIT_STACK_READ, 5);
    assertTrue(e.rule().contains("map_lookup_elem reads a pointer to a map key"), e.rule());
    // a key 2 bytes below the frame's end would run past it
    VerifierError past =
        refused(
            LOOKUP.replace("r2 += -4", "r2 += -2") + "r0 = 0\nexit",
            WITH_MAP,
            ErrorCode.HELPER_BUFFER_TOO_SMALL,
            5);
    assertTrue(past.rule().contains("(the key_size of counts)"), past.rule());
  }

  @Test
  void theValueOfAnUpdateMustBeValueSizeBytes() {
    String update =
        LOOKUP.replace("call 1", "r3 = r10\nr3 += -%d\nr4 = 0\ncall 2") + "r0 = 0\nexit";
    String firstEight = "*(u64 *)(r10 - 24) = 0\n";
    accepted(firstEight + "*(u32 *)(r10 - 16) = 0\n" + update.formatted(24), WITH_MAP);
    // the value is 12 bytes from fp-24: its last 4 (fp-16 to fp-12) are never written
    VerifierError e =
        refused(firstEight + update.formatted(24), WITH_MAP, ErrorCode.UNINIT_STACK_READ, 9);
    assertTrue(e.rule().contains("at offsets [-24, -12)"), e.rule());
  }

  @Test
  void aScalarWhereAPointerIsRequiredIsTheWrongArgumentType() {
    VerifierError e =
        refused(
            LOOKUP.replace("r2 = r10\nr2 += -4", "r2 = 4") + "r0 = 0\nexit",
            WITH_MAP,
            ErrorCode.HELPER_ARG_TYPE,
            4);
    assertTrue(
        e.rule().contains("map_lookup_elem takes a pointer to a map key in r2, but it is 4"),
        e.rule());
  }

  @Test
  void aMapArgumentMustBeADeclaredMapsHandle() {
    VerifierError e =
        refused(
            LOOKUP.replace("r1 = 0x4d500000 ll", "r1 = 7") + "r0 = 0\nexit",
            WITH_MAP,
            ErrorCode.HELPER_ARG_TYPE,
            4);
    assertTrue(
        e.rule().contains("it holds 7, which is no declared map's handle (declared: 0x4d500000"),
        e.rule());
    refused(
        LOOKUP.replace("r1 = 0x4d500000 ll", "r1 = r10") + "r0 = 0\nexit",
        WITH_MAP,
        ErrorCode.HELPER_ARG_TYPE,
        4);
    // the lab's helpers take the handle's number, so a constant naming a declared map is one
    accepted(LOOKUP.replace("r1 = 0x4d500000 ll", "r1 = 0x4d500000") + "r0 = 0\nexit", WITH_MAP);
  }

  @Test
  void aMapHandleIsNeitherMovedNorDereferenced() {
    refused("r1 = 0x4d500000 ll\nr1 += 8\nr0 = 0\nexit", WITH_MAP, ErrorCode.POINTER_ARITHMETIC, 2);
    refused(
        "r1 = 0x4d500000 ll\nr0 = *(u32 *)(r1 + 0)\nexit",
        WITH_MAP,
        ErrorCode.SCALAR_DEREFERENCE,
        2);
  }

  @Test
  void readingTheNullSideOfTheCheckIsANullDereference() {
    VerifierError e =
        refused(
            LOOKUP + "if r0 != 0 goto +1\nr0 = *(u32 *)(r0 + 0)\nexit",
            WITH_MAP,
            ErrorCode.NULL_CHECK_MISSING,
            7);
    assertTrue(
        e.rule()
            .contains(
                "r0 is null on this path (the side of the null check where map_lookup_elem found"),
        e.rule());
  }

  // ---- helpers ------------------------------------------------------------------------------

  @Test
  void helperBufferTooSmallIsRefused() {
    String call = "r1 = r10\nr1 += -8\nr2 = %d\ncall 99\nr0 = *(u64 *)(r10 - 8)\nexit";
    VerifierError e = refused(call.formatted(16), WITH_FILL, ErrorCode.HELPER_BUFFER_TOO_SMALL, 3);
    assertTrue(e.rule().contains("fill may access 16 bytes"), e.rule());
    assertTrue(e.rule().contains("offsets [-8, 8)"), e.rule());
    accepted(call.formatted(8), WITH_FILL);
  }

  @Test
  void helperMarksExactlyItsBufferInitialised() {
    // 4 bytes filled at fp-8: the 8-byte read at fp-8 reads 4 bytes nobody wrote
    refused(
        "r1 = r10\nr1 += -8\nr2 = 4\ncall 99\nr0 = *(u64 *)(r10 - 8)\nexit",
        WITH_FILL,
        ErrorCode.UNINIT_STACK_READ,
        4);
    accepted("r1 = r10\nr1 += -8\nr2 = 4\ncall 99\nr0 = *(u32 *)(r10 - 8)\nexit", WITH_FILL);
  }

  @Test
  void helperReadingAnUnwrittenBufferIsRefused() {
    VerifierError e =
        refused(
            "*(u32 *)(r10 - 8) = 0\nr1 = r10\nr1 += -8\nr2 = 8\ncall 98\nexit",
            WITH_FILL,
            ErrorCode.UNINIT_STACK_READ,
            4);
    assertTrue(e.rule().contains("the byte at fp-4 is not written before the call"), e.rule());
    accepted("*(u64 *)(r10 - 8) = 0\nr1 = r10\nr1 += -8\nr2 = 8\ncall 98\nexit", WITH_FILL);
  }

  @Test
  void aNullBufferIsAllowedOnlyWithASizeThatMayBeAndIsZero() {
    VerifierOptions zeroOk =
        STRICT.withHelper(
            new HelperPrototype(
                97, "emit", List.of(ArgType.PTR_TO_MEM, ArgType.SIZE_OR_ZERO), ReturnType.SCALAR));
    accepted("r1 = 0\nr2 = 0\ncall 97\nr0 = 0\nexit", zeroOk);
    VerifierError e =
        refused("r1 = 0\nr2 = 1\ncall 97\nr0 = 0\nexit", zeroOk, ErrorCode.HELPER_ARG_TYPE, 2);
    assertTrue(e.rule().contains("emit takes a pointer to memory in r1, but it is 0"), e.rule());
    // a SIZE (never 0) gives no such leave
    refused("r1 = 0\nr2 = 0\ncall 98\nr0 = 0\nexit", WITH_FILL, ErrorCode.HELPER_ARG_TYPE, 2);
  }

  @Test
  void contextSizeAndWritabilityComeFromTheOptions() {
    VerifierOptions ctx8 = STRICT.withContext(8, false);
    Program over = Assembler.assemble("r0 = *(u64 *)(r1 + 4)\nexit");
    assertEquals(ErrorCode.OUT_OF_BOUNDS, PathVerifier.verify(over, ctx8).code());
    assertTrue(PathVerifier.verify(Assembler.assemble("r0 = *(u64 *)(r1 + 0)\nexit"), ctx8).ok());
    assertEquals(
        ErrorCode.RODATA_WRITE,
        PathVerifier.verify(Assembler.assemble("*(u8 *)(r1 + 0) = 1\nr0 = 0\nexit"), ctx8).code());
  }

  @Test
  void helperSizeWithoutBoundIsRefused() {
    refused(
        "r2 = *(u64 *)(r1 + 0)\nr1 = r10\nr1 += -8\ncall 99\nr0 = 0\nexit",
        WITH_FILL,
        ErrorCode.UNBOUNDED_ACCESS,
        3);
    accepted(
        """
        r2 = *(u64 *)(r1 + 0)
        r1 = r10
        r1 += -8
        if r2 > 8 goto +2
        call 99
        r0 = 0
        exit
        """
            .replace("goto +2", "goto +3")
            .concat("r0 = 1\nexit\n"),
        WITH_FILL);
  }

  // ---- the value domain: every ALU operation and branch through Scalar -----------------------

  /**
   * {@code r1 += r2; r0 = *(u32 *)(r1 + 0)} after {@code prefix}, which bounds r2: safe when r2 is
   * at most 12 in the 16-byte context; a prefix may jump to {@code out}, which exits.
   */
  private static String indexedBy(String prefix) {
    return prefix
        + "\nr1 += r2\nr0 = *(u32 *)(r1 + 0)\nexit\n"
        + (prefix.contains("goto out") ? "out:\nr0 = 0\nexit\n" : "");
  }

  @Test
  void thirtyTwoBitAndBoundsTheWholeRegister() {
    // w2 &= 12 zeroes the upper half and keeps bits 2-3: r2 in [0, 12]
    accepted(indexedBy("r2 = *(u64 *)(r1 + 0)\nw2 &= 12"));
    VerifierError e =
        refused(indexedBy("r2 = *(u64 *)(r1 + 0)\nw2 &= 13"), ErrorCode.OUT_OF_BOUNDS, 3);
    assertTrue(e.rule().contains("[0, 17)"), e.rule());
  }

  @Test
  void shiftsKeepTheKnownBits() {
    // 0..255 >> 6 is 0..3, << 2 is {0, 4, 8, 12}
    accepted(indexedBy("r2 = *(u8 *)(r1 + 0)\nr2 >>= 6\nr2 <<= 2"));
    refused(indexedBy("r2 = *(u8 *)(r1 + 0)\nr2 >>= 5\nr2 <<= 2"), ErrorCode.OUT_OF_BOUNDS, 4);
  }

  @Test
  void multiplicationAndDivisionAreBounded() {
    accepted(indexedBy("r2 = *(u8 *)(r1 + 0)\nr2 &= 3\nr2 *= 4"));
    accepted(indexedBy("r2 = *(u8 *)(r1 + 0)\nr2 /= 20"));
    refused(indexedBy("r2 = *(u8 *)(r1 + 0)\nr2 /= 19"), ErrorCode.OUT_OF_BOUNDS, 3);
    accepted(indexedBy("r2 = *(u64 *)(r1 + 0)\nr2 %= 13"));
    refused(indexedBy("r2 = *(u64 *)(r1 + 0)\nr2 %= 14"), ErrorCode.OUT_OF_BOUNDS, 3);
  }

  @Test
  void aByteSwapMovesTheKnownBits() {
    // bits 2-3 swapped into the high byte of a 16-bit value, then shifted back: r2 in [0, 12]
    accepted(indexedBy("r2 = *(u8 *)(r1 + 0)\nr2 &= 12\nr2 = be16 r2\nr2 >>= 8"));
    refused(
        indexedBy("r2 = *(u8 *)(r1 + 0)\nr2 &= 12\nr2 = be16 r2\nr2 >>= 7"),
        ErrorCode.OUT_OF_BOUNDS,
        5);
  }

  @Test
  void signExtendingMovesKeepASmallNonNegativeRange() {
    accepted(indexedBy("r3 = *(u8 *)(r1 + 0)\nr3 &= 12\nr2 = (s8)r3"));
    // 0..255 as s8 is -128..127: the pointer could move below the context
    VerifierError e =
        refused(indexedBy("r3 = *(u8 *)(r1 + 0)\nr2 = (s8)r3"), ErrorCode.OUT_OF_BOUNDS, 3);
    assertTrue(e.rule().contains("[-128, 131)"), e.rule());
  }

  @Test
  void jmp32NarrowsTheLowHalfAndWhatItImplies() {
    // a u32 load has its upper half zero, so bounding w2 bounds r2
    accepted(indexedBy("r2 = *(u32 *)(r1 + 0)\nif w2 > 12 goto out"));
    // a u64 load's upper half stays unknown: the pointer cannot move by it
    refused(indexedBy("r2 = *(u64 *)(r1 + 0)\nif w2 > 12 goto out"), ErrorCode.UNBOUNDED_ACCESS, 2);
  }

  @Test
  void aConstantOnTheLeftNarrowsTheRegisterOnTheRight() {
    accepted(indexedBy("r2 = *(u8 *)(r1 + 0)\nr3 = 12\nif r3 < r2 goto out"));
    refused(
        indexedBy("r2 = *(u8 *)(r1 + 0)\nr3 = 13\nif r3 < r2 goto out"),
        ErrorCode.OUT_OF_BOUNDS,
        4);
  }

  @Test
  void equalityBetweenRegistersNarrowsBothToTheirCommonValues() {
    accepted(
        indexedBy("r2 = *(u8 *)(r1 + 0)\nr3 = *(u8 *)(r1 + 1)\nr3 &= 12\nif r2 != r3 goto out"));
    refused(
        indexedBy("r2 = *(u8 *)(r1 + 0)\nr3 = *(u8 *)(r1 + 1)\nr3 &= 12\nif r2 == r3 goto out"),
        ErrorCode.OUT_OF_BOUNDS,
        5);
  }

  // ---- branches, calls, log -----------------------------------------------------------------

  @Test
  void impossibleBranchIsNotExplored() {
    // r2 <= 3, so "r2 > 10" is never taken and the scalar dereference there is never run
    accepted(
        """
        r2 = *(u8 *)(r1 + 0)
        r2 &= 3
        r0 = 0
        if r2 > 10 goto +1
        exit
        r0 = *(u8 *)(r2 + 0)
        exit
        """);
  }

  @Test
  void signedComparisonNarrowsBothSides() {
    accepted(
        """
        r2 = *(u8 *)(r1 + 0)
        r2 -= 4
        if r2 s< 0 goto out
        if r2 s> 11 goto out
        r1 += r2
        r0 = *(u32 *)(r1 + 0)
        exit
        out:
        r0 = 0
        exit
        """);
  }

  @Test
  void localCallSeesTheCallersStackThroughAPointer() {
    accepted(
        """
        *(u64 *)(r10 - 8) = 7
        r1 = r10
        r1 += -8
        call fn
        exit
        fn:
        r0 = *(u64 *)(r1 + 0)
        exit
        """);
    refused(
        """
        r1 = r10
        r1 += -8
        call fn
        exit
        fn:
        r0 = *(u64 *)(r1 + 0)
        exit
        """,
        ErrorCode.UNINIT_STACK_READ,
        4);
  }

  @Test
  void logIsInTheKernelsFormat() {
    VerificationResult r =
        verify("r2 = *(u8 *)(r1 + 14)\nif r2 > 255 goto +1\nr0 = 0\nexit", STRICT.withLog(true));
    assertTrue(r.ok(), r.toString());
    assertTrue(
        r.log()
            .contains(
                "0: (71) r2 = *(u8 *)(r1 + 14) ; R1=ctx(off=0)"
                    + " R2_w=scalar(smin=smin32=0,smax=umax=smax32=umax32=255,var_off=(0x0; 0xff))"
                    + " R10=fp0"),
        r.log());
    assertTrue(
        r.log().contains("1: (25) if r2 > 0xff goto +1")
            || r.log().contains("1: (25) if r2 > 255 goto +1"),
        r.log());
  }

  @Test
  void aHundredThousandInstructionProgramVerifies() {
    List<Instruction> insns =
        new ArrayList<>(
            Assembler.assemble("r0 = 0\nr2 = *(u8 *)(r1 + 0)\nexit").instructions().subList(0, 2));
    List<Instruction> block =
        Assembler.assemble("if r2 > 7 goto +1\nr0 += 1\nr3 = r0\nexit")
            .instructions()
            .subList(0, 3);
    while (insns.size() < 100_000 - 1) {
      insns.addAll(block);
    }
    insns.add(Instruction.exit());
    VerificationResult r = PathVerifier.verify(insns, STRICT, CONTEXT_BYTES);
    assertTrue(r.ok(), r.toString());
    // each diamond's join is a prune point; r0's two values per join keep the work linear
    assertTrue(r.cost().processedInstructions() < 1_000_000, r.cost().toString());
  }

  @Test
  void malformedRawListsAreRefusedStructurallyBeforeAnyAnalysis() {
    // the loop structure of such a list cannot be computed: an empty list, a jump past the end,
    // a register that does not exist
    List<List<Instruction>> malformed =
        List.of(
            List.of(),
            List.of(Instruction.of(0x05, 0, 0, 10, 0), Instruction.exit()),
            List.of(
                org.csdlab.ebpf.AluOp.MOV.reg(
                    org.csdlab.ebpf.Register.R0, org.csdlab.ebpf.Register.R10),
                Instruction.of(0x0f, 0, 12, 0, 0),
                Instruction.exit()));
    for (List<Instruction> list : malformed) {
      VerificationResult v2 =
          PathVerifier.verify(list, VerifierOptions.defaults().withLog(true), CONTEXT_BYTES);
      VerificationResult v1 = Verifier.verify(list, VerifierOptions.defaults());
      assertFalse(v2.ok(), list.toString());
      assertEquals(v1.error().message(), v2.error().message(), list.toString());
      assertEquals(0, v2.cost().processedInstructions());
      assertEquals(v2.error().message() + "\n", v2.log());
    }
  }
}
