package org.csdlab.ebpf.maps;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.csdlab.ebpf.MemoryBudgetException;
import org.junit.jupiter.api.Test;

/**
 * Maps built from Java are held to a memory budget at their real per-entry cost, checked before
 * building.
 */
class MapBudgetTest {
  @Test
  void hashMapCostCountsKeysAndPerEntryOverhead() {
    MapDefinition hash = new MapDefinition(MapType.HASH, 4, 1, 1 << 26, "big");
    assertEquals(
        (1L << 26) * (4 + 1 + MapDefinition.HASH_ENTRY_OVERHEAD_BYTES), hash.memoryBytes());
    assertEquals(4096L * 16, new MapDefinition(MapType.ARRAY, 4, 16, 4096, "a").memoryBytes());
    assertEquals(3L << 20, new MapDefinition(MapType.RINGBUF, 0, 0, 1 << 20, "rb").memoryBytes());
  }

  @Test
  void mapSetRefusesDefinitionsOverTheBudgetNamingTheSetting() {
    MemoryBudgetException e =
        assertThrows(
            MemoryBudgetException.class,
            () -> MapSet.of(new MapDefinition(MapType.HASH, 4, 1, 1 << 26, "big")));
    assertEquals(
        "program memory 9.3 GiB exceeds the budget of 256.0 MiB (MapSet.of(definitions,"
            + " memoryBudgetBytes)): map 'big' (HASH, 67108864 entries of 1 B) 9.3 GiB",
        e.getMessage());
    assertEquals(
        1,
        MapSet.of(List.of(new MapDefinition(MapType.ARRAY, 4, 8, 1024, "a")), 1 << 20)
            .maps()
            .size());
    assertThrows(
        MemoryBudgetException.class,
        () -> MapSet.of(List.of(new MapDefinition(MapType.ARRAY, 4, 8, 1024, "a")), 4096));
  }

  @Test
  void hashMapHandsOutUnusedSlotsInOrderThenFreedOnes() {
    HashTableMap map = new HashTableMap(new MapDefinition(MapType.HASH, 4, 8, 3, "h"));
    byte[] value = new byte[8];
    for (int k = 0; k < 3; k++) {
      assertEquals(0, map.update(ArrayMap.key(k), value, EbpfMap.BPF_ANY));
      assertEquals(k, map.slotOf(ArrayMap.key(k)));
    }
    assertEquals(-Errno.E2BIG, map.update(ArrayMap.key(9), value, EbpfMap.BPF_ANY));
    assertEquals(0, map.delete(ArrayMap.key(1)));
    assertEquals(0, map.update(ArrayMap.key(9), value, EbpfMap.BPF_ANY));
    assertEquals(1, map.slotOf(ArrayMap.key(9)));
  }
}
