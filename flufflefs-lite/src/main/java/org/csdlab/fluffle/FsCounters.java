package org.csdlab.fluffle;

/**
 * Cumulative counters since format (kept across clean unmounts; after a power cut they go back to
 * the last checkpoint).
 *
 * @param hostBytesWritten bytes the host asked to write (write and append payloads)
 * @param deviceBytesWritten bytes written to the device: data, metadata, cleaning moves,
 *     checkpoints
 * @param zoneResets zone resets issued by the filesystem
 * @param cleaningPasses cleaning passes run
 * @param blocksMoved live blocks the cleaner copied
 */
public record FsCounters(
    long hostBytesWritten,
    long deviceBytesWritten,
    long zoneResets,
    long cleaningPasses,
    long blocksMoved) {

  /** Device bytes written per host byte written; 0 before the host wrote anything. */
  public double writeAmplification() {
    return hostBytesWritten == 0 ? 0.0 : (double) deviceBytesWritten / hostBytesWritten;
  }

  /** The difference {@code this - earlier}, to measure one workload. */
  public FsCounters minus(FsCounters earlier) {
    return new FsCounters(
        hostBytesWritten - earlier.hostBytesWritten,
        deviceBytesWritten - earlier.deviceBytesWritten,
        zoneResets - earlier.zoneResets,
        cleaningPasses - earlier.cleaningPasses,
        blocksMoved - earlier.blocksMoved);
  }
}
