package org.csdlab.ebpf.verifier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.csdlab.ebpf.Engine;
import org.csdlab.ebpf.Instruction;
import org.csdlab.ebpf.Program;
import org.csdlab.ebpf.Vm;
import org.csdlab.ebpf.asm.Assembler;
import org.junit.jupiter.api.Test;

/**
 * Loops that exploration round by round does not finish: summarised by a widened invariant at the
 * head, accepted only with a proof that they end, with a proven instruction bound that a run on the
 * interpreter, given exactly that much fuel, never exceeds.
 */
class LoopSummaryTest {
  private static final VerifierOptions OPTIONS = VerifierOptions.defaults().withLog(true);
  private static final int RUNS = 20;

  private static VerificationResult verify(String source, long contextBytes) {
    return PathVerifier.verify(Assembler.assemble(source), OPTIONS, contextBytes);
  }

  private static VerificationResult verify(String source, long contextBytes, VerifierOptions o) {
    return PathVerifier.verify(Assembler.assemble(source), o, contextBytes);
  }

  private static VerifierError refused(String source, long contextBytes, ErrorCode code, int pc) {
    VerificationResult r = verify(source, contextBytes);
    assertEquals(code, r.code(), r.toString());
    assertEquals(pc, r.error().pc(), r.toString());
    return r.error();
  }

  /**
   * Runs {@code program} on the interpreter with random contexts of {@code contextBytes} and fuel
   * {@code bound}: it must finish within it.
   */
  private static void runsWithin(Program program, long bound, int contextBytes, long seed) {
    Random random = new Random(seed);
    for (int i = 0; i < RUNS; i++) {
      byte[] context = new byte[contextBytes];
      random.nextBytes(context);
      Vm vm = Vm.builder(program).engine(Engine.INTERPRETER).fuel(bound).build();
      long executed = vm.run(context).instructionsExecuted();
      assertTrue(executed <= bound, executed + " > " + bound);
    }
  }

  // ---- the benchmark programs' loops, as clang -O2 -target bpf compiles them ---------------

  /** count_above.c: i and the data pointer in separate registers, a branch on the data inside. */
  static final String COUNT_ABOVE =
      """
      r0 = 0
      r3 = 4
      if r3 > r2 goto +8
      r2 >>= 2
      r3 = 0
      r0 = 0
      goto +5
      r0 += r4
      r1 += 4
      r3 += 1
      if r2 > r3 goto +1
      exit
      r5 = *(u32 *)(r1 + 0)
      r4 = 1
      if r5 > 1073741823 goto -8
      r4 = 0
      goto -10
      """;

  /** popcount.c: an outer loop over words and an inner {@code while (x) x &= x - 1}. */
  static final String POPCOUNT =
      """
      r0 = 0
      r3 = 8
      if r3 > r2 goto +11
      r2 >>= 3
      r3 = 0
      r0 = 0
      goto +8
      r5 += -1
      r5 &= r4
      r0 += 1
      r4 = r5
      if r5 != 0 goto -5
      r3 += 1
      if r2 > r3 goto +1
      exit
      r4 = r3
      r4 <<= 3
      r5 = r1
      r5 += r4
      r4 = *(u64 *)(r5 + 0)
      if r4 == 0 goto -9
      r5 = r4
      goto -16
      """;

  /** A small budget summarises loops early, so the log stays short enough to read whole. */
  private static final VerifierOptions EARLY = OPTIONS.withMaxProcessedInstructions(20_000);

  @Test
  void popcountsInnerAndOuterLoopsAreProvedToEnd() {
    int bytes = 4096;
    VerificationResult r = verify(POPCOUNT, bytes);
    assertTrue(r.ok(), r.toString());
    runsWithin(Assembler.assemble(POPCOUNT), r.instructionBound(), bytes, 1);
    String log = verify(POPCOUNT, bytes, EARLY).log();
    assertTrue(
        log.contains(
            "7: loop summarised after 630 instructions of exact rounds, 3 widenings: invariant"),
        log);
    assertTrue(
        log.contains(
            "r4 loses its lowest set bit each round (r4 &= r4 - 1) and is not 0 at the loop head,"
                + " [1, 18446744073709551615]: at most 64 rounds"),
        log);
    assertTrue(
        log.contains(
            "r3 grows by 1 each round without wrapping and stays in [0, 511] at the loop head: at"
                + " most 512 visits of the head"),
        log);
  }

  @Test
  void countAbovesPointerFollowsItsCounter() {
    int bytes = 4096;
    VerificationResult r = verify(COUNT_ABOVE, bytes);
    assertTrue(r.ok(), r.toString());
    runsWithin(Assembler.assemble(COUNT_ABOVE), r.instructionBound(), bytes, 2);
    String log = verify(COUNT_ABOVE, bytes, EARLY).log();
    assertTrue(log.contains("with [r1 = 0 + 4 * r3]"), log);
    assertTrue(
        log.contains(
            "r3 grows by 1 each round without wrapping and stays in [0, 1023] at the loop head: at"
                + " most 1024 visits of the head"),
        log);
    // counting 2-byte steps of 4-byte words: the same loop reads past the context's end
    VerifierError e =
        refused(COUNT_ABOVE.replace("r2 >>= 2", "r2 >>= 1"), bytes, ErrorCode.OUT_OF_BOUNDS, 12);
    assertTrue(e.rule().contains("outside the context [0, 4096)"), e.rule());
  }

  // ---- nested loops, wrapping counters, repeats, bounds -------------------------------------

  private static final int SECTOR_BYTES = 64;

  /** The address the VM gives the first named region, where the sector buffer goes. */
  private static long sectorAddress() {
    return Vm.builder(Program.of(Instruction.exit()))
        .region("sector", new byte[SECTOR_BYTES])
        .build()
        .addressOf("sector");
  }

  /**
   * count_u32's shape: an outer loop over as many sectors as the context's first word says (its
   * counter spilled to the stack), each round a constant inner loop over the 16 words of a sector
   * buffer of 64 bytes.
   */
  private static String sectorLoop(int innerRounds) {
    return """
        r6 = *(u32 *)(r1 + 0)
        r0 = 0
        r2 = 0
        *(u64 *)(r10 - 8) = r2
        outer:
        r3 = %d ll
        r4 = 0
        inner:
        r5 = *(u32 *)(r3 + 0)
        r0 += r5
        r3 += 4
        r4 += 1
        if r4 < %d goto inner
        r2 = *(u64 *)(r10 - 8)
        r2 += 1
        *(u64 *)(r10 - 8) = r2
        if r2 < r6 goto outer
        exit
        """
        .formatted(sectorAddress(), innerRounds);
  }

  @Test
  void dataBoundedOuterLoopIsSummarisedAroundAnExactInnerLoop() {
    VerifierOptions withSector = OPTIONS.withRegion("sector", sectorAddress(), SECTOR_BYTES, false);
    String ok = sectorLoop(16);
    VerificationResult r = verify(ok, 8, withSector);
    assertTrue(r.ok(), r.toString());
    String log = verify(ok, 8, withSector.withMaxProcessedInstructions(20_000)).log();
    assertTrue(
        log.contains(
            "fp-8 grows by 1 each round without wrapping and stays in [0, 4294967294] at the"
                + " loop head: at most 4294967295 visits of the head"),
        log);
    // the inner loop is walked round by round inside each outer round: one word more faults
    refused(sectorLoop(17), 8, withSector, ErrorCode.OUT_OF_BOUNDS, 7);
    // up to 2^32 - 1 sectors of 16 words: run it with small sector counts
    Program program = Assembler.assemble(ok);
    Random random = new Random(3);
    for (int i = 0; i < RUNS; i++) {
      byte[] context = new byte[8];
      context[0] = (byte) random.nextInt(200);
      byte[] sector = new byte[SECTOR_BYTES];
      random.nextBytes(sector);
      Vm vm =
          Vm.builder(program)
              .engine(Engine.INTERPRETER)
              .readOnlyRegion("sector", sector)
              .fuel(r.instructionBound())
              .build();
      assertTrue(vm.run(context).instructionsExecuted() <= r.instructionBound());
    }
  }

  private static VerifierError refused(
      String source, long contextBytes, VerifierOptions o, ErrorCode code, int pc) {
    VerificationResult r = verify(source, contextBytes, o);
    assertEquals(code, r.code(), r.toString());
    assertEquals(pc, r.error().pc(), r.toString());
    return r.error();
  }

  @Test
  void aCounterThatMayWrapIsRefusedWithWhatWasTried() {
    // r2 may be 0: r2 - 1 then wraps to 2^64 - 1, and the loop's bound is lost
    String wraps =
        """
        r2 = *(u32 *)(r1 + 0)
        r0 = 0
        l:
        r0 += 1
        r2 -= 1
        if r2 != 0 goto l
        exit
        """;
    VerifierError e = refused(wraps, 8, ErrorCode.UNBOUNDED_LOOP, 2);
    assertTrue(
        e.rule()
            .startsWith(
                "the loop at pc 2 (back to it from pc 4) does not end by exploration (its state"
                    + " still changes round after round), and the verifier cannot prove that it"
                    + " ends: no register or 8-byte stack slot is proven to bound its rounds: "),
        e.rule());
    assertTrue(e.rule().contains("r0 grows by 1 each round but may wrap past 2^64 - 1"), e.rule());
    assertTrue(e.rule().contains("r2 shrinks by 1 each round but may wrap below 0"), e.rule());
    assertTrue(e.fix().startsWith("count the rounds with a register (or stack slot)"), e.fix());
    // checked first, r2 is at least 1 at the head and at least 1 after each round
    String checked = wraps.replace("r0 = 0\n", "r0 = 0\nif r2 == 0 goto +3\n");
    VerificationResult r = verify(checked, 8);
    assertTrue(r.ok(), r.toString());
    String log = verify(checked, 8, EARLY).log();
    assertTrue(
        log.contains(
            "r2 shrinks by 1 each round without wrapping and stays in [1, 4294967295] at the"
                + " loop head: at most 4294967295 visits of the head"),
        log);
    // the rounds walked before the summary, then every visit of the head a round of 3 instructions
    long rounds = 4294967295L * 3;
    assertTrue(r.instructionBound() >= 3 + rounds + 1, r.toString());
    assertTrue(r.instructionBound() < 3 + rounds + 1 + 40_000, r.toString());
  }

  @Test
  void aLoopThatChangesNothingItTestsIsStillAnInfiniteLoop() {
    refused(
        """
        r2 = *(u32 *)(r1 + 0)
        r3 = 0
        l:
        r0 = r3
        if r3 < r2 goto l
        exit
        """,
        8,
        ErrorCode.INFINITE_LOOP,
        3);
  }

  @Test
  void anIndexPastTheRegionsEndInAWidenedLoopIsOutOfBounds() {
    long base = sectorAddress();
    VerifierOptions withSector = OPTIONS.withRegion("sector", base, SECTOR_BYTES, true);
    String source =
        """
        r3 = %d ll
        r4 = 0
        l:
        r6 = r4
        r6 >>= SHIFT
        r5 = r3
        r5 += r6
        r0 = *(u8 *)(r5 + 0)
        r4 += 1
        if r4 < 100000 goto l
        exit
        """
            .formatted(base);
    // 100,000 rounds: far more than exploration walks; r4 >> 10 reaches 97, past 64 bytes
    VerifierError e =
        refused(source.replace("SHIFT", "10"), 8, withSector, ErrorCode.OUT_OF_BOUNDS, 7);
    assertTrue(e.rule().contains("outside the region sector [0, 64)"), e.rule());
    VerificationResult r = verify(source.replace("SHIFT", "11"), 8, withSector);
    assertTrue(r.ok(), r.toString());
    Vm vm =
        Vm.builder(Assembler.assemble(source.replace("SHIFT", "11")))
            .engine(Engine.INTERPRETER)
            .region("sector", new byte[SECTOR_BYTES])
            .fuel(r.instructionBound())
            .build();
    assertEquals(100_000L * 7 + 3, vm.run(new byte[8]).instructionsExecuted());
    assertTrue(r.instructionBound() >= 100_000L * 7 + 3, r.toString());
  }

  @Test
  void aBoundBeyondALongIsLongMaxValue() {
    VerificationResult r =
        verify(
            """
            r2 = *(u64 *)(r1 + 0)
            r2 >>= 1
            r3 = 0
            l:
            r3 += 1
            if r3 < r2 goto l
            r0 = 0
            exit
            """,
            8);
    assertTrue(r.ok(), r.toString());
    assertEquals(Long.MAX_VALUE, r.instructionBound());
  }

  @Test
  void withoutWideningTheBoundIsTheProcessedCount() {
    VerificationResult r = verify("r1 = 0\nl:\nr1 += 1\nif r1 < 1000 goto l\nr0 = r1\nexit", 8);
    assertTrue(r.ok(), r.toString());
    assertEquals(r.cost().processedInstructions(), r.instructionBound());
    assertTrue(!r.log().contains("summarised"), r.log());
  }
}
