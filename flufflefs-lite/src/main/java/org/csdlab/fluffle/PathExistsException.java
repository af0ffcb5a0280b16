package org.csdlab.fluffle;

/** Something already exists at the path. */
public class PathExistsException extends FsException {
  private static final long serialVersionUID = 1L;

  /** An error about {@code path} with the full explanation in {@code message}. */
  public PathExistsException(String path, String message) {
    super(path, message);
  }
}
