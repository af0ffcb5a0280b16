package org.csdlab.zns;

/**
 * Where zone data (and, for persistent storage, zone metadata) lives. Calls for one zone are
 * serialized by the caller (the zone lock); {@link #saveZone} is called with the device's resource
 * lock held.
 */
interface ZoneStorage extends AutoCloseable {
  /** Stores {@code data} at byte {@code offset} of zone {@code zone}'s writable area. */
  void write(int zone, long offset, byte[] data);

  /**
   * Copies {@code length} bytes from byte {@code offset} of zone {@code zone} into {@code dst};
   * bytes never written, and bytes past the writable capacity, read as zeros.
   */
  void read(int zone, long offset, byte[] dst, int dstOffset, int length);

  /**
   * Stores {@code length} zero bytes at byte {@code offset} of zone {@code zone}'s writable area
   * (Write Zeroes), through {@link #write} in chunks of at most {@link #ZERO_CHUNK_BYTES}, so the
   * buffer does not grow with the command.
   */
  default void writeZeroes(int zone, long offset, long length) {
    byte[] zeros = new byte[(int) Math.min(length, ZERO_CHUNK_BYTES)];
    for (long done = 0; done < length; done += zeros.length) {
      if (length - done < zeros.length) {
        zeros = new byte[(int) (length - done)];
      }
      write(zone, offset + done, zeros);
    }
  }

  /** The largest buffer of zeros {@link #writeZeroes} stores at once. */
  int ZERO_CHUNK_BYTES = 256 * 1024;

  /**
   * Bytes from zone {@code zone}'s start that hold written data (its writes are sequential, so
   * everything below is written); 0 after a reset. A Finish does not move it.
   */
  long storedBytes(int zone);

  /** Forgets all data of zone {@code zone} (a zone reset). */
  void discard(int zone);

  /** Bytes held for zone data. */
  long allocatedBytes();

  /** Records the zone's state, write pointer and extension; a no-op for volatile storage. */
  default void saveZone(ZoneSlot zone) {}

  /**
   * Puts the zones back as stored, with the spec's state after a shutdown; a no-op for volatile
   * storage.
   */
  default void loadZones(ZoneSlot[] zones, ZoneResources resources) {}

  /** Flushes everything to stable storage and releases it. */
  @Override
  default void close() {}
}
