package org.csdlab.zns;

/**
 * A file given as a persistent device image is not one, is corrupt, or has another geometry. When a
 * header field is at fault, {@link #field()} names it; when a zone entry is, {@link #zone()} does.
 */
public final class InvalidImageException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final String field;
  private final int zone;

  InvalidImageException(String message) {
    this(null, ZnsException.NONE, message);
  }

  InvalidImageException(String field, String message) {
    this(field, ZnsException.NONE, message);
  }

  /** A zone entry of the image's zone table is corrupt or contradicts the zone state rules. */
  InvalidImageException(int zone, String message) {
    this(null, zone, message);
  }

  private InvalidImageException(String field, int zone, String message) {
    super(message);
    this.field = field;
    this.zone = zone;
  }

  /** The geometry field the image's header got wrong (as {@link Geometry} names it), or null. */
  public String field() {
    return field;
  }

  /** The zone whose entry in the zone table is at fault, or {@link ZnsException#NONE}. */
  public int zone() {
    return zone;
  }
}
