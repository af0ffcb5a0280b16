package org.csdlab.ebpf;

/**
 * The program executed as many instructions as its fuel allows and had not exited. Its message ends
 * with how to raise the limit; a layer that builds the VM for its user (the lab, the command line,
 * the drive) replaces that advice with its own way through {@link #withLimitAdvice}.
 */
public final class FuelExhaustedException extends VmExecutionException {
  private static final long serialVersionUID = 1L;

  /** How to raise the limit when the VM is built directly. */
  public static final String VM_LIMIT_ADVICE = "Vm.builder(program).fuel(n)";

  private final long fuel;
  private final String limitAdvice;

  FuelExhaustedException(int pc, Instruction instruction, long fuel) {
    this(pc, instruction, fuel, VM_LIMIT_ADVICE);
  }

  private FuelExhaustedException(int pc, Instruction instruction, long fuel, String limitAdvice) {
    super(
        "out of fuel: "
            + fuel
            + " instructions executed without reaching exit; next was pc "
            + pc
            + " '"
            + instruction
            + "'. Look for a loop that never ends, or raise the limit with "
            + limitAdvice,
        pc,
        instruction);
    this.fuel = fuel;
    this.limitAdvice = limitAdvice;
  }

  /** The instruction limit that was reached. */
  public long fuel() {
    return fuel;
  }

  /** The way to raise the limit that the message names, e.g. {@value #VM_LIMIT_ADVICE}. */
  public String limitAdvice() {
    return limitAdvice;
  }

  /**
   * The same exhaustion (pc, instruction, fuel and stack trace) with {@code limitAdvice} as the way
   * to raise the limit, e.g. {@code "--fuel N"} where the user is on the command line.
   */
  public FuelExhaustedException withLimitAdvice(String limitAdvice) {
    FuelExhaustedException advised =
        new FuelExhaustedException(pc(), instruction(), fuel, limitAdvice);
    advised.setStackTrace(getStackTrace());
    return advised;
  }
}
