package org.csdlab.ebpf.elf;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.csdlab.ebpf.Excerpt;
import org.csdlab.ebpf.MemoryBudget;
import org.csdlab.ebpf.MemoryBudgetException;
import org.csdlab.ebpf.maps.MapDefinition;

/**
 * A relocatable ELF64 little-endian object for BPF, as {@code clang -O2 [-g] -target bpf -c} writes
 * it: its sections, symbols, functions and the relocations of its code.
 *
 * <pre>{@code
 * ElfObject object = ElfObject.read(Path.of("globals.o"));
 * LoadedProgram csd = object.program("csd");          // a section, or a function by name
 * long r0 = csd.vmBuilder().build().run().r0();
 * }</pre>
 *
 * Every problem in the file is an {@link ElfFormatException} naming the section and the offset, and
 * the work parsing does is bounded by the file's size. What a program of the object takes in memory
 * (the file, names, data sections, maps) has one budget, {@link
 * ElfLoadOptions#memoryBudgetBytes()}, checked before any of it is allocated; an object declaring
 * more is refused with a {@link MemoryBudgetException} naming the biggest parts. Sections are told
 * apart by index, since ELF lets several share a name.
 */
public final class ElfObject {
  /** How {@link #program(String)} selects a section by index: {@code #3}. */
  public static final String INDEX_PREFIX = "#";

  private final ElfBytes bytes;
  private final List<SectionHeader> sections;
  private final List<ElfSymbol> symbols;
  private final List<ElfFunction> functions;

  /** Relocations of each executable section by section index, keyed by byte offset. */
  private final Map<Integer, Map<Long, ElfRelocation>> relocations;

  /** Map definitions, read when first needed. */
  private List<ElfMap> maps;

  private final ElfLoadOptions options;

  /** How budget errors name the copy of the file the object keeps. */
  private static final String FILE_PART = "ELF file";

  /** What the file and the names read so far take; each program's budget starts with them. */
  private final MemoryBudget names;

  private ElfObject(byte[] data, ElfLoadOptions options) {
    this.options = options;
    this.names = options.newBudget().chargeAndCheck(FILE_PART, data.length);
    this.bytes = new ElfBytes(data);
    ElfHeader header = ElfHeader.read(bytes);
    this.sections = readSections(header);
    checkOverlaps(header);
    this.symbols = readSymbols();
    this.functions = findFunctions();
    this.relocations = readRelocations();
  }

  /**
   * Parses an object from its bytes (which are copied), with the {@link ElfLoadOptions#defaults()}.
   */
  public static ElfObject parse(byte[] data) {
    return parse(data, ElfLoadOptions.defaults());
  }

  /**
   * Parses an object from its bytes (which are copied).
   *
   * @throws ElfFormatException when the file is corrupt
   * @throws MemoryBudgetException when its names alone exceed the options' memory budget
   */
  public static ElfObject parse(byte[] data, ElfLoadOptions options) {
    options.newBudget().chargeAndCheck(FILE_PART, data.length); // before the copy
    return new ElfObject(data.clone(), options);
  }

  /**
   * Reads and parses the object file at {@code path}, with the {@link ElfLoadOptions#defaults()}.
   */
  public static ElfObject read(Path path) {
    return read(path, ElfLoadOptions.defaults());
  }

  /** Reads and parses the object file at {@code path}. */
  public static ElfObject read(Path path, ElfLoadOptions options) {
    // A device (/dev/zero) reads forever and a FIFO blocks: only a regular file has a size to
    // check.
    if (!Files.isRegularFile(path)) {
      throw new IllegalArgumentException(
          "ELF object "
              + Excerpt.of(path.toString())
              + " is "
              + (Files.exists(path)
                  ? "not a regular file (a directory, device, FIFO or socket)"
                  : "missing")
              + "; give the path of a .o file");
    }
    try {
      options.newBudget().chargeAndCheck(FILE_PART, Files.size(path)); // before reading it
      return new ElfObject(Files.readAllBytes(path), options);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read ELF object " + path, e);
    }
  }

  // ---- parsing ------------------------------------------------------------------------------

  private List<SectionHeader> readSections(ElfHeader header) {
    List<SectionHeader> raw = new ArrayList<>(header.sectionCount());
    for (int i = 0; i < header.sectionCount(); i++) {
      raw.add(SectionHeader.read(bytes, header.sectionHeaderOffset(), i));
    }
    SectionHeader names = raw.get(header.sectionNamesIndex());
    if (names.type() != SectionHeader.SHT_STRTAB) {
      throw new ElfFormatException(
          ElfFormatException.ELF_HEADER,
          "",
          ElfHeader.SECTION_NAMES_INDEX_OFFSET,
          "e_shstrndx names section "
              + names.index()
              + " of type "
              + names.type()
              + ", not a string table");
    }
    names.checkContents(bytes);
    List<ElfBytes.Name> sectionNames =
        new ArrayList<>(raw.size()); // all measured before any is decoded
    for (SectionHeader section : raw) {
      sectionNames.add(
          bytes.measure(
              names.name(),
              "(name of section " + section.index() + ")",
              names.offset(),
              names.size(),
              SectionHeader.nameIndex(bytes, section),
              this.names,
              "section names"));
    }
    List<SectionHeader> named = new ArrayList<>(raw.size());
    for (SectionHeader section : raw) {
      String name = bytes.decode(sectionNames.get(section.index()));
      SectionHeader resolved = section.named(section.index() == 0 ? "" : name);
      resolved.checkContents(bytes);
      named.add(resolved);
    }
    return Collections.unmodifiableList(named);
  }

  private void checkOverlaps(ElfHeader header) {
    List<SectionHeader> inFile = new ArrayList<>();
    for (SectionHeader section : sections) {
      if (section.hasFileBytes() && section.size() > 0) {
        inFile.add(section);
        if (section.offset() < ElfHeader.SIZE) {
          throw new ElfFormatException(
              section.name(),
              "header",
              section.headerOffset(),
              "contents at 0x" + Long.toHexString(section.offset()) + " overlap the ELF header");
        }
        long tableEnd =
            header.sectionHeaderOffset() + (long) header.sectionCount() * SectionHeader.SIZE;
        if (section.offset() < tableEnd
            && header.sectionHeaderOffset() < section.offset() + section.size()) {
          throw new ElfFormatException(
              section.name(),
              "header",
              section.headerOffset(),
              "contents at 0x"
                  + Long.toHexString(section.offset())
                  + " overlap the section header table");
        }
      }
    }
    inFile.sort(Comparator.comparingLong(SectionHeader::offset));
    for (int i = 1; i < inFile.size(); i++) {
      SectionHeader before = inFile.get(i - 1);
      SectionHeader after = inFile.get(i);
      if (after.offset() < before.offset() + before.size()) {
        throw new ElfFormatException(
            after.name(),
            "header",
            after.headerOffset(),
            "contents at 0x"
                + Long.toHexString(after.offset())
                + " overlap section '"
                + before.name()
                + "' (0x"
                + Long.toHexString(before.offset())
                + ", "
                + before.size()
                + " bytes)");
      }
    }
  }

  private List<ElfSymbol> readSymbols() {
    SectionHeader symtab =
        sections.stream()
            .filter(s -> s.type() == SectionHeader.SHT_SYMTAB)
            .findFirst()
            .orElse(null);
    if (symtab == null) {
      return List.of();
    }
    if (symtab.link() <= 0
        || symtab.link() >= sections.size()
        || sections.get((int) symtab.link()).type() != SectionHeader.SHT_STRTAB) {
      throw new ElfFormatException(
          symtab.name(),
          "header",
          symtab.headerOffset(),
          "sh_link " + symtab.link() + " is not the index of a string table");
    }
    if (symtab.size() % ElfSymbol.SIZE != 0) {
      throw new ElfFormatException(
          symtab.name(),
          "header",
          symtab.headerOffset(),
          "size "
              + symtab.size()
              + " is not a multiple of the "
              + ElfSymbol.SIZE
              + "-byte symbol entry");
    }
    SectionHeader strtab = sections.get((int) symtab.link());
    int count = (int) (symtab.size() / ElfSymbol.SIZE); // bounded: the table lies inside the file
    List<ElfBytes.Name> symbolNames = new ArrayList<>(count); // all measured before any is decoded
    for (int i = 0; i < count; i++) {
      symbolNames.add(ElfSymbol.measureName(bytes, symtab, strtab, i, names));
    }
    List<ElfSymbol> out = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      ElfSymbol symbol = ElfSymbol.read(bytes, symtab, i, symbolNames.get(i));
      if (symbol.type() == ElfSymbol.STT_SECTION
          && symbol.isDefined()
          && symbol.section() < sections.size()) {
        symbol = symbol.named(sections.get(symbol.section()).name());
      }
      out.add(symbol);
    }
    return Collections.unmodifiableList(out);
  }

  private List<ElfFunction> findFunctions() {
    List<ElfFunction> out = new ArrayList<>();
    for (ElfSymbol symbol : symbols) {
      if (!symbol.isFunction() || !symbol.isDefined() || symbol.section() >= sections.size()) {
        continue;
      }
      SectionHeader section = sections.get(symbol.section());
      if (section.isExecutable()) {
        out.add(
            new ElfFunction(
                symbol.name(), section.index(), section.name(), symbol.value(), symbol.size()));
      }
    }
    return Collections.unmodifiableList(out);
  }

  private Map<Integer, Map<Long, ElfRelocation>> readRelocations() {
    Map<Integer, Map<Long, ElfRelocation>> out = new HashMap<>();
    for (SectionHeader rel : sections) {
      if (rel.type() != SectionHeader.SHT_REL) {
        continue;
      }
      if (rel.info() <= 0 || rel.info() >= sections.size()) {
        throw new ElfFormatException(
            rel.name(),
            "header",
            rel.headerOffset(),
            "sh_info " + rel.info() + " is not the index of a section to relocate");
      }
      SectionHeader target = sections.get((int) rel.info());
      if (!target.isExecutable()) {
        continue; // debug and BTF sections: R_BPF_64_ABS64/ABS32, not needed to run programs
      }
      if (rel.size() % ElfRelocation.SIZE != 0) {
        throw new ElfFormatException(
            rel.name(),
            "header",
            rel.headerOffset(),
            "size "
                + rel.size()
                + " is not a multiple of the "
                + ElfRelocation.SIZE
                + "-byte relocation entry");
      }
      Map<Long, ElfRelocation> byOffset =
          out.computeIfAbsent(target.index(), k -> new LinkedHashMap<>());
      int count =
          (int) (rel.size() / ElfRelocation.SIZE); // bounded: the entries lie inside the file
      for (int i = 0; i < count; i++) {
        ElfRelocation relocation = ElfRelocation.read(bytes, rel, i);
        checkRelocation(rel, target, i, relocation);
        if (byOffset.putIfAbsent(relocation.offset(), relocation) != null) {
          throw new ElfFormatException(
              rel.name(),
              "relocation " + i,
              relocation.fileOffset(),
              "a second relocation for offset 0x"
                  + Long.toHexString(relocation.offset())
                  + " of '"
                  + target.name()
                  + "'");
        }
      }
    }
    return out;
  }

  private void checkRelocation(
      SectionHeader rel, SectionHeader target, int i, ElfRelocation relocation) {
    String part = "relocation " + i;
    if (relocation.type() != ElfRelocation.R_BPF_64_64
        && relocation.type() != ElfRelocation.R_BPF_64_32) {
      throw new ElfFormatException(
          rel.name(),
          part,
          relocation.fileOffset(),
          "relocation "
              + ElfRelocation.typeName(relocation.type())
              + " is not supported in program section '"
              + target.name()
              + "' (only R_BPF_64_64 on lddw and R_BPF_64_32 on calls)");
    }
    if (relocation.offset() < 0
        || relocation.offset() % 8 != 0
        || relocation.offset() >= target.size()) {
      throw new ElfFormatException(
          rel.name(),
          part,
          relocation.fileOffset(),
          "offset 0x"
              + Long.toHexString(relocation.offset())
              + " is not an instruction of the "
              + target.size()
              + "-byte section '"
              + target.name()
              + "'");
    }
    if (relocation.symbol() >= symbols.size()) {
      throw new ElfFormatException(
          rel.name(),
          part,
          relocation.fileOffset(),
          "symbol "
              + relocation.symbol()
              + " is not in the "
              + symbols.size()
              + "-entry symbol table");
    }
    ElfSymbol symbol = symbols.get((int) relocation.symbol());
    if (!symbol.isDefined() || symbol.section() >= sections.size()) {
      throw new ElfFormatException(
          rel.name(),
          part,
          relocation.fileOffset(),
          "symbol '"
              + symbol.name()
              + "' is not defined in this object (section index "
              + symbol.section()
              + ")");
    }
  }

  // ---- queries ------------------------------------------------------------------------------

  /** All section headers, in file order, index 0 (the null section) included. */
  public List<SectionHeader> sections() {
    return sections;
  }

  /** The symbol table; section symbols carry their section's name. */
  public List<ElfSymbol> symbols() {
    return symbols;
  }

  /** Functions ({@code STT_FUNC} symbols in executable sections). */
  public List<ElfFunction> functions() {
    return functions;
  }

  /**
   * Names of the sections with code: {@code .text} and every other executable section that is not
   * empty (clang writes an empty {@code .text} when all code is in named sections).
   */
  public List<String> programSections() {
    return sections.stream().filter(ElfObject::hasCode).map(SectionHeader::name).toList();
  }

  /**
   * How {@link #program(String)} selects each section with code: its name, or {@code #index} when
   * the name is empty or another section with code has it too.
   */
  public List<String> programSelectors() {
    List<SectionHeader> code = sections.stream().filter(ElfObject::hasCode).toList();
    return code.stream()
        .map(
            s ->
                s.name().isEmpty()
                        || code.stream().filter(o -> o.name().equals(s.name())).count() > 1
                    ? INDEX_PREFIX + s.index()
                    : s.name())
        .toList();
  }

  private static boolean hasCode(SectionHeader section) {
    return section.isExecutable() && section.size() > 0;
  }

  /**
   * The section named {@code name}.
   *
   * @throws IllegalArgumentException when there is none
   * @throws AmbiguousNameException when several sections have that name
   */
  public SectionHeader section(String name) {
    List<SectionHeader> matches =
        sections.stream().filter(s -> s.index() > 0 && s.name().equals(name)).toList();
    if (matches.size() > 1) {
      throw new AmbiguousNameException(
          name,
          matches.stream()
              .map(s -> new AmbiguousNameException.Candidate(s.index(), s.name(), null))
              .toList());
    }
    if (matches.isEmpty()) {
      throw new IllegalArgumentException("no section named '" + name + "'");
    }
    return matches.get(0);
  }

  /**
   * The program that starts at the executable section {@code selector}, or else at the function of
   * that name, with every function it calls laid out after it and its data references resolved
   * against fresh copies of the data sections. Since several sections (or static functions) may
   * share a name, {@code #3} selects section 3 by index and {@code #3:f} the function {@code f} of
   * section 3.
   *
   * @throws IllegalArgumentException when there is no such section or function
   * @throws AmbiguousNameException when several sections, or several functions, have that name
   * @throws ElfFormatException when the code or its relocations are corrupt
   * @throws MemoryBudgetException when the program's memory exceeds the budget
   */
  public LoadedProgram program(String selector) {
    List<SectionHeader> sectionMatches =
        sections.stream().filter(s -> hasCode(s) && s.name().equals(selector)).toList();
    if (sectionMatches.size() == 1) {
      return linkSection(selector, sectionMatches.get(0));
    }
    if (sectionMatches.size() > 1) {
      throw new AmbiguousNameException(
          selector,
          sectionMatches.stream()
              .map(s -> new AmbiguousNameException.Candidate(s.index(), s.name(), null))
              .toList());
    }
    List<ElfFunction> functionMatches =
        functions.stream().filter(f -> f.name().equals(selector)).toList();
    if (functionMatches.size() == 1) {
      return linkFunction(selector, functionMatches.get(0));
    }
    if (functionMatches.size() > 1) {
      throw new AmbiguousNameException(
          selector,
          functionMatches.stream()
              .map(
                  f ->
                      new AmbiguousNameException.Candidate(f.sectionIndex(), f.section(), f.name()))
              .toList());
    }
    if (selector.startsWith(INDEX_PREFIX)) {
      return programByIndex(selector);
    }
    throw new IllegalArgumentException(
        "no program section or function named '"
            + selector
            + "'; sections with code: "
            + programSections()
            + ", functions: "
            + functions.stream().map(ElfFunction::name).toList());
  }

  /** {@code #3} (section 3) or {@code #3:f} (function f of section 3). */
  private LoadedProgram programByIndex(String selector) {
    int colon = selector.indexOf(':');
    String digits =
        selector.substring(INDEX_PREFIX.length(), colon < 0 ? selector.length() : colon);
    List<String> codeSections =
        sections.stream()
            .filter(ElfObject::hasCode)
            .map(s -> INDEX_PREFIX + s.index() + " '" + s.name() + "'")
            .toList();
    int index;
    try {
      index = Integer.parseInt(digits);
    } catch (NumberFormatException e) {
      index = -1;
    }
    if (index <= 0
        || index >= sections.size()
        || !(colon < 0
            ? hasCode(sections.get(index))
            : sections
                .get(index)
                .isExecutable())) { // a function's section may be empty: the linker says so
      throw new IllegalArgumentException(
          "'"
              + selector
              + "' does not select a section with code; sections with"
              + " code: "
              + codeSections);
    }
    SectionHeader section = sections.get(index);
    if (colon < 0) {
      return linkSection(selector, section);
    }
    String function = selector.substring(colon + 1);
    return functions.stream()
        .filter(f -> f.sectionIndex() == section.index() && f.name().equals(function))
        .findFirst()
        .map(f -> linkFunction(selector, f))
        .orElseThrow(
            () ->
                new IllegalArgumentException(
                    "section "
                        + INDEX_PREFIX
                        + section.index()
                        + " '"
                        + section.name()
                        + "' has no function '"
                        + function
                        + "'; its functions: "
                        + functions.stream()
                            .filter(f -> f.sectionIndex() == section.index())
                            .map(ElfFunction::name)
                            .toList()));
  }

  private LoadedProgram linkSection(String name, SectionHeader section) {
    return new ProgramLinker(this).link(name, section, 0, section.size());
  }

  private LoadedProgram linkFunction(String name, ElfFunction function) {
    SectionHeader section = sections.get(function.sectionIndex());
    long end = function.size() == 0 ? section.size() : function.offset() + function.size();
    return new ProgramLinker(this).link(name, section, function.offset(), end);
  }

  /**
   * The maps the object defines (legacy {@code maps} section, then BTF-defined {@code .maps}), in
   * the order whose positions give the handles programs use: build them with {@code
   * MapSet.of(object.mapDefinitions())} or, for one program, {@link LoadedProgram#mapSet()}.
   *
   * @throws ElfFormatException when a definition is corrupt or not supported
   */
  public List<MapDefinition> mapDefinitions() {
    return maps().stream().map(ElfMap::definition).toList();
  }

  synchronized List<ElfMap> maps() {
    if (maps == null) {
      maps = ElfMap.read(this, bytes);
    }
    return maps;
  }

  ElfBytes bytes() {
    return bytes;
  }

  /**
   * The budget the file and names of this object (sections, symbols, BTF) are charged to as they
   * are read.
   */
  MemoryBudget names() {
    return names;
  }

  /**
   * A fresh budget for one program of this object, holding what the object's file and names take.
   */
  MemoryBudget programBudget() {
    return options.newBudget().chargeAll(names);
  }

  ElfLoadOptions options() {
    return options;
  }

  Map<Long, ElfRelocation> relocationsOf(SectionHeader section) {
    return relocations.getOrDefault(section.index(), Map.of());
  }

  /** A short summary: the sections with code and the number of functions. */
  @Override
  public String toString() {
    List<String> code = programSections();
    return "ElfObject["
        + code.size()
        + " sections with code: "
        + String.join(", ", code)
        + "; "
        + functions.size()
        + " functions]";
  }
}
