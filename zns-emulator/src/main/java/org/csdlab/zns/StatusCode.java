package org.csdlab.zns;

/** The NVMe status codes the emulated device completes commands with, with their numbers. */
public enum StatusCode {
  /** The command completed without error. */
  SUCCESS(Type.GENERIC, 0x00, "Successful Completion", false),
  /** A field of the command is invalid (for example an append not aimed at a zone start). */
  INVALID_FIELD(Type.GENERIC, 0x02, "Invalid Field in Command", true),
  /**
   * The device cannot complete the command (here: it lost power, see {@link Faults#powerCutAfter}).
   */
  INTERNAL_ERROR(Type.GENERIC, 0x06, "Internal Error", false),
  /** The command addresses an LBA beyond the end of the namespace. */
  LBA_OUT_OF_RANGE(Type.GENERIC, 0x80, "LBA Out of Range", true),
  /** The data of a block could not be read. */
  UNRECOVERED_READ_ERROR(Type.MEDIA, 0x81, "Unrecovered Read Error", false),
  /**
   * A read touched a block that was never written (or was reset) while DULBE is enabled (see {@link
   * ZnsDevice.Builder#deallocatedErrors}).
   */
  DEALLOCATED_OR_UNWRITTEN_BLOCK(Type.MEDIA, 0x87, "Deallocated or Unwritten Logical Block", true),
  /**
   * A write or append would cross the writable capacity of its zone, or a read would cross a zone
   * boundary while the device does not read across zone boundaries (RAZB off).
   */
  ZONE_BOUNDARY_ERROR(Type.COMMAND_SPECIFIC, 0xB8, "Zone Boundary Error", true),
  /** The zone is Full. */
  ZONE_IS_FULL(Type.COMMAND_SPECIFIC, 0xB9, "Zone Is Full", true),
  /** The zone is Read Only. */
  ZONE_IS_READ_ONLY(Type.COMMAND_SPECIFIC, 0xBA, "Zone Is Read Only", true),
  /** The zone is Offline. */
  ZONE_IS_OFFLINE(Type.COMMAND_SPECIFIC, 0xBB, "Zone Is Offline", true),
  /** A write does not start at the zone's write pointer. */
  ZONE_INVALID_WRITE(Type.COMMAND_SPECIFIC, 0xBC, "Zone Invalid Write", true),
  /** The command would need more active zones than the device allows. */
  TOO_MANY_ACTIVE_ZONES(Type.COMMAND_SPECIFIC, 0xBD, "Too Many Active Zones", true),
  /** The command would need more open zones than the device allows. */
  TOO_MANY_OPEN_ZONES(Type.COMMAND_SPECIFIC, 0xBE, "Too Many Open Zones", true),
  /** The zone cannot go from its state to the one the command asks for. */
  INVALID_ZONE_STATE_TRANSITION(Type.COMMAND_SPECIFIC, 0xBF, "Invalid Zone State Transition", true);

  /** The Status Code Type (SCT) of a completion. */
  public enum Type {
    /** SCT 0: generic command status. */
    GENERIC(0),
    /** SCT 1: command specific status. */
    COMMAND_SPECIFIC(1),
    /** SCT 2: media and data integrity errors. */
    MEDIA(2);

    private final int code;

    Type(int code) {
      this.code = code;
    }

    /** The SCT value. */
    public int code() {
      return code;
    }
  }

  private final Type type;
  private final int code;
  private final String title;
  private final boolean doNotRetry;

  StatusCode(Type type, int code, String title, boolean doNotRetry) {
    this.type = type;
    this.code = code;
    this.title = title;
    this.doNotRetry = doNotRetry;
  }

  /** The status code type. */
  public Type type() {
    return type;
  }

  /** The status code (SC) value. */
  public int code() {
    return code;
  }

  /**
   * Whether a completion with this status sets the Do Not Retry bit: the same command submitted
   * again is expected to fail again. Set for every refusal that follows from the command and the
   * state of the namespace and its zones (as QEMU sets it); clear for conditions of the device that
   * a later retry may not meet: an Unrecovered Read Error (media) and an Internal Error (the device
   * lost power).
   */
  public boolean doNotRetry() {
    return doNotRetry;
  }

  /** The name the spec gives this status, e.g. "Zone Invalid Write". */
  public String title() {
    return title;
  }

  @Override
  public String toString() {
    return String.format("%s (status 0x%02X)", title, code);
  }
}
