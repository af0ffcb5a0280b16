package org.csdlab.ebpf.fuzz;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.csdlab.ebpf.AluOp;
import org.csdlab.ebpf.AtomicOp;
import org.csdlab.ebpf.Instruction;
import org.csdlab.ebpf.JumpOp;
import org.csdlab.ebpf.Register;
import org.csdlab.ebpf.Size;

/**
 * Structure-aware eBPF programs for the fuzz targets: instructions of every family with registers,
 * offsets and constants drawn near the values that matter (stack and context offsets, region edges,
 * extreme constants), jumps and local calls to instruction starts, so that most programs pass
 * {@link org.csdlab.ebpf.Program} validation and reach the verifier's and the VM's deeper paths.
 * {@code hostile} adds raw fields of any value.
 */
public final class ProgramShapes {
  private static final Register[] REGISTERS = Register.values();
  private static final AluOp[] ALU = AluOp.values();
  private static final JumpOp[] JUMPS = JumpOp.values();
  private static final AtomicOp[] ATOMICS = AtomicOp.values();
  private static final Size[] SIZES = Size.values();
  private static final long[] EXTREMES = {
    0,
    1,
    -1,
    2,
    7,
    8,
    31,
    32,
    63,
    64,
    512,
    -512,
    4096,
    Integer.MAX_VALUE,
    Integer.MIN_VALUE,
    0xffffffffL,
    Long.MAX_VALUE,
    Long.MIN_VALUE,
    1L << 32,
    (1L << 32) + 8
  };

  private final Random random;

  public ProgramShapes(Random random) {
    this.random = random;
  }

  /**
   * A program of about {@code size} instructions that ends in exit; jumps land on instruction
   * starts.
   */
  public List<Instruction> program(int size, boolean hostile) {
    return program(size, hostile, List.of());
  }

  /**
   * As {@link #program(int, boolean)}, with each of {@code snippets} inserted whole at a random
   * place among the random instructions: a snippet's jumps and calls keep their targets (a loop, a
   * recursion, a call chain stays what it was written as), while the random jumps around it may
   * land inside it.
   */
  public List<Instruction> program(int size, boolean hostile, List<List<Instruction>> snippets) {
    List<Instruction> body = new ArrayList<>();
    List<Boolean> fixed = new ArrayList<>();
    if (random.nextBoolean()) {
      // initialised registers let the verifier look past the first instruction
      for (int r = 0; r < Register.R10.index(); r++) {
        if (r != Register.R1.index()) {
          body.add(AluOp.MOV.imm(Register.of(r), random.nextInt(64)));
          fixed.add(false);
        }
      }
    }
    int[] insertAt = new int[snippets.size()];
    for (int k = 0; k < insertAt.length; k++) {
      insertAt[k] = random.nextInt(size + 1);
    }
    for (int i = 0; i <= size; i++) {
      for (int k = 0; k < insertAt.length; k++) {
        if (insertAt[k] == i) {
          body.addAll(snippets.get(k));
          snippets.get(k).forEach(insn -> fixed.add(true));
        }
      }
      if (i < size) {
        body.add(hostile && random.nextInt(10) == 0 ? raw() : instruction());
        fixed.add(false);
      }
    }
    body.add(Instruction.exit());
    fixed.add(false);
    return retarget(body, fixed);
  }

  /**
   * A tree of local calls: main and each function up to {@code depth} call the next level {@code
   * fanout} times, then return; the shape whose paths multiply in a verifier that follows every
   * call chain.
   */
  public static List<Instruction> callTree(int fanout, int depth) {
    List<Instruction> out = new ArrayList<>();
    int functionSlots = fanout + 2;
    for (int level = 0; level <= depth; level++) {
      out.add(AluOp.MOV.imm(Register.R0, level));
      for (int call = 0; call < fanout; call++) {
        int here = level * functionSlots + 1 + call;
        int next = (level + 1) * functionSlots;
        out.add(
            level == depth
                ? AluOp.ADD.imm(Register.R0, 1)
                : Instruction.callLocal(next - here - 1));
      }
      out.add(Instruction.exit());
    }
    return out;
  }

  /**
   * Points every jump and local call not {@code fixed} at a random instruction start (or, rarely,
   * anywhere).
   */
  private List<Instruction> retarget(List<Instruction> body, List<Boolean> fixed) {
    int[] starts = new int[body.size()];
    for (int i = 1; i < body.size(); i++) {
      starts[i] = starts[i - 1] + body.get(i - 1).slots();
    }
    List<Instruction> out = new ArrayList<>(body.size());
    for (int i = 0; i < body.size(); i++) {
      Instruction insn = body.get(i);
      if (fixed.get(i)) {
        out.add(insn);
        continue;
      }
      int relative = starts[random.nextInt(body.size())] - starts[i] - 1;
      if (random.nextInt(50) == 0) {
        relative = random.nextInt(65536) - 32768;
      }
      out.add(withTarget(insn, relative));
    }
    return out;
  }

  private static Instruction withTarget(Instruction insn, int relative) {
    if (insn.isLocalCall()) {
      return Instruction.callLocal(relative);
    }
    if (!insn.isJump()) {
      return insn;
    }
    if (insn.opcode() == Instruction.jaLong(0).opcode()) {
      return Instruction.jaLong(relative);
    }
    return Instruction.of(insn.opcode(), insn.dst(), insn.src(), (short) relative, insn.imm());
  }

  private Instruction instruction() {
    return switch (random.nextInt(16)) {
      case 0, 1, 2 -> alu();
      case 3 -> Instruction.lddw(reg(), constant());
      case 4, 5 -> Instruction.load(size(), reg(), base(), memoryOffset());
      case 6 -> Instruction.loadSigned(SIZES[random.nextInt(3)], reg(), base(), memoryOffset());
      case 7 -> Instruction.storeImm(size(), base(), memoryOffset(), (int) constant());
      case 8 -> Instruction.storeReg(size(), base(), memoryOffset(), anyReg());
      case 9 ->
          ATOMICS[random.nextInt(ATOMICS.length)].of(
              random.nextBoolean() ? Size.W : Size.DW, base(), anyReg(), memoryOffset() & ~7);
      case 10, 11 -> jump();
      case 12 ->
          random.nextBoolean()
              ? Instruction.call(random.nextInt(12))
              : Instruction.call(random.nextInt());
      case 13 -> random.nextInt(4) == 0 ? Instruction.callx(anyReg()) : Instruction.callLocal(0);
      case 14 ->
          switch (random.nextInt(3)) {
            case 0 -> Instruction.toLittleEndian(reg(), 16 << random.nextInt(3));
            case 1 -> Instruction.toBigEndian(reg(), 16 << random.nextInt(3));
            default -> Instruction.byteSwap(reg(), 16 << random.nextInt(3));
          };
      default -> Instruction.exit();
    };
  }

  private Instruction alu() {
    AluOp op = ALU[random.nextInt(ALU.length)];
    boolean wide = random.nextBoolean();
    if (random.nextBoolean() && !isMovsx(op)) {
      return wide ? op.imm(reg(), (int) constant()) : op.imm32(reg(), (int) constant());
    }
    return wide ? op.reg(reg(), anyReg()) : safeReg32(op);
  }

  private Instruction safeReg32(AluOp op) {
    return op == AluOp.MOVSX32 ? AluOp.MOV.reg32(reg(), anyReg()) : op.reg32(reg(), anyReg());
  }

  private static boolean isMovsx(AluOp op) {
    return op == AluOp.MOVSX8 || op == AluOp.MOVSX16 || op == AluOp.MOVSX32;
  }

  private Instruction jump() {
    JumpOp op = JUMPS[random.nextInt(JUMPS.length)];
    if (!op.isConditional()) {
      return random.nextInt(4) == 0 ? Instruction.jaLong(1) : Instruction.ja(0);
    }
    boolean wide = random.nextBoolean();
    if (random.nextBoolean()) {
      return wide ? op.imm(anyReg(), (int) constant(), 0) : op.imm32(anyReg(), (int) constant(), 0);
    }
    return wide ? op.reg(anyReg(), anyReg(), 0) : op.reg32(anyReg(), anyReg(), 0);
  }

  /** Any opcode and fields: mostly refused by validation, sometimes a rare valid form. */
  private Instruction raw() {
    int opcode = random.nextInt(256);
    long imm = opcode == Instruction.LDDW_OPCODE ? random.nextLong() : random.nextInt();
    return Instruction.of(
        opcode, random.nextInt(16), random.nextInt(16), random.nextInt(65536) - 32768, imm);
  }

  private Register reg() {
    return REGISTERS[random.nextInt(REGISTERS.length - 1)];
  }

  private Register anyReg() {
    return REGISTERS[random.nextInt(REGISTERS.length)];
  }

  /** The frame pointer or the context pointer mostly, any register sometimes. */
  private Register base() {
    return switch (random.nextInt(4)) {
      case 0, 1 -> Register.R10;
      case 2 -> Register.R1;
      default -> anyReg();
    };
  }

  private Size size() {
    return SIZES[random.nextInt(SIZES.length)];
  }

  private int memoryOffset() {
    return switch (random.nextInt(4)) {
      case 0 -> -8 * (1 + random.nextInt(64));
      case 1 -> random.nextInt(80) - 8;
      case 2 -> -random.nextInt(520);
      default -> random.nextInt(65536) - 32768;
    };
  }

  private long constant() {
    return random.nextBoolean()
        ? EXTREMES[random.nextInt(EXTREMES.length)]
        : random.nextInt(200) - 100;
  }
}
