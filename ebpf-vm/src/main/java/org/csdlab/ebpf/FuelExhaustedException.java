package org.csdlab.ebpf;

/** The program executed as many instructions as its fuel allows and had not exited. */
public final class FuelExhaustedException extends VmExecutionException {
    private static final long serialVersionUID = 1L;

    private final long fuel;

    FuelExhaustedException(int pc, Instruction instruction, long fuel) {
        super("out of fuel: " + fuel + " instructions executed without reaching exit; next was pc " + pc
                + " '" + instruction + "'. Look for a loop that never ends, or raise the limit with"
                + " Vm.builder(program).fuel(n)", pc, instruction);
        this.fuel = fuel;
    }

    /** The instruction limit that was reached. */
    public long fuel() {
        return fuel;
    }
}
