package org.csdlab.lab.monitor;

import java.util.List;
import java.util.Objects;

/**
 * A snapshot of one named operation a {@link ThroughputMonitor} followed: how far it got and the
 * samples of its progress over time.
 *
 * @param name what the operation was, e.g. {@code "host scan"}
 * @param totalBytes the bytes it expected to do, or 0 when unknown
 * @param bytesDone the bytes done so far
 * @param finished true once the operation reported its end
 * @param samples its progress over time, oldest first, starting with (0, 0)
 * @param droppedSamples how many samples were thinned out to keep the series bounded (every other
 *     one is dropped each time it reaches its limit, so the kept ones stay evenly spread)
 */
public record Series(String name, long totalBytes, long bytesDone, boolean finished, List<Sample> samples,
    long droppedSamples) {

  public Series {
    Objects.requireNonNull(name, "name");
    samples = List.copyOf(samples);
  }

  /** A series none of whose samples were dropped. */
  public Series(String name, long totalBytes, long bytesDone, boolean finished, List<Sample> samples) {
    this(name, totalBytes, bytesDone, finished, samples, 0);
  }

  /** The last sample (the series' current state). */
  public Sample last() {
    return samples.get(samples.size() - 1);
  }

  /** Wall-clock seconds from the start to the last sample. */
  public double wallSeconds() {
    return last().wallNanos() / 1e9;
  }

  /** True when the operation reported modeled device time. */
  public boolean hasModeledTime() {
    return last().hasModeledTime();
  }

  /** Modeled device seconds from the start to the last sample, or NaN without modeled time. */
  public double modeledSeconds() {
    return hasModeledTime() ? last().modeledNanos() / 1e9 : Double.NaN;
  }

  /** Average wall-clock throughput in MB/s (10⁶ bytes per second), or NaN before any time passed. */
  public double wallMegabytesPerSecond() {
    return rate(bytesDone, last().wallNanos());
  }

  /** Average modeled throughput in MB/s, or NaN without modeled time. */
  public double modeledMegabytesPerSecond() {
    return hasModeledTime() ? rate(bytesDone, last().modeledNanos()) : Double.NaN;
  }

  static double rate(long bytes, long nanos) {
    return nanos <= 0 ? Double.NaN : bytes / 1e6 / (nanos / 1e9);
  }

  @Override
  public String toString() {
    StringBuilder text = new StringBuilder(name).append(": ").append(megabytes(bytesDone));
    if (totalBytes > 0 && !finished) {
      text.append(" of ").append(megabytes(totalBytes));
    }
    text.append(String.format(" in %.2f s", wallSeconds()));
    double wall = wallMegabytesPerSecond();
    if (!Double.isNaN(wall)) {
      text.append(String.format(" (%.0f MB/s)", wall));
    }
    if (hasModeledTime()) {
      text.append(String.format(", modeled %.3f s", modeledSeconds()));
    }
    if (droppedSamples > 0) {
      text.append(", ").append(samples.size()).append(" of ").append(samples.size() + droppedSamples).append(" samples kept");
    }
    return text.append(finished ? "" : ", running").toString();
  }

  private static String megabytes(long bytes) {
    return String.format("%.1f MB", bytes / 1e6);
  }
}
