package org.csdlab.ebpf.verifier;

import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.csdlab.ebpf.AtomicOp;
import org.csdlab.ebpf.Instruction;
import org.csdlab.ebpf.InstructionClass;
import org.csdlab.ebpf.Opcode;

/**
 * Which registers surely hold the same value at each pc, on every path: a register copied by {@code
 * rX = rY} (64-bit) stays equal to its source until either is written again. A must-analysis over
 * the control-flow graph (equal only when equal on every incoming edge), so it holds for every run
 * and every abstract state, not only for one explored path.
 */
final class SameRegisters {
  private SameRegisters() {}

  /**
   * For each pc, for each register, the lowest register surely equal to it there (null for a pc no
   * path reaches).
   */
  static int[][] atEveryPc(List<Instruction> insns, int[] indexAt) {
    int slots = indexAt.length;
    int[][] in = new int[slots][];
    Deque<Integer> work = new ArrayDeque<>();
    in[0] = distinct();
    work.push(0);
    for (int pc = 0; pc < slots; pc++) {
      if (indexAt[pc] >= 0 && insns.get(indexAt[pc]).isLocalCall()) {
        int target = (int) insns.get(indexAt[pc]).target(pc);
        if (target >= 0 && target < slots && in[target] == null) {
          // a function's registers start unrelated, whoever calls it
          in[target] = distinct();
          work.push(target);
        }
      }
    }
    while (!work.isEmpty()) {
      int pc = work.pop();
      if (indexAt[pc] < 0) {
        continue;
      }
      Instruction insn = insns.get(indexAt[pc]);
      int[] out = transfer(insn, in[pc]);
      for (int next : LoopForest.successors(insn, pc, slots)) {
        int[] merged = in[next] == null ? out : meet(in[next], out);
        if (!Arrays.equals(merged, in[next])) {
          in[next] = merged;
          work.push(next);
        }
      }
    }
    return in;
  }

  private static int[] distinct() {
    int[] r = new int[ExplorationState.REGS];
    Arrays.setAll(r, i -> i);
    return r;
  }

  private static int[] transfer(Instruction insn, int[] before) {
    int[] label = before.clone();
    Opcode op = Opcode.of(insn);
    if (op == null) {
      return canonical(label);
    }
    InstructionClass c = op.instructionClass();
    if (op == Opcode.MOV64_REG) {
      label[insn.dst()] = label[insn.src()];
    } else if (c == InstructionClass.ALU
        || c == InstructionClass.ALU64
        || c == InstructionClass.LD
        || c == InstructionClass.LDX) {
      label[insn.dst()] = fresh(insn.dst());
    } else if (c == InstructionClass.STX && op.isAtomic()) {
      AtomicOp atomic = AtomicOp.of(insn.imm());
      if (atomic == AtomicOp.CMPXCHG) {
        label[0] = fresh(0);
      } else if (atomic != null && atomic.fetches()) {
        label[insn.src()] = fresh(insn.src());
      }
    } else if (op == Opcode.CALL_HELPER || op == Opcode.CALL_LOCAL || op == Opcode.CALLX) {
      for (int r = 0; r <= 5; r++) {
        label[r] = fresh(r);
      }
    }
    return canonical(label);
  }

  /** A label no other register has: registers are 0-10, and each fresh label is its own. */
  private static int fresh(int reg) {
    return ExplorationState.REGS + reg;
  }

  /** Equal in the result only when equal in both. */
  private static int[] meet(int[] a, int[] b) {
    Map<Long, Integer> pairs = new HashMap<>();
    int[] label = new int[a.length];
    for (int r = 0; r < a.length; r++) {
      long key = ((long) a[r] << 32) | (b[r] & 0xffff_ffffL);
      label[r] = pairs.computeIfAbsent(key, k -> pairs.size());
    }
    return canonical(label);
  }

  /** Each register labelled with the lowest register of its label. */
  private static int[] canonical(int[] label) {
    int[] rep = new int[label.length];
    for (int r = 0; r < label.length; r++) {
      rep[r] = r;
      for (int q = 0; q < r; q++) {
        if (label[q] == label[r]) {
          rep[r] = q;
          break;
        }
      }
    }
    return rep;
  }
}
