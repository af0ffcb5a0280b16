package org.csdlab.ebpf.asm;

import java.util.Map;
import java.util.TreeMap;
import java.util.function.LongFunction;
import org.csdlab.ebpf.Instruction;
import org.csdlab.ebpf.Program;

/**
 * Names the slots that jumps and local calls land on, and writes a target as a label or relative
 * count.
 */
final class JumpTargets {
  private JumpTargets() {}

  /**
   * A label ({@code L<slot>}) for every slot some jump or local call of {@code program} lands on.
   */
  static Map<Long, String> labels(Program program) {
    Map<Long, String> labels = new TreeMap<>();
    for (int index = 0; index < program.size(); index++) {
      Instruction i = program.instructions().get(index);
      if ((i.isJump() || i.isLocalCall()) && Canonical.hasMnemonic(i)) {
        long target = i.target(program.pcOf(index));
        labels.put(target, "L" + target);
      }
    }
    return labels;
  }

  /**
   * The target of the jump or call {@code i} at {@code pc}: its label if {@code labels} names one,
   * else {@code +n}/{@code -n}.
   */
  static String text(Instruction i, long pc, LongFunction<String> labels) {
    long target = i.target((int) pc);
    String label = labels == null ? null : labels.apply(target);
    if (label != null) {
      return label;
    }
    long relative = target - pc - 1;
    return relative < 0 ? Long.toString(relative) : "+" + relative;
  }
}
