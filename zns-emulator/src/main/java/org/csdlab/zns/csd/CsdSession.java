package org.csdlab.zns.csd;

import java.util.function.LongPredicate;
import java.util.function.LongSupplier;
import org.csdlab.ebpf.BoundedLines;
import org.csdlab.zns.ZnsDevice;

/**
 * The device-side state the OpenCSD helpers of one loaded kernel work on: the device, where the
 * kernel memory appears to the program, how many of its first bytes hold the call information, and
 * the accounting of the current run. Not thread-safe: a kernel runs one invocation at a time.
 */
final class CsdSession {
  final ZnsDevice device;
  final long memorySize;

  /** The kernel memory's bytes, which sector-aligned reads fill directly (no copy). */
  byte[] memory = new byte[0];

  private byte[] buffer = new byte[0];
  LongSupplier memoryAddress = () -> 0;

  /** The LBAs this run may read, or null for any; a confined run may not write. */
  LongPredicate readableLbas;

  /** Bytes of call information at the start of the kernel memory in this run (0: none). */
  int callInfoBytes;

  byte[] returnData = new byte[0];
  long mediaBytesRead;
  long mediaBytesWritten;
  long mediaNanos;
  final BoundedLines debug;
  final HelperRefusals refusals;

  CsdSession(
      ZnsDevice device,
      long memorySize,
      int debugLineLimit,
      long debugByteLimit,
      int refusalLimit) {
    this.device = device;
    this.memorySize = memorySize;
    this.debug = new BoundedLines(debugLineLimit, debugByteLimit);
    this.refusals = new HelperRefusals(refusalLimit);
  }

  /** Records why a helper call failed and gives the -1 the kernel sees. */
  long refuse(HelperRefusal refusal) {
    refusals.add(refusal);
    return OpenCsdHelpers.FAILED;
  }

  /**
   * Refuses, by throwing (which stops the kernel), a read of {@code blocks} from {@code lba} that a
   * confined run may not make.
   */
  void checkReadable(long lba, int blocks) {
    if (readableLbas == null) {
      return;
    }
    for (long at = lba; at < lba + blocks; at++) {
      if (!readableLbas.test(at)) {
        throw new IllegalArgumentException(
            "lba " + at + " is outside the blocks this run may read");
      }
    }
  }

  /** Refuses, by throwing, any write of a confined run. */
  void checkWritable() {
    if (readableLbas != null) {
      throw new IllegalArgumentException(
          "this run is confined to reading its blocks and may not write");
    }
  }

  /** A reusable buffer of at least {@code bytes}. */
  byte[] buffer(int bytes) {
    if (buffer.length < bytes) {
      buffer = new byte[bytes];
    }
    return buffer;
  }

  void begin(int callInfoBytes) {
    this.callInfoBytes = callInfoBytes;
    returnData = new byte[0];
    refusals.clear();
    mediaBytesRead = 0;
    mediaBytesWritten = 0;
    mediaNanos = 0;
    debug.clear();
  }

  /**
   * Adds the media time of one synchronous device command that moved {@code bytes}: the advance of
   * the device's modeled clock, less the host-link transfer the timing model charges for it. The
   * data never leaves the device, so the link is not used; a synchronous command starts with the
   * link idle, so the subtraction is exact.
   */
  void chargeMedia(long clockBefore, long bytes) {
    long delta = device.modeledNanos() - clockBefore - device.timing().linkTransferNanos(bytes);
    mediaNanos += Math.max(0, delta);
  }
}
