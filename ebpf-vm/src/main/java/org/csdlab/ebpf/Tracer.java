package org.csdlab.ebpf;

import java.util.ArrayList;
import java.util.List;

/**
 * Records trace steps by comparing the registers before each instruction with those before the
 * next.
 */
final class Tracer {
  private final Program program;
  private final int limit;
  private final List<Trace.Step> steps = new ArrayList<>();
  private final long[] before = new long[Register.COUNT];
  private int pendingPc = -1;
  private long droppedSteps;

  Tracer(Program program, int limit) {
    this.program = program;
    this.limit = limit;
  }

  /** Called before the instruction at {@code pc} executes. */
  void before(int pc, long[] registers) {
    finishPending(registers);
    if (steps.size() >= limit) {
      droppedSteps++;
      return;
    }
    pendingPc = pc;
    System.arraycopy(registers, 0, before, 0, before.length);
  }

  /** Completes the last step once the run has ended. */
  Trace finish(long[] registers) {
    finishPending(registers);
    return new Trace(steps, droppedSteps, limit);
  }

  private void finishPending(long[] registers) {
    if (pendingPc < 0) {
      return;
    }
    List<Trace.RegisterChange> changes = new ArrayList<>();
    for (int r = 0; r < before.length; r++) {
      if (before[r] != registers[r]) {
        changes.add(new Trace.RegisterChange(Register.of(r), before[r], registers[r]));
      }
    }
    // an immutable copy holds only the changes, not an ArrayList's spare capacity: steps stay ~100
    // bytes
    steps.add(new Trace.Step(pendingPc, program.at(pendingPc), List.copyOf(changes)));
    pendingPc = -1;
  }
}
