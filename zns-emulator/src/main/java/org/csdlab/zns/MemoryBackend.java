package org.csdlab.zns;

import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Zone data held on the heap, sparsely: a zone gets storage in chunks only as it is written, and
 * gives it back when reset. Calls for one zone must be serialized by the caller (the zone lock).
 *
 * <p>Chunks of a reset zone go to a pool of at most one zone's worth, so that a zone written again
 * does not allocate and zero its memory anew (that halved append bandwidth). Reused chunks keep old
 * bytes; reads return zeros past each zone's written extent, which is where they could show.
 */
final class MemoryBackend implements ZoneStorage {
  static final int CHUNK_BYTES = 256 * 1024;

  private final byte[][][] chunks;
  private final long zoneCapacityBytes;
  private final int chunksPerZone;
  private final AtomicLong allocatedBytes = new AtomicLong();

  /** Bytes written from each zone's start; zone writes are sequential, so all below is data. */
  private final long[] writtenExtent;

  private final ConcurrentLinkedDeque<byte[]> pool = new ConcurrentLinkedDeque<>();

  MemoryBackend(Geometry geometry) {
    this.chunks = new byte[geometry.zoneCount()][][];
    this.zoneCapacityBytes = geometry.zoneCapacityBytes();
    this.chunksPerZone = (int) ((zoneCapacityBytes + CHUNK_BYTES - 1) / CHUNK_BYTES);
    this.writtenExtent = new long[geometry.zoneCount()];
    allocatedBytes.addAndGet(8L * chunks.length);
  }

  /** Heap bytes held for zone data and chunk tables. */
  @Override
  public long allocatedBytes() {
    return allocatedBytes.get();
  }

  /** Stores {@code data} at byte {@code offset} of zone {@code zone}'s writable area. */
  @Override
  public void write(int zone, long offset, byte[] data) {
    byte[][] table = chunks[zone];
    if (table == null) {
      table = new byte[chunksPerZone][];
      chunks[zone] = table;
      allocatedBytes.addAndGet(8L * chunksPerZone);
    }
    int done = 0;
    while (done < data.length) {
      long at = offset + done;
      int index = (int) (at / CHUNK_BYTES);
      int within = (int) (at % CHUNK_BYTES);
      byte[] chunk = table[index];
      if (chunk == null) {
        chunk =
            newChunk((int) Math.min(CHUNK_BYTES, zoneCapacityBytes - (long) index * CHUNK_BYTES));
        java.util.Arrays.fill(
            chunk, 0, within, (byte) 0); // a pooled chunk's old bytes below the write
        table[index] = chunk;
        allocatedBytes.addAndGet(chunk.length);
      }
      int n = Math.min(chunk.length - within, data.length - done);
      System.arraycopy(data, done, chunk, within, n);
      done += n;
    }
    writtenExtent[zone] = Math.max(writtenExtent[zone], offset + data.length);
  }

  private byte[] newChunk(int length) {
    byte[] pooled = length == CHUNK_BYTES ? pool.pollFirst() : null;
    return pooled != null ? pooled : new byte[length];
  }

  /**
   * Copies {@code length} bytes from byte {@code offset} of zone {@code zone} into {@code dst};
   * bytes never written, and bytes past the writable capacity, read as zeros.
   */
  @Override
  public void read(int zone, long offset, byte[] dst, int dstOffset, int length) {
    byte[][] table = chunks[zone];
    long extent = writtenExtent[zone];
    int done = 0;
    while (done < length) {
      long at = offset + done;
      if (at >= extent) {
        java.util.Arrays.fill(dst, dstOffset + done, dstOffset + length, (byte) 0);
        return;
      }
      int index = (int) (at / CHUNK_BYTES);
      int within = (int) (at % CHUNK_BYTES);
      byte[] chunk = table == null ? null : table[index];
      int chunkLength = (int) Math.min(CHUNK_BYTES, zoneCapacityBytes - (long) index * CHUNK_BYTES);
      int n = (int) Math.min(Math.min(chunkLength - within, length - done), extent - at);
      if (chunk == null) {
        java.util.Arrays.fill(dst, dstOffset + done, dstOffset + done + n, (byte) 0);
      } else {
        System.arraycopy(chunk, within, dst, dstOffset + done, n);
      }
      done += n;
    }
  }

  @Override
  public long storedBytes(int zone) {
    return writtenExtent[zone];
  }

  /** Forgets all data of zone {@code zone}. */
  @Override
  public void discard(int zone) {
    byte[][] table = chunks[zone];
    if (table == null) {
      return;
    }
    long freed = 8L * table.length;
    for (byte[] chunk : table) {
      if (chunk != null) {
        freed += chunk.length;
        if (chunk.length == CHUNK_BYTES && pool.size() < chunksPerZone) {
          pool.addFirst(chunk);
        }
      }
    }
    chunks[zone] = null;
    writtenExtent[zone] = 0;
    allocatedBytes.addAndGet(-freed);
  }

  @Override
  public String toString() {
    return "MemoryBackend["
        + allocatedBytes()
        + " bytes allocated, "
        + pool.size()
        + " chunks pooled]";
  }
}
