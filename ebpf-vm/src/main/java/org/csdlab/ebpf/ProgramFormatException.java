package org.csdlab.ebpf;

/**
 * Bytecode or an instruction list that is not a valid program. Carries the rule broken and the
 * slot index (the {@code pc}) of the offending instruction.
 */
public final class ProgramFormatException extends EbpfException {
    private static final long serialVersionUID = 1L;

    private final FormatRule rule;
    private final int index;

    /** A refusal of the instruction at slot {@code index} for breaking {@code rule}. */
    public ProgramFormatException(FormatRule rule, int index, String detail) {
        super("instruction " + index + ": " + detail + " (" + rule.rule() + ")");
        this.rule = rule;
        this.index = index;
    }

    /** The rule broken. */
    public FormatRule rule() {
        return rule;
    }

    /** Slot index of the offending instruction (the pc as the disassembler numbers it). */
    public int index() {
        return index;
    }
}
