package org.csdlab.ebpf.verifier;

/** Stable codes of the verifier's refusals; tests and graders match these, not the message text. */
public enum ErrorCode {
  /** An instruction no path from the entry reaches. */
  UNREACHABLE,
  /** A register read before any instruction writes it. */
  UNINIT_REG,
  /** A stack access outside the frame [-512, 0). */
  STACK_OUT_OF_BOUNDS,
  /** A stack access whose offset is not known when loading. */
  STACK_VARIABLE_OFFSET,
  /** A stack read of bytes never written (strict rule). */
  UNINIT_STACK_READ,
  /** A helper called with fewer initialised argument registers than its prototype has. */
  HELPER_ARGS_UNINIT,
  /** A possibly-null map value pointer used without a null check. */
  NULL_CHECK_MISSING,
  /** A write through a pointer to a read-only region. */
  RODATA_WRITE,
  /** The frame pointer r10 written. */
  FRAME_POINTER_WRITE,
  /** A call of a helper with no known prototype (or an indirect call). */
  UNKNOWN_HELPER,
  /** Local calls nested deeper than the verifier follows. */
  CALL_DEPTH,
  /**
   * A raw instruction list that is structurally broken (a format rule broken, a jump outside, falls
   * off the end).
   */
  BAD_PROGRAM,
  /**
   * The analysis went over its budget of processed instructions or stored states ({@link
   * VerifierOptions#maxProcessedInstructions()}, {@link VerifierOptions#maxStoredStates()}) before
   * deciding; the program may be safe, but it is too complex to verify.
   */
  TOO_COMPLEX
}
