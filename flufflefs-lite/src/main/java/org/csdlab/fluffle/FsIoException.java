package org.csdlab.fluffle;

/**
 * The device failed a command (for example it lost power). What was not yet synced may be lost; the
 * filesystem refuses further operations until it is mounted again.
 */
public class FsIoException extends FsException {
  private static final long serialVersionUID = 1L;

  /** A device failure while working on {@code path}. */
  public FsIoException(String path, String message, Throwable cause) {
    super(path, message, cause);
  }
}
