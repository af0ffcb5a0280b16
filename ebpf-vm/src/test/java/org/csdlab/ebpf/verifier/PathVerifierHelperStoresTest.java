package org.csdlab.ebpf.verifier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.csdlab.ebpf.ArgType;
import org.csdlab.ebpf.HelperPrototype;
import org.csdlab.ebpf.HelperPrototype.ReturnRange;
import org.csdlab.ebpf.ReturnType;
import org.csdlab.ebpf.StoredValue;
import org.csdlab.ebpf.asm.Assembler;
import org.junit.jupiter.api.Test;

/**
 * Verifier v2 and helpers that store values through pointers (as OpenCSD's get_mem_info and
 * get_call_info), return device facts, take their size before their buffer, or read strings: each
 * refusal with its code and pc, beside an accepted variant.
 */
class PathVerifierHelperStoresTest {
  private static final long CONTEXT_BYTES = 64;

  /** Stores a pointer into the context at offset 0-16 at r1, and its size (48-64) at r2. */
  private static final HelperPrototype MEM_INFO =
      new HelperPrototype(
              90,
              "mem_info",
              List.of(ArgType.PTR_TO_UNINIT_POINTER, ArgType.PTR_TO_UNINIT_LONG),
              ReturnType.VOID)
          .withStored(0, StoredValue.intoContext(0, 16))
          .withStored(1, StoredValue.number(new ReturnRange(48, 64)));

  /** Stores the context's start at r1, or leaves the slot as it was. */
  private static final HelperPrototype CALL_INFO =
      new HelperPrototype(91, "call_info", List.of(ArgType.PTR_TO_POINTER_UPDATED), ReturnType.VOID)
          .withStored(0, StoredValue.intoContext(0, 0));

  /** Stores at r1 a pointer to the start of the read-only 32-byte region "table". */
  private static final HelperPrototype TABLE =
      new HelperPrototype(92, "table", List.of(ArgType.PTR_TO_UNINIT_POINTER), ReturnType.VOID)
          .withStored(0, StoredValue.intoRegion("table", 32, 0, 0, false));

  /** A device fact: exactly 8. */
  private static final HelperPrototype SECTOR =
      new HelperPrototype(93, "sector", List.of(), ReturnType.SCALAR)
          .withReturnRange(ReturnRange.exactly(8));

  /** OpenCSD's read: the size (r2) before the buffer it fills (r3). */
  private static final HelperPrototype READ =
      new HelperPrototype(
              94,
              "read",
              List.of(ArgType.ANYTHING, ArgType.SIZE_OR_ZERO, ArgType.PTR_TO_UNINIT_MEM),
              ReturnType.SCALAR)
          .withReturnRange(-1, 0);

  private static final HelperPrototype DEBUG =
      new HelperPrototype(95, "debug", List.of(ArgType.PTR_TO_STRING), ReturnType.VOID);

  private static final VerifierOptions OPTIONS =
      VerifierOptions.defaults()
          .withContextLengthInR2(false)
          .withContext(CONTEXT_BYTES, true)
          .withHelper(MEM_INFO)
          .withHelper(CALL_INFO)
          .withHelper(TABLE)
          .withHelper(SECTOR)
          .withHelper(READ)
          .withHelper(DEBUG);

  private static VerificationResult verify(String source, VerifierOptions options) {
    return PathVerifier.verify(Assembler.assemble(source), options);
  }

  private static VerifierError refused(String source, ErrorCode code, int pc) {
    return refused(source, OPTIONS, code, pc);
  }

  private static VerifierError refused(
      String source, VerifierOptions options, ErrorCode code, int pc) {
    VerificationResult r = verify(source, options);
    assertFalse(r.ok(), "expected a refusal with " + code);
    assertEquals(code, r.code(), r.toString());
    assertEquals(pc, r.error().pc(), r.toString());
    return r.error();
  }

  private static void accepted(String source) {
    accepted(source, OPTIONS);
  }

  private static void accepted(String source, VerifierOptions options) {
    VerificationResult r = verify(source, options);
    assertTrue(r.ok(), r.toString());
  }

  private static final String MEM_INFO_CALL =
      """
      r1 = r10
      r1 += -8
      r2 = r10
      r2 += -16
      call 90
      r1 = *(u64 *)(r10 - 8)
      """;

  @Test
  void aStoredPointerIsCheckedAgainstItsRegionAtItsLargestOffset() {
    // offsets 0-16 from the context's start: 16 + 40 + 8 = 64 bytes, the context's end
    accepted(MEM_INFO_CALL + "r0 = *(u64 *)(r1 + 40)\nr0 = 0\nexit");
    VerifierError e =
        refused(MEM_INFO_CALL + "r0 = *(u64 *)(r1 + 41)\nr0 = 0\nexit", ErrorCode.OUT_OF_BOUNDS, 6);
    assertTrue(e.rule().contains("reaches offsets [41, 65)"), e.rule());
    assertTrue(e.rule().contains("outside the context [0, 64)"), e.rule());
  }

  @Test
  void withoutTheFactTheStoredWordIsANumberThatCannotBeDereferenced() {
    HelperPrototype bare =
        new HelperPrototype(
            90,
            "mem_info",
            List.of(ArgType.PTR_TO_UNINIT_POINTER, ArgType.PTR_TO_UNINIT_LONG),
            ReturnType.VOID);
    refused(
        MEM_INFO_CALL + "r0 = *(u64 *)(r1 + 0)\nr0 = 0\nexit",
        OPTIONS.withHelper(bare),
        ErrorCode.SCALAR_DEREFERENCE,
        6);
  }

  @Test
  void aStoredSizeHasItsRangeSoABranchOutsideItIsNeverTaken() {
    String source =
        MEM_INFO_CALL
            + """
            r2 = *(u64 *)(r10 - 16)
            if r2 > 64 goto bad
            if r2 < 48 goto bad
            r0 = 0
            exit
            bad:
            r0 = *(u64 *)(r2 + 0)
            exit
            """;
    accepted(source);
    HelperPrototype wider = MEM_INFO.withStored(1, StoredValue.number(new ReturnRange(0, 64)));
    refused(source, OPTIONS.withHelper(wider), ErrorCode.SCALAR_DEREFERENCE, 11);
  }

  private static final String CALL_INFO_FROM =
      """
      *(u64 *)(r10 - 8) = %d
      r1 = r10
      r1 += -8
      call 91
      r1 = *(u64 *)(r10 - 8)
      """;

  @Test
  void aPointerTheHelperMayNotStoreIsNullWhenTheSlotHeldZeroAndMustBeTested() {
    VerifierError e =
        refused(
            CALL_INFO_FROM.formatted(0) + "r0 = *(u8 *)(r1 + 0)\nexit",
            ErrorCode.NULL_CHECK_MISSING,
            5);
    assertTrue(e.rule().contains("the helper called at pc 3 may have stored no pointer"), e.rule());
    accepted(
        CALL_INFO_FROM.formatted(0)
            + """
            r0 = 0
            if r1 == 0 goto out
            r0 = *(u64 *)(r1 + 56)
            out:
            exit
            """);
    // the non-null side knows the context's size: one byte more is out of bounds
    refused(
        CALL_INFO_FROM.formatted(0)
            + """
            r0 = 0
            if r1 == 0 goto out
            r0 = *(u64 *)(r1 + 57)
            out:
            exit
            """,
        ErrorCode.OUT_OF_BOUNDS,
        7);
    refused(
        CALL_INFO_FROM.formatted(0) + "r1 += 8\nr0 = 0\nexit",
        ErrorCode.NULL_POINTER_ARITHMETIC,
        5);
  }

  @Test
  void aSlotHoldingAnotherNumberStaysANumberWhenTheHelperMayLeaveIt() {
    refused(
        CALL_INFO_FROM.formatted(7)
            + """
            if r1 == 0 goto out
            r0 = *(u8 *)(r1 + 0)
            out:
            r0 = 0
            exit
            """,
        ErrorCode.SCALAR_DEREFERENCE,
        6);
  }

  private static final String TABLE_CALL =
      """
      r1 = r10
      r1 += -8
      call 92
      r1 = *(u64 *)(r10 - 8)
      """;

  @Test
  void aStoredRegionPointerHasTheRegionsSizeAndWritability() {
    accepted(TABLE_CALL + "r0 = *(u64 *)(r1 + 24)\nexit");
    refused(TABLE_CALL + "r0 = *(u64 *)(r1 + 25)\nexit", ErrorCode.OUT_OF_BOUNDS, 4);
    refused(TABLE_CALL + "*(u64 *)(r1 + 0) = 1\nr0 = 0\nexit", ErrorCode.RODATA_WRITE, 4);
  }

  private static final String READ_SECTOR_INTO_FP8 =
      """
      call 93
      r2 = r0
      r1 = 0
      r3 = r10
      r3 += -8
      call 94
      r0 = *(u64 *)(r10 - 8)
      exit
      """;

  @Test
  void anExactReturnValueSizesABufferAndAWiderRangeDoesNot() {
    accepted(READ_SECTOR_INTO_FP8);
    VerifierError e =
        refused(
            READ_SECTOR_INTO_FP8,
            OPTIONS.withHelper(SECTOR.withReturnRange(1, 16)),
            ErrorCode.HELPER_BUFFER_TOO_SMALL,
            5);
    assertTrue(e.rule().startsWith("read may access 16 bytes (r2 = "), e.rule());
    assertTrue(e.rule().contains("from r3 (fp-8), offsets [-8, 8)"), e.rule());
  }

  @Test
  void aSizeBeforeItsBufferIsChecked() {
    refused(
        """
        r1 = 0
        r2 = 16
        r3 = r10
        r3 += -8
        call 94
        r0 = 0
        exit
        """,
        ErrorCode.HELPER_BUFFER_TOO_SMALL,
        4);
  }

  @Test
  void aNumberWhereABufferIsNeededIsRefusedUnlessItsSizeIsZero() {
    VerifierError e =
        refused("r1 = 0\nr2 = 8\nr3 = 4096\ncall 94\nr0 = 0\nexit", ErrorCode.HELPER_ARG_TYPE, 3);
    assertEquals("read takes a pointer to memory it fills in r3, but it is 4096", e.rule());
    accepted("r1 = 0\nr2 = 0\nr3 = 0\ncall 94\nr0 = 0\nexit");
  }

  @Test
  void aStringsFirstByteMustBeInItsRegionAndWritten() {
    accepted("*(u8 *)(r10 - 1) = 0\nr1 = r10\nr1 += -1\ncall 95\nr0 = 0\nexit");
    refused("r1 = r10\nr1 += -1\ncall 95\nr0 = 0\nexit", ErrorCode.UNINIT_STACK_READ, 2);
    accepted("r1 += 63\ncall 95\nr0 = 0\nexit");
    VerifierError e =
        refused("r1 += 64\ncall 95\nr0 = 0\nexit", ErrorCode.HELPER_BUFFER_TOO_SMALL, 1);
    assertTrue(
        e.rule().startsWith("debug may access 1 bytes (the string's first byte) from r1"),
        e.rule());
    refused("r1 = 0\ncall 95\nr0 = 0\nexit", ErrorCode.HELPER_ARG_TYPE, 1);
  }

  @Test
  void tracePrintksFormatIsABufferOfItsSizeArgument() {
    // trace_printk (Linux helper 6) reads its format as fmt_size bytes: 8 from fp-4 leave the stack
    String print =
        """
        *(u32 *)(r10 - 4) = 0x216968
        r1 = r10
        r1 += -4
        r2 = %d
        call 6
        r0 = 0
        exit
        """;
    accepted(print.formatted(4));
    VerifierError e = refused(print.formatted(8), ErrorCode.HELPER_BUFFER_TOO_SMALL, 4);
    assertTrue(e.rule().startsWith("trace_printk may access 8 bytes (r2 = 8) from r1"), e.rule());
  }
}
