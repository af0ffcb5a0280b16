package org.csdlab.fluffle;

/** A name in the path is longer than 255 bytes in UTF-8. */
public class NameTooLongException extends FsException {
  private static final long serialVersionUID = 1L;

  /** An error about {@code path} with the full explanation in {@code message}. */
  public NameTooLongException(String path, String message) {
    super(path, message);
  }
}
