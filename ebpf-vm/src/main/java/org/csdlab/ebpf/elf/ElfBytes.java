package org.csdlab.ebpf.elf;

import java.nio.charset.StandardCharsets;
import org.csdlab.ebpf.MemoryBudget;

/**
 * Bounds-checked little-endian reads from the bytes of an ELF file. Every read names the section
 * and part it reads for, so that a read past the end becomes an {@link ElfFormatException} that
 * says where.
 */
final class ElfBytes {
  /** JVM bytes of a String besides its characters: the object and its array's header. */
  static final long STRING_OVERHEAD_BYTES = 40;

  private final byte[] bytes;

  ElfBytes(byte[] bytes) {
    this.bytes = bytes;
  }

  int length() {
    return bytes.length;
  }

  /** Fails unless {@code [offset, offset + size)} lies inside the file. */
  void check(String section, String part, long offset, long size, String what) {
    if (offset < 0 || size < 0 || offset > bytes.length || size > bytes.length - offset) {
      throw new ElfFormatException(
          section,
          part,
          offset,
          what
              + " of "
              + Long.toUnsignedString(size)
              + " bytes at 0x"
              + Long.toHexString(offset)
              + " runs past the end of the "
              + bytes.length
              + "-byte file");
    }
  }

  int u8(String section, String part, long offset) {
    check(section, part, offset, 1, "field");
    return bytes[(int) offset] & 0xff;
  }

  int u16(String section, String part, long offset) {
    check(section, part, offset, 2, "field");
    int at = (int) offset;
    return (bytes[at] & 0xff) | (bytes[at + 1] & 0xff) << 8;
  }

  long u32(String section, String part, long offset) {
    check(section, part, offset, 4, "field");
    return raw32((int) offset) & 0xffffffffL;
  }

  long u64(String section, String part, long offset) {
    check(section, part, offset, 8, "field");
    int at = (int) offset;
    return (raw32(at) & 0xffffffffL) | ((long) raw32(at + 4) << 32);
  }

  private int raw32(int at) {
    return (bytes[at] & 0xff)
        | (bytes[at + 1] & 0xff) << 8
        | (bytes[at + 2] & 0xff) << 16
        | bytes[at + 3] << 24;
  }

  /** A copy of {@code size} bytes at {@code offset}, which the caller has checked. */
  byte[] copy(long offset, int size) {
    byte[] out = new byte[size];
    System.arraycopy(bytes, (int) offset, out, 0, size);
    return out;
  }

  /** Where a NUL-terminated name lies in the file, measured and charged but not decoded yet. */
  record Name(int start, int length) {}

  /**
   * The NUL-terminated string at {@code index} of the string table that occupies {@code
   * [tableOffset, tableOffset + tableSize)} in the file, charged to {@code budgetPart} of {@code
   * budget} before it is made.
   */
  String string(
      String section,
      String part,
      long tableOffset,
      long tableSize,
      long index,
      MemoryBudget budget,
      String budgetPart) {
    return decode(measure(section, part, tableOffset, tableSize, index, budget, budgetPart));
  }

  /**
   * Finds the end of the NUL-terminated string at {@code index} of the string table that occupies
   * {@code [tableOffset, tableOffset + tableSize)} in the file and charges what its String will
   * take to {@code budgetPart} of {@code budget}, allocating nothing: measure every name of a table
   * first, then {@link #decode} them. Many entries may point into one long name, so the search for
   * its end stops where the name alone would exceed what is left of the budget: all searches
   * together read at most the budget's bytes.
   */
  Name measure(
      String section,
      String part,
      long tableOffset,
      long tableSize,
      long index,
      MemoryBudget budget,
      String budgetPart) {
    if (index < 0 || index >= tableSize) {
      throw new ElfFormatException(
          section,
          part,
          tableOffset,
          "name index " + index + " is outside the " + tableSize + "-byte string table");
    }
    int start = (int) (tableOffset + index);
    int end = (int) (tableOffset + tableSize);
    long affordable = Math.max(0, budget.remainingBytes() - STRING_OVERHEAD_BYTES);
    int searchEnd = (int) Math.min(end, start + affordable + 1);
    for (int at = start; at < searchEnd; at++) {
      if (bytes[at] == 0) {
        budget.chargeAndCheck(budgetPart, at - start + STRING_OVERHEAD_BYTES);
        return new Name(start, at - start);
      }
    }
    if (searchEnd < end) {
      budget.chargeCountedSoFarAndFail(budgetPart, searchEnd - start + STRING_OVERHEAD_BYTES);
    }
    throw new ElfFormatException(
        section,
        part,
        start,
        "name at index " + index + " is not NUL-terminated inside its string table");
  }

  /** The string a {@link #measure} found. */
  String decode(Name name) {
    return new String(bytes, name.start(), name.length(), StandardCharsets.UTF_8);
  }
}
