package org.csdlab.ebpf;

/** What a helper leaves in r0. */
public enum ReturnType {
  /** A number the program may use. */
  SCALAR,
  /** A pointer to a map value, or 0 when there is none: the program must test it before use. */
  MAP_VALUE_OR_NULL,
  /**
   * Nothing: a C {@code void} helper. The verifier marks r0 unreadable after the call (as the Linux
   * verifier does for {@code RET_VOID}), so a program that reads it is refused.
   */
  VOID
}
