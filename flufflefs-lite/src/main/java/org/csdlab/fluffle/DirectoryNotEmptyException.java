package org.csdlab.fluffle;

/** The directory still holds entries. */
public class DirectoryNotEmptyException extends FsException {
  private static final long serialVersionUID = 1L;

  /** An error about {@code path} with the full explanation in {@code message}. */
  public DirectoryNotEmptyException(String path, String message) {
    super(path, message);
  }
}
