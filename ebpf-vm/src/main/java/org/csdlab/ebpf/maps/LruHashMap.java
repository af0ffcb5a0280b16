package org.csdlab.ebpf.maps;

import java.nio.ByteBuffer;
import java.util.Iterator;
import java.util.Map;

/**
 * {@code BPF_MAP_TYPE_LRU_HASH}: a hash map that, when full, makes room for a new key by evicting
 * the least recently used entry (lookups and updates count as use).
 */
public final class LruHashMap extends HashTableMap {
  private long evictions;

  /** An LRU hash map for {@code definition}, whose type must be {@link MapType#LRU_HASH}. */
  public LruHashMap(MapDefinition definition) {
    super(definition, MapType.LRU_HASH, true);
  }

  @Override
  boolean evictOne() {
    Iterator<Map.Entry<ByteBuffer, Integer>> oldest = slots.entrySet().iterator();
    if (!oldest.hasNext()) {
      return false;
    }
    byte[] key = oldest.next().getKey().array();
    delete(key.clone());
    evictions++;
    return true;
  }

  /** Entries evicted so far. */
  public long evictions() {
    return evictions;
  }
}
