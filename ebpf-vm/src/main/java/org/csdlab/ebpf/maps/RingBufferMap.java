package org.csdlab.ebpf.maps;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/**
 * {@code BPF_MAP_TYPE_RINGBUF}: programs append records with {@code ringbuf_output}; the host
 * consumes them in order with {@link #poll()} or {@link #records()}. Each record takes an 8-byte
 * header plus its data rounded up to 8 bytes, as in the kernel; a record that does not fit in the
 * space not yet consumed is refused with {@code -EAGAIN}.
 */
public final class RingBufferMap implements EbpfMap {
  /** Bytes of the kernel's per-record header. */
  public static final int HEADER_BYTES = 8;

  private final MapDefinition definition;
  private final Deque<byte[]> pending = new ArrayDeque<>();
  private long usedBytes;
  private long dropped;

  /** A ring buffer for {@code definition}, whose type must be {@link MapType#RINGBUF}. */
  public RingBufferMap(MapDefinition definition) {
    if (definition.type() != MapType.RINGBUF) {
      throw new IllegalArgumentException(
          "RingBufferMap needs a RINGBUF definition, got " + definition);
    }
    this.definition = definition;
  }

  @Override
  public MapDefinition definition() {
    return definition;
  }

  /** Data bytes (max_entries). */
  public int capacity() {
    return definition.maxEntries();
  }

  static long footprint(int length) {
    return HEADER_BYTES + ((length + 7L) & ~7L);
  }

  /**
   * Appends a copy of {@code data}; 0, or {@code -EAGAIN} when there is no room, {@code -EINVAL}
   * for flags.
   */
  public synchronized int output(byte[] data, long flags) {
    if (flags != 0 && flags != 1 && flags != 2) { // BPF_RB_NO_WAKEUP, BPF_RB_FORCE_WAKEUP
      return -Errno.EINVAL;
    }
    long needed = footprint(data.length);
    if (usedBytes + needed > capacity()) {
      dropped++;
      return -Errno.EAGAIN;
    }
    pending.addLast(data.clone());
    usedBytes += needed;
    return 0;
  }

  /** The oldest record not consumed yet, removing it; null when there is none. */
  public synchronized byte[] poll() {
    byte[] record = pending.pollFirst();
    if (record != null) {
      usedBytes -= footprint(record.length);
    }
    return record;
  }

  /** Every record not consumed yet, oldest first, consuming them. */
  public synchronized List<byte[]> records() {
    List<byte[]> out = new ArrayList<>();
    for (byte[] record = poll(); record != null; record = poll()) {
      out.add(record);
    }
    return out;
  }

  /** Bytes taken by records not consumed yet, headers included. */
  public synchronized long usedBytes() {
    return usedBytes;
  }

  /** Records refused for lack of room so far. */
  public long dropped() {
    return dropped;
  }

  /** Records not consumed yet. */
  @Override
  public synchronized int size() {
    return pending.size();
  }

  /** Ring buffers have no keys: always null. */
  @Override
  public byte[] lookup(byte[] key) {
    return null;
  }

  /** Ring buffers have no keys: always {@code -EINVAL}. */
  @Override
  public int update(byte[] key, byte[] value, long flags) {
    return -Errno.EINVAL;
  }

  /** Ring buffers have no keys: always {@code -EINVAL}. */
  @Override
  public int delete(byte[] key) {
    return -Errno.EINVAL;
  }

  /** As {@code RingBufferMap[events: 4096 B, 2 records pending, 48 B used]}. */
  @Override
  public String toString() {
    return "RingBufferMap["
        + name()
        + ": "
        + capacity()
        + " B, "
        + pending.size()
        + " records pending, "
        + usedBytes
        + " B used]";
  }
}
