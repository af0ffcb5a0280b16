package org.csdlab.ebpf;

/**
 * What one run needs besides the interpreter loop's own locals: memory, helpers, the frames of
 * local calls, and the results. Kept out of the loop so that the loop's few hot values stay in
 * machine registers.
 */
final class RunState {
  private static final int SAVED_PER_FRAME = 5; // r6-r9 and r10

  /**
   * Fuel is handed to the loop in slices of this many instructions; between slices the run checks
   * whether its thread was interrupted. The loop's cost per instruction stays one decrement and one
   * compare.
   */
  static final long FUEL_SLICE = 1 << 16;

  final long[] registers;
  final Memory memory;
  final Helper[] helpers;
  final HelperRegistry registry;
  final long fuel;
  final Tracer tracer;
  long executed;

  /** Fuel not yet handed to the loop. */
  private long fuelBeyondSlice;

  private final long[] savedRegisters = new long[Vm.MAX_CALL_DEPTH * SAVED_PER_FRAME];
  private final int[] returnPcs = new int[Vm.MAX_CALL_DEPTH];
  private int depth;
  private HelperContext helperContext;

  RunState(
      long[] registers,
      Memory memory,
      Helper[] helpers,
      HelperRegistry registry,
      long fuel,
      Tracer tracer) {
    this.registers = registers;
    this.memory = memory;
    this.helpers = helpers;
    this.registry = registry;
    this.fuel = fuel;
    this.tracer = tracer;
  }

  /** Enters a local function: saves r6–r10 and moves r10 down one frame; false when too deep. */
  boolean pushFrame(long[] reg, int returnPc) {
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
  int popFrame(long[] reg) {
    System.arraycopy(savedRegisters, --depth * SAVED_PER_FRAME, reg, 6, SAVED_PER_FRAME);
    return returnPcs[depth];
  }

  /** The context helpers see; made on the first helper call. */
  HelperContext helperContext() {
    if (helperContext == null) {
      helperContext = new HelperContext(memory);
    }
    return helperContext;
  }

  /** The loop's first slice of fuel. */
  long firstSlice() {
    long slice = Math.min(fuel, FUEL_SLICE);
    fuelBeyondSlice = fuel - slice;
    return slice;
  }

  /**
   * The loop used up its slice and wants to run the instruction at {@code pc}: returns the next
   * slice with that instruction already paid for.
   *
   * @throws FuelExhaustedException no fuel is left
   * @throws VmInterruptedException the thread running the program was interrupted (the interrupt is
   *     consumed, as an {@link InterruptedException} would)
   */
  long nextSlice(int pc, Program program) {
    if (fuelBeyondSlice == 0) {
      throw new FuelExhaustedException(pc, program.at(pc), fuel);
    }
    if (Thread.interrupted()) {
      throw new VmInterruptedException(pc, program.at(pc), fuel - fuelBeyondSlice);
    }
    long slice = Math.min(fuelBeyondSlice, FUEL_SLICE);
    fuelBeyondSlice -= slice;
    return slice - 1;
  }

  /** Copies the loop's registers out and records the instruction count; returns r0. */
  long finish(long[] reg, long remainingInSlice, long r0) {
    System.arraycopy(reg, 0, registers, 0, Register.COUNT);
    registers[0] = r0;
    executed = fuel - fuelBeyondSlice - remainingInSlice;
    return r0;
  }
}
