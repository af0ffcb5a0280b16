package org.csdlab.lab.kernel;

/**
 * The OutOfMemoryError a cell's code threw, kept where JShell cannot lose it. JShell runs a snippet
 * on a thread of its own through {@code Method.invoke}, which wraps what the snippet throws in a
 * new {@code InvocationTargetException}; with the heap full that allocation fails, the error leaves
 * the thread uncaught, and JShell's handler drops it, so the cell would seem to end normally.
 * {@link CellClassRewriter} makes each snippet hand its OutOfMemoryError here first (storing a
 * reference allocates nothing); {@link CapturingExecutionControl} throws it after the snippet.
 */
public final class EscapedOutOfMemory {

  private static volatile OutOfMemoryError thrown;

  private EscapedOutOfMemory() {}

  /** Called by the rewritten snippet code as its OutOfMemoryError leaves it. */
  public static void record(OutOfMemoryError error) {
    thrown = error;
  }

  /** The error recorded since the last call, or null; forgets it. */
  static OutOfMemoryError take() {
    OutOfMemoryError error = thrown;
    thrown = null;
    return error;
  }
}
