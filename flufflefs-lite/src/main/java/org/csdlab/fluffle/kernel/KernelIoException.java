package org.csdlab.fluffle.kernel;

import org.csdlab.fluffle.FsException;

/**
 * A kernel bound to a file failed: it read a block that is not the file's, tried to write, ran out
 * of fuel, faulted, or returned a negative error. The read or write it served fails with an I/O
 * error; the filesystem is unchanged by the kernel (it can only read the file's blocks) and stays
 * usable.
 */
public final class KernelIoException extends FsException {
  private static final long serialVersionUID = 1L;

  private final String kernel;

  public KernelIoException(String path, String kernel, String problem, Throwable cause) {
    super(path, "I/O error: kernel " + kernel + " on " + path + " " + problem, cause);
    this.kernel = kernel;
  }

  /** The kernel, as its {@code toString()} names it. */
  public String kernel() {
    return kernel;
  }
}
