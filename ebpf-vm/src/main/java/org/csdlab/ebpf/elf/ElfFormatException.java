package org.csdlab.ebpf.elf;

import org.csdlab.ebpf.EbpfException;

/**
 * An ELF object that cannot be loaded: truncated or corrupt headers, a section that runs past the
 * end of the file, an unknown relocation type, a missing symbol. Names the section (or {@value
 * #ELF_HEADER}) and the byte offset in the file where the problem was found, e.g. {@code section
 * '.text' header at offset 0x1c0: size 4096 runs past the end of the 2048-byte file}.
 */
public final class ElfFormatException extends EbpfException {
  private static final long serialVersionUID = 1L;

  /** The {@link #section()} of errors in the ELF file header itself. */
  public static final String ELF_HEADER = "ELF header";

  private final String section;
  private final long offset;
  private final String detail;

  /**
   * An error in {@code section} ({@value #ELF_HEADER} for the file header).
   *
   * @param section the section's name, or {@value #ELF_HEADER}
   * @param part what in the section, e.g. {@code header} or {@code relocation 3}; may be empty
   * @param offset byte offset in the file
   * @param detail what is wrong
   */
  public ElfFormatException(String section, String part, long offset, String detail) {
    this(section, part, offset, detail, null);
  }

  /** As {@link #ElfFormatException(String, String, long, String)}, caused by {@code cause}. */
  public ElfFormatException(
      String section, String part, long offset, String detail, Throwable cause) {
    super(place(section, part) + " at offset 0x" + Long.toHexString(offset) + ": " + detail, cause);
    this.section = section;
    this.offset = offset;
    this.detail = detail;
  }

  private static String place(String section, String part) {
    String where = ELF_HEADER.equals(section) ? ELF_HEADER : "section '" + section + "'";
    return part == null || part.isEmpty() ? where : where + " " + part;
  }

  /** The section's name, or {@value #ELF_HEADER}. */
  public String section() {
    return section;
  }

  /** Byte offset in the file where the problem was found. */
  public long offset() {
    return offset;
  }

  /** What was wrong, without the place. */
  public String detail() {
    return detail;
  }
}
