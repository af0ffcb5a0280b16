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
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The verifier's budgets of processed instructions and stored states, and its interrupt checks. */
class VerifierBudgetTest {

    /**
     * The reproducer of issue 11: main calls f1 {@code fanOut} times, each f<sub>i</sub> calls
     * f<sub>i+1</sub> {@code fanOut} times, {@code depth} levels deep; every function returns 0.
     * With fanOut 10 it has fanOut<sup>depth</sup> distinct call chains of f<sub>depth</sub>.
     */
    static Program nestedCalls(int fanOut, int depth) {
        int functionSlots = fanOut + 2;
        List<Instruction> out = new ArrayList<>();
        for (int f = 0; f < depth; f++) {
            int calleeStart = (f + 1) * functionSlots;
            for (int i = 0; i < fanOut; i++) {
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
        // 684 bytes in the issue (an assembled variant); this one is 7 functions of 12 slots and a leaf of 2
        assertEquals(688, nestedCalls(10, 7).encode().length);
    }

    @ParameterizedTest
    @ValueSource(ints = {6, 7})
    void deeplyNestedCallChainsAreRefusedAsTooComplex(int depth) {
        VerificationResult r = Verifier.verify(nestedCalls(10, depth), VerifierOptions.defaults());
        assertEquals(ErrorCode.TOO_COMPLEX, r.code(), r.toString());
        String message = r.error().message();
        assertTrue(message.startsWith("TOO_COMPLEX at "), message);
        assertTrue(message.contains("the program is too complex to verify: the analysis stored 100,001 states, over "
                + "its budget maxStoredStates = 100,000 (it had processed "), message);
        assertTrue(message.contains(" instructions of maxProcessedInstructions = 1,000,000). Each call chain is "
                + "analysed on its own"), message);
        assertTrue(message.endsWith("Fix: call functions from fewer sites or nest them less deeply, or raise the "
                + "budget with VerifierOptions.withMaxStoredStates(n)."), message);
        AnalysisCost cost = r.cost();
        assertTrue(cost.statesOverBudget(), cost.toString());
        assertEquals(100_001, cost.storedStates());
        assertTrue(cost.processedInstructions() <= VerifierOptions.DEFAULT_MAX_PROCESSED_INSTRUCTIONS, cost.toString());
    }

    @Test
    void theInstructionBudgetRefusesWithItsOwnName() {
        VerifierOptions options = VerifierOptions.defaults().withMaxProcessedInstructions(5_000);
        VerificationResult r = Verifier.verify(nestedCalls(10, 6), options);
        assertEquals(ErrorCode.TOO_COMPLEX, r.code(), r.toString());
        assertTrue(r.error().message().contains("the analysis processed 5,001 instructions, over its budget "
                + "maxProcessedInstructions = 5,000 (it had stored "), r.error().message());
        assertTrue(r.error().message().contains(" states of maxStoredStates = 100,000)."), r.error().message());
        assertTrue(r.error().message().endsWith("VerifierOptions.withMaxProcessedInstructions(n)."),
                r.error().message());
        assertEquals(5_001, r.cost().processedInstructions());
    }

    @Test
    void aRaisedBudgetAcceptsWhatTheDefaultRefuses() {
        Program program = nestedCalls(10, 4); // 10^4 chains of the leaf: about 23,000 steps and states
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
        Thread t = new Thread(() -> {
            Thread.currentThread().interrupt();
            try {
                Verifier.verify(nestedCalls(10, 7), VerifierOptions.defaults());
            } catch (Throwable e) {
                thrown.set(e);
            }
            stillInterrupted.set(Thread.currentThread().isInterrupted());
        });
        t.start();
        t.join();
        VerificationInterruptedException e = assertThrows(VerificationInterruptedException.class, () -> {
            throw thrown.get();
        });
        assertEquals(Verifier.INTERRUPT_CHECK_INTERVAL, e.cost().processedInstructions());
        assertTrue(e.getMessage().startsWith("verification interrupted after 1,024 instructions processed and "),
                e.getMessage());
        assertTrue(stillInterrupted.get(), "the interrupt status stays set for the caller");
    }

    @Test
    void realProgramsCostLittleOfTheBudget() {
        VerificationResult r = Verifier.verify(nestedCalls(2, 7), VerifierOptions.defaults());
        assertTrue(r.ok(), r.toString());
        // 2^7 chains of the leaf: a few hundred states, far from the budget
        assertTrue(r.cost().storedStates() < 2_000, r.cost().toString());
    }

    @Test
    void theCostReadsWithTheBudgetNames() {
        assertEquals("1,000,001 instructions processed (budget maxProcessedInstructions = 1,000,000), 35,000 states "
                + "stored (budget maxStoredStates = 100,000)", new AnalysisCost(1_000_001, 1_000_000, 35_000, 100_000)
                .toString());
    }

    @Test
    void budgetsMustBePositive() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> VerifierOptions.defaults().withMaxProcessedInstructions(0));
        assertEquals("maxProcessedInstructions must be positive, got 0", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> VerifierOptions.defaults().withMaxStoredStates(-1));
        assertEquals("maxStoredStates must be positive, got -1", e.getMessage());
    }
}
