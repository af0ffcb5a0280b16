package org.csdlab.ebpf.elf;

import org.csdlab.ebpf.MemoryBudget;

/**
 * One 24-byte ELF64 symbol table entry, with its name resolved.
 *
 * <pre>
 *   0 st_name (u32)   4 st_info (u8: bind &lt;&lt; 4 | type)   5 st_other (u8)   6 st_shndx (u16)
 *   8 st_value (u64)  16 st_size (u64)
 * </pre>
 *
 * @param index the symbol's index in the table
 * @param name the name ("" for section symbols, which are named after their section by {@link
 *     ElfObject})
 * @param type symbol type, e.g. {@link #STT_FUNC}
 * @param bind binding (0 local, 1 global, 2 weak)
 * @param section st_shndx: the section the symbol is defined in, 0 when undefined
 * @param value st_value: offset in its section
 * @param size st_size in bytes
 */
public record ElfSymbol(
    int index, String name, int type, int bind, int section, long value, long size) {
  /** Size of one symbol entry in bytes. */
  public static final int SIZE = 24;

  /** Offset of st_name (u32). */
  public static final int NAME_OFFSET = 0;

  /** Offset of st_info (u8). */
  public static final int INFO_OFFSET = 4;

  /** Offset of st_shndx (u16). */
  public static final int SECTION_OFFSET = 6;

  /** Offset of st_value (u64). */
  public static final int VALUE_OFFSET = 8;

  /** Offset of st_size (u64). */
  public static final int SIZE_OFFSET = 16;

  /** Symbol type: data object. */
  public static final int STT_OBJECT = 1;

  /** Symbol type: function. */
  public static final int STT_FUNC = 2;

  /** Symbol type: a section. */
  public static final int STT_SECTION = 3;

  /** st_shndx of an undefined symbol. */
  public static final int SHN_UNDEF = 0;

  /** First reserved section index (SHN_LORESERVE); ABS, COMMON and others are at or above. */
  public static final int SHN_LORESERVE = 0xff00;

  /**
   * Measures the name of entry {@code index} of {@code symtab} in {@code strtab}, charging it to
   * {@code names}.
   */
  static ElfBytes.Name measureName(
      ElfBytes bytes, SectionHeader symtab, SectionHeader strtab, int index, MemoryBudget names) {
    long at = symtab.offset() + (long) index * SIZE;
    long nameIndex = bytes.u32(symtab.name(), "symbol " + index, at + NAME_OFFSET);
    return bytes.measure(
        strtab.name(),
        "(name of symbol " + index + ")",
        strtab.offset(),
        strtab.size(),
        nameIndex,
        names,
        "symbol names");
  }

  /** Reads entry {@code index} of {@code symtab}, with its {@code name} measured before. */
  static ElfSymbol read(ElfBytes bytes, SectionHeader symtab, int index, ElfBytes.Name name) {
    long at = symtab.offset() + (long) index * SIZE;
    String part = "symbol " + index;
    int info = bytes.u8(symtab.name(), part, at + INFO_OFFSET);
    int section = bytes.u16(symtab.name(), part, at + SECTION_OFFSET);
    long value = bytes.u64(symtab.name(), part, at + VALUE_OFFSET);
    long size = bytes.u64(symtab.name(), part, at + SIZE_OFFSET);
    return new ElfSymbol(index, bytes.decode(name), info & 0xf, info >>> 4, section, value, size);
  }

  /** True for a function. */
  public boolean isFunction() {
    return type == STT_FUNC;
  }

  /** True when the symbol is defined in a section of this object. */
  public boolean isDefined() {
    return section != SHN_UNDEF && section < SHN_LORESERVE;
  }

  /** This symbol under another name. */
  ElfSymbol named(String newName) {
    return new ElfSymbol(index, newName, type, bind, section, value, size);
  }
}
