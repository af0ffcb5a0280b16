package org.csdlab.zns;

import java.util.concurrent.locks.ReentrantLock;

/**
 * The live, mutable state of one zone. {@link #lock} serializes commands on the zone; state and
 * write pointer change only while the device's resource lock is held as well.
 */
final class ZoneSlot {
  final int id;
  final long startLba;
  final long capacityBlocks;
  final long sizeBlocks;
  final ReentrantLock lock = new ReentrantLock();
  volatile ZoneState state = ZoneState.EMPTY;
  volatile long writePointer;

  /** The zone descriptor extension, or null when none is valid. */
  volatile byte[] extension;

  ZoneSlot(int id, long startLba, long capacityBlocks, long sizeBlocks) {
    this.id = id;
    this.startLba = startLba;
    this.capacityBlocks = capacityBlocks;
    this.sizeBlocks = sizeBlocks;
    this.writePointer = startLba;
  }

  /** The LBA after the last writable block. */
  long capacityEnd() {
    return startLba + capacityBlocks;
  }

  Zone snapshot() {
    return new Zone(
        id, state, startLba, capacityBlocks, writePointer, sizeBlocks, extension != null);
  }

  @Override
  public String toString() {
    return "ZoneSlot[id=" + id + ", state=" + state + ", wp=" + writePointer + "]";
  }
}
