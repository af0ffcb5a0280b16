package org.csdlab.fluffle;

/**
 * A filesystem operation was refused or failed. The filesystem is unchanged by a refused operation.
 * {@link #path()} names the path concerned ("" when none does).
 */
public class FsException extends RuntimeException {
  private static final long serialVersionUID = 1L;
  private final String path;

  /** An error about {@code path} with the full explanation in {@code message}. */
  public FsException(String path, String message) {
    super(message);
    this.path = path == null ? "" : path;
  }

  /** An error caused by {@code cause}, e.g. a device error. */
  public FsException(String path, String message, Throwable cause) {
    super(message, cause);
    this.path = path == null ? "" : path;
  }

  /** The path the operation was about, or "" if none. */
  public String path() {
    return path;
  }
}
