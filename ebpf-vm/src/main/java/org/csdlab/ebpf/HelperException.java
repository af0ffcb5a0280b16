package org.csdlab.ebpf;

/**
 * A helper call failed: no helper has the id called, or the helper itself refused its arguments.
 */
public final class HelperException extends VmExecutionException {
  private static final long serialVersionUID = 1L;

  private final long helperId;

  HelperException(int pc, Instruction instruction, long helperId, String problem) {
    super(pc, instruction, problem);
    this.helperId = helperId;
  }

  /** The id of the helper called. */
  public long helperId() {
    return helperId;
  }
}
