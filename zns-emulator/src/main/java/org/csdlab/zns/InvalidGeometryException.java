package org.csdlab.zns;

/**
 * A {@link Geometry} that breaks a rule or a limit, e.g. {@code invalid geometry: zone count
 * 50000000 exceeds the limit of 262144 (Geometry.MAX_ZONE_COUNT)}.
 */
public final class InvalidGeometryException extends IllegalArgumentException {
  private static final long serialVersionUID = 1L;

  private final String field;

  InvalidGeometryException(String field, String rule) {
    super("invalid geometry: " + rule);
    this.field = field;
  }

  /** The geometry field at fault, e.g. {@code zoneCount}, as the record component is named. */
  public String field() {
    return field;
  }
}
