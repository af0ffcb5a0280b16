package org.csdlab.ebpf.elf;

import static org.csdlab.ebpf.elf.ElfWriter.exit;
import static org.csdlab.ebpf.elf.ElfWriter.legacyMap;
import static org.csdlab.ebpf.elf.ElfWriter.movR0;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.csdlab.ebpf.MemoryBudget;
import org.csdlab.ebpf.MemoryBudgetException;
import org.csdlab.ebpf.maps.MapType;
import org.junit.jupiter.api.Test;

/**
 * The memory bombs of issue 11, each a few KB of ELF that declared gigabytes: every one is refused
 * before anything is allocated, by one budget whose error names it and the biggest parts.
 */
class ElfMemoryBudgetTest {
  private static final int ARRAY = MapType.ARRAY.id();
  private static final int HASH = MapType.HASH.id();
  private static final int RINGBUF = MapType.RINGBUF.id();

  /**
   * {@code prog: r0 = 0; exit} and a legacy maps section with {@code definitions}, named m0, m1,
   * ...
   */
  private static byte[] withMaps(List<String> names, List<byte[]> definitions) {
    ElfWriter elf = new ElfWriter();
    elf.code("prog", movR0(0), exit());
    elf.legacyMaps(names, definitions);
    return elf.bytes();
  }

  private static MemoryBudgetException refused(byte[] object) {
    return assertThrows(MemoryBudgetException.class, () -> ElfObject.parse(object).program("prog"));
  }

  @Test
  void sixtyFourArrayMapsOf64MiBAreRefusedNamingTheBudget() {
    List<String> names = new ArrayList<>();
    List<byte[]> maps = new ArrayList<>();
    for (int i = 0; i < 64; i++) {
      names.add("m" + i);
      maps.add(legacyMap(ARRAY, 4, 4096, 16384)); // 64 MiB each
    }
    byte[] object = withMaps(names, maps);
    assertTrue(object.length < 4096, object.length + " bytes");
    MemoryBudgetException e = refused(object);
    assertEquals(
        "program memory 4.0 GiB exceeds the budget of 256.0 MiB (ElfLoadOptions.memoryBudgetBytes):"
            + " map 'm0' (ARRAY, 16384 entries of 4096 B) 64.0 MiB, map 'm1' (ARRAY, 16384 entries of 4096 B)"
            + " 64.0 MiB, map 'm2' (ARRAY, 16384 entries of 4096 B) 64.0 MiB, map 'm3' (ARRAY, 16384 entries of"
            + " 4096 B) 64.0 MiB, map 'm4' (ARRAY, 16384 entries of 4096 B) 64.0 MiB, and 62 more parts of 3.7 GiB",
        e.getMessage());
    assertEquals(MemoryBudget.DEFAULT_BYTES, e.limitBytes());
    assertEquals(ElfLoadOptions.MEMORY_BUDGET_SETTING, e.setting());
    assertTrue(e.requiredBytes() >= 64L * (64 << 20));
  }

  @Test
  void theBudgetIsSetInTheLoadOptions() {
    byte[] object = withMaps(List.of("one"), List.of(legacyMap(ARRAY, 4, 4096, 16384)));
    assertEquals(
        0,
        ElfObject.parse(object).program("prog").vmBuilder().build().run().r0()); // 64 MiB fits 256
    ElfObject small =
        ElfObject.parse(object, ElfLoadOptions.defaults().withMemoryBudgetBytes(32L << 20));
    MemoryBudgetException e =
        assertThrows(MemoryBudgetException.class, () -> small.program("prog"));
    assertTrue(
        e.getMessage().startsWith("program memory 64.0 MiB exceeds the budget of 32.0 MiB"),
        e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> new ElfLoadOptions(0));
  }

  @Test
  void hashMapOfTwoToThe26OneByteValuesCountsItsPerEntryCost() {
    // 64 MiB of values passed the old per-map check, then took 70 s and 1.8 GB for a 3-instruction
    // program
    MemoryBudgetException e =
        refused(withMaps(List.of("big"), List.of(legacyMap(HASH, 4, 1, 1 << 26))));
    assertEquals(
        "program memory 9.3 GiB exceeds the budget of 256.0 MiB (ElfLoadOptions.memoryBudgetBytes):"
            + " map 'big' (HASH, 67108864 entries of 1 B) 9.3 GiB, ELF file 584 B, section names 271 B, symbol names 83 B",
        e.getMessage());
  }

  @Test
  void twoRingBuffersOfOneGiBAreRefused() {
    MemoryBudgetException e =
        refused(
            withMaps(
                List.of("rb1", "rb2"),
                List.of(legacyMap(RINGBUF, 0, 0, 1 << 30), legacyMap(RINGBUF, 0, 0, 1 << 30))));
    assertTrue(
        e.getMessage()
            .startsWith(
                "program memory 6.0 GiB exceeds the budget of 256.0 MiB"
                    + " (ElfLoadOptions.memoryBudgetBytes): map 'rb1' (RINGBUF, 1.0 GiB) 3.0 GiB,"
                    + " map 'rb2' (RINGBUF, 1.0 GiB) 3.0 GiB"),
        e.getMessage());
  }

  @Test
  void maxEntriesAbove2To31IsShownUnsigned() {
    ElfFormatException e =
        assertThrows(
            ElfFormatException.class,
            () ->
                ElfObject.parse(withMaps(List.of("rb"), List.of(legacyMap(RINGBUF, 0, 0, 1 << 31))))
                    .program("prog"));
    assertTrue(
        e.getMessage()
            .endsWith(
                "map 'rb' (RINGBUF): max_entries 2147483648 is more than this VM supports"
                    + " (2147483647)"),
        e.getMessage());
    e =
        assertThrows(
            ElfFormatException.class,
            () ->
                ElfObject.parse(withMaps(List.of("h"), List.of(legacyMap(HASH, 4, 8, -1))))
                    .program("prog"));
    assertTrue(
        e.getMessage()
            .endsWith("max_entries 4294967295 is more than this VM supports (2147483647)"),
        e.getMessage());
  }

  @Test
  void fortyZeroFilledSectionsOf64MiBAreRefusedBeforeAllocating() {
    ElfWriter elf = new ElfWriter();
    List<byte[]> slots = new ArrayList<>();
    for (int i = 0; i < 40; i++) {
      byte[][] load = ElfWriter.lddwR1();
      slots.add(load[0]);
      slots.add(load[1]);
    }
    slots.add(movR0(0));
    slots.add(exit());
    int code = elf.code("prog", slots.toArray(new byte[0][]));
    for (int i = 0; i < 40; i++) {
      int bss = elf.nobits(".bss." + i, 64L << 20);
      elf.relocateLoad(code, 16L * i, elf.sectionSymbol(bss));
    }
    byte[] object = elf.bytes();
    assertTrue(object.length < 8192, object.length + " bytes");
    MemoryBudgetException e = refused(object);
    assertTrue(
        e.getMessage()
            .startsWith(
                "program memory 2.5 GiB exceeds the budget of 256.0 MiB"
                    + " (ElfLoadOptions.memoryBudgetBytes): section '.bss.0' 64.0 MiB, section '.bss.1' 64.0 MiB"),
        e.getMessage());
    assertTrue(e.getMessage().endsWith(", and 38 more parts of 2.2 GiB"), e.getMessage());
  }

  @Test
  void fortyThousandSymbolsSharingOneMegabyteNameAreRefusedWhileParsing() {
    ElfWriter elf = new ElfWriter();
    int code = elf.code("prog", movR0(0), exit());
    int name = elf.string("n".repeat(1 << 20));
    for (int i = 0; i < 40_000; i++) {
      elf.symbol(name, ElfSymbol.STT_OBJECT, code, 0, 0);
    }
    MemoryBudgetException e =
        assertThrows(MemoryBudgetException.class, () -> ElfObject.parse(elf.bytes()));
    assertEquals(
        "program memory exceeds the budget of 256.0 MiB (ElfLoadOptions.memoryBudgetBytes) before it"
            + " was all counted: symbol names 254.1 MiB, ELF file 1.9 MiB, section names 227 B",
        e.getMessage());
    assertTrue(e.requiredBytes() > e.limitBytes());
    assertEquals(false, e.counted());
  }

  @Test
  void symbolsPointingIntoOneLongNameAtEveryOffsetAreRefusedToo() {
    ElfWriter elf = new ElfWriter();
    int code = elf.code("prog", movR0(0), exit());
    int name = elf.string("n".repeat(1 << 20));
    for (int i = 0; i < 40_000; i++) {
      elf.symbol(
          name + i,
          ElfSymbol.STT_OBJECT,
          code,
          0,
          0); // distinct names, so sharing them is no remedy
    }
    assertThrows(MemoryBudgetException.class, () -> ElfObject.parse(elf.bytes()));
  }

  @Test
  void aFileOverTheBudgetIsRefusedBeforeItIsCopied() {
    ElfLoadOptions oneMiB = ElfLoadOptions.defaults().withMemoryBudgetBytes(1 << 20);
    MemoryBudgetException e =
        assertThrows(MemoryBudgetException.class, () -> ElfObject.parse(new byte[2 << 20], oneMiB));
    assertEquals(
        "program memory 2.0 MiB exceeds the budget of 1.0 MiB (ElfLoadOptions.memoryBudgetBytes):"
            + " ELF file 2.0 MiB",
        e.getMessage());
  }

  @Test
  void aSmallObjectChargesOnlyWhatItHolds() {
    LoadedProgram csd = ElfObject.parse(Clang.resource("globals.o")).program("csd");
    assertEquals(MemoryBudget.DEFAULT_BYTES, csd.memoryBudgetBytes());
    assertEquals(115, csd.vmBuilder(csd.mapSet()).build().run().r0());
  }
}
