package org.csdlab.zns.csd;

import java.util.List;

/**
 * What one kernel run produced and cost.
 *
 * @param returnData the bytes the kernel handed to the host with {@code return_data} (empty if
 *     none)
 * @param r0 the kernel's exit value
 * @param instructionsExecuted eBPF instructions the device core executed
 * @param mediaBytesRead bytes read from the media inside the device (helper {@code read}, whole
 *     blocks)
 * @param mediaBytesWritten bytes appended inside the device (helper {@code write})
 * @param hostBytes bytes that crossed the host link: {@code returnData.length}
 * @param mediaNanos modeled time of the device's media commands, without host-link transfer
 * @param computeNanos modeled time of the device core: instructions / core speed
 * @param linkNanos modeled host-link transfer of the return data
 * @param debug the strings the kernel passed to {@code debug}, in order, as many as fit in the
 *     limits of {@link ComputationalStorage.Builder#debugLineLimit} and {@link
 *     ComputationalStorage.Builder#debugByteLimit}
 * @param debugDropped how many {@code debug} strings were dropped, after those kept, for the limits
 * @param refusals why helper calls of the run returned -1, in order, at most {@link
 *     ComputationalStorage.Builder#refusalLimit} of them
 * @param refusalsDropped how many refusals were not kept, after those kept, for the limit
 */
public record CsdResult(
    byte[] returnData,
    long r0,
    long instructionsExecuted,
    long mediaBytesRead,
    long mediaBytesWritten,
    long hostBytes,
    long mediaNanos,
    long computeNanos,
    long linkNanos,
    List<String> debug,
    long debugDropped,
    List<HelperRefusal> refusals,
    long refusalsDropped) {

  public CsdResult {
    returnData = returnData.clone();
    debug = List.copyOf(debug);
    refusals = List.copyOf(refusals);
  }

  /**
   * What OpenCSD's run command would return for this run: the return data's size when {@code (int)
   * r0 >= 0}, else {@code (int) r0} (the lab's {@link #r0()} is the kernel's exit value as it is).
   */
  public long openCsdRunValue() {
    int status = (int) r0;
    return status < 0 ? status : returnData.length;
  }

  /** The modeled time of the whole run: media + compute + link, taken one after the other. */
  public long modeledNanos() {
    return mediaNanos + computeNanos + linkNanos;
  }

  /** The return data (a copy). */
  @Override
  public byte[] returnData() {
    return returnData.clone();
  }

  /**
   * The first 8 bytes of the return data as a little-endian u64 (the usual single-value answer).
   */
  public long returnedLong() {
    if (returnData.length < 8) {
      throw new IllegalStateException(
          "the kernel returned " + returnData.length + " bytes, not a u64");
    }
    return java.nio.ByteBuffer.wrap(returnData).order(java.nio.ByteOrder.LITTLE_ENDIAN).getLong();
  }

  @Override
  public String toString() {
    return "CsdResult[r0="
        + r0
        + ", returned "
        + hostBytes
        + " B, "
        + instructionsExecuted
        + " insns, media read "
        + mediaBytesRead
        + " B"
        + (mediaBytesWritten > 0 ? ", written " + mediaBytesWritten + " B" : "")
        + ", modeled "
        + modeledNanos()
        + " ns (media "
        + mediaNanos
        + " + compute "
        + computeNanos
        + " + link "
        + linkNanos
        + ")"
        + (debug.isEmpty() ? "" : ", " + debug.size() + " debug")
        + (debugDropped == 0 ? "" : ", " + debugDropped + " debug dropped")
        + refusalsText()
        + "]";
  }

  private String refusalsText() {
    long count = refusals.size() + refusalsDropped;
    if (count == 0) {
      return "";
    }
    return ", "
        + count
        + " helper call"
        + (count == 1 ? "" : "s")
        + " returned -1"
        + (refusals.isEmpty() ? "" : " (first: " + refusals.get(0) + ")");
  }
}
