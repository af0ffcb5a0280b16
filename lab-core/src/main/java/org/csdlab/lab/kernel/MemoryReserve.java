package org.csdlab.lab.kernel;

/**
 * A block of heap the kernel holds back while cells run, and lets go of when a cell runs out of
 * memory, so that the kernel's own threads (heartbeat, I/O, shell) and the error report have room
 * until the collector has reclaimed what the failed cell allocated. Taken again after that.
 */
final class MemoryReserve {

  private static final long MAX_RESERVE_BYTES = 32L << 20;

  private final int sizeBytes;
  private byte[] block;

  /** A reserve of a sixteenth of the heap limit, at most 32 MiB, allocated now. */
  MemoryReserve() {
    this((int) Math.min(MAX_RESERVE_BYTES, Runtime.getRuntime().maxMemory() / 16));
  }

  MemoryReserve(int sizeBytes) {
    this.sizeBytes = sizeBytes;
    this.block = new byte[sizeBytes];
  }

  /** Lets the block go, so the next allocations can use its room. */
  synchronized void release() {
    block = null;
  }

  /** Takes the block again when it was released; false when the heap has no room for it yet. */
  synchronized boolean restore() {
    if (block != null) {
      return true;
    }
    try {
      block = new byte[sizeBytes];
      return true;
    } catch (OutOfMemoryError e) {
      return false;
    }
  }

  /** Whether the block is held now. */
  synchronized boolean held() {
    return block != null;
  }

  int sizeBytes() {
    return sizeBytes;
  }
}
