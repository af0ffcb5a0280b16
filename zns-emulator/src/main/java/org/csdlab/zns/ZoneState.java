package org.csdlab.zns;

/** The zone states of the NVMe Zoned Namespace Command Set, with their Zone State (ZS) codes. */
public enum ZoneState {
  /** ZSE: no data written, write pointer at the zone start. */
  EMPTY(0x1),
  /** ZSIO: opened by a write or append. */
  IMPLICITLY_OPENED(0x2),
  /** ZSEO: opened by an Open Zone command. */
  EXPLICITLY_OPENED(0x3),
  /** ZSC: partly written, holds an active resource but no open resource. */
  CLOSED(0x4),
  /** ZSRO: readable, no longer writable; reached only through a device fault. */
  READ_ONLY(0xD),
  /** ZSF: written up to its capacity, or finished. */
  FULL(0xE),
  /** ZSO: neither readable nor writable; reached from Read Only or through a device fault. */
  OFFLINE(0xF);

  private final int code;

  ZoneState(int code) {
    this.code = code;
  }

  /** The Zone State value the spec reports in a zone descriptor. */
  public int code() {
    return code;
  }

  /** True for the two opened states, which hold an open resource. */
  public boolean isOpen() {
    return this == IMPLICITLY_OPENED || this == EXPLICITLY_OPENED;
  }

  /** True for the opened states and Closed, which hold an active resource. */
  public boolean isActive() {
    return isOpen() || this == CLOSED;
  }
}
