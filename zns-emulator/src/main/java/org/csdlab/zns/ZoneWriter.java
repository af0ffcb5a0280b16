package org.csdlab.zns;

/**
 * The write path of Write and Zone Append: checks against the zone's state and write pointer,
 * implicit open (closing the least recently opened zone when allowed), data copy, and Full on
 * reaching capacity.
 */
final class ZoneWriter {
  private final ZoneResources resources;
  private final ZoneStorage backend;
  private final int blockSizeBytes;
  private final boolean implicitClose;

  ZoneWriter(
      ZoneResources resources, ZoneStorage backend, int blockSizeBytes, boolean implicitClose) {
    this.resources = resources;
    this.backend = backend;
    this.blockSizeBytes = blockSizeBytes;
    this.implicitClose = implicitClose;
  }

  /**
   * Write ({@code lba >= 0}) or append ({@code lba < 0}) of {@code data}, or of {@code blocks} zero
   * blocks if {@code data} is null (Write Zeroes); returns the first LBA written.
   */
  long store(String command, ZoneSlot zone, long lba, byte[] data, int blocks) {
    zone.lock.lock();
    try {
      long start;
      resources.lock.lock();
      try {
        start = prepareStore(command, zone, lba, blocks);
      } finally {
        resources.lock.unlock();
      }
      long offset = (start - zone.startLba) * blockSizeBytes;
      if (data == null) {
        backend.writeZeroes(zone.id, offset, (long) blocks * blockSizeBytes);
      } else {
        backend.write(zone.id, offset, data);
      }
      resources.lock.lock();
      try {
        zone.writePointer = start + blocks;
        if (zone.writePointer == zone.capacityEnd()) {
          resources.transition(zone, ZoneState.FULL);
        }
        backend.saveZone(zone);
      } finally {
        resources.lock.unlock();
      }
      return start;
    } finally {
      zone.lock.unlock();
    }
  }

  /** Checks a write or append and opens its zone if needed; returns the LBA it starts at. */
  private long prepareStore(String command, ZoneSlot zone, long lba, int blocks) {
    String where = command + " to zone " + zone.id;
    ZoneState from = zone.state;
    switch (from) {
      case FULL ->
          throw ZnsException.refuse(
              StatusCode.ZONE_IS_FULL,
              command,
              zone,
              where
                  + ": the zone is FULL (write pointer "
                  + zone.writePointer
                  + "); reset it before writing again");
      case READ_ONLY ->
          throw ZnsException.refuse(
              StatusCode.ZONE_IS_READ_ONLY,
              command,
              zone,
              where + ": the zone is READ_ONLY and can only be read");
      case OFFLINE ->
          throw ZnsException.refuse(
              StatusCode.ZONE_IS_OFFLINE, command, zone, where + ": the zone is OFFLINE");
      default -> {}
    }
    long start = lba < 0 ? zone.writePointer : lba;
    if (start != zone.writePointer) {
      throw ZnsException.refuse(
          StatusCode.ZONE_INVALID_WRITE,
          command,
          zone,
          where + ": lba " + lba + " is not the write pointer " + zone.writePointer);
    }
    if (blocks > zone.capacityEnd() - start) {
      throw ZnsException.refuse(
          StatusCode.ZONE_BOUNDARY_ERROR,
          command,
          zone,
          where
              + ": "
              + blocks
              + " blocks at lba "
              + start
              + " would cross the zone capacity end "
              + zone.capacityEnd()
              + "; "
              + (zone.capacityEnd() - start)
              + " blocks are left");
    }
    ZoneState to = Transitions.afterWrite(from);
    if (to != from) {
      openImplicitly(command, zone, to);
    }
    return start;
  }

  private void openImplicitly(String command, ZoneSlot zone, ZoneState to) {
    String where = command + " to zone " + zone.id;
    if (!zone.state.isActive() && resources.freeActive() < 1) {
      throw ZnsException.refuse(
          StatusCode.TOO_MANY_ACTIVE_ZONES,
          command,
          zone,
          where
              + ": the zone would become active but "
              + resources.active()
              + " of "
              + resources.maxActive()
              + " zones are active; finish, reset or fill one first");
    }
    if (resources.freeOpen() < 1) {
      ZoneSlot victim = implicitClose ? resources.leastRecentlyImplicitlyOpened() : null;
      if (victim == null) {
        throw ZnsException.refuse(
            StatusCode.TOO_MANY_OPEN_ZONES,
            command,
            zone,
            where
                + ": the zone would open implicitly but "
                + resources.open()
                + " of "
                + resources.maxOpen()
                + " zones are open"
                + (implicitClose ? " and none was opened implicitly" : "")
                + "; close one first");
      }
      resources.transition(victim, ZoneState.CLOSED);
      backend.saveZone(victim);
    }
    resources.transition(zone, to);
  }

  @Override
  public String toString() {
    return "ZoneWriter[implicitClose=" + implicitClose + "]";
  }
}
