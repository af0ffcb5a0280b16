package org.csdlab.ebpf;

/** Addressing mode of a load or store (bits 5–7 of the opcode), see {@link Size} for the layout. */
public enum Mode {
  /** 64-bit immediate (LDDW, class LD only). */
  IMM(0x00),
  /** Legacy packet access by absolute offset; refused by this VM. */
  ABS(0x20),
  /** Legacy packet access by register offset; refused by this VM. */
  IND(0x40),
  /** Regular memory access. */
  MEM(0x60),
  /** Sign-extending load (class LDX only). */
  MEMSX(0x80),
  /** Atomic read-modify-write (class STX only). */
  ATOMIC(0xc0);

  /** Mask selecting the mode bits of an opcode. */
  public static final int MASK = 0xe0;

  private final int code;

  Mode(int code) {
    this.code = code;
  }

  /** The mode bits. */
  public int code() {
    return code;
  }

  /** The mode of a load or store opcode, or null when the bits name no mode (0xa0, 0xe0). */
  public static Mode of(int opcode) {
    int bits = opcode & MASK;
    for (Mode mode : values()) {
      if (mode.code == bits) {
        return mode;
      }
    }
    return null;
  }
}
