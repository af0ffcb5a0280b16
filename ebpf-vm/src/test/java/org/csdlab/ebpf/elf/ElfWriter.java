package org.csdlab.ebpf.elf;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes small relocatable BPF objects byte by byte, so that tests can build what clang never
 * writes (sections sharing a name, a code section without a name, maps declaring gigabytes,
 * thousands of symbols sharing one long name) without clang.
 *
 * <pre>{@code
 * ElfWriter elf = new ElfWriter();
 * int prog = elf.code("prog", 0xb7, 0, 0, 0, 1, 0x95, 0, 0, 0, 0);   // r0 = 1; exit
 * elf.function("f", prog, 0, 16);
 * byte[] object = elf.bytes();
 * }</pre>
 */
final class ElfWriter {
  private record Section(
      String name,
      int type,
      long flags,
      byte[] contents,
      long nobitsSize,
      int link,
      int info,
      long entrySize) {}

  private final List<Section> sections = new ArrayList<>();
  private final ByteArrayOutputStream strings = new ByteArrayOutputStream();
  private final ByteArrayOutputStream symbols = new ByteArrayOutputStream();
  private int symbolCount;
  private final Map<Integer, ByteArrayOutputStream> relocations = new LinkedHashMap<>();

  ElfWriter() {
    sections.add(new Section("", 0, 0, new byte[0], 0, 0, 0, 0));
    strings.write(0);
    symbols.writeBytes(new byte[ElfSymbol.SIZE]); // symbol 0: the null symbol
    symbolCount = 1;
  }

  /**
   * Adds an executable section of {@code slots} (each 8 bytes, as {@link #slot}); returns its
   * index.
   */
  int code(String name, byte[]... slots) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (byte[] slot : slots) {
      out.writeBytes(slot);
    }
    return section(
        name,
        SectionHeader.SHT_PROGBITS,
        SectionHeader.SHF_ALLOC | SectionHeader.SHF_EXECINSTR,
        out.toByteArray());
  }

  /** One instruction slot: opcode, dst | src << 4, offset, immediate. */
  static byte[] slot(int opcode, int dst, int src, int offset, int imm) {
    return ByteBuffer.allocate(8)
        .order(ByteOrder.LITTLE_ENDIAN)
        .put((byte) opcode)
        .put((byte) (dst | src << 4))
        .putShort((short) offset)
        .putInt(imm)
        .array();
  }

  /** {@code r0 = imm}. */
  static byte[] movR0(int imm) {
    return slot(0xb7, 0, 0, 0, imm);
  }

  /** {@code exit}. */
  static byte[] exit() {
    return slot(0x95, 0, 0, 0, 0);
  }

  /** The two slots of {@code r1 = 0 ll}, the lddw a relocation fills in. */
  static byte[][] lddwR1() {
    return new byte[][] {slot(0x18, 1, 0, 0, 0), slot(0, 0, 0, 0, 0)};
  }

  /** Adds a section with contents; returns its index. */
  int section(String name, int type, long flags, byte[] contents) {
    sections.add(new Section(name, type, flags, contents, 0, 0, 0, 0));
    return sections.size() - 1;
  }

  /** Adds a zero-filled (NOBITS) writable data section of {@code sizeBytes}; returns its index. */
  int nobits(String name, long sizeBytes) {
    sections.add(
        new Section(
            name,
            SectionHeader.SHT_NOBITS,
            SectionHeader.SHF_ALLOC | SectionHeader.SHF_WRITE,
            new byte[0],
            sizeBytes,
            0,
            0,
            0));
    return sections.size() - 1;
  }

  /** Adds {@code name} to the symbol string table; returns its offset there. */
  int string(String name) {
    int at = strings.size();
    strings.writeBytes(name.getBytes(StandardCharsets.UTF_8));
    strings.write(0);
    return at;
  }

  /** Adds a symbol whose name is at {@code nameOffset} of the string table; returns its index. */
  int symbol(int nameOffset, int type, int section, long value, long size) {
    symbols.writeBytes(
        ByteBuffer.allocate(ElfSymbol.SIZE)
            .order(ByteOrder.LITTLE_ENDIAN)
            .putInt(nameOffset)
            .put((byte) (1 << 4 | type))
            .put((byte) 0)
            .putShort((short) section)
            .putLong(value)
            .putLong(size)
            .array());
    return symbolCount++;
  }

  /** Adds a global function symbol; returns its index. */
  int function(String name, int section, long offset, long sizeBytes) {
    return symbol(string(name), ElfSymbol.STT_FUNC, section, offset, sizeBytes);
  }

  /** Adds a section symbol for {@code section}; returns its index. */
  int sectionSymbol(int section) {
    return symbol(0, ElfSymbol.STT_SECTION, section, 0, 0);
  }

  /**
   * Relocates the lddw at {@code offset} of {@code codeSection} with symbol {@code symbol}
   * (R_BPF_64_64).
   */
  void relocateLoad(int codeSection, long offset, int symbol) {
    relocations
        .computeIfAbsent(codeSection, k -> new ByteArrayOutputStream())
        .writeBytes(
            ByteBuffer.allocate(ElfRelocation.SIZE)
                .order(ByteOrder.LITTLE_ENDIAN)
                .putLong(offset)
                .putLong((long) symbol << 32 | ElfRelocation.R_BPF_64_64)
                .array());
  }

  /**
   * {@code struct bpf_map_def}: type, key size, value size, max entries (u32 each), then 4 bytes of
   * flags.
   */
  static byte[] legacyMap(int type, int keySize, int valueSize, int maxEntries) {
    return ByteBuffer.allocate(20)
        .order(ByteOrder.LITTLE_ENDIAN)
        .putInt(type)
        .putInt(keySize)
        .putInt(valueSize)
        .putInt(maxEntries)
        .putInt(0)
        .array();
  }

  /**
   * Adds a legacy {@code maps} section holding {@code definitions} (each 20 bytes, as {@link
   * #legacyMap}), named by object symbols {@code names}; returns its index.
   */
  int legacyMaps(List<String> names, List<byte[]> definitions) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    definitions.forEach(out::writeBytes);
    int maps =
        section(
            "maps",
            SectionHeader.SHT_PROGBITS,
            SectionHeader.SHF_ALLOC | SectionHeader.SHF_WRITE,
            out.toByteArray());
    for (int i = 0; i < names.size(); i++) {
      symbol(string(names.get(i)), ElfSymbol.STT_OBJECT, maps, 20L * i, 20);
    }
    return maps;
  }

  /**
   * The object: header, section contents, .strtab, .symtab, .rel sections, .shstrtab, then the
   * header table.
   */
  byte[] bytes() {
    List<Section> all = new ArrayList<>(sections);
    int strtab = all.size();
    all.add(new Section(".strtab", SectionHeader.SHT_STRTAB, 0, strings.toByteArray(), 0, 0, 0, 0));
    all.add(
        new Section(
            ".symtab",
            SectionHeader.SHT_SYMTAB,
            0,
            symbols.toByteArray(),
            0,
            strtab,
            1,
            ElfSymbol.SIZE));
    int symtab = all.size() - 1;
    relocations.forEach(
        (target, entries) ->
            all.add(
                new Section(
                    ".rel" + sections.get(target).name(),
                    SectionHeader.SHT_REL,
                    0,
                    entries.toByteArray(),
                    0,
                    symtab,
                    target,
                    ElfRelocation.SIZE)));
    ByteArrayOutputStream names = new ByteArrayOutputStream();
    names.write(0);
    int[] nameOffsets = new int[all.size() + 1];
    for (int i = 1; i < all.size(); i++) {
      nameOffsets[i] = all.get(i).name().isEmpty() ? 0 : names.size();
      names.writeBytes(all.get(i).name().getBytes(StandardCharsets.UTF_8));
      names.write(0);
    }
    nameOffsets[all.size()] = names.size();
    names.writeBytes(".shstrtab\0".getBytes(StandardCharsets.US_ASCII));
    all.add(new Section(".shstrtab", SectionHeader.SHT_STRTAB, 0, names.toByteArray(), 0, 0, 0, 0));

    ByteArrayOutputStream body = new ByteArrayOutputStream();
    body.writeBytes(new byte[ElfHeader.SIZE]);
    long[] offsets = new long[all.size()];
    for (int i = 1; i < all.size(); i++) {
      while (body.size() % 8 != 0) {
        body.write(0);
      }
      offsets[i] = body.size();
      body.writeBytes(all.get(i).contents());
    }
    while (body.size() % 8 != 0) {
      body.write(0);
    }
    long tableOffset = body.size();
    ByteBuffer table =
        ByteBuffer.allocate(all.size() * SectionHeader.SIZE).order(ByteOrder.LITTLE_ENDIAN);
    for (int i = 0; i < all.size(); i++) {
      Section s = all.get(i);
      table
          .putInt(i == 0 ? 0 : nameOffsets[i])
          .putInt(s.type())
          .putLong(s.flags())
          .putLong(0)
          .putLong(offsets[i])
          .putLong(s.type() == SectionHeader.SHT_NOBITS ? s.nobitsSize() : s.contents().length)
          .putInt(s.link())
          .putInt(s.info())
          .putLong(8)
          .putLong(s.entrySize());
    }
    body.writeBytes(table.array());
    ByteBuffer header = ByteBuffer.wrap(body.toByteArray()).order(ByteOrder.LITTLE_ENDIAN);
    header.put(0, (byte) 0x7f).put(1, (byte) 'E').put(2, (byte) 'L').put(3, (byte) 'F');
    header
        .put(ElfHeader.CLASS_OFFSET, (byte) 2)
        .put(ElfHeader.DATA_OFFSET, (byte) 1)
        .put(6, (byte) 1);
    header
        .putShort(ElfHeader.TYPE_OFFSET, (short) 1)
        .putShort(ElfHeader.MACHINE_OFFSET, (short) 247);
    header.putInt(20, 1).putLong(ElfHeader.SECTION_HEADER_OFFSET_OFFSET, tableOffset);
    header
        .putShort(52, (short) ElfHeader.SIZE)
        .putShort(ElfHeader.SECTION_HEADER_SIZE_OFFSET, (short) SectionHeader.SIZE);
    header.putShort(ElfHeader.SECTION_COUNT_OFFSET, (short) all.size());
    header.putShort(ElfHeader.SECTION_NAMES_INDEX_OFFSET, (short) (all.size() - 1));
    return header.array();
  }
}
