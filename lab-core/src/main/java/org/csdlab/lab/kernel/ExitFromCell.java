package org.csdlab.lab.kernel;

/**
 * Thrown in place of {@code System.exit}, {@code Runtime.exit} or {@code Runtime.halt} called by
 * notebook cell code: the kernel does not end because a cell asked it to. An {@link Error} rather
 * than an exception, so that a cell's {@code catch (Exception e)} does not swallow it and the code
 * after the call does not run, much as if the process had ended.
 */
public final class ExitFromCell extends Error {

  /**
   * {@link #status()} of an exit reached through reflection, whose status is not known at the
   * look-up.
   */
  public static final int UNKNOWN_STATUS = Integer.MIN_VALUE;

  private final String call;
  private final int status;

  ExitFromCell(String call, int status) {
    super(
        (status == UNKNOWN_STATUS
                ? call + " was reached through reflection"
                : call + "(" + status + ") was called")
            + " in cell code; the kernel does not exit from cell code; restart the kernel to start afresh");
    this.call = call;
    this.status = status;
  }

  /** What the cell called: {@code System.exit}, {@code Runtime.exit} or {@code Runtime.halt}. */
  public String call() {
    return call;
  }

  /**
   * The exit status the cell asked for, or {@link #UNKNOWN_STATUS} when reached through reflection.
   */
  public int status() {
    return status;
  }
}
