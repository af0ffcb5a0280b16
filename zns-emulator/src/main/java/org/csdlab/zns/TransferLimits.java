package org.csdlab.zns;

/**
 * The largest data transfer of one command (MDTS) and of one Zone Append (ZASL), both a power of
 * two times the 4 KiB minimum memory page size, as Identify reports them. A command over a limit
 * fails with Invalid Field before it touches anything.
 *
 * <p>Identify reports 2^n pages as n, and n = 0 has another meaning (MDTS: no limit; ZASL: as
 * MDTS), so a limit is at least two pages unless the append limit equals the transfer limit.
 */
final class TransferLimits {
  /** The minimum memory page size (CAP.MPSMIN = 0), the unit of MDTS and ZASL. */
  static final int PAGE_BYTES = 4096;

  /** The smallest limit: two pages (MDTS or ZASL 1). */
  static final int MIN_BYTES = 2 * PAGE_BYTES;

  /** The largest limit, and the default: 1 GiB, above what any caller in csdlab transfers. */
  static final int MAX_BYTES = 1 << 30;

  private final int maxTransferBytes;
  private final int maxAppendBytes;

  /**
   * @param maxAppendBytes the Zone Append limit, at most {@code maxTransferBytes}
   * @throws IllegalArgumentException a limit is not a power of two from 8 KiB to 1 GiB, or the
   *     append limit exceeds the transfer limit
   */
  TransferLimits(int maxTransferBytes, int maxAppendBytes) {
    require("maxTransferBytes", maxTransferBytes);
    require("maxZoneAppendBytes", maxAppendBytes);
    if (maxAppendBytes > maxTransferBytes) {
      throw new IllegalArgumentException(
          "maxZoneAppendBytes is "
              + maxAppendBytes
              + "; a Zone Append is a data transfer, so it must not exceed maxTransferBytes ("
              + maxTransferBytes
              + ")");
    }
    this.maxTransferBytes = maxTransferBytes;
    this.maxAppendBytes = maxAppendBytes;
  }

  private static void require(String name, int bytes) {
    if (bytes < MIN_BYTES || bytes > MAX_BYTES || Integer.bitCount(bytes) != 1) {
      throw new IllegalArgumentException(
          name
              + " is "
              + bytes
              + "; it must be a power of two from "
              + MIN_BYTES
              + " to "
              + MAX_BYTES
              + " bytes (Identify reports 2^n 4 KiB pages as n, and n = 0 means something else)");
    }
  }

  int maxTransferBytes() {
    return maxTransferBytes;
  }

  int maxAppendBytes() {
    return maxAppendBytes;
  }

  /** MDTS: the transfer limit as a power of two of 4 KiB pages. */
  int mdts() {
    return Integer.numberOfTrailingZeros(maxTransferBytes / PAGE_BYTES);
  }

  /** ZASL: the append limit as a power of two of 4 KiB pages; 0 when it is MDTS's. */
  int zasl() {
    return maxAppendBytes == maxTransferBytes
        ? 0
        : Integer.numberOfTrailingZeros(maxAppendBytes / PAGE_BYTES);
  }

  /** Refuses a command that would move more than MDTS allows. */
  void checkTransfer(String command, long bytes) {
    if (bytes > maxTransferBytes) {
      throw new ZnsException(
          StatusCode.INVALID_FIELD,
          command,
          ZnsException.NONE,
          ZnsException.NONE,
          command
              + ": "
              + bytes
              + " bytes exceed the maximum data transfer size of "
              + maxTransferBytes
              + " bytes (MDTS "
              + mdts()
              + "); split it into smaller commands");
    }
  }

  /** Refuses a Zone Append to {@code zone} that moves more than ZASL allows. */
  void checkAppend(ZoneSlot zone, long bytes) {
    checkTransfer("append", bytes);
    if (bytes > maxAppendBytes) {
      throw ZnsException.refuse(
          StatusCode.INVALID_FIELD,
          "append",
          zone,
          "append to zone "
              + zone.id
              + ": "
              + bytes
              + " bytes exceed the zone append size limit of "
              + maxAppendBytes
              + " bytes (ZASL "
              + zasl()
              + "); split it into smaller appends");
    }
  }

  @Override
  public String toString() {
    return "TransferLimits[MDTS=" + maxTransferBytes + " B, ZASL=" + maxAppendBytes + " B]";
  }
}
