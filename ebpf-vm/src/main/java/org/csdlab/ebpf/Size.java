package org.csdlab.ebpf;

/**
 * Access width of a load or store (bits 3–4 of the opcode).
 *
 * <pre>
 *   opcode:  +--------+------+----------+
 *            |  mode  | size |  class   |
 *            +--------+------+----------+
 *             7      5 4    3 2        0
 * </pre>
 */
public enum Size {
  /** Word: 4 bytes. */
  W(0x00, 4, "u32"),
  /** Half word: 2 bytes. */
  H(0x08, 2, "u16"),
  /** Byte. */
  B(0x10, 1, "u8"),
  /** Double word: 8 bytes. */
  DW(0x18, 8, "u64");

  /** Mask selecting the size bits of an opcode. */
  public static final int MASK = 0x18;

  private final int code;
  private final int bytes;
  private final String cType;

  Size(int code, int bytes, String cType) {
    this.code = code;
    this.bytes = bytes;
    this.cType = cType;
  }

  /** The size bits. */
  public int code() {
    return code;
  }

  /** Width in bytes. */
  public int bytes() {
    return bytes;
  }

  /** Unsigned C type of this width as the LLVM syntax prints it ({@code u32}). */
  public String unsignedType() {
    return cType;
  }

  /** Signed C type of this width as the LLVM syntax prints it ({@code s32}). */
  public String signedType() {
    return "s" + cType.substring(1);
  }

  /** The size of a load or store opcode. */
  public static Size of(int opcode) {
    return switch (opcode & MASK) {
      case 0x00 -> W;
      case 0x08 -> H;
      case 0x10 -> B;
      default -> DW;
    };
  }

  /** The size of the given width in bytes; throws when it is not 1, 2, 4 or 8. */
  public static Size ofBytes(int bytes) {
    for (Size size : values()) {
      if (size.bytes == bytes) {
        return size;
      }
    }
    throw new IllegalArgumentException("access width " + bytes + " is not 1, 2, 4 or 8 bytes");
  }
}
