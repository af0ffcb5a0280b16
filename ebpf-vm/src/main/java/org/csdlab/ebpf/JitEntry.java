package org.csdlab.ebpf;

/** What a program compiled by {@link JitCompiler} implements: its run from slot 0. */
interface JitEntry {
  /** Runs the compiled program over {@code run}; returns r0. */
  long run(JitRun run);
}
