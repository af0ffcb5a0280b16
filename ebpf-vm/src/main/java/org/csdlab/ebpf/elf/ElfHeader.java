package org.csdlab.ebpf.elf;

import static org.csdlab.ebpf.elf.ElfFormatException.ELF_HEADER;

/**
 * The 64-byte file header of a relocatable ELF64 little-endian object for BPF.
 *
 * <pre>
 *    0  e_ident: 7f 'E' 'L' 'F', class (2 = 64-bit), data (1 = little-endian), version, padding
 *   16  e_type      (u16, 1 = ET_REL)      18  e_machine  (u16, 247 = EM_BPF)
 *   20  e_version   (u32)                  24  e_entry    (u64)
 *   32  e_phoff     (u64)                  40  e_shoff    (u64): section header table
 *   48  e_flags     (u32)                  52  e_ehsize   (u16)
 *   54  e_phentsize (u16)                  56  e_phnum    (u16)
 *   58  e_shentsize (u16, 64)              60  e_shnum    (u16)
 *   62  e_shstrndx  (u16): index of the section-name string table
 * </pre>
 *
 * @param sectionHeaderOffset e_shoff: file offset of the section header table
 * @param sectionCount e_shnum: number of section headers
 * @param sectionNamesIndex e_shstrndx: index of the section-name string table
 */
public record ElfHeader(long sectionHeaderOffset, int sectionCount, int sectionNamesIndex) {
  /** Size of the header in bytes. */
  public static final int SIZE = 64;

  /** Offset of the class byte (2 = 64-bit). */
  public static final int CLASS_OFFSET = 4;

  /** Offset of the data-encoding byte (1 = little-endian). */
  public static final int DATA_OFFSET = 5;

  /** Offset of e_type (u16). */
  public static final int TYPE_OFFSET = 16;

  /** Offset of e_machine (u16). */
  public static final int MACHINE_OFFSET = 18;

  /** Offset of e_shoff (u64). */
  public static final int SECTION_HEADER_OFFSET_OFFSET = 40;

  /** Offset of e_shentsize (u16). */
  public static final int SECTION_HEADER_SIZE_OFFSET = 58;

  /** Offset of e_shnum (u16). */
  public static final int SECTION_COUNT_OFFSET = 60;

  /** Offset of e_shstrndx (u16). */
  public static final int SECTION_NAMES_INDEX_OFFSET = 62;

  /** ELFCLASS64. */
  public static final int CLASS_64 = 2;

  /** ELFDATA2LSB. */
  public static final int DATA_LITTLE_ENDIAN = 1;

  /** ET_REL: a relocatable object. */
  public static final int TYPE_RELOCATABLE = 1;

  /** EM_BPF. */
  public static final int MACHINE_BPF = 247;

  private static final byte[] MAGIC = {0x7f, 'E', 'L', 'F'};

  /**
   * Reads and checks the header: magic, 64-bit, little-endian, relocatable, EM_BPF, table bounds.
   */
  static ElfHeader read(ElfBytes bytes) {
    bytes.check(ELF_HEADER, "", 0, SIZE, "the ELF header");
    for (int i = 0; i < MAGIC.length; i++) {
      if (bytes.u8(ELF_HEADER, "", i) != (MAGIC[i] & 0xff)) {
        throw new ElfFormatException(
            ELF_HEADER, "", i, "not an ELF file (the magic bytes are not 7f 45 4c 46)");
      }
    }
    expect(bytes.u8(ELF_HEADER, "", CLASS_OFFSET), CLASS_64, CLASS_OFFSET, "class", "64-bit");
    expect(
        bytes.u8(ELF_HEADER, "", DATA_OFFSET),
        DATA_LITTLE_ENDIAN,
        DATA_OFFSET,
        "data encoding",
        "little-endian");
    expect(
        bytes.u16(ELF_HEADER, "", TYPE_OFFSET), TYPE_RELOCATABLE, TYPE_OFFSET, "e_type", "ET_REL");
    expect(
        bytes.u16(ELF_HEADER, "", MACHINE_OFFSET),
        MACHINE_BPF,
        MACHINE_OFFSET,
        "e_machine",
        "EM_BPF");
    expect(
        bytes.u16(ELF_HEADER, "", SECTION_HEADER_SIZE_OFFSET),
        SectionHeader.SIZE,
        SECTION_HEADER_SIZE_OFFSET,
        "e_shentsize",
        "the size of an ELF64 section header");
    long tableOffset = bytes.u64(ELF_HEADER, "", SECTION_HEADER_OFFSET_OFFSET);
    int count = bytes.u16(ELF_HEADER, "", SECTION_COUNT_OFFSET);
    int namesIndex = bytes.u16(ELF_HEADER, "", SECTION_NAMES_INDEX_OFFSET);
    if (count == 0) {
      throw new ElfFormatException(
          ELF_HEADER, "", SECTION_COUNT_OFFSET, "e_shnum is 0: the object has no sections");
    }
    if (tableOffset < SIZE
        || tableOffset > bytes.length()
        || (long) count * SectionHeader.SIZE > bytes.length() - tableOffset) {
      throw new ElfFormatException(
          ELF_HEADER,
          "",
          SECTION_HEADER_OFFSET_OFFSET,
          "section header table of "
              + count
              + " entries at 0x"
              + Long.toHexString(tableOffset)
              + " lies outside the "
              + bytes.length()
              + "-byte file");
    }
    if (namesIndex >= count) {
      throw new ElfFormatException(
          ELF_HEADER,
          "",
          SECTION_NAMES_INDEX_OFFSET,
          "e_shstrndx " + namesIndex + " is not one of the " + count + " sections");
    }
    return new ElfHeader(tableOffset, count, namesIndex);
  }

  private static void expect(int actual, int expected, int offset, String field, String meaning) {
    if (actual != expected) {
      throw new ElfFormatException(
          ELF_HEADER,
          "",
          offset,
          field + " is " + actual + ", expected " + expected + " (" + meaning + ")");
    }
  }
}
