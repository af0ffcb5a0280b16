package org.csdlab.zns;

/**
 * A command the device refused, with the NVMe status it completed with. A refused command changes
 * nothing on the device.
 */
public final class ZnsException extends RuntimeException {
  /** Value of {@link #zone()} or {@link #writePointer()} when the error concerns no zone. */
  public static final int NONE = -1;

  private final StatusCode statusCode;
  private final String command;
  private final int zone;
  private final long writePointer;

  /**
   * @param statusCode the status the command completed with
   * @param command the command's name, e.g. "write"
   * @param zone the zone concerned, or {@link #NONE}
   * @param writePointer that zone's write pointer, or {@link #NONE}
   * @param detail what was wrong and what was expected, starting with the command and zone
   */
  ZnsException(StatusCode statusCode, String command, int zone, long writePointer, String detail) {
    super(
        detail
            + " ("
            + statusCode.title()
            + ", status "
            + String.format("0x%02X", statusCode.code())
            + ")");
    this.statusCode = statusCode;
    this.command = command;
    this.zone = zone;
    this.writePointer = writePointer;
  }

  /** A refusal concerning {@code zone}, recording its write pointer. */
  static ZnsException refuse(StatusCode code, String command, ZoneSlot zone, String detail) {
    return new ZnsException(code, command, zone.id, zone.writePointer, detail);
  }

  /** The NVMe status code. */
  public StatusCode statusCode() {
    return statusCode;
  }

  /** The command that failed, e.g. "write", "append", "open". */
  public String command() {
    return command;
  }

  /** The zone concerned, or {@link #NONE}. */
  public int zone() {
    return zone;
  }

  /** The zone's write pointer when the command failed, or {@link #NONE}. */
  public long writePointer() {
    return writePointer;
  }
}
