package org.csdlab.ebpf.maps;

import java.util.Arrays;

/**
 * A map whose values live in one VM memory region, {@code map:<name>}: entry slot {@code i} holds
 * its value at offset {@code i × valueSize}. A program's {@code map_lookup_elem} gets the address
 * of that slot, so its stores through the pointer are what Java reads back.
 */
public abstract sealed class SlotMap implements EbpfMap permits ArrayMap, HashTableMap {
  private final MapDefinition definition;
  private final byte[] values;

  SlotMap(MapDefinition definition) {
    this.definition = definition;
    this.values = new byte[definition.valueSize() * definition.maxEntries()];
  }

  @Override
  public MapDefinition definition() {
    return definition;
  }

  /** The name of the memory region that holds the values. */
  public String regionName() {
    return "map:" + definition.name();
  }

  /** The value storage, used in place as the region's bytes. */
  byte[] storage() {
    return values;
  }

  /** The slot of {@code key}, or -1 when absent; marks the entry used (for LRU). */
  abstract int slotOf(byte[] key);

  /** The slot to write {@code key}'s value into under {@code flags}, or a negated errno. */
  abstract int slotForUpdate(byte[] key, long flags);

  @Override
  public synchronized byte[] lookup(byte[] key) {
    checkKey(key);
    int slot = slotOf(key);
    if (slot < 0) {
      return null;
    }
    int at = slot * valueSize();
    return Arrays.copyOfRange(values, at, at + valueSize());
  }

  @Override
  public synchronized int update(byte[] key, byte[] value, long flags) {
    checkKey(key);
    if (value == null || value.length != valueSize()) {
      throw new IllegalArgumentException(
          this
              + ": value must be "
              + valueSize()
              + " bytes, got "
              + (value == null ? "null" : value.length));
    }
    if (flags != BPF_ANY && flags != BPF_NOEXIST && flags != BPF_EXIST) {
      return -Errno.EINVAL;
    }
    int slot = slotForUpdate(key, flags);
    if (slot >= 0) {
      System.arraycopy(value, 0, values, slot * valueSize(), valueSize());
      return 0;
    }
    return slot;
  }

  void checkKey(byte[] key) {
    if (key == null || key.length != keySize()) {
      throw new IllegalArgumentException(
          this
              + ": key must be "
              + keySize()
              + " bytes, got "
              + (key == null ? "null" : key.length));
    }
  }

  /** Zeroes a freed slot so a reused slot starts clean. */
  void clearSlot(int slot) {
    Arrays.fill(values, slot * valueSize(), (slot + 1) * valueSize(), (byte) 0);
  }

  /** As {@code HashTableMap[counts: key 4 B, value 8 B, 3/1024 entries]}. */
  @Override
  public String toString() {
    return getClass().getSimpleName()
        + "["
        + name()
        + ": key "
        + keySize()
        + " B, value "
        + valueSize()
        + " B, "
        + size()
        + "/"
        + maxEntries()
        + " entries]";
  }
}
