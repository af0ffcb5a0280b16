package org.csdlab.ebpf;

/** A local call would nest more than {@link Vm#MAX_CALL_DEPTH} frames. */
public final class CallDepthExceededException extends VmExecutionException {
  private static final long serialVersionUID = 1L;

  CallDepthExceededException(int pc, Instruction instruction) {
    super(
        pc,
        instruction,
        "call depth limit of "
            + Vm.MAX_CALL_DEPTH
            + " frames reached; look for unbounded recursion");
  }
}
