package org.csdlab.ebpf;

/**
 * A load, store or helper touched memory outside every region, or wrote to a read-only region.
 * Names the address, the size, and the region nearest to the address with its bounds.
 */
public final class MemoryAccessException extends VmExecutionException {
  private static final long serialVersionUID = 1L;

  private final long address;
  private final int sizeBytes;
  private final boolean write;
  private final transient MemoryRegion nearestRegion;

  MemoryAccessException(
      int pc,
      Instruction instruction,
      String problem,
      long address,
      int sizeBytes,
      boolean write,
      MemoryRegion nearestRegion) {
    super(pc, instruction, problem);
    this.address = address;
    this.sizeBytes = sizeBytes;
    this.write = write;
    this.nearestRegion = nearestRegion;
  }

  /** The first address accessed. */
  public long address() {
    return address;
  }

  /** Bytes accessed. */
  public int sizeBytes() {
    return sizeBytes;
  }

  /** True for a store, false for a load. */
  public boolean isWrite() {
    return write;
  }

  /** The region nearest to the address, or null when the VM has none. */
  public MemoryRegion nearestRegion() {
    return nearestRegion;
  }
}
