package org.csdlab.ebpf;

/**
 * Unwinds compiled code when a helper asks the program to stop ({@link HelperContext#exitProgram}),
 * however deep in local calls it is. One instance, no stack trace: it only carries control.
 */
final class JitExit extends RuntimeException {
  private static final long serialVersionUID = 1L;

  static final JitExit INSTANCE = new JitExit();

  private JitExit() {
    super("a helper asked the program to exit", null, false, false);
  }
}
