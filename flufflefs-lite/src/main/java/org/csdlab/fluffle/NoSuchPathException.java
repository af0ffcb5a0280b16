package org.csdlab.fluffle;

/** No file or directory exists at the path, or a parent of it is missing. */
public class NoSuchPathException extends FsException {
  private static final long serialVersionUID = 1L;

  /** An error about {@code path} with the full explanation in {@code message}. */
  public NoSuchPathException(String path, String message) {
    super(path, message);
  }
}
