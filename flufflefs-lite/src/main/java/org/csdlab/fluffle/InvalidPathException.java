package org.csdlab.fluffle;

/** The path is not an absolute path of valid names ("/a/b", no empty, "." or ".." names). */
public class InvalidPathException extends FsException {
  private static final long serialVersionUID = 1L;

  /** An error about {@code path} with the full explanation in {@code message}. */
  public InvalidPathException(String path, String message) {
    super(path, message);
  }
}
