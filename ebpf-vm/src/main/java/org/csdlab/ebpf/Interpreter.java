package org.csdlab.ebpf;

/**
 * The interpreter: one loop over a register file that dispatches on the instruction class, then on
 * the operation within the class. Each slot of the program is pre-decoded into one {@code long}
 * laid out like the instruction itself, so a step reads one array element:
 *
 * <pre>
 *   code[pc]:  +------------------------------+----------------+-------+-------+-----------+
 *              |   immediate (signed 32)      | offset (s16)   |  src  |  dst  | operation |
 *              +------------------------------+----------------+-------+-------+-----------+
 *               63                          32 31            16 15   12 11    8 7         0
 *   code[pc + 1] of lddw: the full 64-bit immediate
 * </pre>
 *
 * The operation is the opcode, except for the opcodes that RFC 9669 splits by another field (signed
 * division and modulo, sign-extending moves, local calls), which get numbers of their own within
 * their class.
 *
 * <p>Why two levels: HotSpot's C2 compiles only the switch cases it has seen run and traps on the
 * others; once a trap fires in a switch, every later compilation keeps all its cases, and one
 * switch of 200 cases compiles into code too large to keep the loop's values in registers (seen as
 * a 40% slowdown that came and went from one JVM to the next). A switch per class confines that to
 * the class whose trap fired.
 */
final class Interpreter implements ExecutionEngine {
  // Opcodes that RFC 9669 splits by another field get operation numbers of their own, taken
  // from opcodes of the same class that no valid program uses, so the class bits still hold.
  private static final int SDIV64_IMM = 0xe7;
  private static final int SDIV64_REG = 0xef;
  private static final int SMOD64_IMM = 0xf7;
  private static final int SMOD64_REG = 0xff;

  /** Sign-extending move; the immediate holds 64 minus the source width. */
  private static final int MOVSX64 = 0xdf;

  private static final int SDIV32_IMM = 0xe4;
  private static final int SDIV32_REG = 0xec;
  private static final int SMOD32_IMM = 0xf4;
  private static final int SMOD32_REG = 0xfc;

  /** Sign-extending 32-bit move; the immediate holds 32 minus the source width. */
  private static final int MOVSX32 = 0x8c;

  private static final int CALL_LOCAL = 0xe5;
  private static final long MASK32 = 0xffffffffL;

  private final Program program;
  private final long[] code;

  Interpreter(Program program) {
    this.program = program;
    this.code = new long[program.slotCount()];
    for (int i = 0; i < program.size(); i++) {
      int pc = program.pcOf(i);
      Instruction insn = program.instructions().get(i);
      code[pc] =
          operation(insn)
              | insn.dst() << 8
              | insn.src() << 12
              | (insn.offset() & 0xffffL) << 16
              | immediate(insn) << 32;
      if (insn.isWide()) {
        code[pc + 1] = insn.imm();
      }
    }
  }

  private static int operation(Instruction insn) {
    int opcode = insn.opcode();
    if (insn.isLocalCall()) {
      return CALL_LOCAL;
    }
    if (!insn.instructionClass().isArithmetic()) {
      return opcode;
    }
    boolean wide = insn.instructionClass() == InstructionClass.ALU64;
    boolean register = Source.of(opcode) == Source.REG;
    AluOp op = AluOp.of(opcode, insn.offset());
    if (op == null) {
      return opcode;
    }
    return switch (op) {
      case SDIV ->
          wide ? (register ? SDIV64_REG : SDIV64_IMM) : (register ? SDIV32_REG : SDIV32_IMM);
      case SMOD ->
          wide ? (register ? SMOD64_REG : SMOD64_IMM) : (register ? SMOD32_REG : SMOD32_IMM);
      case MOVSX8, MOVSX16, MOVSX32 -> wide ? MOVSX64 : MOVSX32;
      default -> opcode;
    };
  }

  /**
   * The immediate as the loop reads it: the shift that sign-extends for movsx, else the
   * instruction's.
   */
  private static long immediate(Instruction insn) {
    AluOp op =
        insn.instructionClass().isArithmetic() ? AluOp.of(insn.opcode(), insn.offset()) : null;
    if (op == AluOp.MOVSX8 || op == AluOp.MOVSX16 || op == AluOp.MOVSX32) {
      int bits = insn.instructionClass() == InstructionClass.ALU64 ? 64 : 32;
      return bits - insn.offset();
    }
    return insn.imm();
  }

  @Override
  public long execute(RunState run) {
    return execute(run, 0, run.firstSlice(), run.registers);
  }

  /**
   * Runs from slot {@code start} with the registers {@code registers} and {@code remaining}
   * instructions left in the current slice: for the JIT to hand over a block inside which the run
   * stops.
   */
  long execute(RunState run, int start, long remaining, long[] registers) {
    // 16 entries so that every 4-bit register field indexes inside the array without a range check
    final long[] reg = new long[16];
    System.arraycopy(registers, 0, reg, 0, Register.COUNT);
    final CallFrames frames = new CallFrames();
    final long[] code = this.code;
    final byte[][] data = run.memory.data;
    final boolean[] writable = run.memory.writable;
    final Tracer tracer = run.tracer;
    int pc = start;
    while (true) {
      if (tracer != null) {
        tracer.before(pc, reg);
      }
      if (--remaining < 0) {
        remaining = run.nextSlice(pc);
      }
      final long w = code[pc];
      final int dst = (int) (w >>> 8) & 0xf;
      final int src = (int) (w >>> 12) & 0xf;
      final int offset = (short) (w >>> 16);
      final long imm = w >> 32;
      switch ((int) w & InstructionClass.MASK) {
        case 0x07 -> { // ALU64
          switch ((int) w & 0xff) {
            // ---- ALU64: 64-bit arithmetic, immediate sign-extended ----
            case 0x07 -> reg[dst] += imm;
            case 0x0f -> reg[dst] += reg[src];
            case 0x17 -> reg[dst] -= imm;
            case 0x1f -> reg[dst] -= reg[src];
            case 0x27 -> reg[dst] *= imm;
            case 0x2f -> reg[dst] *= reg[src];
            case 0x37 -> reg[dst] = Arithmetic.udiv64(reg[dst], imm);
            case 0x3f -> reg[dst] = Arithmetic.udiv64(reg[dst], reg[src]);
            case SDIV64_IMM -> reg[dst] = Arithmetic.sdiv64(reg[dst], imm);
            case SDIV64_REG -> reg[dst] = Arithmetic.sdiv64(reg[dst], reg[src]);
            case 0x47 -> reg[dst] |= imm;
            case 0x4f -> reg[dst] |= reg[src];
            case 0x57 -> reg[dst] &= imm;
            case 0x5f -> reg[dst] &= reg[src];
            case 0x67 -> reg[dst] <<= imm;
            case 0x6f -> reg[dst] <<= reg[src];
            case 0x77 -> reg[dst] >>>= imm;
            case 0x7f -> reg[dst] >>>= reg[src];
            case 0x87 -> reg[dst] = -reg[dst];
            case 0x97 -> reg[dst] = Arithmetic.umod64(reg[dst], imm);
            case 0x9f -> reg[dst] = Arithmetic.umod64(reg[dst], reg[src]);
            case SMOD64_IMM -> reg[dst] = Arithmetic.smod64(reg[dst], imm);
            case SMOD64_REG -> reg[dst] = Arithmetic.smod64(reg[dst], reg[src]);
            case 0xa7 -> reg[dst] ^= imm;
            case 0xaf -> reg[dst] ^= reg[src];
            case 0xb7 -> reg[dst] = imm;
            case 0xbf -> reg[dst] = reg[src];
            case MOVSX64 -> reg[dst] = reg[src] << imm >> imm;
            case 0xc7 -> reg[dst] >>= imm;
            case 0xcf -> reg[dst] >>= reg[src];
            case 0xd7 -> reg[dst] = Arithmetic.swap(reg[dst], (int) imm);
            default -> throw unknownOperation(pc);
          }
        }
        case 0x04 -> { // ALU
          switch ((int) w & 0xff) {
            // ---- ALU: 32-bit arithmetic, result zero-extended ----
            case 0x04 -> reg[dst] = (int) reg[dst] + (int) imm & MASK32;
            case 0x0c -> reg[dst] = (int) reg[dst] + (int) reg[src] & MASK32;
            case 0x14 -> reg[dst] = (int) reg[dst] - (int) imm & MASK32;
            case 0x1c -> reg[dst] = (int) reg[dst] - (int) reg[src] & MASK32;
            case 0x24 -> reg[dst] = (int) reg[dst] * (int) imm & MASK32;
            case 0x2c -> reg[dst] = (int) reg[dst] * (int) reg[src] & MASK32;
            case 0x34 -> reg[dst] = Arithmetic.udiv32(reg[dst], imm);
            case 0x3c -> reg[dst] = Arithmetic.udiv32(reg[dst], reg[src]);
            case SDIV32_IMM -> reg[dst] = Arithmetic.sdiv32(reg[dst], imm);
            case SDIV32_REG -> reg[dst] = Arithmetic.sdiv32(reg[dst], reg[src]);
            case 0x44 -> reg[dst] = (reg[dst] | imm) & MASK32;
            case 0x4c -> reg[dst] = (reg[dst] | reg[src]) & MASK32;
            case 0x54 -> reg[dst] = reg[dst] & imm & MASK32;
            case 0x5c -> reg[dst] = reg[dst] & reg[src] & MASK32;
            case 0x64 -> reg[dst] = (int) reg[dst] << (int) imm & MASK32;
            case 0x6c -> reg[dst] = (int) reg[dst] << (int) reg[src] & MASK32;
            case 0x74 -> reg[dst] = (int) reg[dst] >>> (int) imm & MASK32;
            case 0x7c -> reg[dst] = (int) reg[dst] >>> (int) reg[src] & MASK32;
            case 0x84 -> reg[dst] = -(int) reg[dst] & MASK32;
            case 0x94 -> reg[dst] = Arithmetic.umod32(reg[dst], imm);
            case 0x9c -> reg[dst] = Arithmetic.umod32(reg[dst], reg[src]);
            case SMOD32_IMM -> reg[dst] = Arithmetic.smod32(reg[dst], imm);
            case SMOD32_REG -> reg[dst] = Arithmetic.smod32(reg[dst], reg[src]);
            case 0xa4 -> reg[dst] = (reg[dst] ^ imm) & MASK32;
            case 0xac -> reg[dst] = (reg[dst] ^ reg[src]) & MASK32;
            case 0xb4 -> reg[dst] = imm & MASK32;
            case 0xbc -> reg[dst] = reg[src] & MASK32;
            case MOVSX32 -> reg[dst] = (int) reg[src] << imm >> imm & MASK32;
            case 0xc4 -> reg[dst] = (int) reg[dst] >> (int) imm & MASK32;
            case 0xcc -> reg[dst] = (int) reg[dst] >> (int) reg[src] & MASK32;
            case 0xd4 -> reg[dst] = Arithmetic.truncate(reg[dst], (int) imm);
            case 0xdc -> reg[dst] = Arithmetic.swap(reg[dst], (int) imm);
            default -> throw unknownOperation(pc);
          }
        }
        case 0x05 -> { // JMP
          switch ((int) w & 0xff) {
            // ---- JMP: 64-bit comparisons ----
            case 0x05 -> {
              pc += offset + 1;
              continue;
            }
            case 0x15 -> {
              if (reg[dst] == imm) {
                pc += offset + 1;
                continue;
              }
            }
            case 0x1d -> {
              if (reg[dst] == reg[src]) {
                pc += offset + 1;
                continue;
              }
            }
            case 0x25 -> {
              if (Long.compareUnsigned(reg[dst], imm) > 0) {
                pc += offset + 1;
                continue;
              }
            }
            case 0x2d -> {
              if (Long.compareUnsigned(reg[dst], reg[src]) > 0) {
                pc += offset + 1;
                continue;
              }
            }
            case 0x35 -> {
              if (Long.compareUnsigned(reg[dst], imm) >= 0) {
                pc += offset + 1;
                continue;
              }
            }
            case 0x3d -> {
              if (Long.compareUnsigned(reg[dst], reg[src]) >= 0) {
                pc += offset + 1;
                continue;
              }
            }
            case 0x45 -> {
              if ((reg[dst] & imm) != 0) {
                pc += offset + 1;
                continue;
              }
            }
            case 0x4d -> {
              if ((reg[dst] & reg[src]) != 0) {
                pc += offset + 1;
                continue;
              }
            }
            case 0x55 -> {
              if (reg[dst] != imm) {
                pc += offset + 1;
                continue;
              }
            }
            case 0x5d -> {
              if (reg[dst] != reg[src]) {
                pc += offset + 1;
                continue;
              }
            }
            case 0x65 -> {
              if (reg[dst] > imm) {
                pc += offset + 1;
                continue;
              }
            }
            case 0x6d -> {
              if (reg[dst] > reg[src]) {
                pc += offset + 1;
                continue;
              }
            }
            case 0x75 -> {
              if (reg[dst] >= imm) {
                pc += offset + 1;
                continue;
              }
            }
            case 0x7d -> {
              if (reg[dst] >= reg[src]) {
                pc += offset + 1;
                continue;
              }
            }
            case 0xa5 -> {
              if (Long.compareUnsigned(reg[dst], imm) < 0) {
                pc += offset + 1;
                continue;
              }
            }
            case 0xad -> {
              if (Long.compareUnsigned(reg[dst], reg[src]) < 0) {
                pc += offset + 1;
                continue;
              }
            }
            case 0xb5 -> {
              if (Long.compareUnsigned(reg[dst], imm) <= 0) {
                pc += offset + 1;
                continue;
              }
            }
            case 0xbd -> {
              if (Long.compareUnsigned(reg[dst], reg[src]) <= 0) {
                pc += offset + 1;
                continue;
              }
            }
            case 0xc5 -> {
              if (reg[dst] < imm) {
                pc += offset + 1;
                continue;
              }
            }
            case 0xcd -> {
              if (reg[dst] < reg[src]) {
                pc += offset + 1;
                continue;
              }
            }
            case 0xd5 -> {
              if (reg[dst] <= imm) {
                pc += offset + 1;
                continue;
              }
            }
            case 0xdd -> {
              if (reg[dst] <= reg[src]) {
                pc += offset + 1;
                continue;
              }
            }

            // ---- calls and exit ----
            case 0x85, 0x8d -> {
              long id = ((int) w & Source.MASK) != 0 ? reg[dst] : imm;
              reg[0] = run.callHelper(pc, id, reg[1], reg[2], reg[3], reg[4], reg[5]);
              if (run.exitRequested()) {
                return run.finish(reg, remaining, run.exitValue());
              }
            }
            case CALL_LOCAL -> {
              if (!frames.push(reg, pc + 1)) {
                throw run.callTooDeep(pc);
              }
              pc += (int) imm + 1;
              continue;
            }
            case 0x95 -> {
              if (!frames.inLocalFunction()) {
                return run.finish(reg, remaining, reg[0]);
              }
              pc = frames.pop(reg);
              continue;
            }
            default -> throw unknownOperation(pc);
          }
        }
        case 0x06 -> { // JMP32
          switch ((int) w & 0xff) {
            // ---- JMP32: comparisons of the low 32 bits ----
            case 0x06 -> {
              pc += (int) imm + 1;
              continue;
            }
            case 0x16 -> {
              if ((int) reg[dst] == (int) imm) {
                pc += offset + 1;
                continue;
              }
            }
            case 0x1e -> {
              if ((int) reg[dst] == (int) reg[src]) {
                pc += offset + 1;
                continue;
              }
            }
            case 0x26 -> {
              if (Integer.compareUnsigned((int) reg[dst], (int) imm) > 0) {
                pc += offset + 1;
                continue;
              }
            }
            case 0x2e -> {
              if (Integer.compareUnsigned((int) reg[dst], (int) reg[src]) > 0) {
                pc += offset + 1;
                continue;
              }
            }
            case 0x36 -> {
              if (Integer.compareUnsigned((int) reg[dst], (int) imm) >= 0) {
                pc += offset + 1;
                continue;
              }
            }
            case 0x3e -> {
              if (Integer.compareUnsigned((int) reg[dst], (int) reg[src]) >= 0) {
                pc += offset + 1;
                continue;
              }
            }
            case 0x46 -> {
              if (((int) reg[dst] & (int) imm) != 0) {
                pc += offset + 1;
                continue;
              }
            }
            case 0x4e -> {
              if (((int) reg[dst] & (int) reg[src]) != 0) {
                pc += offset + 1;
                continue;
              }
            }
            case 0x56 -> {
              if ((int) reg[dst] != (int) imm) {
                pc += offset + 1;
                continue;
              }
            }
            case 0x5e -> {
              if ((int) reg[dst] != (int) reg[src]) {
                pc += offset + 1;
                continue;
              }
            }
            case 0x66 -> {
              if ((int) reg[dst] > (int) imm) {
                pc += offset + 1;
                continue;
              }
            }
            case 0x6e -> {
              if ((int) reg[dst] > (int) reg[src]) {
                pc += offset + 1;
                continue;
              }
            }
            case 0x76 -> {
              if ((int) reg[dst] >= (int) imm) {
                pc += offset + 1;
                continue;
              }
            }
            case 0x7e -> {
              if ((int) reg[dst] >= (int) reg[src]) {
                pc += offset + 1;
                continue;
              }
            }
            case 0xa6 -> {
              if (Integer.compareUnsigned((int) reg[dst], (int) imm) < 0) {
                pc += offset + 1;
                continue;
              }
            }
            case 0xae -> {
              if (Integer.compareUnsigned((int) reg[dst], (int) reg[src]) < 0) {
                pc += offset + 1;
                continue;
              }
            }
            case 0xb6 -> {
              if (Integer.compareUnsigned((int) reg[dst], (int) imm) <= 0) {
                pc += offset + 1;
                continue;
              }
            }
            case 0xbe -> {
              if (Integer.compareUnsigned((int) reg[dst], (int) reg[src]) <= 0) {
                pc += offset + 1;
                continue;
              }
            }
            case 0xc6 -> {
              if ((int) reg[dst] < (int) imm) {
                pc += offset + 1;
                continue;
              }
            }
            case 0xce -> {
              if ((int) reg[dst] < (int) reg[src]) {
                pc += offset + 1;
                continue;
              }
            }
            case 0xd6 -> {
              if ((int) reg[dst] <= (int) imm) {
                pc += offset + 1;
                continue;
              }
            }
            case 0xde -> {
              if ((int) reg[dst] <= (int) reg[src]) {
                pc += offset + 1;
                continue;
              }
            }
            default -> throw unknownOperation(pc);
          }
        }
        case 0x01 -> { // LDX
          switch ((int) w & 0xff) {
            // ---- LDX: zero-extending and sign-extending loads ----
            case 0x61 ->
                reg[dst] =
                    (int)
                            Memory.INT.get(
                                readable(data, run, pc, reg[src] + offset, 4),
                                (int) (reg[src] + offset))
                        & MASK32;
            case 0x69 ->
                reg[dst] =
                    (short)
                            Memory.SHORT.get(
                                readable(data, run, pc, reg[src] + offset, 2),
                                (int) (reg[src] + offset))
                        & 0xffffL;
            case 0x71 ->
                reg[dst] =
                    readable(data, run, pc, reg[src] + offset, 1)[(int) (reg[src] + offset)]
                        & 0xffL;
            case 0x79 ->
                reg[dst] =
                    (long)
                        Memory.LONG.get(
                            readable(data, run, pc, reg[src] + offset, 8),
                            (int) (reg[src] + offset));
            case 0x81 ->
                reg[dst] =
                    (int)
                        Memory.INT.get(
                            readable(data, run, pc, reg[src] + offset, 4),
                            (int) (reg[src] + offset));
            case 0x89 ->
                reg[dst] =
                    (short)
                        Memory.SHORT.get(
                            readable(data, run, pc, reg[src] + offset, 2),
                            (int) (reg[src] + offset));
            case 0x91 ->
                reg[dst] = readable(data, run, pc, reg[src] + offset, 1)[(int) (reg[src] + offset)];
            default -> throw unknownOperation(pc);
          }
        }
        case 0x03 -> { // STX
          switch ((int) w & 0xff) {
            // ---- stores ----
            case 0x63 ->
                Memory.INT.set(
                    writable(data, writable, run, pc, reg[dst] + offset, 4),
                    (int) (reg[dst] + offset),
                    (int) reg[src]);
            case 0x6b ->
                Memory.SHORT.set(
                    writable(data, writable, run, pc, reg[dst] + offset, 2),
                    (int) (reg[dst] + offset),
                    (short) reg[src]);
            case 0x73 ->
                writable(data, writable, run, pc, reg[dst] + offset, 1)[(int) (reg[dst] + offset)] =
                    (byte) reg[src];
            case 0x7b ->
                Memory.LONG.set(
                    writable(data, writable, run, pc, reg[dst] + offset, 8),
                    (int) (reg[dst] + offset),
                    reg[src]);

            // ---- STX ATOMIC: read-modify-write of 4 or 8 bytes ----
            case 0xc3 ->
                Atomics.execute32(
                    (int) imm,
                    reg,
                    src,
                    writable(data, writable, run, pc, reg[dst] + offset, 4),
                    checkAligned(pc, reg[dst] + offset, 4));
            case 0xdb ->
                Atomics.execute64(
                    (int) imm,
                    reg,
                    src,
                    writable(data, writable, run, pc, reg[dst] + offset, 8),
                    checkAligned(pc, reg[dst] + offset, 8));
            default -> throw unknownOperation(pc);
          }
        }
        case 0x02 -> { // ST
          switch ((int) w & 0xff) {
            // ---- stores ----
            case 0x62 ->
                Memory.INT.set(
                    writable(data, writable, run, pc, reg[dst] + offset, 4),
                    (int) (reg[dst] + offset),
                    (int) imm);
            case 0x6a ->
                Memory.SHORT.set(
                    writable(data, writable, run, pc, reg[dst] + offset, 2),
                    (int) (reg[dst] + offset),
                    (short) imm);
            case 0x72 ->
                writable(data, writable, run, pc, reg[dst] + offset, 1)[(int) (reg[dst] + offset)] =
                    (byte) imm;
            case 0x7a ->
                Memory.LONG.set(
                    writable(data, writable, run, pc, reg[dst] + offset, 8),
                    (int) (reg[dst] + offset),
                    imm);
            default -> throw unknownOperation(pc);
          }
        }
        case 0x00 -> { // LD
          switch ((int) w & 0xff) {
            // ---- LD: 64-bit immediate, two slots ----
            case 0x18 -> {
              reg[dst] = code[pc + 1];
              pc += 2;
              continue;
            }
            default -> throw unknownOperation(pc);
          }
        }
        default -> throw unknownOperation(pc);
      }
      pc++;
    }
  }

  private VmExecutionException unknownOperation(int pc) {
    return new VmExecutionException(pc, program.at(pc), "no handler for this opcode");
  }

  // ---- memory access: every load and store passes one of these two checks ----

  private byte[] readable(byte[][] data, RunState run, int pc, long address, int size) {
    int region = (int) (address >>> 32) - 1;
    if (region >= 0 && region < data.length) {
      byte[] bytes = data[region];
      int offset = (int) address;
      if (offset >= 0 && offset <= bytes.length - size) {
        return bytes;
      }
    }
    throw run.memoryFault(pc, address, size, false);
  }

  private byte[] writable(
      byte[][] data, boolean[] writable, RunState run, int pc, long address, int size) {
    int region = (int) (address >>> 32) - 1;
    if (region >= 0 && region < data.length && writable[region]) {
      byte[] bytes = data[region];
      int offset = (int) address;
      if (offset >= 0 && offset <= bytes.length - size) {
        return bytes;
      }
    }
    throw run.memoryFault(pc, address, size, true);
  }

  private int checkAligned(int pc, long address, int size) {
    if ((address & (size - 1)) != 0) {
      throw new MemoryAccessException(
          pc,
          program.at(pc),
          "atomic access of "
              + size
              + " bytes at 0x"
              + Long.toHexString(address)
              + " is not aligned to "
              + size
              + " bytes",
          address,
          size,
          true,
          null);
    }
    return (int) address;
  }
}
