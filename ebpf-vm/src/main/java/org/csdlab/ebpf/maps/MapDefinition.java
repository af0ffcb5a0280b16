package org.csdlab.ebpf.maps;

import org.csdlab.ebpf.MemoryBudget;

/**
 * What a program declares about one map, as {@code struct bpf_map_def} or a BTF-defined map. The
 * constructor checks the sizes against the type, with a message naming the map; what the map would
 * cost the JVM is {@link #memoryBytes()}, which a {@link MemoryBudget} checks before the map is
 * built.
 *
 * @param type the map type
 * @param keySize key bytes (4 for arrays, 0 for ring buffers)
 * @param valueSize value bytes (0 for ring buffers)
 * @param maxEntries entries (for ring buffers: the data size in bytes, a power-of-2 multiple of
 *     4096)
 * @param name the map's name (its symbol in an ELF object)
 */
public record MapDefinition(MapType type, int keySize, int valueSize, int maxEntries, String name) {
  /**
   * JVM bytes a hash map holds per present entry besides its key and value: the {@code
   * LinkedHashMap} entry (40), the key's {@code ByteBuffer} (56) and array header (16), the boxed
   * slot (16), and table and free-list references (16).
   */
  public static final long HASH_ENTRY_OVERHEAD_BYTES = 144;

  /**
   * JVM bytes per byte of ring buffer capacity in the worst case: an empty record takes 8 bytes of
   * the ring but 24 in the JVM (its array header and queue reference).
   */
  public static final long RINGBUF_BYTES_PER_CAPACITY_BYTE = 3;

  /** The largest key. */
  public static final int MAX_KEY_SIZE = 512;

  /** The ring buffer page size its data size must be a multiple of. */
  public static final int PAGE_SIZE = 4096;

  /** Validates the definition. */
  public MapDefinition {
    if (name == null || name.isBlank()) {
      throw new IllegalArgumentException("a map needs a name");
    }
    String what = "map '" + name + "' (" + type + "): ";
    if (type == null) {
      throw new IllegalArgumentException("map '" + name + "' needs a type");
    }
    if (maxEntries <= 0) {
      throw new IllegalArgumentException(what + "max_entries must be positive, got " + maxEntries);
    }
    if (type == MapType.RINGBUF) {
      if (keySize != 0 || valueSize != 0) {
        throw new IllegalArgumentException(
            what
                + "a ring buffer has key size 0 and value size 0, got "
                + keySize
                + " and "
                + valueSize);
      }
      if (maxEntries % PAGE_SIZE != 0 || Integer.bitCount(maxEntries) != 1) {
        throw new IllegalArgumentException(
            what
                + "ring buffer size "
                + maxEntries
                + " is not a power of 2 multiple of "
                + PAGE_SIZE);
      }
    } else {
      if (type == MapType.ARRAY && keySize != 4) {
        throw new IllegalArgumentException(
            what + "an array's key is a 4-byte index, got key size " + keySize);
      }
      if (keySize <= 0 || keySize > MAX_KEY_SIZE) {
        throw new IllegalArgumentException(
            what + "key size must be 1.." + MAX_KEY_SIZE + ", got " + keySize);
      }
      if (valueSize <= 0) {
        throw new IllegalArgumentException(what + "value size must be positive, got " + valueSize);
      }
      if ((long) valueSize * maxEntries > MemoryBudget.MAX_ARRAY_BYTES) {
        throw new IllegalArgumentException(
            what
                + maxEntries
                + " entries of "
                + valueSize
                + " bytes exceed "
                + MemoryBudget.MAX_ARRAY_BYTES
                + " bytes, the most one value store can hold");
      }
    }
  }

  /**
   * The bytes this map would make the JVM hold when full: value storage (allocated when the map is
   * built) plus, for hash maps, each entry's key and {@link #HASH_ENTRY_OVERHEAD_BYTES}; for ring
   * buffers, {@link #RINGBUF_BYTES_PER_CAPACITY_BYTE} per byte of capacity.
   */
  public long memoryBytes() {
    return switch (type) {
      case ARRAY -> (long) valueSize * maxEntries;
      case HASH, LRU_HASH -> (long) maxEntries * (valueSize + keySize + HASH_ENTRY_OVERHEAD_BYTES);
      case RINGBUF -> (long) maxEntries * RINGBUF_BYTES_PER_CAPACITY_BYTE;
    };
  }

  /** As {@code map 'counts' (HASH, 1024 entries)}: how budget errors name the map. */
  public String describe() {
    return "map '"
        + name
        + "' ("
        + type
        + (type == MapType.RINGBUF
            ? ", " + MemoryBudget.format(maxEntries)
            : ", " + maxEntries + " entries of " + valueSize + " B")
        + ")";
  }

  /** A definition of the kernel type numbered {@code type}. */
  public static MapDefinition of(
      long type, long keySize, long valueSize, long maxEntries, String name) {
    MapType mapType;
    try {
      mapType = MapType.of(type);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("map '" + name + "': " + e.getMessage(), e);
    }
    return new MapDefinition(
        mapType,
        field(keySize, "key_size", name, mapType),
        field(valueSize, "value_size", name, mapType),
        field(maxEntries, "max_entries", name, mapType),
        name);
  }

  /**
   * A u32 field as an int, refusing values above {@link Integer#MAX_VALUE} with their unsigned
   * value.
   */
  private static int field(long value, String field, String name, MapType type) {
    if (value < 0 || value > Integer.MAX_VALUE) {
      throw new IllegalArgumentException(
          "map '"
              + name
              + "' ("
              + type
              + "): "
              + field
              + " "
              + Long.toUnsignedString(value)
              + " is more than this VM supports ("
              + Integer.MAX_VALUE
              + ")");
    }
    return (int) value;
  }
}
