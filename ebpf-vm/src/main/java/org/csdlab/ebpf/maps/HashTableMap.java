package org.csdlab.ebpf.maps;

import java.nio.ByteBuffer;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code BPF_MAP_TYPE_HASH}: at most {@code max_entries} keys; a new key when full fails with
 * {@code -E2BIG}, {@code BPF_NOEXIST} on a present key with {@code -EEXIST}, {@code BPF_EXIST} on
 * an absent key with {@code -ENOENT}. A value keeps its slot while its key is present.
 */
public sealed class HashTableMap extends SlotMap permits LruHashMap {
  /** Slot of each present key, in insertion order (access order for LRU). */
  final LinkedHashMap<ByteBuffer, Integer> slots;

  /** Slots freed by deletes, reused once no slot is left unused. */
  private final Deque<Integer> free = new ArrayDeque<>();

  /** Slots from here to max_entries were never used: nothing is allocated per entry up front. */
  private int neverUsed;

  /** A hash map for {@code definition}, whose type must be {@link MapType#HASH}. */
  public HashTableMap(MapDefinition definition) {
    this(definition, MapType.HASH, false);
  }

  HashTableMap(MapDefinition definition, MapType expected, boolean accessOrder) {
    super(definition);
    if (definition.type() != expected) {
      throw new IllegalArgumentException(
          getClass().getSimpleName() + " needs a " + expected + " definition, got " + definition);
    }
    this.slots = new LinkedHashMap<>(16, 0.75f, accessOrder);
  }

  static ByteBuffer keyOf(byte[] key) {
    return ByteBuffer.wrap(key.clone());
  }

  @Override
  public synchronized int size() {
    return slots.size();
  }

  @Override
  int slotOf(byte[] key) {
    Integer slot = slots.get(keyOf(key));
    return slot == null ? -1 : slot;
  }

  @Override
  int slotForUpdate(byte[] key, long flags) {
    ByteBuffer k = keyOf(key);
    Integer slot = slots.get(k);
    if (slot != null) {
      return flags == BPF_NOEXIST ? -Errno.EEXIST : slot;
    }
    if (flags == BPF_EXIST) {
      return -Errno.ENOENT;
    }
    if (free.isEmpty() && neverUsed == maxEntries() && !evictOne()) {
      return -Errno.E2BIG;
    }
    int fresh =
        neverUsed < maxEntries()
            ? neverUsed++
            : free.removeFirst(); // the order a full free list had
    clearSlot(fresh);
    slots.put(k, fresh);
    return fresh;
  }

  /** Frees one slot when full; a plain hash map never evicts. */
  boolean evictOne() {
    return false;
  }

  @Override
  public synchronized int delete(byte[] key) {
    checkKey(key);
    Integer slot = slots.remove(keyOf(key));
    if (slot == null) {
      return -Errno.ENOENT;
    }
    free.addLast(slot);
    return 0;
  }

  /** Copies of the present keys, oldest first (least recently used first for LRU). */
  public synchronized List<byte[]> keys() {
    List<byte[]> out = new ArrayList<>();
    for (ByteBuffer k : slots.keySet()) {
      out.add(k.array().clone());
    }
    return out;
  }

  /** Copies of every entry. */
  public synchronized Map<ByteBuffer, byte[]> entries() {
    Map<ByteBuffer, byte[]> out = new LinkedHashMap<>();
    for (Map.Entry<ByteBuffer, Integer> e : slots.entrySet()) {
      int at = e.getValue() * valueSize();
      out.put(
          ByteBuffer.wrap(e.getKey().array().clone()).asReadOnlyBuffer(),
          Arrays.copyOfRange(storage(), at, at + valueSize()));
    }
    return out;
  }
}
