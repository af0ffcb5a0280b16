package org.csdlab.lab.monitor;

import java.util.List;
import java.util.Locale;
import java.util.Objects;
import org.csdlab.ebpf.MemoryBudget;

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
 * @param startNanos when the operation started, on the monitor's clock; charts put the series of
 *     one chart on a common time origin with it
 */
public record Series(
    String name,
    long totalBytes,
    long bytesDone,
    boolean finished,
    List<Sample> samples,
    long droppedSamples,
    long startNanos) {

  public Series {
    Objects.requireNonNull(name, "name");
    samples = List.copyOf(samples);
  }

  /** A series started at time 0 none of whose samples were dropped. */
  public Series(
      String name, long totalBytes, long bytesDone, boolean finished, List<Sample> samples) {
    this(name, totalBytes, bytesDone, finished, samples, 0, 0);
  }

  /** When the last sample was taken, on the monitor's clock. */
  public long lastNanos() {
    return startNanos + last().wallNanos();
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

  /**
   * Average wall-clock throughput in MiB/s (2²⁰ bytes per second), or NaN before any time passed.
   */
  public double wallMebibytesPerSecond() {
    return rate(bytesDone, last().wallNanos());
  }

  /** Average modeled throughput in MiB/s, or NaN without modeled time. */
  public double modeledMebibytesPerSecond() {
    return hasModeledTime() ? rate(bytesDone, last().modeledNanos()) : Double.NaN;
  }

  /** {@code bytes} over {@code nanos} in MiB/s, or NaN when no time passed. */
  static double rate(long bytes, long nanos) {
    return nanos <= 0 ? Double.NaN : bytes / MIB / (nanos / 1e9);
  }

  /** Bytes in a MiB, the unit of the monitor's sizes and rates (as of every size in the lab). */
  static final double MIB = 1 << 20;

  @Override
  public String toString() {
    StringBuilder text =
        new StringBuilder(name).append(": ").append(MemoryBudget.format(bytesDone));
    if (totalBytes > 0 && !finished) {
      text.append(" of ").append(MemoryBudget.format(totalBytes));
    }
    text.append(String.format(Locale.ROOT, " in %.2f s", wallSeconds()));
    double wall = wallMebibytesPerSecond();
    if (!Double.isNaN(wall)) {
      text.append(String.format(Locale.ROOT, " (%.0f MiB/s)", wall));
    }
    if (hasModeledTime()) {
      text.append(String.format(Locale.ROOT, ", modeled %.3f s", modeledSeconds()));
    }
    if (droppedSamples > 0) {
      text.append(", ")
          .append(samples.size())
          .append(" of ")
          .append(samples.size() + droppedSamples)
          .append(" samples kept");
    }
    return text.append(finished ? "" : ", running").toString();
  }
}
