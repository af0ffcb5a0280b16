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
  TOO_COMPLEX,
  /** A memory access whose whole range (offset bounds plus size) may leave its region. */
  OUT_OF_BOUNDS,
  /** A pointer moved, or a helper buffer sized, by a scalar with no usable bound. */
  UNBOUNDED_ACCESS,
  /** A load or store through a register holding a scalar (or a map handle), not a pointer. */
  SCALAR_DEREFERENCE,
  /** Arithmetic on pointers the rules forbid (pointer + pointer, a bitwise operation, 32-bit). */
  POINTER_ARITHMETIC,
  /** Arithmetic on a pointer that may be null, before its null check. */
  NULL_POINTER_ARITHMETIC,
  /** A path that comes back to an instruction in a state it had there before: it never ends. */
  INFINITE_LOOP,
  /** A helper given a buffer smaller than the size it is told to access. */
  HELPER_BUFFER_TOO_SMALL,
  /**
   * A helper argument of the wrong type: a scalar (or a map handle) where a pointer to memory is
   * required, something else than a declared map's handle where a map is, or no context pointer
   * where the context is.
   */
  HELPER_ARG_TYPE,
  /** An atomic operation at an address that may not be a multiple of its size. */
  MISALIGNED_ATOMIC,
  /**
   * A loop that exploration does not finish (its state keeps changing) and that the verifier cannot
   * prove ends: no register or stack slot moves one way, without wrapping, between bounds.
   */
  UNBOUNDED_LOOP
}
