package org.csdlab.fluffle;

/** A file was needed, but the path is a directory. */
public class IsADirectoryException extends FsException {
  private static final long serialVersionUID = 1L;

  /** An error about {@code path} with the full explanation in {@code message}. */
  public IsADirectoryException(String path, String message) {
    super(path, message);
  }
}
