package org.csdlab.ebpf.elf;

/**
 * One 16-byte ELF64 relocation without addend ({@code Elf64_Rel}); the addend is the value already
 * in the instruction.
 *
 * <pre>
 *   0 r_offset (u64): byte offset in the section the relocations apply to
 *   8 r_info   (u64): symbol index &lt;&lt; 32 | type
 * </pre>
 *
 * @param offset r_offset
 * @param symbol symbol index
 * @param type relocation type, e.g. {@link #R_BPF_64_64}
 * @param fileOffset where this entry is in the file
 */
public record ElfRelocation(long offset, long symbol, long type, long fileOffset) {
  /** Size of one entry in bytes. */
  public static final int SIZE = 16;

  /** Offset of r_offset (u64). */
  public static final int OFFSET_OFFSET = 0;

  /** Offset of r_info (u64). */
  public static final int INFO_OFFSET = 8;

  /** LDDW of the address of a symbol (64-bit immediate split over two slots). */
  public static final int R_BPF_64_64 = 1;

  /** 64-bit absolute value, in debug sections. */
  public static final int R_BPF_64_ABS64 = 2;

  /** 32-bit absolute value, in debug sections. */
  public static final int R_BPF_64_ABS32 = 3;

  /** 32-bit immediate of a call: a bpf-to-bpf call. */
  public static final int R_BPF_64_32 = 10;

  /** Reads entry {@code index} of relocation section {@code rel}. */
  static ElfRelocation read(ElfBytes bytes, SectionHeader rel, int index) {
    long at = rel.offset() + (long) index * SIZE;
    String part = "relocation " + index;
    long offset = bytes.u64(rel.name(), part, at + OFFSET_OFFSET);
    long info = bytes.u64(rel.name(), part, at + INFO_OFFSET);
    return new ElfRelocation(offset, info >>> 32, info & 0xffffffffL, at);
  }

  /** The name of a relocation type, e.g. {@code R_BPF_64_64}, or its number. */
  static String typeName(long type) {
    return switch ((int) type) {
      case R_BPF_64_64 -> "R_BPF_64_64";
      case R_BPF_64_ABS64 -> "R_BPF_64_ABS64";
      case R_BPF_64_ABS32 -> "R_BPF_64_ABS32";
      case R_BPF_64_32 -> "R_BPF_64_32";
      default -> "type " + type;
    };
  }
}
