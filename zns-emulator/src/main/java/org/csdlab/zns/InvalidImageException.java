package org.csdlab.zns;

/**
 * A file given as a persistent device image is not one, is corrupt, or has another geometry. When a
 * header field is at fault, {@link #field()} names it.
 */
public final class InvalidImageException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final String field;

  InvalidImageException(String message) {
    this(null, message);
  }

  InvalidImageException(String field, String message) {
    super(message);
    this.field = field;
  }

  /** The geometry field the image's header got wrong (as {@link Geometry} names it), or null. */
  public String field() {
    return field;
  }
}
