package org.csdlab.ebpf.elf;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.csdlab.ebpf.Vm;
import org.csdlab.ebpf.maps.ArrayMap;
import org.csdlab.ebpf.maps.HashTableMap;
import org.csdlab.ebpf.maps.MapDefinition;
import org.csdlab.ebpf.maps.MapSet;
import org.csdlab.ebpf.maps.MapType;
import org.csdlab.ebpf.maps.RingBufferMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Compiles {@code elf/maps.c} (maps in the legacy {@code maps} section), builds its maps, runs it
 * and reads the counts from Java.
 */
class ElfMapsTest {
  @TempDir Path work;

  @ParameterizedTest(name = "clang flags: {0}")
  @ValueSource(strings = {"", "-g", "-DMAP_STORAGE=static", "-g -DMAP_STORAGE=static"})
  void programCountsIntoLegacyMaps(String flags) {
    ElfObject object =
        ElfObject.read(
            Clang.compile("maps.c", work, flags.isEmpty() ? new String[0] : flags.split(" ")));
    assertEquals(
        List.of(
            new MapDefinition(MapType.ARRAY, 4, 8, 4, "counts"),
            new MapDefinition(MapType.HASH, 4, 8, 16, "lengths")),
        object.mapDefinitions());

    LoadedProgram loaded = object.program("csd");
    assertEquals(object.mapDefinitions(), loaded.maps());
    MapSet maps = MapSet.of(loaded.maps());
    Vm vm = loaded.vmBuilder(maps).build();

    assertEquals(1, vm.run(new byte[] {1}).r0());
    assertEquals(1, vm.run(new byte[] {5, 0}).r0());
    assertEquals(3, vm.run(new byte[] {3, 0, 0}).r0());
    assertEquals(0, vm.run(new byte[] {4, 0}).r0());

    ArrayMap counts = maps.get("counts", ArrayMap.class);
    assertEquals(1, counts.longAt(0));
    assertEquals(2, counts.longAt(1));
    assertEquals(0, counts.longAt(2));
    assertEquals(1, counts.longAt(3));

    HashTableMap lengths = maps.get("lengths", HashTableMap.class);
    assertEquals(3, lengths.size());
    assertArrayEquals(new byte[] {1, 0, 0, 0, 0, 0, 0, 0}, lengths.lookup(ArrayMap.key(1)));
    assertArrayEquals(new byte[] {2, 0, 0, 0, 0, 0, 0, 0}, lengths.lookup(ArrayMap.key(2)));
    assertNull(lengths.lookup(ArrayMap.key(7)));
  }

  @Test
  void btfDefinedMapsAndRingBuffer() {
    ElfObject object = ElfObject.read(Clang.compile("btf_maps.c", work, "-g"));
    assertEquals(
        List.of(
            new MapDefinition(MapType.HASH, 8, 8, 32, "runs"),
            new MapDefinition(MapType.RINGBUF, 0, 0, 4096, "events")),
        object.mapDefinitions());
    LoadedProgram loaded = object.program("csd");
    MapSet maps = MapSet.of(loaded.maps());
    Vm vm = loaded.vmBuilder(maps).build();
    assertEquals(0, vm.run(new byte[3]).r0());
    assertEquals(0, vm.run(new byte[5]).r0());
    byte[] key = {1, 0, 0, 0, 2, 0, 0, 0};
    assertArrayEquals(new byte[] {2, 0, 0, 0, 0, 0, 0, 0}, maps.get("runs").lookup(key));
    List<byte[]> records = maps.get("events", RingBufferMap.class).records();
    assertEquals(2, records.size());
    assertArrayEquals(new byte[] {3, 0, 0, 0, 0, 0, 0, 0}, records.get(0));
    assertArrayEquals(new byte[] {5, 0, 0, 0, 0, 0, 0, 0}, records.get(1));
  }

  @Test
  void btfDefinedMapsNeedDebugInfo() {
    ElfObject object = ElfObject.read(Clang.compile("btf_maps.c", work));
    ElfFormatException e = assertThrows(ElfFormatException.class, object::mapDefinitions);
    assertTrue(e.getMessage().contains("compile with -g"), e.getMessage());
  }

  @Test
  void corruptBtfIsAnElfFormatException() throws Exception {
    byte[] bytes = Files.readAllBytes(Clang.compile("btf_maps.c", work, "-g"));
    SectionHeader btf = ElfObject.parse(bytes).section(".BTF");
    bytes[(int) btf.offset()] = 0; // magic
    ElfFormatException e =
        assertThrows(ElfFormatException.class, () -> ElfObject.parse(bytes).program("csd"));
    assertEquals(".BTF", e.section());
    assertTrue(e.getMessage().contains("magic 0xeb9f"), e.getMessage());
  }

  @Test
  void programWithoutMapsRunsWithAnEmptyMapSet() {
    LoadedProgram csd = ElfObject.read(Clang.compile("context.c", work)).program("csd");
    assertEquals(List.of(), csd.maps());
    assertEquals(6, csd.vmBuilder(MapSet.of(csd.maps())).build().run(new byte[] {1, 2, 3}).r0());
  }
}
