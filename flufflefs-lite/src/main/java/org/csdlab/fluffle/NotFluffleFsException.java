package org.csdlab.fluffle;

/** The device holds no flufflefs-lite image (no superblock). Nothing was written to it. */
public class NotFluffleFsException extends FsException {
  private static final long serialVersionUID = 1L;

  /** An error about {@code path} with the full explanation in {@code message}. */
  public NotFluffleFsException(String path, String message) {
    super(path, message);
  }
}
