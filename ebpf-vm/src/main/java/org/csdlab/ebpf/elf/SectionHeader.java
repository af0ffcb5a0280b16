package org.csdlab.ebpf.elf;

/**
 * One 64-byte ELF64 section header, with the section's name resolved.
 *
 * <pre>
 *   0 sh_name (u32)    4 sh_type (u32)     8 sh_flags (u64)      16 sh_addr (u64)
 *  24 sh_offset (u64) 32 sh_size (u64)    40 sh_link (u32)      44 sh_info (u32)
 *  48 sh_addralign (u64)                  56 sh_entsize (u64)
 * </pre>
 *
 * @param index the section's index in the table
 * @param name the section's name
 * @param type sh_type, e.g. {@link #SHT_PROGBITS}
 * @param flags sh_flags, e.g. {@link #SHF_EXECINSTR}
 * @param offset sh_offset: where the contents start in the file
 * @param size sh_size: bytes of contents (for {@link #SHT_NOBITS}, bytes of zeros in memory)
 * @param link sh_link (for relocations: the symbol table; for symbols: the string table)
 * @param info sh_info (for relocations: the section they apply to)
 * @param headerOffset where this header is in the file
 */
public record SectionHeader(
    int index,
    String name,
    long type,
    long flags,
    long offset,
    long size,
    long link,
    long info,
    long headerOffset) {
  /** Size of one section header in bytes. */
  public static final int SIZE = 64;

  /** Offset of sh_name (u32). */
  public static final int NAME_OFFSET = 0;

  /** Offset of sh_type (u32). */
  public static final int TYPE_OFFSET = 4;

  /** Offset of sh_flags (u64). */
  public static final int FLAGS_OFFSET = 8;

  /** Offset of sh_offset (u64). */
  public static final int CONTENTS_OFFSET_OFFSET = 24;

  /** Offset of sh_size (u64). */
  public static final int SIZE_OFFSET = 32;

  /** Offset of sh_link (u32). */
  public static final int LINK_OFFSET = 40;

  /** Offset of sh_info (u32). */
  public static final int INFO_OFFSET = 44;

  /** Section type: program-defined contents. */
  public static final int SHT_PROGBITS = 1;

  /** Section type: symbol table. */
  public static final int SHT_SYMTAB = 2;

  /** Section type: string table. */
  public static final int SHT_STRTAB = 3;

  /** Section type: zero-filled, no bytes in the file. */
  public static final int SHT_NOBITS = 8;

  /** Section type: relocations without addends. */
  public static final int SHT_REL = 9;

  /** Flag: writable at run time. */
  public static final long SHF_WRITE = 0x1;

  /** Flag: occupies memory at run time. */
  public static final long SHF_ALLOC = 0x2;

  /** Flag: holds instructions. */
  public static final long SHF_EXECINSTR = 0x4;

  /** The file offset of header {@code index} in a table at {@code tableOffset}. */
  public static long headerOffset(long tableOffset, int index) {
    return tableOffset + (long) index * SIZE;
  }

  /** Reads header {@code index}; the name is resolved later, so it reads as {@code #index}. */
  static SectionHeader read(ElfBytes bytes, long tableOffset, int index) {
    long at = headerOffset(tableOffset, index);
    String section = "#" + index;
    return new SectionHeader(
        index,
        section,
        bytes.u32(section, "header", at + TYPE_OFFSET),
        bytes.u64(section, "header", at + FLAGS_OFFSET),
        bytes.u64(section, "header", at + CONTENTS_OFFSET_OFFSET),
        bytes.u64(section, "header", at + SIZE_OFFSET),
        bytes.u32(section, "header", at + LINK_OFFSET),
        bytes.u32(section, "header", at + INFO_OFFSET),
        at);
  }

  /** sh_name of {@code header}: an index into the section-name string table. */
  static long nameIndex(ElfBytes bytes, SectionHeader header) {
    return bytes.u32("#" + header.index, "header", header.headerOffset + NAME_OFFSET);
  }

  /** This header with its name resolved. */
  SectionHeader named(String resolved) {
    return new SectionHeader(index, resolved, type, flags, offset, size, link, info, headerOffset);
  }

  /** True when the contents occupy bytes in the file. */
  public boolean hasFileBytes() {
    return type != SHT_NOBITS && type != 0;
  }

  /** True for a section of instructions. */
  public boolean isExecutable() {
    return type == SHT_PROGBITS && (flags & SHF_EXECINSTR) != 0;
  }

  /** True for a data section a program may address: allocated, not code (.data, .rodata*, .bss). */
  public boolean isData() {
    return (type == SHT_PROGBITS || type == SHT_NOBITS)
        && (flags & SHF_ALLOC) != 0
        && (flags & SHF_EXECINSTR) == 0;
  }

  /** True when programs may write the section. */
  public boolean isWritable() {
    return (flags & SHF_WRITE) != 0;
  }

  /** Fails unless the contents lie inside the file. */
  void checkContents(ElfBytes bytes) {
    if (!hasFileBytes()) {
      return;
    }
    if (offset < 0 || size < 0 || offset > bytes.length() || size > bytes.length() - offset) {
      throw new ElfFormatException(
          name,
          "header",
          headerOffset,
          "contents of "
              + Long.toUnsignedString(size)
              + " bytes at 0x"
              + Long.toHexString(offset)
              + " run past the end of the "
              + bytes.length()
              + "-byte file");
    }
  }

  @Override
  public String toString() {
    return "SectionHeader["
        + index
        + " "
        + name
        + ", type="
        + type
        + ", offset=0x"
        + Long.toHexString(offset)
        + ", size="
        + size
        + "]";
  }
}
