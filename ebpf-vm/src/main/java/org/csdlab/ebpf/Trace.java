package org.csdlab.ebpf;

import java.util.List;

/**
 * What a traced run did, step by step: every executed instruction with the registers it changed.
 * Recording stops after {@link #limit()} steps so a long run cannot exhaust memory.
 *
 * @param steps     the recorded steps in execution order
 * @param truncated true when the run executed more steps than were recorded
 * @param limit     the most steps recorded
 */
public record Trace(List<Step> steps, boolean truncated, int limit) {

    /** One executed instruction. */
    public record Step(int pc, Instruction instruction, List<RegisterChange> changes) {
        /** As {@code 3: r1 += 22   r1=0x2a}. */
        @Override
        public String toString() {
            StringBuilder out = new StringBuilder(String.format("%4d: %-34s", pc, instruction));
            for (RegisterChange change : changes) {
                out.append(' ').append(change);
            }
            return out.toString().stripTrailing();
        }
    }

    /** A register whose value an instruction changed. */
    public record RegisterChange(Register register, long before, long after) {
        /** As {@code r1=0x2a}. */
        @Override
        public String toString() {
            return register + "=0x" + Long.toHexString(after);
        }
    }

    public Trace {
        steps = List.copyOf(steps);
    }

    /** The steps as text, one line each. */
    public String listing() {
        StringBuilder out = new StringBuilder();
        steps.forEach(step -> out.append(step).append('\n'));
        if (truncated) {
            out.append("... (trace stopped after ").append(limit).append(" steps)\n");
        }
        return out.toString();
    }

    @Override
    public String toString() {
        return "Trace[" + steps.size() + " steps" + (truncated ? ", truncated" : "") + "]";
    }
}
