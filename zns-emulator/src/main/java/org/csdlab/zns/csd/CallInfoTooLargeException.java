package org.csdlab.zns.csd;

/**
 * The call information of a run does not fit the kernel memory it is copied to (OpenCSD refuses
 * such a run with -ENOMEM). Thrown before the kernel runs.
 */
public final class CallInfoTooLargeException extends IllegalArgumentException {
  private final long callInfoBytes;
  private final long memoryBytes;

  public CallInfoTooLargeException(long callInfoBytes, long memoryBytes) {
    super(
        "call information of "
            + callInfoBytes
            + " bytes does not fit the kernel memory of "
            + memoryBytes
            + " bytes it is copied to; pass less, or build the drive with a larger"
            + " ComputationalStorage.builder(device).memoryBytes(n)");
    this.callInfoBytes = callInfoBytes;
    this.memoryBytes = memoryBytes;
  }

  /** Bytes of call information passed. */
  public long callInfoBytes() {
    return callInfoBytes;
  }

  /** Bytes of kernel memory the drive has. */
  public long memoryBytes() {
    return memoryBytes;
  }
}
