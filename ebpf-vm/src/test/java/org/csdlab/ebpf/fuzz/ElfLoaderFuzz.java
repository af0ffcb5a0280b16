package org.csdlab.ebpf.fuzz;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Provide;
import org.csdlab.ebpf.MemoryBudgetException;
import org.csdlab.ebpf.VmExecutionException;
import org.csdlab.ebpf.elf.ElfFormatException;
import org.csdlab.ebpf.elf.ElfObject;
import org.csdlab.ebpf.elf.ElfRelocation;
import org.csdlab.ebpf.elf.ElfSymbol;
import org.csdlab.ebpf.elf.LoadedProgram;
import org.csdlab.ebpf.elf.SectionHeader;
import org.csdlab.ebpf.maps.MapSet;

/**
 * The ELF loader on mutated clang objects (every {@code .o} of {@code tutorials/programs} and of
 * this module's test resources): byte flips and truncations, and structure-aware overwrites of
 * section-header fields, symbols, relocations and legacy map definitions, duplicated and emptied
 * section names. Every object must parse, link each program and function, build its maps and run
 * briefly, or fail with an {@link ElfFormatException} or a {@link MemoryBudgetException} (loading)
 * or a {@link VmExecutionException} (running).
 */
class ElfLoaderFuzz {
  private static final FuzzOracle ORACLE =
      FuzzOracle.expecting(
          "elf-loader",
          ElfFormatException.class,
          MemoryBudgetException.class,
          VmExecutionException.class);
  private static final long RUN_FUEL = 5_000;
  private static final List<Seed> SEEDS = seeds();

  /** A committed object and where its structures lie. */
  record Seed(String name, byte[] bytes, List<SectionHeader> sections, List<Long> fieldOffsets) {}

  @Fuzz(tries = 1500)
  void mutatedObjects(@ForAll("mutants") byte[] object) {
    ORACLE.check(() -> FuzzOracle.hex(object), () -> load(object));
  }

  /** Parses, links every program and function, builds the maps and runs each program briefly. */
  static int load(byte[] object) {
    ElfObject elf = ElfObject.parse(object);
    // Selectors, not names: a mutated object may give several sections or functions one name.
    List<String> selectors = new ArrayList<>(elf.programSelectors());
    elf.functions().stream()
        .map(f -> ElfObject.INDEX_PREFIX + f.sectionIndex() + ":" + f.name())
        .forEach(selectors::add);
    int ran = 0;
    for (String selector : selectors) {
      LoadedProgram loaded = elf.program(selector);
      MapSet maps = loaded.mapSet();
      loaded.vmBuilder(maps).fuel(RUN_FUEL).build().run(new byte[64]);
      ran++;
    }
    return ran;
  }

  @Provide
  Arbitrary<byte[]> mutants() {
    return Arbitraries.randomValue(
        random -> {
          Seed seed = SEEDS.get(random.nextInt(SEEDS.size()));
          byte[] bytes = seed.bytes().clone();
          for (int m = 1 + random.nextInt(4); m > 0; m--) {
            bytes = mutate(random, seed, bytes);
          }
          return bytes;
        });
  }

  private static byte[] mutate(Random random, Seed seed, byte[] bytes) {
    if (bytes.length == 0) {
      return bytes; // cut to nothing by an earlier mutation
    }
    switch (random.nextInt(7)) {
      case 0 -> bytes[random.nextInt(bytes.length)] ^= (byte) (1 << random.nextInt(8));
      case 1 -> {
        return java.util.Arrays.copyOf(bytes, random.nextInt(bytes.length));
      }
      case 2, 3 ->
          overwrite(
              random, bytes, seed.fieldOffsets().get(random.nextInt(seed.fieldOffsets().size())));
      case 4 -> copyName(random, seed, bytes, false);
      case 5 -> copyName(random, seed, bytes, true);
      default -> overwrite(random, bytes, random.nextInt(64));
    }
    return bytes;
  }

  /** Gives one section the name of another (two sections, one name) or the empty name. */
  private static void copyName(Random random, Seed seed, byte[] bytes, boolean empty) {
    List<SectionHeader> code =
        seed.sections().stream()
            .filter(s -> (s.flags() & SectionHeader.SHF_EXECINSTR) != 0)
            .toList();
    List<SectionHeader> targets = code.isEmpty() ? seed.sections() : code;
    SectionHeader target = targets.get(random.nextInt(targets.size()));
    SectionHeader source = seed.sections().get(random.nextInt(seed.sections().size()));
    int nameIndex =
        empty ? 0 : (int) readU32(bytes, source.headerOffset() + SectionHeader.NAME_OFFSET);
    writeLittleEndian(bytes, target.headerOffset() + SectionHeader.NAME_OFFSET, 4, nameIndex);
  }

  /** Writes a value of 1, 2, 4 or 8 bytes at {@code at}, often an extreme or a size-like one. */
  private static void overwrite(Random random, byte[] bytes, long at) {
    int width = 1 << random.nextInt(4);
    long value =
        switch (random.nextInt(6)) {
          case 0 -> -1L;
          case 1 -> 0L;
          case 2 -> random.nextInt(bytes.length + 64);
          case 3 -> 1L << random.nextInt(40);
          case 4 -> 0x7fffffffL + random.nextInt(3) - 1;
          default -> random.nextLong();
        };
    writeLittleEndian(bytes, at, width, value);
  }

  private static void writeLittleEndian(byte[] bytes, long at, int width, long value) {
    for (int b = 0; b < width && at + b < bytes.length; b++) {
      bytes[(int) (at + b)] = (byte) (value >>> (8 * b));
    }
  }

  private static long readU32(byte[] bytes, long at) {
    long value = 0;
    for (int b = 0; b < 4 && at + b < bytes.length; b++) {
      value |= (bytes[(int) (at + b)] & 0xffL) << (8 * b);
    }
    return value;
  }

  private static List<Seed> seeds() {
    List<Path> objects = new ArrayList<>();
    for (Path dir : List.of(Path.of("../tutorials/programs"), Path.of("src/test/resources/elf"))) {
      try (Stream<Path> files = Files.list(dir)) {
        files.filter(p -> p.toString().endsWith(".o")).sorted().forEach(objects::add);
      } catch (IOException e) {
        throw new UncheckedIOException(
            "the fuzz seeds are the committed objects in " + dir.toAbsolutePath(), e);
      }
    }
    List<Seed> seeds = new ArrayList<>();
    for (Path path : objects) {
      try {
        byte[] bytes = Files.readAllBytes(path);
        ElfObject elf = ElfObject.parse(bytes);
        seeds.add(
            new Seed(path.getFileName().toString(), bytes, elf.sections(), fieldOffsets(elf)));
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return List.copyOf(seeds);
  }

  /**
   * Offsets of every section-header field, symbol field, relocation field and map-definition word.
   */
  private static List<Long> fieldOffsets(ElfObject elf) {
    List<Long> offsets = new ArrayList<>();
    long[] headerFields = {
      SectionHeader.NAME_OFFSET,
      SectionHeader.TYPE_OFFSET,
      SectionHeader.FLAGS_OFFSET,
      SectionHeader.CONTENTS_OFFSET_OFFSET,
      SectionHeader.SIZE_OFFSET,
      SectionHeader.LINK_OFFSET,
      SectionHeader.INFO_OFFSET
    };
    for (SectionHeader section : elf.sections()) {
      for (long field : headerFields) {
        offsets.add(section.headerOffset() + field);
      }
      if (section.type() == SectionHeader.SHT_SYMTAB) {
        for (long at = section.offset();
            at + ElfSymbol.SIZE <= section.offset() + section.size();
            at += ElfSymbol.SIZE) {
          for (long field :
              new long[] {
                ElfSymbol.NAME_OFFSET,
                ElfSymbol.INFO_OFFSET,
                ElfSymbol.SECTION_OFFSET,
                ElfSymbol.VALUE_OFFSET,
                ElfSymbol.SIZE_OFFSET
              }) {
            offsets.add(at + field);
          }
        }
      } else if (section.type() == SectionHeader.SHT_REL) {
        for (long at = section.offset();
            at + ElfRelocation.SIZE <= section.offset() + section.size();
            at += ElfRelocation.SIZE) {
          offsets.add(at + ElfRelocation.OFFSET_OFFSET);
          offsets.add(at + ElfRelocation.INFO_OFFSET);
          offsets.add(at + ElfRelocation.INFO_OFFSET + 4);
        }
      } else if (section.name().equals("maps")
          || section.name().equals(".maps")
          || section.name().equals(".BTF")) {
        for (long at = section.offset(); at + 4 <= section.offset() + section.size(); at += 4) {
          offsets.add(at);
        }
      }
    }
    return offsets;
  }
}
