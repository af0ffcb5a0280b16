package org.csdlab.ebpf;

import static org.csdlab.ebpf.Register.R0;
import static org.csdlab.ebpf.Register.R1;
import static org.csdlab.ebpf.Register.R10;
import static org.csdlab.ebpf.Register.R2;
import static org.csdlab.ebpf.Register.R3;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Short instruction sequences for {@link EngineDifferentialFuzz}, each aimed at a place where a JIT
 * may part from the interpreter: loops (bounded, and endless so that fuel runs out), callx with
 * valid and invalid ids, atomics of every kind aligned and not, accesses just inside and just
 * outside the stack, the context and the extra regions (the read-only one written too), division
 * and modulo by zero, shifts by large amounts, sign extension, byte swaps, JMP32 comparisons, and
 * helper calls that succeed, fail or stop the program. Their jumps keep their targets when {@link
 * org.csdlab.ebpf.fuzz.ProgramShapes} mixes them with random instructions.
 */
final class DifferentialSnippets {
  /** Index of the writable extra region in the VM's layout (after the stack and the context). */
  static final int DATA_REGION = 2;

  /** Index of the read-only extra region. */
  static final int READ_ONLY_REGION = 3;

  private static final Register[] WORK = {Register.R6, Register.R7, Register.R8, Register.R9};
  private static final Size[] SIZES = Size.values();
  private static final AtomicOp[] ATOMICS = AtomicOp.values();
  private static final AluOp[] SHIFTS = {AluOp.LSH, AluOp.RSH, AluOp.ARSH};
  private static final AluOp[] DIVISIONS = {AluOp.DIV, AluOp.MOD, AluOp.SDIV, AluOp.SMOD};
  private static final JumpOp[] CONDITIONS = conditions();

  private final Random random;
  private final int contextBytes;
  private final int dataBytes;
  private final int readOnlyBytes;
  private final int[] helperIds;
  private final long[] mapHandles;

  /**
   * Snippets for a VM whose context, writable and read-only extra regions have these sizes, and
   * whose helpers have these ids (and take these map handles, if any).
   */
  DifferentialSnippets(
      Random random,
      int contextBytes,
      int dataBytes,
      int readOnlyBytes,
      int[] helperIds,
      long[] mapHandles) {
    this.random = random;
    this.contextBytes = contextBytes;
    this.dataBytes = dataBytes;
    this.readOnlyBytes = readOnlyBytes;
    this.helperIds = helperIds;
    this.mapHandles = mapHandles;
  }

  /** One snippet of any kind. */
  List<Instruction> any() {
    return switch (random.nextInt(12)) {
      case 0 -> boundedLoop();
      case 1 -> endlessLoop();
      case 2 -> callx();
      case 3 -> atomic();
      case 4, 5 -> regionEdge();
      case 6 -> division();
      case 7 -> shift();
      case 8 -> signExtension();
      case 9 -> byteSwap();
      case 10 -> jump32();
      default -> mapHandles.length > 0 && random.nextBoolean() ? mapCall() : helperCall();
    };
  }

  /** {@code rC = n; loop: (a few random ALU steps); rC -= 1; if rC != 0 goto loop}. */
  List<Instruction> boundedLoop() {
    Register counter = work();
    List<Instruction> body = new ArrayList<>();
    int steps = random.nextInt(4);
    for (int i = 0; i < steps; i++) {
      body.add(aluStep());
    }
    List<Instruction> out = new ArrayList<>();
    out.add(AluOp.MOV.imm(counter, random.nextInt(random.nextBoolean() ? 8 : 3000)));
    out.addAll(body);
    out.add(AluOp.SUB.imm(counter, 1));
    out.add(JumpOp.JNE.imm(counter, 0, -(steps + 2)));
    return out;
  }

  /** A loop without exit, of one block of one to four instructions: it ends when fuel does. */
  List<Instruction> endlessLoop() {
    int steps = random.nextInt(4);
    List<Instruction> out = new ArrayList<>();
    for (int i = 0; i < steps; i++) {
      out.add(AluOp.ADD.imm(R0, 1 + i));
    }
    out.add(random.nextBoolean() ? Instruction.ja(-(steps + 1)) : Instruction.jaLong(-(steps + 1)));
    return out;
  }

  /** {@code rX = id; callx rX} with a registered id, an unregistered one, or one above 32 bits. */
  List<Instruction> callx() {
    Register target = random.nextBoolean() ? work() : R0;
    long id =
        switch (random.nextInt(4)) {
          case 0, 1 -> helperIds[random.nextInt(helperIds.length)];
          case 2 -> random.nextBoolean() ? 99 : -1;
          default -> (1L << 32) | helperIds[random.nextInt(helperIds.length)];
        };
    return List.of(Instruction.lddw(target, id), Instruction.callx(target));
  }

  /** An atomic of any kind and width on the stack, aligned or a few bytes off. */
  List<Instruction> atomic() {
    int offset = -8 * (1 + random.nextInt(8)) + (random.nextInt(3) == 0 ? random.nextInt(8) : 0);
    Size size = random.nextBoolean() ? Size.W : Size.DW;
    AtomicOp op = ATOMICS[random.nextInt(ATOMICS.length)];
    Register src = random.nextBoolean() ? R2 : work();
    return List.of(
        AluOp.MOV.imm(src, random.nextInt(2000) - 1000),
        AluOp.MOV.imm(R0, random.nextInt(3)),
        op.of(size, R10, src, offset));
  }

  /**
   * A load, store or atomic a few bytes either side of an edge of the stack (its top, r10, and
   * bottom), the context, the writable or the read-only extra region.
   */
  List<Instruction> regionEdge() {
    Size size = SIZES[random.nextInt(SIZES.length)];
    int edge;
    Register base;
    List<Instruction> out = new ArrayList<>();
    switch (random.nextInt(4)) {
      case 0 -> {
        base = R10;
        edge = random.nextBoolean() ? 0 : -Vm.STACK_FRAME_BYTES * Vm.MAX_CALL_DEPTH;
      }
      case 1 -> {
        base = R1;
        edge = random.nextBoolean() ? 0 : contextBytes;
      }
      default -> {
        boolean writable = random.nextBoolean();
        base = work();
        out.add(Instruction.lddw(base, Memory.baseOf(writable ? DATA_REGION : READ_ONLY_REGION)));
        edge = random.nextBoolean() ? 0 : writable ? dataBytes : readOnlyBytes;
      }
    }
    int offset = edge + random.nextInt(size.bytes() + 4) - size.bytes() - 2;
    out.add(
        switch (random.nextInt(5)) {
          case 0 -> Instruction.load(size, R3, base, offset);
          case 1 ->
              size == Size.DW
                  ? Instruction.load(size, R3, base, offset)
                  : Instruction.loadSigned(size, R3, base, offset);
          case 2 -> Instruction.storeImm(size, base, offset, random.nextInt());
          case 3 -> Instruction.storeReg(size, base, offset, R0);
          default ->
              ATOMICS[random.nextInt(ATOMICS.length)].of(
                  random.nextBoolean() ? Size.W : Size.DW, base, R3, offset);
        });
    return out;
  }

  /** Division or modulo, signed or not, 32 or 64 bits, by a register that may hold 0 or -1. */
  List<Instruction> division() {
    Register divisor = work();
    AluOp op = DIVISIONS[random.nextInt(DIVISIONS.length)];
    long value = random.nextInt(3) == 0 ? -1 : random.nextInt(2) == 0 ? 0 : random.nextInt(7);
    Register dst = random.nextBoolean() ? R0 : work();
    return List.of(
        Instruction.lddw(dst, random.nextBoolean() ? Long.MIN_VALUE : random.nextLong()),
        AluOp.MOV.imm(divisor, (int) value),
        random.nextBoolean() ? op.reg(dst, divisor) : op.reg32(dst, divisor),
        random.nextBoolean() ? op.imm(dst, (int) value) : op.imm32(dst, (int) value));
  }

  /** A shift by an amount from 0 to 130, by register or immediate, 32 or 64 bits. */
  List<Instruction> shift() {
    AluOp op = SHIFTS[random.nextInt(SHIFTS.length)];
    Register amount = work();
    int by = random.nextInt(131) - (random.nextInt(4) == 0 ? 65 : 0);
    return List.of(
        Instruction.lddw(R0, random.nextLong()),
        AluOp.MOV.imm(amount, by),
        random.nextBoolean() ? op.reg(R0, amount) : op.reg32(R0, amount),
        random.nextBoolean() ? op.imm(R0, by & 63) : op.imm32(R0, by & 31));
  }

  /** movsx of 8, 16 and 32 bits, and a sign-extending load from the stack. */
  List<Instruction> signExtension() {
    Register src = work();
    return List.of(
        Instruction.lddw(src, random.nextLong()),
        random.nextBoolean() ? AluOp.MOVSX8.reg(R0, src) : AluOp.MOVSX8.reg32(R0, src),
        random.nextBoolean() ? AluOp.MOVSX16.reg(R0, src) : AluOp.MOVSX16.reg32(R0, src),
        AluOp.MOVSX32.reg(R0, src),
        Instruction.storeReg(Size.DW, R10, -8, src),
        Instruction.loadSigned(SIZES[random.nextInt(3)], R0, R10, -8 + random.nextInt(4)));
  }

  /** le, be and bswap of 16, 32 and 64 bits. */
  List<Instruction> byteSwap() {
    int bits = 16 << random.nextInt(3);
    return List.of(
        Instruction.lddw(R0, random.nextLong()),
        switch (random.nextInt(3)) {
          case 0 -> Instruction.toLittleEndian(R0, bits);
          case 1 -> Instruction.toBigEndian(R0, bits);
          default -> Instruction.byteSwap(R0, bits);
        });
  }

  /**
   * A JMP32 comparison of values that differ only above bit 31, or in sign: skips one {@code r0 +=
   * 1}.
   */
  List<Instruction> jump32() {
    JumpOp op = CONDITIONS[random.nextInt(CONDITIONS.length)];
    Register a = work();
    Register b = R3;
    long low = random.nextInt(3) - 1;
    return List.of(
        Instruction.lddw(a, (random.nextLong() << 32) | (low & 0xffffffffL)),
        Instruction.lddw(b, (random.nextLong() << 32) | (random.nextInt(3) - 1 & 0xffffffffL)),
        random.nextBoolean() ? op.reg32(a, b, 1) : op.imm32(a, (int) low, 1),
        AluOp.ADD.imm(R0, 1),
        AluOp.ADD.imm(R0, 2));
  }

  /**
   * A call of a registered helper with arguments near what matters: a stack pointer and a length
   * that may run past the stack top, zero (which stops the program in {@code unwind}), odd and even
   * values.
   */
  List<Instruction> helperCall() {
    int length = random.nextInt(3) == 0 ? 8 + random.nextInt(24) : random.nextInt(8);
    return List.of(
        Instruction.lddw(R3, 0x0a64_253d_7825L), // "%x=%d\n" for trace_printk
        Instruction.storeReg(Size.DW, R10, -8, R3),
        AluOp.MOV.reg(R1, R10),
        AluOp.ADD.imm(R1, random.nextBoolean() ? -8 : -16),
        AluOp.MOV.imm(R2, length),
        random.nextInt(4) == 0 ? AluOp.MOV.imm(R1, random.nextInt(3)) : AluOp.ADD.imm(R1, 0),
        Instruction.call(helperIds[random.nextInt(helperIds.length)]));
  }

  /**
   * A call with a map handle in r1, a key at r10-8 and a value at r10-24 (lookup, update, delete,
   * or whichever helper the id names), flags 0 to 3.
   */
  List<Instruction> mapCall() {
    return List.of(
        Instruction.storeImm(Size.DW, R10, -8, random.nextInt(6)),
        Instruction.storeImm(Size.DW, R10, -24, random.nextInt()),
        Instruction.lddw(R1, mapHandles[random.nextInt(mapHandles.length)]),
        AluOp.MOV.reg(R2, R10),
        AluOp.ADD.imm(R2, -8),
        AluOp.MOV.reg(R3, R10),
        AluOp.ADD.imm(R3, -24),
        AluOp.MOV.imm(Register.R4, random.nextInt(4)),
        Instruction.call(helperIds[random.nextInt(helperIds.length)]));
  }

  private Instruction aluStep() {
    AluOp op = random.nextBoolean() ? AluOp.ADD : AluOp.XOR;
    return random.nextBoolean() ? op.imm(R0, random.nextInt(100)) : op.reg(R0, work());
  }

  private Register work() {
    return WORK[random.nextInt(WORK.length)];
  }

  private static JumpOp[] conditions() {
    List<JumpOp> out = new ArrayList<>();
    for (JumpOp op : JumpOp.values()) {
      if (op.isConditional()) {
        out.add(op);
      }
    }
    return out.toArray(JumpOp[]::new);
  }
}
