package org.csdlab.ebpf;

/** What a {@link Helper} may touch while it runs: the VM's memory, and the program's exit. */
public final class HelperContext {
  private final Memory memory;
  private boolean exitRequested;
  private long exitValue;

  HelperContext(Memory memory) {
    this.memory = memory;
  }

  /** The memory of the running program, bounds-checked. */
  public Memory memory() {
    return memory;
  }

  /**
   * Stops the program once the helper returns, as if it had executed {@code exit} with r0 = {@code
   * r0}.
   */
  public void exitProgram(long r0) {
    exitRequested = true;
    exitValue = r0;
  }

  boolean exitRequested() {
    return exitRequested;
  }

  long exitValue() {
    return exitValue;
  }
}
