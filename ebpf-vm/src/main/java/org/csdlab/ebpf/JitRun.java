package org.csdlab.ebpf;

/**
 * The JIT's state for one run, besides what the compiled code keeps in JVM locals: the register
 * file passed across local calls, the fuel left in the current slice, and the memory as arrays. Its
 * fields are read and written by the generated code, so they stay package-private and plain.
 */
final class JitRun {
  private static final byte[] NOT_WRITABLE = new byte[0];

  final RunState run;
  private final Interpreter interpreter;

  /** r0–r10 at function entry and exit; 16 entries as the interpreter's. */
  final long[] regs = new long[16];

  /** Fuel left in the current slice. */
  long left;

  /** Each region's bytes by region index, for loads. */
  final byte[][] data;

  /** The same, with read-only regions replaced by an empty array, so a store there is refused. */
  final byte[][] store;

  JitRun(RunState run, Interpreter interpreter) {
    this.run = run;
    this.interpreter = interpreter;
    System.arraycopy(run.registers, 0, regs, 0, Register.COUNT);
    this.data = run.memory.data;
    this.store = data.clone();
    for (int i = 0; i < store.length; i++) {
      if (!run.memory.writable[i]) {
        store[i] = NOT_WRITABLE;
      }
    }
    this.left = run.firstSlice();
  }

  /** The fault of the load or store at {@code pc}, found when the array access failed. */
  RuntimeException fault(int pc, long address, int size, boolean write) {
    return run.memoryFault(pc, address, size, write);
  }

  /**
   * The run stops inside the block at {@code pc} (fuel out, or an interrupt at a slice boundary):
   * the interpreter runs the block's first {@code remaining} instructions from the registers in
   * {@link #regs} and raises exactly what it would have.
   */
  RuntimeException handOver(int pc, long remaining) {
    interpreter.execute(run, pc, remaining, regs);
    return new IllegalStateException(
        "the interpreter finished a block at pc " + pc + " that the JIT could not pay fuel for");
  }

  /** The atomic at {@code pc} on the region bytes of {@code address}; returns nothing, see regs. */
  void atomic(int pc, long address, int size, int op, int src) {
    int region = run.memory.regionOf(address, size);
    if (region < 0 || !run.memory.writable[region]) {
      throw run.memoryFault(pc, address, size, true);
    }
    int offset = run.atomicOffset(pc, address, size);
    long old =
        size == 4
            ? Atomics.execute32(op, data[region], offset, regs[src], regs[0])
            : Atomics.execute64(op, data[region], offset, regs[src], regs[0]);
    Atomics.writeBack(op, old, regs, src);
  }
}
