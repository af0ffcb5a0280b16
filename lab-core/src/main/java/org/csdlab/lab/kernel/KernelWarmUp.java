package org.csdlab.lab.kernel;

/**
 * A kernel's first moments without Jupyter: creates the kernel, runs a cell with the lab,
 * completes, inspects and checks a cell, then exits. {@link KernelInstaller} runs it once with
 * {@code -XX:ArchiveClassesAtExit}, so that the classes a kernel loads at start are archived and
 * later kernels map them instead of loading and verifying them again.
 */
public final class KernelWarmUp {

  /** A cell that touches what a first notebook cell does: the lab, an eBPF program, a rendering. */
  static final String CELL =
      "var lab = Lab.create();\nlab.ebpf().assemble(\"r0 = 42\\nexit\").run().r0()";

  private KernelWarmUp() {}

  public static void main(String[] args) {
    JavadocSources.install();
    try (CsdlabKernel kernel = CsdlabKernel.create()) {
      Object r0 = kernel.evalRaw(CELL);
      if (!Long.valueOf(42).equals(r0)) {
        System.err.println("the warm-up cell gave " + r0 + " instead of 42");
        System.exit(1);
      }
      kernel.complete("lab.dev", "lab.dev".length());
      kernel.inspect("lab.compare(", "lab.compare(".length(), false);
      kernel.isComplete("for (int i = 0; i < 3; i++) {");
      kernel.getBanner();
    }
    System.exit(0);
  }
}
