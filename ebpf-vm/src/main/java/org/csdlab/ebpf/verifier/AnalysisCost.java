package org.csdlab.ebpf.verifier;

import java.util.Locale;

/**
 * What one verification spent against its budgets ({@link
 * VerifierOptions#maxProcessedInstructions()}, {@link VerifierOptions#maxStoredStates()}): a
 * program refused with {@link ErrorCode#TOO_COMPLEX} has gone over one of them.
 *
 * @param processedInstructions instructions the analysis stepped through (one instruction in two
 *     call chains, or visited again in a loop, counts each time)
 * @param storedStates abstract states kept, one per (instruction, call chain) reached
 */
public record AnalysisCost(
    long processedInstructions,
    long maxProcessedInstructions,
    int storedStates,
    int maxStoredStates) {

  /** True when the analysis stepped through more instructions than its budget allows. */
  public boolean instructionsOverBudget() {
    return processedInstructions > maxProcessedInstructions;
  }

  /** True when the analysis kept more states than its budget allows. */
  public boolean statesOverBudget() {
    return storedStates > maxStoredStates;
  }

  /**
   * As {@code 1,000,001 instructions processed (budget maxProcessedInstructions = 1,000,000),
   * 35,000 states stored (budget maxStoredStates = 100,000)}.
   */
  @Override
  public String toString() {
    return String.format(
        Locale.ROOT,
        "%,d instructions processed (budget maxProcessedInstructions = %,d), "
            + "%,d states stored (budget maxStoredStates = %,d)",
        processedInstructions,
        maxProcessedInstructions,
        storedStates,
        maxStoredStates);
  }
}
