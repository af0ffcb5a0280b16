package org.csdlab.ebpf.elf;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.csdlab.ebpf.Instruction;
import org.csdlab.ebpf.MemoryBudget;
import org.csdlab.ebpf.Program;
import org.csdlab.ebpf.ProgramFormatException;
import org.csdlab.ebpf.maps.MapDefinition;
import org.csdlab.ebpf.maps.MapSet;

/**
 * Builds one {@link LoadedProgram}: copies the entry code, then every function it calls (in this or
 * another section) after it, rewriting {@code R_BPF_64_32} calls to relative slot offsets and
 * {@code R_BPF_64_64} lddw instructions to the VM addresses of data regions.
 *
 * <p>The code is laid out in chunks: the entry (a section or a function), then one chunk per called
 * function not laid out yet. A chunk is a byte range of one section. The work is bounded by {@link
 * Program#MAX_SLOTS}.
 */
final class ProgramLinker {
  private static final int CALL_OPCODE = 0x85;

  private record Chunk(SectionHeader section, long start, long end, int baseSlot) {
    int slots() {
      return (int) ((end - start) / Instruction.SLOT_BYTES);
    }
  }

  private final ElfObject object;
  private final ElfBytes bytes;
  private final List<Chunk> chunks = new ArrayList<>();

  /** Global slot of each laid-out instruction, keyed by section index << 40 | byte offset. */
  private final Map<Long, Integer> slotOf = new HashMap<>();

  private final List<SectionHeader> regionSections = new ArrayList<>();
  private int totalSlots;

  ProgramLinker(ElfObject object) {
    this.object = object;
    this.bytes = object.bytes();
  }

  LoadedProgram link(String name, SectionHeader section, long start, long end) {
    add(section, start, end);
    List<byte[]> code = new ArrayList<>();
    for (int i = 0; i < chunks.size(); i++) { // chunks grows while calls are resolved
      code.add(relocate(chunks.get(i)));
    }
    byte[] all = new byte[totalSlots * Instruction.SLOT_BYTES];
    int at = 0;
    for (byte[] chunk : code) {
      System.arraycopy(chunk, 0, all, at, chunk.length);
      at += chunk.length;
    }
    Program program;
    try {
      program = Program.decode(all);
    } catch (ProgramFormatException e) {
      throw located(e);
    }
    List<MapDefinition> maps = object.mapDefinitions();
    MemoryBudget budget = object.programBudget();
    for (SectionHeader data : regionSections) {
      checkRegionSize(data);
      budget.charge("section '" + regionName(data) + "'", data.size());
    }
    MapSet.charge(budget, maps).check();
    List<DataRegion> regions = new ArrayList<>();
    for (SectionHeader data : regionSections) {
      regions.add(region(data));
    }
    return new LoadedProgram(name, program, regions, maps, object.options().memoryBudgetBytes());
  }

  private int add(SectionHeader section, long start, long end) {
    if (start < 0 || end > section.size() || start >= end) {
      throw new ElfFormatException(
          section.name(),
          "header",
          section.headerOffset(),
          "code range 0x"
              + Long.toHexString(start)
              + "..0x"
              + Long.toHexString(end)
              + " is empty or outside the "
              + section.size()
              + "-byte section");
    }
    if (start % Instruction.SLOT_BYTES != 0 || (end - start) % Instruction.SLOT_BYTES != 0) {
      throw new ElfFormatException(
          section.name(),
          "",
          section.offset() + start,
          "code range 0x"
              + Long.toHexString(start)
              + "..0x"
              + Long.toHexString(end)
              + " is not made of whole 8-byte slots");
    }
    long slots = (end - start) / Instruction.SLOT_BYTES;
    if (totalSlots + slots > Program.MAX_SLOTS) {
      throw new ElfFormatException(
          section.name(),
          "",
          section.offset() + start,
          "the program would exceed " + Program.MAX_SLOTS + " slots");
    }
    Chunk chunk = new Chunk(section, start, end, totalSlots);
    chunks.add(chunk);
    for (int s = 0; s < slots; s++) {
      slotOf.putIfAbsent(key(section, start + (long) s * Instruction.SLOT_BYTES), totalSlots + s);
    }
    totalSlots += (int) slots;
    return chunk.baseSlot();
  }

  private static long key(SectionHeader section, long offset) {
    return ((long) section.index() << 40) | offset;
  }

  private byte[] relocate(Chunk chunk) {
    SectionHeader section = chunk.section();
    byte[] code = bytes.copy(section.offset() + chunk.start(), (int) (chunk.end() - chunk.start()));
    Map<Long, ElfRelocation> relocations = object.relocationsOf(section);
    int slots = chunk.slots();
    for (int s = 0; s < slots; s++) {
      long offset = chunk.start() + (long) s * Instruction.SLOT_BYTES;
      int at = s * Instruction.SLOT_BYTES;
      int opcode = code[at] & 0xff;
      ElfRelocation relocation = relocations.get(offset);
      if (relocation != null && relocation.type() == ElfRelocation.R_BPF_64_64) {
        resolveLoad(chunk, code, s, relocation);
      } else if (relocation != null) {
        resolveCall(chunk, code, s, relocation);
      } else if (opcode == CALL_OPCODE && (code[at + 1] >>> 4 & 0xf) == Instruction.CALL_LOCAL) {
        long target = offset + ((long) readInt(code, at + 4) + 1) * Instruction.SLOT_BYTES;
        writeInt(code, at + 4, relative(chunk, s, section, target, offset));
      }
      if (opcode == Instruction.LDDW_OPCODE) {
        if (s + 1 < slots && relocations.containsKey(offset + Instruction.SLOT_BYTES)) {
          throw new ElfFormatException(
              section.name(),
              "",
              section.offset() + offset + 8,
              "a relocation applies to the second slot of the lddw at offset 0x"
                  + Long.toHexString(offset));
        }
        s++;
      }
    }
    return code;
  }

  private void resolveLoad(Chunk chunk, byte[] code, int s, ElfRelocation relocation) {
    SectionHeader section = chunk.section();
    int at = s * Instruction.SLOT_BYTES;
    long offset = chunk.start() + at;
    int opcode = code[at] & 0xff;
    if (opcode != Instruction.LDDW_OPCODE || s + 1 >= chunk.slots()) {
      throw new ElfFormatException(
          section.name(),
          "",
          section.offset() + offset,
          "R_BPF_64_64 expects a whole "
              + "lddw (opcode 0x18) at offset 0x"
              + Long.toHexString(offset)
              + " but finds opcode 0x"
              + Integer.toHexString(opcode)
              + (opcode == Instruction.LDDW_OPCODE ? " in the last slot" : ""));
    }
    ElfSymbol symbol = object.symbols().get((int) relocation.symbol());
    SectionHeader target = object.sections().get(symbol.section());
    long addend = (readInt(code, at + 4) & 0xffffffffL) | ((long) readInt(code, at + 12) << 32);
    if (isMapSection(target)) {
      long handle = mapHandle(section, offset, symbol, target, addend);
      code[at + 1] &= 0x0f; // src = 0: a plain 64-bit constant, the map's handle
      writeInt(code, at + 4, (int) handle);
      writeInt(code, at + 12, (int) (handle >>> 32));
      return;
    }
    if (!target.isData()) {
      throw new ElfFormatException(
          section.name(),
          "",
          section.offset() + offset,
          "lddw at offset 0x"
              + Long.toHexString(offset)
              + " loads the address of '"
              + symbol.name()
              + "' in section '"
              + target.name()
              + "', which is not a data section (.data, .rodata*, .bss)");
    }
    long address = LoadedProgram.regionAddress(regionIndex(target)) + symbol.value() + addend;
    code[at + 1] &= 0x0f; // src = 0: a plain 64-bit constant
    writeInt(code, at + 4, (int) address);
    writeInt(code, at + 12, (int) (address >>> 32));
  }

  private void resolveCall(Chunk chunk, byte[] code, int s, ElfRelocation relocation) {
    SectionHeader section = chunk.section();
    int at = s * Instruction.SLOT_BYTES;
    long offset = chunk.start() + at;
    int opcode = code[at] & 0xff;
    int src = code[at + 1] >>> 4 & 0xf;
    if (opcode != CALL_OPCODE || src != Instruction.CALL_LOCAL) {
      throw new ElfFormatException(
          section.name(),
          "",
          section.offset() + offset,
          "R_BPF_64_32 expects a "
              + "bpf-to-bpf call (opcode 0x85, src 1) at offset 0x"
              + Long.toHexString(offset)
              + " but finds opcode 0x"
              + Integer.toHexString(opcode)
              + ", src "
              + src);
    }
    ElfSymbol symbol = object.symbols().get((int) relocation.symbol());
    SectionHeader target = object.sections().get(symbol.section());
    if (!target.isExecutable()) {
      throw new ElfFormatException(
          section.name(),
          "",
          section.offset() + offset,
          "call at offset 0x"
              + Long.toHexString(offset)
              + " goes to '"
              + symbol.name()
              + "' in section '"
              + target.name()
              + "', which holds no code");
    }
    long targetOffset =
        symbol.value() + ((long) readInt(code, at + 4) + 1) * Instruction.SLOT_BYTES;
    writeInt(code, at + 4, relative(chunk, s, target, targetOffset, offset));
  }

  /**
   * The call immediate from slot {@code s} of {@code chunk} to {@code targetOffset} of {@code
   * target}.
   */
  private int relative(
      Chunk chunk, int s, SectionHeader target, long targetOffset, long callOffset) {
    if (targetOffset < 0
        || targetOffset >= target.size()
        || targetOffset % Instruction.SLOT_BYTES != 0) {
      throw new ElfFormatException(
          chunk.section().name(),
          "",
          chunk.section().offset() + callOffset,
          "call at offset 0x"
              + Long.toHexString(callOffset)
              + " goes to offset 0x"
              + Long.toHexString(targetOffset)
              + ", not an instruction of the "
              + target.size()
              + "-byte section '"
              + target.name()
              + "'");
    }
    Integer slot = slotOf.get(key(target, targetOffset));
    if (slot == null) {
      slot = layOutFunctionAt(target, targetOffset);
    }
    return slot - (chunk.baseSlot() + s + 1);
  }

  /**
   * Lays out the function of {@code section} that holds {@code offset}; returns that offset's slot.
   */
  private int layOutFunctionAt(SectionHeader section, long offset) {
    long start = offset;
    long end = section.size();
    for (ElfSymbol symbol : object.symbols()) {
      if (symbol.isFunction()
          && symbol.section() == section.index()
          && symbol.size() > 0
          && symbol.value() <= offset
          && offset - symbol.value() < symbol.size()
          && symbol.value() + symbol.size() <= section.size()) {
        start = symbol.value();
        end = symbol.value() + symbol.size();
        break;
      }
    }
    return add(section, start, end) + (int) ((offset - start) / Instruction.SLOT_BYTES);
  }

  /** The handle of the map whose definition starts at {@code symbol + addend} in {@code target}. */
  private long mapHandle(
      SectionHeader section, long offset, ElfSymbol symbol, SectionHeader target, long addend) {
    List<ElfMap> maps = object.maps();
    long mapOffset = symbol.value() + addend;
    for (int i = 0; i < maps.size(); i++) {
      if (maps.get(i).section() == target.index() && maps.get(i).offset() == mapOffset) {
        return MapSet.handleOf(i);
      }
    }
    throw new ElfFormatException(
        section.name(),
        "",
        section.offset() + offset,
        "lddw at offset 0x"
            + Long.toHexString(offset)
            + " refers to '"
            + symbol.name()
            + "'"
            + (addend == 0 ? "" : " + " + addend)
            + " in section '"
            + target.name()
            + "', which is not the start of a map definition"
            + (ElfMap.isBtfSection(target) ? " (BTF-defined maps are not supported yet)" : ""));
  }

  /** The legacy {@code maps} section ({@code struct bpf_map_def}) and BTF-defined {@code .maps}. */
  private static boolean isMapSection(SectionHeader section) {
    return section.name().equals("maps")
        || section.name().startsWith("maps/")
        || section.name().equals(".maps");
  }

  private int regionIndex(SectionHeader data) {
    int index = regionSections.indexOf(data);
    if (index < 0) {
      regionSections.add(data);
      index = regionSections.size() - 1;
    }
    return index;
  }

  /**
   * The section's name, with its index when another section has the same name (VM regions need
   * unique names).
   */
  private String regionName(SectionHeader data) {
    boolean shared =
        object.sections().stream()
            .anyMatch(s -> s.index() != data.index() && s.name().equals(data.name()));
    return shared ? data.name() + ElfObject.INDEX_PREFIX + data.index() : data.name();
  }

  /** Zero-filled sections have no bytes in the file, so nothing else bounds their size. */
  private static void checkRegionSize(SectionHeader data) {
    if (data.size() < 0 || data.size() > MemoryBudget.MAX_ARRAY_BYTES) {
      throw new ElfFormatException(
          data.name(),
          "header",
          data.headerOffset(),
          "size "
              + Long.toUnsignedString(data.size())
              + " exceeds "
              + MemoryBudget.MAX_ARRAY_BYTES
              + " bytes, the most one region can hold");
    }
  }

  /** A fresh copy of a data section, whose size the budget has allowed. */
  private DataRegion region(SectionHeader data) {
    if (data.type() == SectionHeader.SHT_NOBITS) {
      return new DataRegion(regionName(data), new byte[(int) data.size()], data.isWritable());
    }
    return new DataRegion(
        regionName(data), bytes.copy(data.offset(), (int) data.size()), data.isWritable());
  }

  private ElfFormatException located(ProgramFormatException e) {
    Chunk chunk = chunks.get(chunks.size() - 1);
    for (Chunk candidate : chunks) {
      if (e.index() >= candidate.baseSlot()
          && e.index() < candidate.baseSlot() + candidate.slots()) {
        chunk = candidate;
        break;
      }
    }
    long offset = chunk.start() + (long) (e.index() - chunk.baseSlot()) * Instruction.SLOT_BYTES;
    return new ElfFormatException(
        chunk.section().name(),
        "",
        chunk.section().offset() + Math.max(0, offset),
        "the code at offset 0x"
            + Long.toHexString(offset)
            + " is not a valid program: "
            + e.getMessage(),
        e);
  }

  private static int readInt(byte[] code, int at) {
    return (code[at] & 0xff)
        | (code[at + 1] & 0xff) << 8
        | (code[at + 2] & 0xff) << 16
        | code[at + 3] << 24;
  }

  private static void writeInt(byte[] code, int at, int value) {
    code[at] = (byte) value;
    code[at + 1] = (byte) (value >>> 8);
    code[at + 2] = (byte) (value >>> 16);
    code[at + 3] = (byte) (value >>> 24);
  }
}
