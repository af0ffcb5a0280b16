package org.csdlab.ebpf.maps;

/**
 * What a program declares about one map, as {@code struct bpf_map_def} or a BTF-defined map.
 * The constructor checks the sizes against the type, with a message naming the map.
 *
 * @param type       the map type
 * @param keySize    key bytes (4 for arrays, 0 for ring buffers)
 * @param valueSize  value bytes (0 for ring buffers)
 * @param maxEntries entries (for ring buffers: the data size in bytes, a power-of-2 multiple of 4096)
 * @param name       the map's name (its symbol in an ELF object)
 */
public record MapDefinition(MapType type, int keySize, int valueSize, int maxEntries, String name) {
    /** The most bytes one map's value storage may take. */
    public static final long MAX_VALUE_BYTES = 64L << 20;
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
            throw new IllegalArgumentException(what + "max_entries must be positive, got "
                    + Integer.toUnsignedString(maxEntries));
        }
        if (type == MapType.RINGBUF) {
            if (keySize != 0 || valueSize != 0) {
                throw new IllegalArgumentException(what + "a ring buffer has key size 0 and value size 0, got "
                        + keySize + " and " + valueSize);
            }
            if (maxEntries % PAGE_SIZE != 0 || Integer.bitCount(maxEntries) != 1) {
                throw new IllegalArgumentException(what + "ring buffer size " + maxEntries
                        + " is not a power of 2 multiple of " + PAGE_SIZE);
            }
        } else {
            if (type == MapType.ARRAY && keySize != 4) {
                throw new IllegalArgumentException(what + "an array's key is a 4-byte index, got key size "
                        + keySize);
            }
            if (keySize <= 0 || keySize > MAX_KEY_SIZE) {
                throw new IllegalArgumentException(what + "key size must be 1.." + MAX_KEY_SIZE + ", got " + keySize);
            }
            if (valueSize <= 0) {
                throw new IllegalArgumentException(what + "value size must be positive, got " + valueSize);
            }
            if ((long) valueSize * maxEntries > MAX_VALUE_BYTES) {
                throw new IllegalArgumentException(what + maxEntries + " entries of " + valueSize + " bytes exceed "
                        + MAX_VALUE_BYTES + " bytes of value storage");
            }
        }
    }

    /** A definition of the kernel type numbered {@code type}. */
    public static MapDefinition of(long type, long keySize, long valueSize, long maxEntries, String name) {
        MapType mapType;
        try {
            mapType = MapType.of(type);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("map '" + name + "': " + e.getMessage(), e);
        }
        return new MapDefinition(mapType, clamp(keySize), clamp(valueSize), clamp(maxEntries), name);
    }

    private static int clamp(long value) {
        return value < 0 || value > Integer.MAX_VALUE ? -1 : (int) value;
    }
}
