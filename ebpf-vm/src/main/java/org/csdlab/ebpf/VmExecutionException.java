package org.csdlab.ebpf;

/**
 * A program stopped by a fault while running. Carries the slot index ({@code pc}) and the
 * instruction that faulted; subclasses add what went wrong.
 */
public class VmExecutionException extends EbpfException {
  private static final long serialVersionUID = 1L;

  private final int pc;
  private final transient Instruction instruction;

  /** A fault at {@code pc} while executing {@code instruction}. */
  public VmExecutionException(int pc, Instruction instruction, String problem) {
    super("pc " + pc + " '" + instruction + "': " + problem);
    this.pc = pc;
    this.instruction = instruction;
  }

  /** A fault outside any single instruction (fuel, for instance). */
  protected VmExecutionException(String message, int pc, Instruction instruction) {
    super(message);
    this.pc = pc;
    this.instruction = instruction;
  }

  /** Slot index of the faulting instruction. */
  public int pc() {
    return pc;
  }

  /** The faulting instruction. */
  public Instruction instruction() {
    return instruction;
  }
}
