package org.csdlab.ebpf.verifier;

import org.csdlab.ebpf.EbpfException;

/**
 * The thread running the verifier was interrupted (a notebook's stop button, a cancelled task), so
 * the analysis stopped before deciding. The thread's interrupt status stays set, as the caller may
 * need it to stop what it does next. The verifier checks every {@value
 * Verifier#INTERRUPT_CHECK_INTERVAL} instructions it processes.
 */
public final class VerificationInterruptedException extends EbpfException {
  private static final long serialVersionUID = 1L;

  private final transient AnalysisCost cost;
  private final int pc;

  VerificationInterruptedException(AnalysisCost cost, int pc) {
    super(
        "verification interrupted after "
            + String.format(java.util.Locale.ROOT, "%,d", cost.processedInstructions())
            + " instructions processed and "
            + String.format(java.util.Locale.ROOT, "%,d", cost.storedStates())
            + " states stored; it was at pc "
            + pc);
    this.cost = cost;
    this.pc = pc;
  }

  /** What the analysis had spent when it stopped. */
  public AnalysisCost cost() {
    return cost;
  }

  /** The instruction the analysis was at. */
  public int pc() {
    return pc;
  }
}
