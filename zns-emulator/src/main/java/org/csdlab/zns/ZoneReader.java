package org.csdlab.zns;

/**
 * The read path: splits a range at zone boundaries, refuses a range that crosses one unless the
 * device reads across zone boundaries (RAZB), and per zone checks Offline, injected media errors
 * and, with DULBE enabled, blocks never written; then copies the data. The whole range is checked
 * before any zone's data is copied.
 */
final class ZoneReader {
  private final ZoneSlot[] zones;
  private final Geometry geometry;
  private final ZoneStorage backend;
  private final Faults faults;
  private final boolean readAcrossZoneBoundaries;
  private final boolean deallocatedErrors;

  ZoneReader(
      ZoneSlot[] zones,
      Geometry geometry,
      ZoneStorage backend,
      Faults faults,
      boolean readAcrossZoneBoundaries,
      boolean deallocatedErrors) {
    this.zones = zones;
    this.geometry = geometry;
    this.backend = backend;
    this.faults = faults;
    this.readAcrossZoneBoundaries = readAcrossZoneBoundaries;
    this.deallocatedErrors = deallocatedErrors;
  }

  /**
   * Copies {@code blocks} blocks from {@code lba} (a range already checked to lie on the device)
   * into {@code out} at {@code offset}.
   */
  void read(long lba, int blocks, byte[] out, int offset) {
    int first = geometry.zoneOf(lba);
    int last = geometry.zoneOf(lba + blocks - 1);
    if (first != last && !readAcrossZoneBoundaries) {
      ZoneSlot zone = zones[first];
      throw ZnsException.refuse(
          StatusCode.ZONE_BOUNDARY_ERROR,
          "read",
          zone,
          "read from zone "
              + zone.id
              + ": "
              + blocks
              + " blocks at lba "
              + lba
              + " cross the zone boundary at lba "
              + (zone.startLba + zone.sizeBlocks)
              + " into zone "
              + (first + 1)
              + "; the device does not read across zone boundaries (RAZB is off), so read each"
              + " zone separately");
    }
    // lock every zone of the range in order, so the range is checked and read as one command
    for (int z = first; z <= last; z++) {
      zones[z].lock.lock();
    }
    try {
      long end = lba + blocks;
      for (long at = lba; at < end; ) {
        ZoneSlot zone = zones[geometry.zoneOf(at)];
        long n = Math.min(end, zone.startLba + zone.sizeBlocks) - at;
        check(zone, at, n);
        at += n;
      }
      int blockSize = geometry.blockSizeBytes();
      for (long at = lba; at < end; ) {
        ZoneSlot zone = zones[geometry.zoneOf(at)];
        long n = Math.min(end, zone.startLba + zone.sizeBlocks) - at;
        backend.read(
            zone.id,
            (at - zone.startLba) * blockSize,
            out,
            offset + (int) ((at - lba) * blockSize),
            (int) (n * blockSize));
        at += n;
      }
    } finally {
      for (int z = last; z >= first; z--) {
        zones[z].lock.unlock();
      }
    }
  }

  /** Refuses a read of {@code n} blocks from {@code at} in {@code zone}, if it must fail. */
  private void check(ZoneSlot zone, long at, long n) {
    if (zone.state == ZoneState.OFFLINE) {
      throw ZnsException.refuse(
          StatusCode.ZONE_IS_OFFLINE,
          "read",
          zone,
          "read from zone " + zone.id + ": the zone is OFFLINE and cannot be read");
    }
    long bad = faults.firstUnreadable(at, n);
    if (bad >= 0) {
      throw ZnsException.refuse(
          StatusCode.UNRECOVERED_READ_ERROR,
          "read",
          zone,
          "read from zone " + zone.id + ": lba " + bad + " cannot be read (injected media error)");
    }
    if (deallocatedErrors) {
      long writtenEnd = zone.startLba + backend.storedBytes(zone.id) / geometry.blockSizeBytes();
      if (at + n > writtenEnd) {
        long unwritten = Math.max(at, writtenEnd);
        throw ZnsException.refuse(
            StatusCode.DEALLOCATED_OR_UNWRITTEN_BLOCK,
            "read",
            zone,
            "read from zone "
                + zone.id
                + ": lba "
                + unwritten
                + " was never written"
                + (zone.state == ZoneState.FULL && unwritten < zone.capacityEnd()
                    ? " (the zone was finished before it)"
                    : unwritten >= zone.capacityEnd()
                        ? " (it lies past the zone capacity " + zone.capacityBlocks + ")"
                        : " (the write pointer is " + zone.writePointer + ")")
                + " and DULBE is enabled, so unwritten blocks cannot be read");
      }
    }
  }

  @Override
  public String toString() {
    return "ZoneReader[razb=" + readAcrossZoneBoundaries + ", dulbe=" + deallocatedErrors + "]";
  }
}
