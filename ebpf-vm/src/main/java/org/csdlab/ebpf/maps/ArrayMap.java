package org.csdlab.ebpf.maps;

/**
 * {@code BPF_MAP_TYPE_ARRAY}: a u32 index key, every entry present and zero-initialised. {@code
 * BPF_NOEXIST} fails with {@code -EEXIST}, an index past the end with {@code -E2BIG} on update
 * (lookup finds nothing), and delete with {@code -EINVAL}.
 */
public final class ArrayMap extends SlotMap {
  /** An array for {@code definition}, whose type must be {@link MapType#ARRAY}. */
  public ArrayMap(MapDefinition definition) {
    super(definition);
    if (definition.type() != MapType.ARRAY) {
      throw new IllegalArgumentException("ArrayMap needs an ARRAY definition, got " + definition);
    }
  }

  @Override
  public int size() {
    return maxEntries();
  }

  private long index(byte[] key) {
    return (key[0] & 0xffL)
        | (key[1] & 0xffL) << 8
        | (key[2] & 0xffL) << 16
        | (key[3] & 0xffL) << 24;
  }

  @Override
  int slotOf(byte[] key) {
    long index = index(key);
    return index < maxEntries() ? (int) index : -1;
  }

  @Override
  int slotForUpdate(byte[] key, long flags) {
    long index = index(key);
    if (index >= maxEntries()) {
      return -Errno.E2BIG;
    }
    if (flags == BPF_NOEXIST) {
      return -Errno.EEXIST;
    }
    return (int) index;
  }

  @Override
  public int delete(byte[] key) {
    checkKey(key);
    return -Errno.EINVAL;
  }

  /** The value at {@code index} as a little-endian u64 (the first 8 bytes, or fewer). */
  public long longAt(int index) {
    byte[] value = lookup(key(index));
    long out = 0;
    for (int i = Math.min(8, value.length) - 1; i >= 0; i--) {
      out = out << 8 | (value[i] & 0xff);
    }
    return out;
  }

  /** The 4-byte little-endian key for {@code index}. */
  public static byte[] key(int index) {
    return new byte[] {
      (byte) index, (byte) (index >>> 8), (byte) (index >>> 16), (byte) (index >>> 24)
    };
  }
}
