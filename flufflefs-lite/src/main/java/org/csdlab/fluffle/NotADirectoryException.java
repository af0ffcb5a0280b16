package org.csdlab.fluffle;

/** A directory was needed, but the path (or one of its parents) is a file. */
public class NotADirectoryException extends FsException {
  private static final long serialVersionUID = 1L;

  /** An error about {@code path} with the full explanation in {@code message}. */
  public NotADirectoryException(String path, String message) {
    super(path, message);
  }
}
