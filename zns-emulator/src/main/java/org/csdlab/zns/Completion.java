package org.csdlab.zns;

/**
 * The completion queue entry of a command: its status (Status Code Type, Status Code and the Do Not
 * Retry bit) and the command-specific dwords DW0 and DW1 (Zone Append returns the LBA written
 * there).
 *
 * @param statusCodeType SCT: 0 generic, 1 command specific, 2 media errors
 * @param statusCode SC, e.g. 0xBC for Zone Invalid Write
 * @param doNotRetry DNR: the same command submitted again is expected to fail again (see {@link
 *     StatusCode#doNotRetry()})
 * @param dw0 completion dword 0
 * @param dw1 completion dword 1
 * @param modeledNanos the command's latency on the device's modeled clock, in ns (0 for a refused
 *     command and for commands the timing model does not charge, such as Identify). Not part of the
 *     NVMe completion entry.
 */
public record Completion(
    int statusCodeType, int statusCode, boolean doNotRetry, int dw0, int dw1, long modeledNanos) {

  /** Bit of the Do Not Retry flag in {@link #statusField()}. */
  public static final int DNR_BIT = 1 << 14;

  /** A completion that took no modeled time. */
  public Completion(int statusCodeType, int statusCode, boolean doNotRetry, int dw0, int dw1) {
    this(statusCodeType, statusCode, doNotRetry, dw0, dw1, 0);
  }

  /** A successful completion with {@code value} split over DW0 (low) and DW1 (high). */
  static Completion success(long value, long modeledNanos) {
    return new Completion(0, 0, false, (int) value, (int) (value >>> 32), modeledNanos);
  }

  static Completion failure(StatusCode status) {
    return new Completion(status.type().code(), status.code(), status.doNotRetry(), 0, 0, 0);
  }

  /** True if the command completed without error. */
  public boolean isSuccess() {
    return statusCodeType == 0 && statusCode == 0;
  }

  /** DW1:DW0 as one 64-bit value (the LBA for a Zone Append). */
  public long value() {
    return (dw0 & 0xFFFF_FFFFL) | ((long) dw1 << 32);
  }

  /**
   * The Status Field as DW3 bits 31:17 of the completion queue entry carry it: SC in bits 7:0, SCT
   * in bits 10:8, DNR in bit 14 ({@link #DNR_BIT}); CRD and More are 0.
   */
  public int statusField() {
    return (statusCode & 0xFF) | (statusCodeType & 0x7) << 8 | (doNotRetry ? DNR_BIT : 0);
  }

  /** The status as a {@link StatusCode}. */
  public StatusCode status() {
    for (StatusCode s : StatusCode.values()) {
      if (s.type().code() == statusCodeType && s.code() == statusCode) {
        return s;
      }
    }
    throw new IllegalStateException(
        String.format("unknown status SCT %d SC 0x%02X", statusCodeType, statusCode));
  }

  @Override
  public String toString() {
    return String.format(
        "Completion[%s, SCT=%d, SC=0x%02X%s, dw0=0x%08X, dw1=0x%08X, modeled %d ns]",
        status().title(),
        statusCodeType,
        statusCode,
        doNotRetry ? ", DNR" : "",
        dw0,
        dw1,
        modeledNanos);
  }
}
