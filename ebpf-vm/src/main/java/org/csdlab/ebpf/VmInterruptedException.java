package org.csdlab.ebpf;

/**
 * The thread running the program was interrupted (a notebook's stop button, a cancelled task), so
 * the run stopped between two instructions. The VM checks every {@value RunState#FUEL_SLICE}
 * instructions.
 */
public final class VmInterruptedException extends VmExecutionException {
  private static final long serialVersionUID = 1L;

  private final long executed;

  VmInterruptedException(int pc, Instruction instruction, long executed) {
    super(
        "interrupted after "
            + executed
            + " instructions; next was pc "
            + pc
            + " '"
            + instruction
            + "'",
        pc,
        instruction);
    this.executed = executed;
  }

  /** Instructions executed before the run stopped. */
  public long executed() {
    return executed;
  }
}
