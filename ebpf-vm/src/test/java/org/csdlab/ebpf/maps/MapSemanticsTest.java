package org.csdlab.ebpf.maps;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class MapSemanticsTest {
  static byte[] u32(int v) {
    return ArrayMap.key(v);
  }

  static byte[] u64(long v) {
    byte[] out = new byte[8];
    for (int i = 0; i < 8; i++) {
      out[i] = (byte) (v >>> (8 * i));
    }
    return out;
  }

  @Test
  void arrayValuesStartZeroAndKeepTheirIndex() {
    ArrayMap map = new ArrayMap(new MapDefinition(MapType.ARRAY, 4, 8, 4, "counts"));
    assertArrayEquals(new byte[8], map.lookup(u32(3)));
    assertNull(map.lookup(u32(4)));
    assertEquals(0, map.update(u32(2), u64(42), EbpfMap.BPF_ANY));
    assertEquals(0, map.update(u32(2), u64(43), EbpfMap.BPF_EXIST));
    assertEquals(43, map.longAt(2));
    assertEquals(4, map.size());
  }

  @Test
  void arrayRefusesNoexistOutOfRangeAndDelete() {
    ArrayMap map = new ArrayMap(new MapDefinition(MapType.ARRAY, 4, 8, 4, "counts"));
    assertEquals(-Errno.EEXIST, map.update(u32(0), u64(1), EbpfMap.BPF_NOEXIST));
    assertEquals(-Errno.E2BIG, map.update(u32(4), u64(1), EbpfMap.BPF_ANY));
    assertEquals(-Errno.EINVAL, map.delete(u32(0)));
    assertEquals(-Errno.EINVAL, map.update(u32(0), u64(1), 7));
    assertThrows(IllegalArgumentException.class, () -> map.lookup(new byte[3]));
  }

  @Test
  void hashUpdateFlags() {
    HashTableMap map = new HashTableMap(new MapDefinition(MapType.HASH, 4, 8, 2, "h"));
    assertEquals(-Errno.ENOENT, map.update(u32(1), u64(1), EbpfMap.BPF_EXIST));
    assertEquals(0, map.update(u32(1), u64(1), EbpfMap.BPF_NOEXIST));
    assertEquals(-Errno.EEXIST, map.update(u32(1), u64(2), EbpfMap.BPF_NOEXIST));
    assertEquals(0, map.update(u32(1), u64(3), EbpfMap.BPF_EXIST));
    assertArrayEquals(u64(3), map.lookup(u32(1)));
    assertEquals(0, map.update(u32(2), u64(4), EbpfMap.BPF_ANY));
    assertEquals(-Errno.E2BIG, map.update(u32(3), u64(5), EbpfMap.BPF_ANY));
    assertEquals(0, map.update(u32(2), u64(6), EbpfMap.BPF_ANY), "replacing works when full");
    assertEquals(0, map.delete(u32(1)));
    assertEquals(-Errno.ENOENT, map.delete(u32(1)));
    assertNull(map.lookup(u32(1)));
    assertEquals(0, map.update(u32(3), u64(5), EbpfMap.BPF_ANY));
    assertArrayEquals(u64(5), map.lookup(u32(3)));
    assertEquals(2, map.size());
    assertEquals("HashTableMap[h: key 4 B, value 8 B, 2/2 entries]", map.toString());
  }

  @Test
  void reusedSlotStartsZeroed() {
    HashTableMap map = new HashTableMap(new MapDefinition(MapType.HASH, 4, 8, 1, "h"));
    map.update(u32(1), u64(-1), EbpfMap.BPF_ANY);
    map.delete(u32(1));
    int slot = map.slotForUpdate(u32(2), EbpfMap.BPF_ANY);
    assertEquals(0, slot);
    assertArrayEquals(new byte[8], map.lookup(u32(2)));
  }

  @Test
  void lruEvictsLeastRecentlyUsed() {
    LruHashMap map = new LruHashMap(new MapDefinition(MapType.LRU_HASH, 4, 8, 2, "lru"));
    map.update(u32(1), u64(10), EbpfMap.BPF_ANY);
    map.update(u32(2), u64(20), EbpfMap.BPF_ANY);
    map.lookup(u32(1)); // 2 is now the least recently used
    assertEquals(0, map.update(u32(3), u64(30), EbpfMap.BPF_ANY));
    assertNull(map.lookup(u32(2)));
    assertArrayEquals(u64(10), map.lookup(u32(1)));
    assertArrayEquals(u64(30), map.lookup(u32(3)));
    assertEquals(1, map.evictions());
    assertEquals(-Errno.EEXIST, map.update(u32(3), u64(0), EbpfMap.BPF_NOEXIST));
    assertEquals(-Errno.ENOENT, map.update(u32(9), u64(0), EbpfMap.BPF_EXIST));
    assertEquals(2, map.size());
  }

  @Test
  void ringBufferKeepsOrderAndRefusesWhenFull() {
    RingBufferMap ring =
        new RingBufferMap(new MapDefinition(MapType.RINGBUF, 0, 0, 4096, "events"));
    assertEquals(0, ring.output(new byte[] {1, 2, 3}, 0));
    assertEquals(16, ring.usedBytes());
    assertEquals(0, ring.output(new byte[] {4}, 0));
    assertArrayEquals(new byte[] {1, 2, 3}, ring.poll());
    assertEquals(List.of(4), ring.records().stream().map(r -> (int) r[0]).toList());
    assertNull(ring.poll());
    assertEquals(0, ring.output(new byte[4088], 0));
    assertEquals(-Errno.EAGAIN, ring.output(new byte[1], 0));
    assertEquals(1, ring.dropped());
    ring.poll();
    assertEquals(0, ring.output(new byte[1], 0));
    assertEquals(-Errno.EINVAL, ring.update(new byte[0], new byte[0], 0));
  }

  @Test
  void definitionsAreValidated() {
    assertTrue(
        assertThrows(
                IllegalArgumentException.class,
                () -> new MapDefinition(MapType.ARRAY, 8, 8, 1, "a"))
            .getMessage()
            .contains("4-byte index"));
    assertTrue(
        assertThrows(
                IllegalArgumentException.class,
                () -> new MapDefinition(MapType.RINGBUF, 0, 0, 5000, "r"))
            .getMessage()
            .contains("power of 2"));
    assertTrue(
        assertThrows(
                IllegalArgumentException.class, () -> new MapDefinition(MapType.HASH, 4, 0, 1, "h"))
            .getMessage()
            .contains("value size"));
    assertTrue(
        assertThrows(
                IllegalArgumentException.class, () -> new MapDefinition(MapType.HASH, 4, 8, 0, "h"))
            .getMessage()
            .contains("max_entries"));
    assertTrue(
        assertThrows(IllegalArgumentException.class, () -> MapDefinition.of(99, 4, 4, 1, "x"))
            .getMessage()
            .contains("map 'x'"));
    assertTrue(
        assertThrows(
                IllegalArgumentException.class,
                () -> new MapDefinition(MapType.HASH, 4, 1 << 20, 1 << 20, "big"))
            .getMessage()
            .contains("exceed"));
  }

  @Test
  void mapSetResolvesHandles() {
    MapSet maps =
        MapSet.of(
            new MapDefinition(MapType.ARRAY, 4, 8, 1, "a"),
            new MapDefinition(MapType.RINGBUF, 0, 0, 4096, "r"));
    assertEquals(MapSet.HANDLE_BASE + 1, maps.handle("r"));
    assertEquals("r", maps.byHandle(maps.handle("r")).name());
    assertNull(maps.byHandle(0));
    assertNull(maps.byHandle(MapSet.HANDLE_BASE + 2));
    assertThrows(IllegalArgumentException.class, () -> maps.get("a", RingBufferMap.class));
    assertThrows(
        IllegalArgumentException.class,
        () ->
            MapSet.of(
                new MapDefinition(MapType.ARRAY, 4, 8, 1, "a"),
                new MapDefinition(MapType.HASH, 4, 8, 1, "a")));
  }
}
