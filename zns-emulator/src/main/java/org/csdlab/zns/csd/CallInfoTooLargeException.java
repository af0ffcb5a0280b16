package org.csdlab.zns.csd;

/**
 * The call information of a run does not fit the kernel memory it is copied to (OpenCSD refuses
 * such a run with -ENOMEM), or is more than the drive lets a run pass ({@link
 * ComputationalStorage#maxCallInfoBytes()}: its kernels were verified for the memory left after at
 * most that much). Thrown before the kernel runs.
 */
public final class CallInfoTooLargeException extends IllegalArgumentException {
  private final long callInfoBytes;
  private final long memoryBytes;
  private final long maxCallInfoBytes;

  public CallInfoTooLargeException(long callInfoBytes, long memoryBytes, long maxCallInfoBytes) {
    super(message(callInfoBytes, memoryBytes, maxCallInfoBytes));
    this.callInfoBytes = callInfoBytes;
    this.memoryBytes = memoryBytes;
    this.maxCallInfoBytes = maxCallInfoBytes;
  }

  private static String message(long callInfoBytes, long memoryBytes, long maxCallInfoBytes) {
    if (callInfoBytes > memoryBytes) {
      return "call information of "
          + callInfoBytes
          + " bytes does not fit the kernel memory of "
          + memoryBytes
          + " bytes it is copied to; pass less, or build the drive with a larger"
          + " ComputationalStorage.builder(device).memoryBytes(n)";
    }
    return "call information of "
        + callInfoBytes
        + " bytes is more than the "
        + maxCallInfoBytes
        + " bytes this drive's kernels are verified for (the kernel memory of "
        + memoryBytes
        + " bytes less the call information is what get_mem_info gives them); pass less, or build"
        + " the drive with ComputationalStorage.builder(device).maxCallInfoBytes(n)";
  }

  /** Bytes of call information passed. */
  public long callInfoBytes() {
    return callInfoBytes;
  }

  /** Bytes of kernel memory the drive has. */
  public long memoryBytes() {
    return memoryBytes;
  }

  /** Most bytes of call information a run on the drive may pass. */
  public long maxCallInfoBytes() {
    return maxCallInfoBytes;
  }
}
