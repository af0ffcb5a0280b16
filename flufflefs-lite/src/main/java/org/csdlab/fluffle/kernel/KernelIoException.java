package org.csdlab.fluffle.kernel;

/**
 * A kernel bound to a file failed: it read a block that is not the file's, tried to write, ran
 * out of fuel, faulted, or returned a negative error. The read or write it served fails with an
 * I/O error; the filesystem is unchanged by the kernel (it can only read the file's blocks).
 */
public final class KernelIoException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final String path;
  private final String kernel;

  public KernelIoException(String path, String kernel, String problem, Throwable cause) {
    super("I/O error: kernel " + kernel + " on " + path + " " + problem, cause);
    this.path = path;
    this.kernel = kernel;
  }

  /** The file the kernel ran on. */
  public String path() {
    return path;
  }

  /** The kernel, as its {@code toString()} names it. */
  public String kernel() {
    return kernel;
  }
}
