package org.csdlab.zns;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * What Identify reports about the controller's transfer limits: MDTS in the Identify Controller
 * data structure (CNS 01h) and ZASL in the Zoned Namespace Command Set specific Identify Controller
 * data structure (CNS 06h, CSI 02h). Both count powers of two of the 4 KiB minimum memory page
 * size; ZASL 0 means a Zone Append may move as much as MDTS allows.
 *
 * @param mdts Maximum Data Transfer Size: 2^mdts pages per command
 * @param zasl Zone Append Size Limit: 2^zasl pages per Zone Append, or 0 for MDTS's limit
 */
public record ControllerIdentity(int mdts, int zasl) {
  /** Bytes of each Identify data structure. */
  public static final int BYTES = 4096;

  /** Offset of MDTS in the Identify Controller data structure. */
  public static final int MDTS_OFFSET = 77;

  /** Offset of ZASL in the Zoned Namespace Identify Controller data structure. */
  public static final int ZASL_OFFSET = 0;

  /** The bytes one command may transfer. */
  public long maxTransferBytes() {
    return (long) TransferLimits.PAGE_BYTES << mdts;
  }

  /** The bytes one Zone Append may transfer. */
  public long maxZoneAppendBytes() {
    return zasl == 0 ? maxTransferBytes() : (long) TransferLimits.PAGE_BYTES << zasl;
  }

  static ControllerIdentity of(TransferLimits limits) {
    return new ControllerIdentity(limits.mdts(), limits.zasl());
  }

  /** Writes the Identify Controller data structure (CNS 01h): MDTS, every other field 0. */
  public void writeControllerTo(byte[] buffer) {
    clear(buffer);
    buffer[MDTS_OFFSET] = (byte) mdts;
  }

  /** Writes the Zoned Namespace Identify Controller data structure (CNS 06h): ZASL. */
  public void writeZonedControllerTo(byte[] buffer) {
    clear(buffer);
    ByteBuffer.wrap(buffer).order(ByteOrder.LITTLE_ENDIAN).put(ZASL_OFFSET, (byte) zasl);
  }

  private static void clear(byte[] buffer) {
    if (buffer.length < BYTES) {
      throw new IllegalArgumentException(
          "identify buffer must hold " + BYTES + " bytes, has " + buffer.length);
    }
    java.util.Arrays.fill(buffer, 0, BYTES, (byte) 0);
  }

  @Override
  public String toString() {
    return "ControllerIdentity[MDTS="
        + mdts
        + " ("
        + maxTransferBytes()
        + " B), ZASL="
        + zasl
        + " ("
        + maxZoneAppendBytes()
        + " B)]";
  }
}
