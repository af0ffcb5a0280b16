package org.csdlab.ebpf;

/**
 * What one run needs besides the interpreter loop's own locals: memory, helpers, the frames of
 * local calls, and the results. Kept out of the loop so that the loop's few hot values stay in
 * machine registers.
 */
final class RunState {
    private static final int SAVED_PER_FRAME = 5; // r6-r9 and r10

    final long[] registers;
    final Memory memory;
    final Helper[] helpers;
    final HelperRegistry registry;
    final long fuel;
    final Tracer tracer;
    long executed;

    private final long[] savedRegisters = new long[Vm.MAX_CALL_DEPTH * SAVED_PER_FRAME];
    private final int[] returnPcs = new int[Vm.MAX_CALL_DEPTH];
    private int depth;
    private HelperContext helperContext;

    RunState(long[] registers, Memory memory, Helper[] helpers, HelperRegistry registry, long fuel, Tracer tracer) {
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

    /** Copies the loop's registers out and records the instruction count; returns r0. */
    long finish(long[] reg, long remainingFuel, long r0) {
        System.arraycopy(reg, 0, registers, 0, Register.COUNT);
        registers[0] = r0;
        executed = fuel - remainingFuel;
        return r0;
    }
}
