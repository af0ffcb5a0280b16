package org.csdlab.zns;

/** Which zones a Report Zones command lists: the spec's Reporting Options 0h–7h. */
public enum ReportFilter {
  /** 0h: every zone. */
  ALL(0x0, null),
  /** 1h: zones in Empty. */
  EMPTY(0x1, ZoneState.EMPTY),
  /** 2h: zones in Implicitly Opened. */
  IMPLICITLY_OPENED(0x2, ZoneState.IMPLICITLY_OPENED),
  /** 3h: zones in Explicitly Opened. */
  EXPLICITLY_OPENED(0x3, ZoneState.EXPLICITLY_OPENED),
  /** 4h: zones in Closed. */
  CLOSED(0x4, ZoneState.CLOSED),
  /** 5h: zones in Full. */
  FULL(0x5, ZoneState.FULL),
  /** 6h: zones in Read Only. */
  READ_ONLY(0x6, ZoneState.READ_ONLY),
  /** 7h: zones in Offline. */
  OFFLINE(0x7, ZoneState.OFFLINE);

  private final int code;
  private final ZoneState state;

  ReportFilter(int code, ZoneState state) {
    this.code = code;
    this.state = state;
  }

  /** The Reporting Options value. */
  public int code() {
    return code;
  }

  /** The filter with Reporting Options value {@code code}; other values are reserved. */
  public static java.util.Optional<ReportFilter> fromCode(int code) {
    for (ReportFilter f : values()) {
      if (f.code == code) {
        return java.util.Optional.of(f);
      }
    }
    return java.util.Optional.empty();
  }

  /** True if a zone in {@code zoneState} is listed. */
  public boolean accepts(ZoneState zoneState) {
    return state == null || state == zoneState;
  }
}
