package org.csdlab.fluffle;

/** No space left: live data would exceed the capacity minus the cleaner's reserve. Nothing was written. */
public class NoSpaceException extends FsException {
  private static final long serialVersionUID = 1L;

  /** An error about {@code path} with the full explanation in {@code message}. */
  public NoSpaceException(String path, String message) {
    super(path, message);
  }
}
