package org.csdlab.ebpf;

/** The interpreter's frames of local calls in one run: saved r6–r10 and return slots. */
final class CallFrames {
  private static final int SAVED_PER_FRAME = 5; // r6-r9 and r10

  private final long[] savedRegisters = new long[Vm.MAX_CALL_DEPTH * SAVED_PER_FRAME];
  private final int[] returnPcs = new int[Vm.MAX_CALL_DEPTH];
  private int depth;

  /** Enters a local function: saves r6–r10 and moves r10 down one frame; false when too deep. */
  boolean push(long[] reg, int returnPc) {
    if (depth + 1 >= Vm.MAX_CALL_DEPTH) {
      return false;
    }
    System.arraycopy(reg, 6, savedRegisters, depth * SAVED_PER_FRAME, SAVED_PER_FRAME);
    returnPcs[depth++] = returnPc;
    reg[10] -= Vm.STACK_FRAME_BYTES;
    return true;
  }

  /** True while a local function is running, so exit returns to its caller. */
  boolean inLocalFunction() {
    return depth > 0;
  }

  /** Leaves a local function: restores r6–r10; returns the caller's next pc. */
  int pop(long[] reg) {
    System.arraycopy(savedRegisters, --depth * SAVED_PER_FRAME, reg, 6, SAVED_PER_FRAME);
    return returnPcs[depth];
  }
}
