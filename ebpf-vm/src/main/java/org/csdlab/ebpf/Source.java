package org.csdlab.ebpf;

/**
 * Where the second operand of an arithmetic or jump instruction comes from (bit 3 of the opcode).
 *
 * <pre>
 *   opcode:  +----------+--------+----------+
 *            |   code   | source |  class   |
 *            +----------+--------+----------+
 *             7        4    3     2        0
 * </pre>
 */
public enum Source {
  /** The 32-bit immediate, sign-extended ("K"). */
  IMM(0x00),
  /** The source register ("X"). */
  REG(0x08);

  /** Mask selecting the source bit of an opcode. */
  public static final int MASK = 0x08;

  private final int code;

  Source(int code) {
    this.code = code;
  }

  /** The source bit. */
  public int code() {
    return code;
  }

  /** The source of an arithmetic or jump opcode. */
  public static Source of(int opcode) {
    return (opcode & MASK) == 0 ? IMM : REG;
  }
}
