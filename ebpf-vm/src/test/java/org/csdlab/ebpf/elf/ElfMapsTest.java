package org.csdlab.ebpf.elf;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.nio.file.Path;
import java.util.List;
import org.csdlab.ebpf.Vm;
import org.csdlab.ebpf.maps.ArrayMap;
import org.csdlab.ebpf.maps.HashTableMap;
import org.csdlab.ebpf.maps.MapDefinition;
import org.csdlab.ebpf.maps.MapSet;
import org.csdlab.ebpf.maps.MapType;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Compiles {@code elf/maps.c} (maps in the legacy {@code maps} section), builds its maps, runs
 * it and reads the counts from Java.
 */
class ElfMapsTest {
    @TempDir
    Path work;

    @ParameterizedTest(name = "debug info: {0}")
    @ValueSource(booleans = {false, true})
    void programCountsIntoLegacyMaps(boolean debug) {
        ElfObject object = ElfObject.read(debug ? Clang.compile("maps.c", work, "-g")
                : Clang.compile("maps.c", work));
        assertEquals(List.of(new MapDefinition(MapType.ARRAY, 4, 8, 4, "counts"),
                new MapDefinition(MapType.HASH, 4, 8, 16, "lengths")), object.mapDefinitions());

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
}
