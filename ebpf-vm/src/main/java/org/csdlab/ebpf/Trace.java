package org.csdlab.ebpf;

import java.util.List;
import java.util.Locale;

/**
 * What a traced run did, step by step: every executed instruction with the registers it changed.
 * Recording stops after {@link #limit()} steps so a long run cannot exhaust memory (a step holds at
 * most one change per register); the steps after it are only counted.
 *
 * @param steps the recorded steps in execution order
 * @param droppedSteps steps the run executed after the limit, not recorded
 * @param limit the most steps recorded
 */
public record Trace(List<Step> steps, long droppedSteps, int limit) {

  /** One executed instruction. */
  public record Step(int pc, Instruction instruction, List<RegisterChange> changes) {
    /** As {@code 3: r1 += 22 r1 = 42 (0x2a)}; several changes are separated by commas. */
    @Override
    public String toString() {
      StringBuilder out = new StringBuilder(String.format("%4d: %-34s", pc, instruction));
      for (int i = 0; i < changes.size(); i++) {
        out.append(i == 0 ? " " : ", ").append(changes.get(i));
      }
      return out.toString().stripTrailing();
    }
  }

  /** A register whose value an instruction changed. */
  public record RegisterChange(Register register, long before, long after) {
    /** As {@code r1 = 42 (0x2a)}. */
    @Override
    public String toString() {
      return register + " = " + value(after);
    }

    /**
     * A register value as a run's result shows r0: signed decimal, then hex, e.g. {@code 42 (0x2a)}
     * or {@code -1 (0xffffffffffffffff)}.
     */
    public static String value(long value) {
      return value + " (0x" + Long.toHexString(value) + ")";
    }
  }

  public Trace {
    steps = List.copyOf(steps);
  }

  /** True when the run executed more steps than were recorded. */
  public boolean truncated() {
    return droppedSteps > 0;
  }

  /**
   * As {@code 12,345 more steps not recorded (trace limit: 10,000 steps)}, or empty when none were
   * dropped.
   */
  public String droppedText() {
    return truncated()
        ? String.format(
            Locale.ROOT,
            "%,d more step%s not recorded (trace limit: %,d steps)",
            droppedSteps,
            droppedSteps == 1 ? "" : "s",
            limit)
        : "";
  }

  /** The steps as text, one line each, then how many more were not recorded. */
  public String listing() {
    StringBuilder out = new StringBuilder();
    steps.forEach(step -> out.append(step).append('\n'));
    if (truncated()) {
      out.append("... ").append(droppedText()).append('\n');
    }
    return out.toString();
  }

  @Override
  public String toString() {
    return "Trace["
        + steps.size()
        + " steps"
        + (truncated() ? ", " + droppedSteps + " not recorded" : "")
        + "]";
  }
}
