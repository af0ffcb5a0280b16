package org.csdlab.ebpf;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The shape the JIT compiles: basic blocks, and for each function (slot 0 and every local call
 * target) the blocks reachable from its entry without crossing a call. A block reachable from two
 * entries is compiled into both functions, so jumps between functions (which the interpreter
 * allows) compile too.
 */
final class JitPlan {
  /**
   * Most instructions in one block: a block pays its fuel at entry, so it must never cost more than
   * one fuel slice; and a large function is split into methods at block boundaries, so a block must
   * fit well within one method.
   */
  static final int MAX_BLOCK_INSTRUCTIONS = 256;

  /**
   * Most bytecode a block may be expected to compile to, half of what HotSpot compiles in one
   * method, so a block of memory accesses (each with its own fault handler) still fits one part.
   */
  static final int MAX_BLOCK_ESTIMATED_BYTES = JitCompiler.HUGE_METHOD_BYTES / 2;

  /** Bytecode an access to memory compiles to at most, its fault handler included (40-60). */
  static final int MEMORY_ACCESS_ESTIMATED_BYTES = 64;

  /** Bytecode any other instruction compiles to on average (most take 4-12 bytes). */
  static final int OTHER_ESTIMATED_BYTES = 16;

  /** A straight run of instructions entered only at its first slot. */
  record Block(int startPc, int endPc, int instructions) {
    /** The slot of the block's last instruction. */
    int lastPc(Program program) {
      int last = startPc;
      for (int pc = startPc; pc < endPc; pc += program.at(pc).slots()) {
        last = pc;
      }
      return last;
    }
  }

  private final Program program;
  private final Map<Integer, Block> blocksByStart = new LinkedHashMap<>();
  private final Map<Integer, List<Block>> functions = new LinkedHashMap<>();

  JitPlan(Program program) {
    this.program = program;
    BitSet leaders = leaders();
    int slots = program.slotCount();
    int start = 0;
    int count = 0;
    for (int pc = 0; pc < slots; pc += program.at(pc).slots()) {
      if (pc != start && leaders.get(pc)) {
        blocksByStart.put(start, new Block(start, pc, count));
        start = pc;
        count = 0;
      }
      count++;
    }
    blocksByStart.put(start, new Block(start, slots, count));
    functions.put(0, reachableFrom(0));
    for (int i = 0; i < program.size(); i++) {
      Instruction insn = program.instructions().get(i);
      if (insn.isLocalCall()) {
        int target = (int) insn.target(program.pcOf(i));
        functions.computeIfAbsent(target, this::reachableFrom);
      }
    }
  }

  /** The block that starts at {@code pc}, or null when none does. */
  Block blockAt(int pc) {
    return blocksByStart.get(pc);
  }

  /** Entry slot → the function's blocks in slot order. */
  Map<Integer, List<Block>> functions() {
    return functions;
  }

  /** The slots control continues at after {@code block} within its function. */
  List<Integer> successors(Block block) {
    int last = block.lastPc(program);
    Instruction insn = program.at(last);
    int next = last + insn.slots();
    List<Integer> out = new ArrayList<>(2);
    if (insn.isExit()) {
      return out;
    }
    if (insn.isJump()) {
      out.add((int) insn.target(last));
      if (JumpOp.of(insn.opcode()) == JumpOp.JA) {
        return out;
      }
    }
    if (next < program.slotCount()) {
      out.add(next);
    }
    return out;
  }

  private BitSet leaders() {
    BitSet leaders = new BitSet(program.slotCount());
    leaders.set(0);
    for (int i = 0; i < program.size(); i++) {
      int pc = program.pcOf(i);
      Instruction insn = program.instructions().get(i);
      int next = pc + insn.slots();
      boolean endsBlock = insn.isJump() || insn.isExit() || isCall(insn);
      if (insn.isJump() || insn.isLocalCall()) {
        leaders.set((int) insn.target(pc));
      }
      if (endsBlock && next < program.slotCount()) {
        leaders.set(next);
      }
    }
    // Then no block longer than the limits.
    BitSet recounted = new BitSet(program.slotCount());
    int sinceLeader = 0;
    int estimatedBytes = 0;
    for (int i = 0; i < program.size(); i++) {
      int pc = program.pcOf(i);
      int bytes = estimatedBytes(program.instructions().get(i));
      if (leaders.get(pc)
          || sinceLeader == MAX_BLOCK_INSTRUCTIONS
          || estimatedBytes + bytes > MAX_BLOCK_ESTIMATED_BYTES) {
        recounted.set(pc);
        sinceLeader = 0;
        estimatedBytes = 0;
      }
      sinceLeader++;
      estimatedBytes += bytes;
    }
    return recounted;
  }

  private static int estimatedBytes(Instruction insn) {
    InstructionClass kind = insn.instructionClass();
    boolean memory =
        kind == InstructionClass.LDX || kind == InstructionClass.ST || kind == InstructionClass.STX;
    return memory ? MEMORY_ACCESS_ESTIMATED_BYTES : OTHER_ESTIMATED_BYTES;
  }

  static boolean isCall(Instruction insn) {
    return JumpOp.of(insn.opcode()) == JumpOp.CALL
        && insn.instructionClass() == InstructionClass.JMP;
  }

  private List<Block> reachableFrom(int entry) {
    BitSet seen = new BitSet(program.slotCount());
    Deque<Integer> work = new ArrayDeque<>();
    work.push(entry);
    while (!work.isEmpty()) {
      int start = work.pop();
      if (seen.get(start)) {
        continue;
      }
      seen.set(start);
      for (int next : successors(blocksByStart.get(start))) {
        work.push(next);
      }
    }
    List<Block> blocks = new ArrayList<>();
    for (int start = seen.nextSetBit(0); start >= 0; start = seen.nextSetBit(start + 1)) {
      blocks.add(blocksByStart.get(start));
    }
    return blocks;
  }
}
