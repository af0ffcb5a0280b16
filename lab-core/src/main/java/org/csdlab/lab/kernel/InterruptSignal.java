package org.csdlab.lab.kernel;

/**
 * Turns SIGINT into a cell interrupt, so that a Jupyter that signals the kernel (or a Ctrl-C in the
 * terminal that runs Jupyter) interrupts the running cell instead of killing the JVM.
 */
final class InterruptSignal {

  private InterruptSignal() {}

  /**
   * Runs {@code interrupt} on every SIGINT; does nothing where the JVM offers no signal handling.
   */
  static void forward(Runnable interrupt) {
    try {
      sun.misc.Signal.handle(new sun.misc.Signal("INT"), signal -> interrupt.run());
    } catch (IllegalArgumentException | UnsupportedOperationException | LinkageError e) {
      // No SIGINT on this platform, or the JVM reserves it (-Xrs): message interrupts still work.
    }
  }
}
