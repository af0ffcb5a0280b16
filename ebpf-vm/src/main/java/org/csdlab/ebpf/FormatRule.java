package org.csdlab.ebpf;

/** The rules a {@link Program} must follow; each refusal names one, so tests match on it. */
public enum FormatRule {
  /** The program has no instructions. */
  EMPTY("a program needs at least one instruction"),
  /** The byte length is not a multiple of the 8-byte slot. */
  PARTIAL_SLOT("bytecode length must be a multiple of 8"),
  /** More slots than the limit. */
  TOO_LARGE("a program may have at most " + Program.MAX_SLOTS + " instruction slots"),
  /** No opcode of that value in the instruction set. */
  UNKNOWN_OPCODE("the opcode must be one of RFC 9669"),
  /** Legacy packet access (LD_ABS, LD_IND), which this VM does not provide. */
  LEGACY_PACKET_ACCESS("legacy packet access (LD_ABS/LD_IND) is not supported"),
  /** A feature of the ISA that needs an ELF loader or kernel objects (pseudo loads, kfuncs). */
  UNSUPPORTED("the feature is not available for raw bytecode"),
  /** A register number above 10, or r10 as a destination that is written. */
  INVALID_REGISTER("registers are r0-r10, and r10 (the frame pointer) is read-only"),
  /**
   * A field the instruction does not use is not zero, or a variant field has a value with no
   * meaning.
   */
  RESERVED_FIELD("fields an instruction does not use must be zero"),
  /** LDDW in the last slot. */
  LDDW_TRUNCATED("lddw needs a second slot"),
  /** The second slot of LDDW has a non-zero field besides the immediate. */
  LDDW_MALFORMED("the second slot of lddw must be zero except for its immediate"),
  /** A jump lands before the start or past the end of the program. */
  JUMP_OUT_OF_RANGE("a jump must land inside the program"),
  /** A jump lands on the second slot of LDDW. */
  JUMP_INTO_LDDW("a jump must not land in the middle of lddw"),
  /** A local call names a slot where no instruction starts. */
  CALL_TARGET_MISSING("a local call must name an instruction of the program"),
  /** No EXIT instruction anywhere. */
  NO_EXIT("a program needs an exit instruction"),
  /** The last instruction could let execution run past the end. */
  FALLS_OFF_END("the last instruction must be exit or an unconditional jump");

  private final String rule;

  FormatRule(String rule) {
    this.rule = rule;
  }

  /** The rule in plain words. */
  public String rule() {
    return rule;
  }
}
