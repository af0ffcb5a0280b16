package org.csdlab.ebpf;

/** What every engine does: runs the program over one {@link RunState} and returns r0. */
interface ExecutionEngine {
  /**
   * Runs from slot 0 until exit; the final registers and the instruction count end up in {@code
   * run}.
   *
   * @throws VmExecutionException the program faulted, ran out of fuel or was interrupted
   */
  long execute(RunState run);
}
