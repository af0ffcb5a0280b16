package org.csdlab.ebpf;

/**
 * The contract every {@link ExecutionEngine} shares for one run: the registers in and out, the
 * memory regions, the helpers, fuel and interrupts, and the errors they raise. Kept out of the
 * engines' loops so that their few hot values stay in machine registers.
 */
final class RunState {
  /**
   * Fuel is handed to an engine in slices of this many instructions; between slices the run checks
   * whether its thread was interrupted. An engine's cost per instruction stays one decrement and
   * one compare (the JIT's: one subtraction per basic block).
   */
  static final long FUEL_SLICE = 1 << 16;

  final Program program;
  final long[] registers;
  final Memory memory;
  final Helper[] helpers;
  final HelperRegistry registry;
  final long fuel;
  final Tracer tracer;
  long executed;

  /** Fuel not yet handed to the engine. */
  private long fuelBeyondSlice;

  private HelperContext helperContext;

  RunState(
      Program program,
      long[] registers,
      Memory memory,
      Helper[] helpers,
      HelperRegistry registry,
      long fuel,
      Tracer tracer) {
    this.program = program;
    this.registers = registers;
    this.memory = memory;
    this.helpers = helpers;
    this.registry = registry;
    this.fuel = fuel;
    this.tracer = tracer;
  }

  /** The context helpers see; made on the first helper call. */
  HelperContext helperContext() {
    if (helperContext == null) {
      helperContext = new HelperContext(memory);
    }
    return helperContext;
  }

  /** True once a helper asked the program to stop ({@link HelperContext#exitProgram}). */
  boolean exitRequested() {
    return helperContext != null && helperContext.exitRequested();
  }

  /** The r0 a helper's exit request gave. */
  long exitValue() {
    return helperContext.exitValue();
  }

  /** The engine's first slice of fuel. */
  long firstSlice() {
    long slice = Math.min(fuel, FUEL_SLICE);
    fuelBeyondSlice = fuel - slice;
    return slice;
  }

  /**
   * The engine used up its slice and wants to run the instruction at {@code pc}: returns the next
   * slice with that instruction already paid for.
   *
   * @throws FuelExhaustedException no fuel is left
   * @throws VmInterruptedException the thread running the program was interrupted (the interrupt is
   *     consumed, as an {@link InterruptedException} would)
   */
  long nextSlice(int pc) {
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

  /**
   * A block of straight-line instructions overdrew its slice to {@code remaining} (negative):
   * returns the slice's remainder with the block paid for, or {@link Long#MIN_VALUE} when the run
   * must stop inside the block (fuel runs out or the thread is interrupted at a slice boundary
   * there), so the engine hands the block to the interpreter, which stops at the exact instruction.
   * The interrupt is left pending for the interpreter to consume.
   */
  long refill(long remaining) {
    long slice = Math.min(fuelBeyondSlice, FUEL_SLICE);
    if (Thread.currentThread().isInterrupted() || remaining + slice < 0) {
      return Long.MIN_VALUE;
    }
    fuelBeyondSlice -= slice;
    return remaining + slice;
  }

  /**
   * Calls helper {@code id} for the instruction at {@code pc} with r1–r5; returns r0.
   *
   * @throws HelperException no such helper, or it failed
   */
  long callHelper(int pc, long id, long r1, long r2, long r3, long r4, long r5) {
    Helper helper = id >= 0 && id < helpers.length ? helpers[(int) id] : null;
    if (helper == null) {
      HelperRegistry.Entry entry = registry.find(id);
      if (entry == null) {
        throw new HelperException(
            pc,
            program.at(pc),
            id,
            "no helper with id "
                + id
                + " is registered; registered: "
                + registry.entries().keySet());
      }
      helper = entry.function();
    }
    HelperContext context = helperContext();
    memory.enterHelper(pc, program.at(pc));
    try {
      return helper.call(context, r1, r2, r3, r4, r5);
    } catch (VmExecutionException e) {
      throw e;
    } catch (RuntimeException e) {
      HelperRegistry.Entry entry = registry.find(id);
      String name = entry == null ? "#" + id : entry.name();
      throw new HelperException(
          pc,
          program.at(pc),
          id,
          "helper "
              + id
              + " ("
              + name
              + ") failed: "
              + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage()));
    }
  }

  /** The fault of the load, store or atomic at {@code pc}. */
  MemoryAccessException memoryFault(int pc, long address, int size, boolean write) {
    return memory.fault(pc, program.at(pc), address, size, write);
  }

  /**
   * The offset of the atomic access at {@code pc}; throws when {@code address} is not aligned to
   * {@code size}, as atomics must be.
   */
  int atomicOffset(int pc, long address, int size) {
    if ((address & (size - 1)) != 0) {
      throw new MemoryAccessException(
          pc,
          program.at(pc),
          "atomic access of "
              + size
              + " bytes at 0x"
              + Long.toHexString(address)
              + " is not aligned to "
              + size
              + " bytes",
          address,
          size,
          true,
          null);
    }
    return (int) address;
  }

  /** The fault of a local call at {@code pc} nested deeper than {@link Vm#MAX_CALL_DEPTH}. */
  CallDepthExceededException callTooDeep(int pc) {
    return new CallDepthExceededException(pc, program.at(pc));
  }

  /** Copies the engine's registers out and records the instruction count; returns r0. */
  long finish(long[] reg, long remainingInSlice, long r0) {
    System.arraycopy(reg, 0, registers, 0, Register.COUNT);
    registers[0] = r0;
    executed = fuel - fuelBeyondSlice - remainingInSlice;
    return r0;
  }
}
