package org.csdlab.ebpf.elf;

/**
 * A function of an ELF object: an {@code STT_FUNC} symbol in an executable section.
 *
 * @param name the symbol's name
 * @param sectionIndex the index of the section that holds its code (names need not be unique)
 * @param section the name of that section
 * @param offset byte offset of its first instruction in that section
 * @param size its size in bytes (0 when the symbol does not say)
 */
public record ElfFunction(String name, int sectionIndex, String section, long offset, long size) {
  @Override
  public String toString() {
    return name
        + "[#"
        + sectionIndex
        + " "
        + section
        + "+0x"
        + Long.toHexString(offset)
        + ", "
        + size
        + " bytes]";
  }
}
