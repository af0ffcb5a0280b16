package org.csdlab.ebpf;

/**
 * One named, contiguous part of a VM's address space.
 *
 * @param name what the region holds ("stack", "context", ".rodata", ...)
 * @param startAddress the VM address of its first byte
 * @param sizeBytes its length
 * @param writable whether programs may store to it
 */
public record MemoryRegion(String name, long startAddress, int sizeBytes, boolean writable) {

  /** The address one past its last byte. */
  public long endAddress() {
    return startAddress + sizeBytes;
  }

  /** True when the {@code size} bytes at {@code address} lie inside this region. */
  public boolean contains(long address, int size) {
    return address >= startAddress && address - startAddress <= (long) sizeBytes - size;
  }

  /** Bounds and access as {@code stack [0x100000000, 0x100001000) rw}. */
  public String describe() {
    return String.format(
        "%s [0x%x, 0x%x) %s", name, startAddress, endAddress(), writable ? "rw" : "ro");
  }
}
