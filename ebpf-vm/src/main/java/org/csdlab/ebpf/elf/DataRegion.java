package org.csdlab.ebpf.elf;

/**
 * A data section of an ELF object as a VM memory region: {@code .data} and {@code .bss} (writable),
 * {@code .rodata} and {@code .rodata.*} (read-only).
 *
 * @param name the section's name, also the region's name in the VM
 * @param bytes the region's bytes, used in place by the VM (so they show what a run wrote)
 * @param writable whether programs may write the region
 */
public record DataRegion(String name, byte[] bytes, boolean writable) {
  @Override
  public String toString() {
    return name + "[" + bytes.length + " bytes" + (writable ? "" : ", read-only") + "]";
  }
}
