package org.csdlab.zns;

import java.util.List;
import org.csdlab.zns.timing.ModeledClock;
import org.csdlab.zns.timing.TimingModel;
import org.csdlab.zns.timing.TimingProfile;

/**
 * The device's side of the timing model: turns each command the device accepted into calls on a
 * {@link ModeledClock} with synchronous semantics (a command is submitted at the device's current
 * modeled time, and the clock moves to its completion), and remembers each thread's last modeled
 * latency. Refused commands never get here, so they cost no modeled time.
 */
final class DeviceClock {
  private final ModeledClock clock;
  private final Geometry geometry;
  private final StatsRecorder stats;
  private final ThreadLocal<long[]> last = ThreadLocal.withInitial(() -> new long[1]);

  /** With no delays every command takes 0 ns and the clock stays at 0: skip the model. */
  private final boolean instant;

  DeviceClock(TimingProfile profile, Geometry geometry, StatsRecorder stats) {
    this.clock = new ModeledClock(new TimingModel(profile));
    this.geometry = geometry;
    this.stats = stats;
    this.instant = profile.noDelays();
  }

  TimingProfile profile() {
    return clock.model().profile();
  }

  long now() {
    return clock.now();
  }

  long last() {
    return last.get()[0];
  }

  void clearLast() {
    last.get()[0] = 0;
  }

  /**
   * A read of {@code blocks} blocks from {@code lba}; a range that spans zones is one command whose
   * per-zone parts are all submitted at once.
   */
  long read(long lba, int blocks) {
    if (instant) {
      return none();
    }
    long blockSize = geometry.blockSizeBytes();
    long latency;
    synchronized (clock) {
      long start = clock.now();
      long at = lba;
      long end = lba + blocks;
      while (at < end) {
        int zone = geometry.zoneOf(at);
        long zoneStart = geometry.zoneStartLba(zone);
        long n = Math.min(end, zoneStart + geometry.zoneSizeBlocks()) - at;
        clock.submitRead(zone, (at - zoneStart) * blockSize, n * blockSize);
        at += n;
      }
      latency = clock.awaitAll() - start;
    }
    return record(latency);
  }

  /** A write or append of {@code bytes} bytes that landed at {@code firstLba} of {@code zone}. */
  long write(int zone, long firstLba, long bytes) {
    if (instant) {
      return none();
    }
    long offset = (firstLba - geometry.zoneStartLba(zone)) * geometry.blockSizeBytes();
    return record(clock.write(zone, offset, bytes));
  }

  /** A Write Zeroes of {@code bytes} bytes from {@code firstLba} of {@code zone}. */
  long writeZeroes(int zone, long firstLba, long bytes) {
    if (instant) {
      return none();
    }
    long offset = (firstLba - geometry.zoneStartLba(zone)) * geometry.blockSizeBytes();
    return record(clock.writeZeroes(zone, offset, bytes));
  }

  /** Resets (erases) of {@code zones}, all submitted at once, as one command. */
  long reset(List<Integer> zones) {
    if (instant || zones.isEmpty()) {
      return record(0);
    }
    long latency;
    synchronized (clock) {
      long start = clock.now();
      for (int zone : zones) {
        clock.submitReset(zone);
      }
      latency = clock.awaitAll() - start;
    }
    return record(latency);
  }

  /** A command that took no modeled time (zone management other than an erase). */
  long none() {
    return record(0);
  }

  private long record(long latency) {
    long[] slot = last.get();
    if (slot[0] != latency) {
      slot[0] = latency;
    }
    if (latency != 0) {
      stats.modeled(latency);
    }
    return latency;
  }

  @Override
  public String toString() {
    return clock.toString();
  }
}
