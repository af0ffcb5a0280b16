package org.csdlab.zns;

/** The Zone Send Actions of a Zone Management Send command, with their spec codes. */
public enum ZoneAction {
  /** Close Zone (1h): an opened zone gives back its open resource. */
  CLOSE(0x1),
  /** Finish Zone (2h): the zone becomes Full. */
  FINISH(0x2),
  /** Open Zone (3h): the zone becomes Explicitly Opened. */
  OPEN(0x3),
  /** Reset Zone (4h): the zone becomes Empty and its data is gone. */
  RESET(0x4),
  /** Offline Zone (5h): a Read Only zone becomes Offline. */
  OFFLINE(0x5);

  private final int code;

  ZoneAction(int code) {
    this.code = code;
  }

  /** The Zone Send Action value. */
  public int code() {
    return code;
  }

  /**
   * The action with Zone Send Action value {@code code}, if it is one of these five; other values
   * are Set Zone Descriptor Extension (10h, {@link Command.SetZoneDescriptorExtension}) or
   * reserved.
   */
  public static java.util.Optional<ZoneAction> fromCode(int code) {
    for (ZoneAction a : values()) {
      if (a.code == code) {
        return java.util.Optional.of(a);
      }
    }
    return java.util.Optional.empty();
  }

  /** The command name used in error messages, e.g. "open". */
  String commandName() {
    return name().toLowerCase(java.util.Locale.ROOT);
  }
}
