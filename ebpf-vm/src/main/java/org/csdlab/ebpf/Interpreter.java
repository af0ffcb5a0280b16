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
  /**
   * Operation numbers for the opcodes that RFC 9669 splits by another field, taken from codes that
   * no valid program uses in the same class (code 0xe0 and 0xf0 of ALU, ALU64 and JMP, a register
   * source for byte swap and negation), so that the class bits still pick the right switch.
   */
  private static final class Operation {
    static final int SDIV64_IMM = 0xe0 | Opcodes.CLASS_ALU64;
    static final int SDIV64_REG = 0xe0 | Source.MASK | Opcodes.CLASS_ALU64;
    static final int SMOD64_IMM = 0xf0 | Opcodes.CLASS_ALU64;
    static final int SMOD64_REG = 0xf0 | Source.MASK | Opcodes.CLASS_ALU64;

    /** Sign-extending move; the immediate holds 64 minus the source width. */
    static final int MOVSX64 = Opcodes.BSWAP | Source.MASK;

    static final int SDIV32_IMM = 0xe0 | Opcodes.CLASS_ALU;
    static final int SDIV32_REG = 0xe0 | Source.MASK | Opcodes.CLASS_ALU;
    static final int SMOD32_IMM = 0xf0 | Opcodes.CLASS_ALU;
    static final int SMOD32_REG = 0xf0 | Source.MASK | Opcodes.CLASS_ALU;

    /** Sign-extending 32-bit move; the immediate holds 32 minus the source width. */
    static final int MOVSX32 = Opcodes.NEG32 | Source.MASK;

    static final int CALL_LOCAL = 0xe0 | Opcodes.CLASS_JMP;

    private Operation() {}
  }

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

  /** The operation number of {@code insn}: its opcode, or one of {@link Operation}'s. */
  private static int operation(Instruction insn) {
    Opcode op = Opcode.of(insn);
    if (op == null) {
      // Program refuses such instructions; should one get here, the loop reports it at its pc
      return insn.opcode();
    }
    return switch (op) {
      case SDIV64_IMM -> Operation.SDIV64_IMM;
      case SDIV64_REG -> Operation.SDIV64_REG;
      case SMOD64_IMM -> Operation.SMOD64_IMM;
      case SMOD64_REG -> Operation.SMOD64_REG;
      case MOVSX64_8, MOVSX64_16, MOVSX64_32 -> Operation.MOVSX64;
      case SDIV32_IMM -> Operation.SDIV32_IMM;
      case SDIV32_REG -> Operation.SDIV32_REG;
      case SMOD32_IMM -> Operation.SMOD32_IMM;
      case SMOD32_REG -> Operation.SMOD32_REG;
      case MOVSX32_8, MOVSX32_16 -> Operation.MOVSX32;
      case CALL_LOCAL -> Operation.CALL_LOCAL;
      default -> op.code();
    };
  }

  /**
   * The immediate as the loop reads it: the shift that sign-extends for movsx, else the
   * instruction's.
   */
  private static long immediate(Instruction insn) {
    Opcode op = Opcode.of(insn);
    if (op != null && op.isSignExtendingMove()) {
      return op.widthBits() - insn.offset();
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
        case Opcodes.CLASS_ALU64 -> {
          switch ((int) w & 0xff) {
            // ---- ALU64: 64-bit arithmetic, immediate sign-extended ----
            case Opcodes.ADD64_IMM -> reg[dst] += imm;
            case Opcodes.ADD64_REG -> reg[dst] += reg[src];
            case Opcodes.SUB64_IMM -> reg[dst] -= imm;
            case Opcodes.SUB64_REG -> reg[dst] -= reg[src];
            case Opcodes.MUL64_IMM -> reg[dst] *= imm;
            case Opcodes.MUL64_REG -> reg[dst] *= reg[src];
            case Opcodes.DIV64_IMM -> reg[dst] = Arithmetic.udiv64(reg[dst], imm);
            case Opcodes.DIV64_REG -> reg[dst] = Arithmetic.udiv64(reg[dst], reg[src]);
            case Operation.SDIV64_IMM -> reg[dst] = Arithmetic.sdiv64(reg[dst], imm);
            case Operation.SDIV64_REG -> reg[dst] = Arithmetic.sdiv64(reg[dst], reg[src]);
            case Opcodes.OR64_IMM -> reg[dst] |= imm;
            case Opcodes.OR64_REG -> reg[dst] |= reg[src];
            case Opcodes.AND64_IMM -> reg[dst] &= imm;
            case Opcodes.AND64_REG -> reg[dst] &= reg[src];
            case Opcodes.LSH64_IMM -> reg[dst] <<= imm;
            case Opcodes.LSH64_REG -> reg[dst] <<= reg[src];
            case Opcodes.RSH64_IMM -> reg[dst] >>>= imm;
            case Opcodes.RSH64_REG -> reg[dst] >>>= reg[src];
            case Opcodes.NEG64 -> reg[dst] = -reg[dst];
            case Opcodes.MOD64_IMM -> reg[dst] = Arithmetic.umod64(reg[dst], imm);
            case Opcodes.MOD64_REG -> reg[dst] = Arithmetic.umod64(reg[dst], reg[src]);
            case Operation.SMOD64_IMM -> reg[dst] = Arithmetic.smod64(reg[dst], imm);
            case Operation.SMOD64_REG -> reg[dst] = Arithmetic.smod64(reg[dst], reg[src]);
            case Opcodes.XOR64_IMM -> reg[dst] ^= imm;
            case Opcodes.XOR64_REG -> reg[dst] ^= reg[src];
            case Opcodes.MOV64_IMM -> reg[dst] = imm;
            case Opcodes.MOV64_REG -> reg[dst] = reg[src];
            case Operation.MOVSX64 -> reg[dst] = reg[src] << imm >> imm;
            case Opcodes.ARSH64_IMM -> reg[dst] >>= imm;
            case Opcodes.ARSH64_REG -> reg[dst] >>= reg[src];
            case Opcodes.BSWAP -> reg[dst] = Arithmetic.swap(reg[dst], (int) imm);
            default -> throw unknownOperation(pc);
          }
        }
        case Opcodes.CLASS_ALU -> {
          switch ((int) w & 0xff) {
            // ---- ALU: 32-bit arithmetic, result zero-extended ----
            case Opcodes.ADD32_IMM -> reg[dst] = (int) reg[dst] + (int) imm & MASK32;
            case Opcodes.ADD32_REG -> reg[dst] = (int) reg[dst] + (int) reg[src] & MASK32;
            case Opcodes.SUB32_IMM -> reg[dst] = (int) reg[dst] - (int) imm & MASK32;
            case Opcodes.SUB32_REG -> reg[dst] = (int) reg[dst] - (int) reg[src] & MASK32;
            case Opcodes.MUL32_IMM -> reg[dst] = (int) reg[dst] * (int) imm & MASK32;
            case Opcodes.MUL32_REG -> reg[dst] = (int) reg[dst] * (int) reg[src] & MASK32;
            case Opcodes.DIV32_IMM -> reg[dst] = Arithmetic.udiv32(reg[dst], imm);
            case Opcodes.DIV32_REG -> reg[dst] = Arithmetic.udiv32(reg[dst], reg[src]);
            case Operation.SDIV32_IMM -> reg[dst] = Arithmetic.sdiv32(reg[dst], imm);
            case Operation.SDIV32_REG -> reg[dst] = Arithmetic.sdiv32(reg[dst], reg[src]);
            case Opcodes.OR32_IMM -> reg[dst] = (reg[dst] | imm) & MASK32;
            case Opcodes.OR32_REG -> reg[dst] = (reg[dst] | reg[src]) & MASK32;
            case Opcodes.AND32_IMM -> reg[dst] = reg[dst] & imm & MASK32;
            case Opcodes.AND32_REG -> reg[dst] = reg[dst] & reg[src] & MASK32;
            case Opcodes.LSH32_IMM -> reg[dst] = (int) reg[dst] << (int) imm & MASK32;
            case Opcodes.LSH32_REG -> reg[dst] = (int) reg[dst] << (int) reg[src] & MASK32;
            case Opcodes.RSH32_IMM -> reg[dst] = (int) reg[dst] >>> (int) imm & MASK32;
            case Opcodes.RSH32_REG -> reg[dst] = (int) reg[dst] >>> (int) reg[src] & MASK32;
            case Opcodes.NEG32 -> reg[dst] = -(int) reg[dst] & MASK32;
            case Opcodes.MOD32_IMM -> reg[dst] = Arithmetic.umod32(reg[dst], imm);
            case Opcodes.MOD32_REG -> reg[dst] = Arithmetic.umod32(reg[dst], reg[src]);
            case Operation.SMOD32_IMM -> reg[dst] = Arithmetic.smod32(reg[dst], imm);
            case Operation.SMOD32_REG -> reg[dst] = Arithmetic.smod32(reg[dst], reg[src]);
            case Opcodes.XOR32_IMM -> reg[dst] = (reg[dst] ^ imm) & MASK32;
            case Opcodes.XOR32_REG -> reg[dst] = (reg[dst] ^ reg[src]) & MASK32;
            case Opcodes.MOV32_IMM -> reg[dst] = imm & MASK32;
            case Opcodes.MOV32_REG -> reg[dst] = reg[src] & MASK32;
            case Operation.MOVSX32 -> reg[dst] = (int) reg[src] << imm >> imm & MASK32;
            case Opcodes.ARSH32_IMM -> reg[dst] = (int) reg[dst] >> (int) imm & MASK32;
            case Opcodes.ARSH32_REG -> reg[dst] = (int) reg[dst] >> (int) reg[src] & MASK32;
            case Opcodes.LE -> reg[dst] = Arithmetic.truncate(reg[dst], (int) imm);
            case Opcodes.BE -> reg[dst] = Arithmetic.swap(reg[dst], (int) imm);
            default -> throw unknownOperation(pc);
          }
        }
        case Opcodes.CLASS_JMP -> {
          switch ((int) w & 0xff) {
            // ---- JMP: 64-bit comparisons ----
            case Opcodes.JA -> {
              pc += offset + 1;
              continue;
            }
            case Opcodes.JEQ64_IMM -> {
              if (reg[dst] == imm) {
                pc += offset + 1;
                continue;
              }
            }
            case Opcodes.JEQ64_REG -> {
              if (reg[dst] == reg[src]) {
                pc += offset + 1;
                continue;
              }
            }
            case Opcodes.JGT64_IMM -> {
              if (Long.compareUnsigned(reg[dst], imm) > 0) {
                pc += offset + 1;
                continue;
              }
            }
            case Opcodes.JGT64_REG -> {
              if (Long.compareUnsigned(reg[dst], reg[src]) > 0) {
                pc += offset + 1;
                continue;
              }
            }
            case Opcodes.JGE64_IMM -> {
              if (Long.compareUnsigned(reg[dst], imm) >= 0) {
                pc += offset + 1;
                continue;
              }
            }
            case Opcodes.JGE64_REG -> {
              if (Long.compareUnsigned(reg[dst], reg[src]) >= 0) {
                pc += offset + 1;
                continue;
              }
            }
            case Opcodes.JSET64_IMM -> {
              if ((reg[dst] & imm) != 0) {
                pc += offset + 1;
                continue;
              }
            }
            case Opcodes.JSET64_REG -> {
              if ((reg[dst] & reg[src]) != 0) {
                pc += offset + 1;
                continue;
              }
            }
            case Opcodes.JNE64_IMM -> {
              if (reg[dst] != imm) {
                pc += offset + 1;
                continue;
              }
            }
            case Opcodes.JNE64_REG -> {
              if (reg[dst] != reg[src]) {
                pc += offset + 1;
                continue;
              }
            }
            case Opcodes.JSGT64_IMM -> {
              if (reg[dst] > imm) {
                pc += offset + 1;
                continue;
              }
            }
            case Opcodes.JSGT64_REG -> {
              if (reg[dst] > reg[src]) {
                pc += offset + 1;
                continue;
              }
            }
            case Opcodes.JSGE64_IMM -> {
              if (reg[dst] >= imm) {
                pc += offset + 1;
                continue;
              }
            }
            case Opcodes.JSGE64_REG -> {
              if (reg[dst] >= reg[src]) {
                pc += offset + 1;
                continue;
              }
            }
            case Opcodes.JLT64_IMM -> {
              if (Long.compareUnsigned(reg[dst], imm) < 0) {
                pc += offset + 1;
                continue;
              }
            }
            case Opcodes.JLT64_REG -> {
              if (Long.compareUnsigned(reg[dst], reg[src]) < 0) {
                pc += offset + 1;
                continue;
              }
            }
            case Opcodes.JLE64_IMM -> {
              if (Long.compareUnsigned(reg[dst], imm) <= 0) {
                pc += offset + 1;
                continue;
              }
            }
            case Opcodes.JLE64_REG -> {
              if (Long.compareUnsigned(reg[dst], reg[src]) <= 0) {
                pc += offset + 1;
                continue;
              }
            }
            case Opcodes.JSLT64_IMM -> {
              if (reg[dst] < imm) {
                pc += offset + 1;
                continue;
              }
            }
            case Opcodes.JSLT64_REG -> {
              if (reg[dst] < reg[src]) {
                pc += offset + 1;
                continue;
              }
            }
            case Opcodes.JSLE64_IMM -> {
              if (reg[dst] <= imm) {
                pc += offset + 1;
                continue;
              }
            }
            case Opcodes.JSLE64_REG -> {
              if (reg[dst] <= reg[src]) {
                pc += offset + 1;
                continue;
              }
            }

            // ---- calls and exit ----
            case Opcodes.CALL, Opcodes.CALLX -> {
              long id = ((int) w & 0xff) == Opcodes.CALLX ? reg[dst] : imm;
              reg[0] = run.callHelper(pc, id, reg[1], reg[2], reg[3], reg[4], reg[5]);
              if (run.exitRequested()) {
                return run.finish(reg, remaining, run.exitValue());
              }
            }
            case Operation.CALL_LOCAL -> {
              if (!frames.push(reg, pc + 1)) {
                throw run.callTooDeep(pc);
              }
              pc += (int) imm + 1;
              continue;
            }
            case Opcodes.EXIT -> {
              if (!frames.inLocalFunction()) {
                return run.finish(reg, remaining, reg[0]);
              }
              pc = frames.pop(reg);
              continue;
            }
            default -> throw unknownOperation(pc);
          }
        }
        case Opcodes.CLASS_JMP32 -> {
          switch ((int) w & 0xff) {
            // ---- JMP32: comparisons of the low 32 bits ----
            case Opcodes.JA32 -> {
              pc += (int) imm + 1;
              continue;
            }
            case Opcodes.JEQ32_IMM -> {
              if ((int) reg[dst] == (int) imm) {
                pc += offset + 1;
                continue;
              }
            }
            case Opcodes.JEQ32_REG -> {
              if ((int) reg[dst] == (int) reg[src]) {
                pc += offset + 1;
                continue;
              }
            }
            case Opcodes.JGT32_IMM -> {
              if (Integer.compareUnsigned((int) reg[dst], (int) imm) > 0) {
                pc += offset + 1;
                continue;
              }
            }
            case Opcodes.JGT32_REG -> {
              if (Integer.compareUnsigned((int) reg[dst], (int) reg[src]) > 0) {
                pc += offset + 1;
                continue;
              }
            }
            case Opcodes.JGE32_IMM -> {
              if (Integer.compareUnsigned((int) reg[dst], (int) imm) >= 0) {
                pc += offset + 1;
                continue;
              }
            }
            case Opcodes.JGE32_REG -> {
              if (Integer.compareUnsigned((int) reg[dst], (int) reg[src]) >= 0) {
                pc += offset + 1;
                continue;
              }
            }
            case Opcodes.JSET32_IMM -> {
              if (((int) reg[dst] & (int) imm) != 0) {
                pc += offset + 1;
                continue;
              }
            }
            case Opcodes.JSET32_REG -> {
              if (((int) reg[dst] & (int) reg[src]) != 0) {
                pc += offset + 1;
                continue;
              }
            }
            case Opcodes.JNE32_IMM -> {
              if ((int) reg[dst] != (int) imm) {
                pc += offset + 1;
                continue;
              }
            }
            case Opcodes.JNE32_REG -> {
              if ((int) reg[dst] != (int) reg[src]) {
                pc += offset + 1;
                continue;
              }
            }
            case Opcodes.JSGT32_IMM -> {
              if ((int) reg[dst] > (int) imm) {
                pc += offset + 1;
                continue;
              }
            }
            case Opcodes.JSGT32_REG -> {
              if ((int) reg[dst] > (int) reg[src]) {
                pc += offset + 1;
                continue;
              }
            }
            case Opcodes.JSGE32_IMM -> {
              if ((int) reg[dst] >= (int) imm) {
                pc += offset + 1;
                continue;
              }
            }
            case Opcodes.JSGE32_REG -> {
              if ((int) reg[dst] >= (int) reg[src]) {
                pc += offset + 1;
                continue;
              }
            }
            case Opcodes.JLT32_IMM -> {
              if (Integer.compareUnsigned((int) reg[dst], (int) imm) < 0) {
                pc += offset + 1;
                continue;
              }
            }
            case Opcodes.JLT32_REG -> {
              if (Integer.compareUnsigned((int) reg[dst], (int) reg[src]) < 0) {
                pc += offset + 1;
                continue;
              }
            }
            case Opcodes.JLE32_IMM -> {
              if (Integer.compareUnsigned((int) reg[dst], (int) imm) <= 0) {
                pc += offset + 1;
                continue;
              }
            }
            case Opcodes.JLE32_REG -> {
              if (Integer.compareUnsigned((int) reg[dst], (int) reg[src]) <= 0) {
                pc += offset + 1;
                continue;
              }
            }
            case Opcodes.JSLT32_IMM -> {
              if ((int) reg[dst] < (int) imm) {
                pc += offset + 1;
                continue;
              }
            }
            case Opcodes.JSLT32_REG -> {
              if ((int) reg[dst] < (int) reg[src]) {
                pc += offset + 1;
                continue;
              }
            }
            case Opcodes.JSLE32_IMM -> {
              if ((int) reg[dst] <= (int) imm) {
                pc += offset + 1;
                continue;
              }
            }
            case Opcodes.JSLE32_REG -> {
              if ((int) reg[dst] <= (int) reg[src]) {
                pc += offset + 1;
                continue;
              }
            }
            default -> throw unknownOperation(pc);
          }
        }
        case Opcodes.CLASS_LDX -> {
          switch ((int) w & 0xff) {
            // ---- LDX: zero-extending and sign-extending loads ----
            case Opcodes.LDXW ->
                reg[dst] =
                    (int)
                            Memory.INT.get(
                                readable(data, run, pc, reg[src] + offset, 4),
                                (int) (reg[src] + offset))
                        & MASK32;
            case Opcodes.LDXH ->
                reg[dst] =
                    (short)
                            Memory.SHORT.get(
                                readable(data, run, pc, reg[src] + offset, 2),
                                (int) (reg[src] + offset))
                        & 0xffffL;
            case Opcodes.LDXB ->
                reg[dst] =
                    readable(data, run, pc, reg[src] + offset, 1)[(int) (reg[src] + offset)]
                        & 0xffL;
            case Opcodes.LDXDW ->
                reg[dst] =
                    (long)
                        Memory.LONG.get(
                            readable(data, run, pc, reg[src] + offset, 8),
                            (int) (reg[src] + offset));
            case Opcodes.LDXSW ->
                reg[dst] =
                    (int)
                        Memory.INT.get(
                            readable(data, run, pc, reg[src] + offset, 4),
                            (int) (reg[src] + offset));
            case Opcodes.LDXSH ->
                reg[dst] =
                    (short)
                        Memory.SHORT.get(
                            readable(data, run, pc, reg[src] + offset, 2),
                            (int) (reg[src] + offset));
            case Opcodes.LDXSB ->
                reg[dst] = readable(data, run, pc, reg[src] + offset, 1)[(int) (reg[src] + offset)];
            default -> throw unknownOperation(pc);
          }
        }
        case Opcodes.CLASS_STX -> {
          switch ((int) w & 0xff) {
            // ---- stores ----
            case Opcodes.STXW ->
                Memory.INT.set(
                    writable(data, writable, run, pc, reg[dst] + offset, 4),
                    (int) (reg[dst] + offset),
                    (int) reg[src]);
            case Opcodes.STXH ->
                Memory.SHORT.set(
                    writable(data, writable, run, pc, reg[dst] + offset, 2),
                    (int) (reg[dst] + offset),
                    (short) reg[src]);
            case Opcodes.STXB ->
                writable(data, writable, run, pc, reg[dst] + offset, 1)[(int) (reg[dst] + offset)] =
                    (byte) reg[src];
            case Opcodes.STXDW ->
                Memory.LONG.set(
                    writable(data, writable, run, pc, reg[dst] + offset, 8),
                    (int) (reg[dst] + offset),
                    reg[src]);

            // ---- STX ATOMIC: read-modify-write of 4 or 8 bytes ----
            case Opcodes.ATOMIC_W ->
                Atomics.writeBack(
                    (int) imm,
                    Atomics.execute32(
                        (int) imm,
                        writable(data, writable, run, pc, reg[dst] + offset, 4),
                        run.atomicOffset(pc, reg[dst] + offset, 4),
                        reg[src],
                        reg[0]),
                    reg,
                    src);
            case Opcodes.ATOMIC_DW ->
                Atomics.writeBack(
                    (int) imm,
                    Atomics.execute64(
                        (int) imm,
                        writable(data, writable, run, pc, reg[dst] + offset, 8),
                        run.atomicOffset(pc, reg[dst] + offset, 8),
                        reg[src],
                        reg[0]),
                    reg,
                    src);
            default -> throw unknownOperation(pc);
          }
        }
        case Opcodes.CLASS_ST -> {
          switch ((int) w & 0xff) {
            // ---- stores ----
            case Opcodes.STW ->
                Memory.INT.set(
                    writable(data, writable, run, pc, reg[dst] + offset, 4),
                    (int) (reg[dst] + offset),
                    (int) imm);
            case Opcodes.STH ->
                Memory.SHORT.set(
                    writable(data, writable, run, pc, reg[dst] + offset, 2),
                    (int) (reg[dst] + offset),
                    (short) imm);
            case Opcodes.STB ->
                writable(data, writable, run, pc, reg[dst] + offset, 1)[(int) (reg[dst] + offset)] =
                    (byte) imm;
            case Opcodes.STDW ->
                Memory.LONG.set(
                    writable(data, writable, run, pc, reg[dst] + offset, 8),
                    (int) (reg[dst] + offset),
                    imm);
            default -> throw unknownOperation(pc);
          }
        }
        case Opcodes.CLASS_LD -> {
          switch ((int) w & 0xff) {
            // ---- LD: 64-bit immediate, two slots ----
            case Opcodes.LDDW -> {
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
}
