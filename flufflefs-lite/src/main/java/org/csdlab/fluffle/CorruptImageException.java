package org.csdlab.fluffle;

/** The device holds a damaged flufflefs-lite image. Nothing was written to it. */
public class CorruptImageException extends FsException {
  private static final long serialVersionUID = 1L;

  /** An error about {@code path} with the full explanation in {@code message}. */
  public CorruptImageException(String path, String message) {
    super(path, message);
  }
}
