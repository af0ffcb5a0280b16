package org.csdlab.ebpf.verifier;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.csdlab.ebpf.Instruction;
import org.csdlab.ebpf.InstructionClass;
import org.csdlab.ebpf.Opcode;
import org.csdlab.ebpf.Source;

/**
 * The program's loops as the control-flow graph shows them: a loop head is the target of a backward
 * jump (every cycle of instructions has one), its body the instructions on a path from the head
 * back to it. Function calls are edges to the instruction after the call (the callee runs in its
 * own frame and is not part of the caller's loop), so a loop's body holds the caller's instructions
 * only.
 *
 * <p>Also the registers that must hold the same value at each loop head whatever the path (copies
 * by {@code rX = rY} that no path overwrites before the head): a termination proof uses them, as
 * {@code x &= x - 1} in one register only decreases when the other register the loop compares is
 * the same {@code x}.
 */
final class LoopForest {

  /**
   * One loop.
   *
   * @param head where the loop is entered, which dominates every jump back to it
   * @param body the pcs of the loop, the head included
   * @param constants the constants the loop's conditional jumps compare against, sorted
   * @param registerCompares the register pairs (dst * 16 + src) the loop's jumps compare
   * @param comparedRegisters the registers the loop's conditional jumps test
   * @param sameAtHead for each register, the lowest register surely equal to it at the head
   */
  record Loop(
      int head,
      BitSet body,
      long[] constants,
      int[] registerCompares,
      int[] comparedRegisters,
      int[] sameAtHead) {

    boolean contains(int pc) {
      return pc >= 0 && body.get(pc);
    }

    /**
     * The location whose head value a location holds at the head ({@link LoopDeltas}' origin): a
     * register's lowest equal register, a stack slot itself.
     */
    int originOf(int location) {
      return location < ExplorationState.REGS ? sameAtHead[location] : location;
    }
  }

  private final Map<Integer, Loop> loops;

  private LoopForest(Map<Integer, Loop> loops) {
    this.loops = loops;
  }

  /** The loop whose head is {@code pc}, or null. */
  Loop headedAt(int pc) {
    return loops.get(pc);
  }

  boolean isEmpty() {
    return loops.isEmpty();
  }

  /**
   * The loops of a program whose instruction at slot {@code pc} is {@code insns.get(indexAt[pc])}
   * ({@code indexAt[pc] < 0} for the second slot of a wide instruction).
   */
  static LoopForest of(List<Instruction> insns, int[] indexAt) {
    int slots = indexAt.length;
    List<List<Integer>> preds = new ArrayList<>(slots);
    for (int pc = 0; pc < slots; pc++) {
      preds.add(new ArrayList<>(1));
    }
    List<Integer> roots = new ArrayList<>();
    roots.add(0);
    for (int pc = 0; pc < slots; pc++) {
      if (indexAt[pc] < 0) {
        continue;
      }
      Instruction insn = insns.get(indexAt[pc]);
      for (int next : successors(insn, pc, slots)) {
        preds.get(next).add(pc);
      }
      if (insn.isLocalCall()) {
        int target = (int) insn.target(pc);
        if (target > 0 && target < slots && !roots.contains(target)) {
          roots.add(target);
        }
      }
    }
    Dominators dom = Dominators.of(insns, indexAt, roots);
    // a natural loop: its head dominates the sources of the edges back to it, so it is entered
    // only through the head and its rounds are exactly the paths from the head back to it
    TreeSet<Integer> heads = new TreeSet<>();
    for (int pc = 0; pc < slots; pc++) {
      for (int p : preds.get(pc)) {
        if (dom.dominates(pc, p)) {
          heads.add(pc);
        }
      }
    }
    Map<Integer, Loop> loops = new HashMap<>();
    if (heads.isEmpty()) {
      return new LoopForest(loops);
    }
    int[][] same = SameRegisters.atEveryPc(insns, indexAt);
    for (int head : heads) {
      BitSet body = new BitSet(slots);
      Deque<Integer> work = new ArrayDeque<>();
      body.set(head);
      for (int p : preds.get(head)) {
        if (dom.dominates(head, p) && !body.get(p)) {
          body.set(p);
          work.push(p);
        }
      }
      while (!work.isEmpty()) {
        int pc = work.pop();
        for (int p : preds.get(pc)) {
          if (!body.get(p) && dom.reachable(p)) {
            body.set(p);
            work.push(p);
          }
        }
      }
      TreeSet<Long> constants = new TreeSet<>();
      List<Integer> compares = new ArrayList<>();
      TreeSet<Integer> compared = new TreeSet<>();
      for (int pc = body.nextSetBit(0); pc >= 0; pc = body.nextSetBit(pc + 1)) {
        Instruction insn = insns.get(indexAt[pc]);
        Opcode op = Opcode.of(insn);
        if (op == null || !op.isConditionalJump()) {
          continue;
        }
        compared.add(insn.dst());
        if (op.source() == Source.REG) {
          compared.add(insn.src());
          compares.add(insn.dst() * 16 + insn.src());
        } else if (op.instructionClass() == InstructionClass.JMP32) {
          constants.add(insn.imm() & 0xffff_ffffL);
          constants.add((long) (int) insn.imm());
        } else {
          constants.add(insn.imm());
        }
      }
      int[] sameAtHead = same[head] == null ? identity() : same[head];
      loops.put(
          head,
          new Loop(
              head,
              body,
              constants.stream().mapToLong(Long::longValue).toArray(),
              compares.stream().mapToInt(Integer::intValue).toArray(),
              compared.stream().mapToInt(Integer::intValue).toArray(),
              sameAtHead));
    }
    return new LoopForest(loops);
  }

  private static int[] identity() {
    int[] r = new int[ExplorationState.REGS];
    Arrays.setAll(r, i -> i);
    return r;
  }

  /**
   * The pcs control may go to from {@code pc} in the same function: the fallthrough, a jump's
   * target, the instruction after a call (not the callee), nothing after an exit.
   */
  static int[] successors(Instruction insn, int pc, int slots) {
    if (insn.isExit()) {
      return new int[0];
    }
    int next = pc + insn.slots();
    Opcode op = Opcode.of(insn);
    if (insn.isJump()) {
      int target = (int) insn.target(pc);
      boolean inside = target >= 0 && target < slots;
      if (op != null && op.isUnconditionalJump()) {
        return inside ? new int[] {target} : new int[0];
      }
      if (next < slots && inside) {
        return next == target ? new int[] {next} : new int[] {next, target};
      }
      return next < slots ? new int[] {next} : inside ? new int[] {target} : new int[0];
    }
    return next < slots ? new int[] {next} : new int[0];
  }
}
