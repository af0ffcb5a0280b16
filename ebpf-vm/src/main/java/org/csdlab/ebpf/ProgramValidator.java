package org.csdlab.ebpf;

/**
 * Checks every {@link FormatRule} that can be decided from the instructions alone: opcodes,
 * register numbers, fields that must be zero, jump and call targets, and the program's shape.
 * Safety properties that need data flow (initialised registers, pointer types) belong to the
 * verifier, not here.
 */
final class ProgramValidator {
  private static final int MAX_REGISTER = Register.COUNT - 1;
  private static final int FRAME_POINTER = Register.R10.index();

  private final Program program;
  private final boolean framePointerWritable;

  private ProgramValidator(Program program, boolean framePointerWritable) {
    this.program = program;
    this.framePointerWritable = framePointerWritable;
  }

  static void validate(Program program) {
    new ProgramValidator(program, false).validate();
  }

  /**
   * As {@link #validate(Program)}, but r10 may be a written destination (the verifier refuses that
   * itself).
   */
  static void validateAllowingFramePointerWrites(Program program) {
    new ProgramValidator(program, true).validate();
  }

  private void validate() {
    if (program.size() == 0) {
      throw new ProgramFormatException(FormatRule.EMPTY, 0, "no instructions given");
    }
    if (program.slotCount() > Program.MAX_SLOTS) {
      throw new ProgramFormatException(
          FormatRule.TOO_LARGE, Program.MAX_SLOTS, program.slotCount() + " slots given");
    }
    boolean hasExit = false;
    for (int i = 0; i < program.size(); i++) {
      Instruction instruction = program.instructions().get(i);
      int pc = program.pcOf(i);
      check(instruction, pc);
      hasExit |= instruction.isExit();
    }
    if (!hasExit) {
      throw new ProgramFormatException(
          FormatRule.NO_EXIT, program.slotCount() - 1, "the program never exits");
    }
    Instruction last = program.instructions().get(program.size() - 1);
    int lastPc = program.pcOf(program.size() - 1);
    if (!last.isExit() && !Opcode.of(last).isUnconditionalJump()) {
      throw new ProgramFormatException(
          FormatRule.FALLS_OFF_END,
          lastPc,
          "'" + last + "' is last, so execution could run past the end");
    }
  }

  private void check(Instruction insn, int pc) {
    switch (insn.instructionClass()) {
      case LD -> checkLoadImmediate(insn, pc);
      case LDX -> checkLoad(insn, pc);
      case ST -> checkStoreImmediate(insn, pc);
      case STX -> checkStoreRegister(insn, pc);
      case ALU, ALU64 -> checkArithmetic(insn, pc);
      case JMP, JMP32 -> checkJump(insn, pc);
    }
  }

  private void checkLoadImmediate(Instruction insn, int pc) {
    Mode mode = Mode.of(insn.opcode());
    if (mode == Mode.ABS || mode == Mode.IND) {
      throw new ProgramFormatException(
          FormatRule.LEGACY_PACKET_ACCESS,
          pc,
          String.format("opcode 0x%02x is a legacy packet load (%s)", insn.opcode(), mode));
    }
    if (!insn.isWide()) {
      throw unknownOpcode(insn, pc);
    }
    checkWritableDst(insn, pc);
    if (insn.src() != 0) {
      throw new ProgramFormatException(
          FormatRule.UNSUPPORTED,
          pc,
          "lddw with src="
              + insn.src()
              + " is a pseudo load of a map or BTF object; load ELF objects through the ELF loader"
              + " or use src=0 for a plain 64-bit constant");
    }
    requireZero("offset", insn.offset(), pc);
  }

  private void checkLoad(Instruction insn, int pc) {
    if (Opcode.of(insn) == null) {
      throw unknownOpcode(insn, pc);
    }
    checkWritableDst(insn, pc);
    checkRegister("src", insn.src(), pc);
    requireZero("immediate", insn.imm(), pc);
  }

  private void checkStoreImmediate(Instruction insn, int pc) {
    if (Opcode.of(insn) == null) {
      throw unknownOpcode(insn, pc);
    }
    checkRegister("dst", insn.dst(), pc);
    requireZero("src", insn.src(), pc);
  }

  private void checkStoreRegister(Instruction insn, int pc) {
    Opcode op = Opcode.of(insn);
    if (op == null) {
      throw unknownOpcode(insn, pc);
    }
    if (!op.isAtomic()) {
      checkRegister("dst", insn.dst(), pc);
      checkRegister("src", insn.src(), pc);
      requireZero("immediate", insn.imm(), pc);
      return;
    }
    checkRegister("dst", insn.dst(), pc);
    checkRegister("src", insn.src(), pc);
    if (AtomicOp.of(insn.imm()) == null) {
      throw new ProgramFormatException(
          FormatRule.RESERVED_FIELD,
          pc,
          String.format(
              "atomic operation 0x%x is unknown; use add, or, and, xor (each optionally with fetch,"
                  + " 0x01), xchg (0xe1) or cmpxchg (0xf1)",
              insn.imm()));
    }
  }

  private void checkArithmetic(Instruction insn, int pc) {
    boolean wide = insn.instructionClass() == InstructionClass.ALU64;
    Source source = Source.of(insn.opcode());
    // by the opcode byte alone, so that a byte swap's stray offset gets its own message below
    Opcode withZeroFields = Opcode.byCode(insn.opcode());
    if (withZeroFields != null && withZeroFields.isByteOrder()) {
      checkWritableDst(insn, pc);
      requireZero("src", insn.src(), pc);
      requireZero("offset", insn.offset(), pc);
      if (insn.imm() != 16 && insn.imm() != 32 && insn.imm() != 64) {
        throw new ProgramFormatException(
            FormatRule.RESERVED_FIELD,
            pc,
            "byte swap width " + insn.imm() + " is not 16, 32 or 64");
      }
      return;
    }
    AluOp op = AluOp.of(insn.opcode(), insn.offset());
    if (op == null) {
      if (AluOp.of(insn.opcode(), 0) == null) {
        throw unknownOpcode(insn, pc);
      }
      throw new ProgramFormatException(
          FormatRule.RESERVED_FIELD,
          pc,
          "offset "
              + insn.offset()
              + " has no meaning for "
              + AluOp.of(insn.opcode(), 0)
              + " (offset is 1 only for sdiv/smod, 8/16/32 only for movsx)");
    }
    checkWritableDst(insn, pc);
    if (op.isSignExtendingMove() && (source == Source.IMM || (!wide && op == AluOp.MOVSX32))) {
      throw new ProgramFormatException(
          FormatRule.RESERVED_FIELD,
          pc,
          "offset "
              + insn.offset()
              + " (movsx) needs a register source"
              + (wide ? "" : " and a width of 8 or 16 in 32-bit form"));
    }
    if (op.isUnary()) {
      if (source == Source.REG) {
        throw unknownOpcode(insn, pc);
      }
      requireZero("src", insn.src(), pc);
      requireZero("immediate", insn.imm(), pc);
    } else if (source == Source.IMM) {
      requireZero("src", insn.src(), pc);
    } else {
      checkRegister("src", insn.src(), pc);
      requireZero("immediate", insn.imm(), pc);
    }
  }

  private void checkJump(Instruction insn, int pc) {
    // the call's src is checked below, so its opcode byte alone says whether the operation exists
    Opcode op = Opcode.byCode(insn.opcode());
    if (op == null) {
      throw unknownOpcode(insn, pc);
    }
    switch (op.jumpOp()) {
      case JA -> {
        boolean gotol = op == Opcode.JA32;
        requireZero("dst", insn.dst(), pc);
        requireZero("src", insn.src(), pc);
        requireZero(gotol ? "offset" : "immediate", gotol ? insn.offset() : insn.imm(), pc);
        checkJumpTarget(insn, pc);
      }
      case CALL -> checkCall(insn, pc, op == Opcode.CALLX);
      case EXIT -> {
        requireZero("dst", insn.dst(), pc);
        requireZero("src", insn.src(), pc);
        requireZero("offset", insn.offset(), pc);
        requireZero("immediate", insn.imm(), pc);
      }
      default -> {
        checkRegister("dst", insn.dst(), pc);
        if (op.source() == Source.IMM) {
          requireZero("src", insn.src(), pc);
        } else {
          checkRegister("src", insn.src(), pc);
          requireZero("immediate", insn.imm(), pc);
        }
        checkJumpTarget(insn, pc);
      }
    }
  }

  private void checkCall(Instruction insn, int pc, boolean callx) {
    requireZero("offset", insn.offset(), pc);
    if (callx) {
      checkRegister("dst", insn.dst(), pc);
      requireZero("src", insn.src(), pc);
      requireZero("immediate", insn.imm(), pc);
      return;
    }
    requireZero("dst", insn.dst(), pc);
    if (insn.src() == Instruction.CALL_LOCAL) {
      long target = insn.target(pc);
      if (!program.isInstructionStart(target)) {
        throw new ProgramFormatException(
            FormatRule.CALL_TARGET_MISSING,
            pc,
            "call to slot "
                + target
                + " (pc "
                + pc
                + " + "
                + insn.imm()
                + " + 1), where no instruction of the "
                + program.slotCount()
                + "-slot program starts");
      }
    } else if (insn.src() != Instruction.CALL_HELPER) {
      throw new ProgramFormatException(
          FormatRule.UNSUPPORTED,
          pc,
          "call with src="
              + insn.src()
              + (insn.src() == 2 ? " calls a kernel function by BTF id" : " has no meaning")
              + "; use src=0 for a helper or src=1 for a local function");
    }
  }

  private void checkJumpTarget(Instruction insn, int pc) {
    long target = insn.target(pc);
    if (target < 0 || target >= program.slotCount()) {
      throw new ProgramFormatException(
          FormatRule.JUMP_OUT_OF_RANGE,
          pc,
          "jump to slot "
              + target
              + " is outside the program's slots 0.."
              + (program.slotCount() - 1));
    }
    if (!program.isInstructionStart(target)) {
      throw new ProgramFormatException(
          FormatRule.JUMP_INTO_LDDW,
          pc,
          "jump to slot " + target + ", the second half of the lddw at slot " + (target - 1));
    }
  }

  private static void checkRegister(String field, int register, int pc) {
    if (register > MAX_REGISTER) {
      throw new ProgramFormatException(
          FormatRule.INVALID_REGISTER, pc, field + " register r" + register + " does not exist");
    }
  }

  private void checkWritableDst(Instruction insn, int pc) {
    checkRegister("dst", insn.dst(), pc);
    if (insn.dst() == FRAME_POINTER && !framePointerWritable) {
      throw new ProgramFormatException(
          FormatRule.INVALID_REGISTER, pc, "r10 is the frame pointer and cannot be written");
    }
  }

  private static void requireZero(String field, long value, int pc) {
    if (value != 0) {
      throw new ProgramFormatException(
          FormatRule.RESERVED_FIELD,
          pc,
          field + " is " + value + " but this instruction does not use it");
    }
  }

  private static ProgramFormatException unknownOpcode(Instruction insn, int pc) {
    return new ProgramFormatException(
        FormatRule.UNKNOWN_OPCODE,
        pc,
        String.format("opcode 0x%02x is not an eBPF instruction", insn.opcode()));
  }
}
