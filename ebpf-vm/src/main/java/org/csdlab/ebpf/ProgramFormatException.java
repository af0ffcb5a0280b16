package org.csdlab.ebpf;

/**
 * Bytecode or an instruction list that is not a valid program. Carries the rule broken and the slot
 * index (the {@code pc}) of the offending instruction.
 */
public final class ProgramFormatException extends EbpfException {
  private static final long serialVersionUID = 1L;

  private final FormatRule rule;
  private final int index;
  private final String detail;

  /** A refusal of the instruction at slot {@code index} for breaking {@code rule}. */
  public ProgramFormatException(FormatRule rule, int index, String detail) {
    super("instruction " + index + ": " + detail + " (" + rule.rule() + ")");
    this.rule = rule;
    this.index = index;
    this.detail = detail;
  }

  /** The rule broken. */
  public FormatRule rule() {
    return rule;
  }

  /** What was wrong, without the slot and the rule, e.g. {@code jump to slot 9 is outside ...}. */
  public String detail() {
    return detail;
  }

  /** Slot index of the offending instruction (the pc as the disassembler numbers it). */
  public int index() {
    return index;
  }
}
