package org.csdlab.ebpf.verifier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.csdlab.ebpf.AluOp;
import org.csdlab.ebpf.ExecutionResult;
import org.csdlab.ebpf.Instruction;
import org.csdlab.ebpf.Program;
import org.csdlab.ebpf.Register;
import org.csdlab.ebpf.Vm;
import org.csdlab.ebpf.asm.Assembler;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The verifier's budgets of processed instructions and stored states, and its interrupt checks. */
class VerifierBudgetTest {

  /**
   * The reproducer of issue 11: main calls f1 {@code fanOut} times, each f<sub>i</sub> calls
   * f<sub>i+1</sub> {@code fanOut} times, {@code depth} levels deep; every function returns 0. With
   * fanOut 10 it has fanOut<sup>depth</sup> distinct call chains of f<sub>depth</sub>.
   */
  static Program nestedCalls(int fanOut, int depth) {
    return nestedCalls(fanOut, depth, false);
  }

  /**
   * As {@link #nestedCalls(int, int)}; with {@code distinctArguments} each function keeps its r1 (a
   * pointer) in r6 and passes r1 = r6 + (j + 1) * 11<sup>level</sup> at its j-th call, so every
   * call chain enters the leaf with a different pointer offset: fanOut<sup>depth</sup> distinct
   * entries, which no sharing of function bodies can merge.
   */
  static Program nestedCalls(int fanOut, int depth, boolean distinctArguments) {
    int functionSlots = (distinctArguments ? 1 + 3 * fanOut : fanOut) + 2;
    List<Instruction> out = new ArrayList<>();
    long step = 1;
    for (int f = 0; f < depth; f++, step *= 11) {
      int calleeStart = (f + 1) * functionSlots;
      if (distinctArguments) {
        out.add(AluOp.MOV.reg(Register.R6, Register.R1));
      }
      for (int i = 0; i < fanOut; i++) {
        if (distinctArguments) {
          out.add(AluOp.MOV.reg(Register.R1, Register.R6));
          out.add(AluOp.ADD.imm(Register.R1, Math.toIntExact((i + 1) * step)));
        }
        int pc = out.size();
        out.add(Instruction.callLocal(calleeStart - pc - 1));
      }
      out.add(AluOp.MOV.imm(Register.R0, 0));
      out.add(Instruction.exit());
    }
    out.add(AluOp.MOV.imm(Register.R0, 0));
    out.add(Instruction.exit());
    return Program.of(out);
  }

  @Test
  void theReproducerIsTheSizeTheIssueReports() {
    // 684 bytes in the issue (an assembled variant); this one is 7 functions of 12 slots and a leaf
    // of 2
    assertEquals(688, nestedCalls(10, 7).encode().length);
  }

  @ParameterizedTest
  @ValueSource(ints = {6, 7})
  void theIssuesNestedCallsAreAcceptedAnalysingEachFunctionOncePerEntry(int depth) {
    VerificationResult r = Verifier.verify(nestedCalls(10, depth), VerifierOptions.defaults());
    assertTrue(r.ok(), r.toString());
    // main's first call passes the context in r1, the others nothing: two entries a level, 10 calls
    // each
    assertTrue(r.cost().processedInstructions() < 30 * depth, r.cost().toString());
  }

  /** Only r1 and r10 set at entry, so both calls below enter f with the same registers. */
  private static final VerifierOptions STRICT =
      VerifierOptions.defaults().withContextLengthInR2(false);

  @Test
  void aFunctionEnteredAgainWithTheSameRegistersGoesStraightToItsReturn() {
    VerificationResult r =
        Verifier.verify(
            Assembler.assemble(
                """
                r1 = 0
                call f
                r1 = 0
                call f
                exit
                f:
                r0 = 0
                exit"""),
            STRICT);
    assertTrue(r.ok(), r.toString());
    // 0, 1, f (5, 6), 2, 3 and straight on to 4: f's body is not analysed for the second call
    assertEquals(7, r.cost().processedInstructions());
  }

  @Test
  void aFunctionEnteredAgainStillHasItsErrorsFound() {
    // f is entered twice with the same registers; its error is reported, not skipped with the
    // second entry
    VerificationResult r =
        Verifier.verify(
            Assembler.assemble(
                """
                r1 = 0
                call f
                r1 = 0
                call f
                exit
                f:
                r0 = *(u64 *)(r10 - 8)
                exit"""),
            STRICT);
    assertEquals(ErrorCode.UNINIT_STACK_READ, r.code(), r.toString());
    assertEquals(5, r.error().pc());
    // and the caller after the second call is still checked: r0 is a scalar, r1 is not initialised
    VerificationResult after =
        Verifier.verify(
            Assembler.assemble(
                """
                r1 = 0
                call f
                r1 = 0
                call f
                r0 += r1
                exit
                f:
                r0 = 0
                exit"""),
            STRICT);
    assertEquals(ErrorCode.UNINIT_REG, after.code(), after.toString());
    assertEquals(4, after.error().pc());
  }

  @ParameterizedTest
  @ValueSource(ints = {6, 7})
  void deeplyNestedCallsWithDistinctArgumentsAreRefusedAsTooComplex(int depth) {
    VerificationResult r =
        Verifier.verify(nestedCalls(10, depth, true), VerifierOptions.defaults());
    assertEquals(ErrorCode.TOO_COMPLEX, r.code(), r.toString());
    String message = r.error().message();
    assertTrue(message.startsWith("TOO_COMPLEX at "), message);
    assertTrue(
        message.contains(
            "the program is too complex to verify: the analysis stored 100,001 states, over "
                + "its budget maxStoredStates = 100,000 (it had processed "),
        message);
    assertTrue(
        message.contains(
            " instructions of maxProcessedInstructions = 1,000,000). Each call chain is "
                + "analysed on its own"),
        message);
    assertTrue(
        message.endsWith(
            "Fix: call functions from fewer sites or nest them less deeply, or raise the "
                + "budget with VerifierOptions.withMaxStoredStates(n)."),
        message);
    AnalysisCost cost = r.cost();
    assertTrue(cost.statesOverBudget(), cost.toString());
    assertEquals(100_001, cost.storedStates());
    assertTrue(
        cost.processedInstructions() <= VerifierOptions.DEFAULT_MAX_PROCESSED_INSTRUCTIONS,
        cost.toString());
  }

  @Test
  void theInstructionBudgetRefusesWithItsOwnName() {
    VerifierOptions options = VerifierOptions.defaults().withMaxProcessedInstructions(5_000);
    VerificationResult r = Verifier.verify(nestedCalls(10, 6, true), options);
    assertEquals(ErrorCode.TOO_COMPLEX, r.code(), r.toString());
    assertTrue(
        r.error()
            .message()
            .contains(
                "the analysis processed 5,001 instructions, over its budget "
                    + "maxProcessedInstructions = 5,000 (it had stored "),
        r.error().message());
    assertTrue(
        r.error().message().contains(" states of maxStoredStates = 100,000)."),
        r.error().message());
    assertTrue(
        r.error().message().endsWith("VerifierOptions.withMaxProcessedInstructions(n)."),
        r.error().message());
    assertEquals(5_001, r.cost().processedInstructions());
  }

  @Test
  void aRaisedBudgetAcceptsWhatTheDefaultRefuses() {
    Program program =
        nestedCalls(10, 4, true); // 10^4 entries of the leaf: about 44,000 steps and states
    VerifierOptions small = VerifierOptions.defaults().withMaxStoredStates(1_000);
    assertEquals(ErrorCode.TOO_COMPLEX, Verifier.verify(program, small).code());
    VerificationResult r = Verifier.verify(program, small.withMaxStoredStates(100_000));
    assertTrue(r.ok(), r.toString());
    assertTrue(r.cost().storedStates() > 1_000, r.cost().toString());
  }

  @Test
  void aProgramTheVerifierRefusesAsTooComplexStillRunsInTheVm() {
    // the refusal is about the analysis, not the program: the VM runs it (10^6 calls of the leaf)
    ExecutionResult run = Vm.of(nestedCalls(10, 6)).run();
    assertEquals(0, run.r0());
    assertTrue(run.instructionsExecuted() > 3_000_000, "executed " + run.instructionsExecuted());
  }

  @Test
  void anInterruptedThreadStopsTheAnalysis() throws InterruptedException {
    AtomicReference<Throwable> thrown = new AtomicReference<>();
    AtomicReference<Boolean> stillInterrupted = new AtomicReference<>();
    Thread t =
        new Thread(
            () -> {
              Thread.currentThread().interrupt();
              try {
                Verifier.verify(nestedCalls(10, 7, true), VerifierOptions.defaults());
              } catch (Throwable e) {
                thrown.set(e);
              }
              stillInterrupted.set(Thread.currentThread().isInterrupted());
            });
    t.start();
    t.join();
    VerificationInterruptedException e =
        assertThrows(
            VerificationInterruptedException.class,
            () -> {
              throw thrown.get();
            });
    assertEquals(Verifier.INTERRUPT_CHECK_INTERVAL, e.cost().processedInstructions());
    assertTrue(
        e.getMessage()
            .startsWith("verification interrupted after 1,024 instructions processed and "),
        e.getMessage());
    assertTrue(stillInterrupted.get(), "the interrupt status stays set for the caller");
  }

  @Test
  void realProgramsCostLittleOfTheBudget() {
    VerificationResult r = Verifier.verify(nestedCalls(2, 7, true), VerifierOptions.defaults());
    assertTrue(r.ok(), r.toString());
    // 2^7 distinct entries of the leaf: a few hundred states, far from the budget
    assertTrue(r.cost().storedStates() < 2_000, r.cost().toString());
  }

  @Test
  void theCostReadsWithTheBudgetNames() {
    assertEquals(
        "1,000,001 instructions processed (budget maxProcessedInstructions = 1,000,000), 35,000 states "
            + "stored (budget maxStoredStates = 100,000)",
        new AnalysisCost(1_000_001, 1_000_000, 35_000, 100_000).toString());
  }

  @Test
  void budgetsMustBePositive() {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> VerifierOptions.defaults().withMaxProcessedInstructions(0));
    assertEquals("maxProcessedInstructions must be positive, got 0", e.getMessage());
    e =
        assertThrows(
            IllegalArgumentException.class,
            () -> VerifierOptions.defaults().withMaxStoredStates(-1));
    assertEquals("maxStoredStates must be positive, got -1", e.getMessage());
  }
}
