package org.csdlab.ebpf.elf;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.csdlab.ebpf.maps.MapDefinition;

/**
 * A map an object defines: where its definition lies and what it says.
 *
 * @param section index of the section holding the definition
 * @param offset byte offset of the definition in that section
 * @param definition the map's definition
 */
record ElfMap(int section, long offset, MapDefinition definition) {
  /**
   * Bytes of the fields of {@code struct bpf_map_def} read: type, key_size, value_size,
   * max_entries.
   */
  static final int LEGACY_MIN_BYTES = 16;

  /** True for the legacy {@code maps} (or {@code maps/...}) section. */
  static boolean isLegacySection(SectionHeader section) {
    return section.name().equals("maps") || section.name().startsWith("maps/");
  }

  /** True for the BTF-defined {@code .maps} section. */
  static boolean isBtfSection(SectionHeader section) {
    return section.name().equals(".maps");
  }

  /**
   * The maps of {@code object}: legacy definitions, then BTF-defined ones, each by section and
   * offset.
   */
  static List<ElfMap> read(ElfObject object, ElfBytes bytes) {
    List<ElfMap> out = new ArrayList<>();
    for (SectionHeader section : object.sections()) {
      if (isLegacySection(section)) {
        readLegacy(object, bytes, section, out);
      }
    }
    for (SectionHeader section : object.sections()) {
      if (isBtfSection(section)) {
        out.addAll(BtfMaps.read(object, bytes, section));
      }
    }
    out.sort(
        Comparator.comparingInt(
                (ElfMap m) -> isBtfSection(object.sections().get(m.section())) ? 1 : 0)
            .thenComparingInt(ElfMap::section)
            .thenComparingLong(ElfMap::offset));
    Set<String> names = new HashSet<>();
    for (ElfMap map : out) {
      if (!names.add(map.definition().name())) {
        SectionHeader section = object.sections().get(map.section());
        throw new ElfFormatException(
            section.name(),
            "map '" + map.definition().name() + "'",
            section.offset() + map.offset(),
            "two maps are named '" + map.definition().name() + "'");
      }
    }
    return List.copyOf(out);
  }

  private static void readLegacy(
      ElfObject object, ElfBytes bytes, SectionHeader section, List<ElfMap> out) {
    for (ElfSymbol symbol : object.symbols()) {
      if (!symbol.isDefined()
          || symbol.section() != section.index()
          || symbol.type() == ElfSymbol.STT_SECTION
          || symbol.type() == ElfSymbol.STT_FUNC
          || symbol.name().isEmpty()) {
        continue;
      }
      String part = "map '" + symbol.name() + "'";
      if (!section.hasFileBytes()) {
        throw new ElfFormatException(
            section.name(),
            part,
            section.headerOffset(),
            "the map section has no "
                + "contents (type "
                + section.type()
                + "), so map '"
                + symbol.name()
                + "' has no definition");
      }
      if (symbol.value() < 0
          || symbol.value() > section.size() - LEGACY_MIN_BYTES
          || (symbol.size() != 0 && symbol.size() < LEGACY_MIN_BYTES)) {
        throw new ElfFormatException(
            section.name(),
            part,
            section.offset(),
            "map '"
                + symbol.name()
                + "' at offset 0x"
                + Long.toHexString(symbol.value())
                + " ("
                + symbol.size()
                + " bytes) is not a whole struct bpf_map_def (at least "
                + LEGACY_MIN_BYTES
                + " bytes) inside the "
                + section.size()
                + "-byte section");
      }
      long at = section.offset() + symbol.value();
      long type = bytes.u32(section.name(), part, at);
      long keySize = bytes.u32(section.name(), part, at + 4);
      long valueSize = bytes.u32(section.name(), part, at + 8);
      long maxEntries = bytes.u32(section.name(), part, at + 12);
      try {
        out.add(
            new ElfMap(
                section.index(),
                symbol.value(),
                MapDefinition.of(type, keySize, valueSize, maxEntries, symbol.name())));
      } catch (IllegalArgumentException e) {
        throw new ElfFormatException(section.name(), part, at, e.getMessage(), e);
      }
    }
  }
}
