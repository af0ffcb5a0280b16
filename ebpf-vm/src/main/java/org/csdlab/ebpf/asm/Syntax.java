package org.csdlab.ebpf.asm;

/** The two textual forms of eBPF assembly. */
public enum Syntax {
  /**
   * The syntax {@code llvm-objdump -d} and {@code bpftool} print: {@code r0 = 1}, {@code if r1 > r2
   * goto +3}.
   */
  LLVM,
  /** The uBPF and conformance-suite syntax: {@code mov %r0, 1}, {@code jgt %r1, %r2, +3}. */
  UBPF
}
