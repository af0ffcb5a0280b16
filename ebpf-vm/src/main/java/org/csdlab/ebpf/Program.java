package org.csdlab.ebpf;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import org.csdlab.ebpf.asm.Disassembler;

/**
 * An immutable, validated eBPF program. Instructions are addressed by slot index ("pc"), as the
 * kernel and {@code llvm-objdump} number them: LDDW takes two slots, so the instruction after it is
 * at {@code pc + 2}.
 *
 * <p>Build one from bytecode with {@link #decode(byte[])}, from values with {@link #of}, or from
 * text with {@link org.csdlab.ebpf.asm.Assembler}. Every way validates against the {@link
 * FormatRule}s and throws {@link ProgramFormatException} naming the first rule broken.
 */
public final class Program {
  /** The most instruction slots a program may have. */
  public static final int MAX_SLOTS = 1_000_000;

  private final List<Instruction> instructions;

  /** Index into {@link #instructions} for every slot; -1 on the second slot of LDDW. */
  private final int[] indexBySlot;

  private final int[] slotByIndex;

  private Program(List<Instruction> instructions) {
    this.instructions = Collections.unmodifiableList(new ArrayList<>(instructions));
    this.slotByIndex = new int[instructions.size()];
    int slots = 0;
    for (int i = 0; i < instructions.size(); i++) {
      slotByIndex[i] = slots;
      slots += instructions.get(i).slots();
    }
    this.indexBySlot = new int[slots];
    Arrays.fill(indexBySlot, -1);
    for (int i = 0; i < slotByIndex.length; i++) {
      indexBySlot[slotByIndex[i]] = i;
    }
  }

  /** Decodes little-endian bytecode (8 bytes a slot, LDDW in two) and validates it. */
  public static Program decode(byte[] bytecode) {
    return of(ProgramDecoder.decode(bytecode));
  }

  /** A program of these instructions, validated. */
  public static Program of(List<Instruction> instructions) {
    Program program = new Program(instructions);
    ProgramValidator.validate(program);
    return program;
  }

  /**
   * Checks {@code instructions} against every {@link FormatRule} as {@link #of} does, except that
   * r10 may be written: the verifier takes such raw lists and refuses a frame pointer write with
   * its own error code.
   *
   * @throws ProgramFormatException naming the first rule broken
   */
  public static void checkFormatAllowingFramePointerWrites(List<Instruction> instructions) {
    ProgramValidator.validateAllowingFramePointerWrites(new Program(instructions));
  }

  /** A program of these instructions, validated. */
  public static Program of(Instruction... instructions) {
    return of(Arrays.asList(instructions));
  }

  /** The instructions in order (LDDW once, although it takes two slots). */
  public List<Instruction> instructions() {
    return instructions;
  }

  /** Number of instructions (LDDW counted once). */
  public int size() {
    return instructions.size();
  }

  /** Number of 8-byte slots. */
  public int slotCount() {
    return indexBySlot.length;
  }

  /** True when an instruction starts at slot {@code pc} (false on the second slot of LDDW). */
  public boolean isInstructionStart(long pc) {
    return pc >= 0 && pc < indexBySlot.length && indexBySlot[(int) pc] >= 0;
  }

  /** The instruction that starts at slot {@code pc}. */
  public Instruction at(int pc) {
    if (!isInstructionStart(pc)) {
      throw new IllegalArgumentException(
          "no instruction starts at slot " + pc + " of a program of " + slotCount() + " slots");
    }
    return instructions.get(indexBySlot[pc]);
  }

  /** The slot at which the {@code index}-th instruction starts. */
  public int pcOf(int index) {
    return slotByIndex[index];
  }

  /** The program as little-endian bytecode. */
  public byte[] encode() {
    byte[] out = new byte[slotCount() * Instruction.SLOT_BYTES];
    int at = 0;
    for (Instruction instruction : instructions) {
      at += instruction.encodeInto(out, at);
    }
    return out;
  }

  /**
   * What the JIT compiles this program to: each instruction beside the JVM bytecode generated for
   * it, or why it cannot be compiled. Compiles afresh on each call.
   */
  public JitListing jit() {
    return JitListing.of(this);
  }

  /** The full disassembly in LLVM syntax, one numbered line per instruction. */
  public String listing() {
    return Disassembler.llvm().listing(this);
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof Program p && p.instructions.equals(instructions);
  }

  @Override
  public int hashCode() {
    return instructions.hashCode();
  }

  /** A short summary; {@link #listing()} gives the disassembly. */
  @Override
  public String toString() {
    return "Program[" + size() + " instructions, " + slotCount() + " slots]";
  }
}
