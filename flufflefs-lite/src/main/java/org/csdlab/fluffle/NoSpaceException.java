package org.csdlab.fluffle;

/**
 * No space left: live data would exceed the capacity minus the cleaner's reserve. Nothing was
 * changed, except that a write larger than a zone may have written its leading zone-sized chunks
 * (the file size then covers exactly those).
 */
public class NoSpaceException extends FsException {
  private static final long serialVersionUID = 1L;

  /** An error about {@code path} with the full explanation in {@code message}. */
  public NoSpaceException(String path, String message) {
    super(path, message);
  }
}
