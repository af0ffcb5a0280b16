package org.csdlab.zns.timing;

import java.util.Objects;

/**
 * The modeled clock of one drive: turns each command into a modeled completion time from the
 * drive's {@link TimingProfile}, keeping how long every die, every channel and the host link stay
 * busy. One instance per device; thread-safe; deterministic.
 *
 * <pre>
 *   host ══ link (PCIe) ══ controller ─┬─ channel 0 ── die 0   die 2   ...   (die d on channel d % C)
 *                                      └─ channel 1 ── die 1   die 3   ...
 *
 *   STRIPED:           page p of any zone → die p % D        (consecutive pages change channel first)
 *   ONE_DIE_PER_ZONE:  every page of zone z → die z % D
 *   a "page" here is the stripe unit: page size × planes per die
 * </pre>
 *
 * <p>Times are nanoseconds on the modeled clock. Every resource r (each die, each channel, the
 * link) has a busy-until time {@code free[r]}, initially 0; a stage that needs r starts at {@code
 * max(ready, free[r])} and moves {@code free[r]} to its end. With {@code R}, {@code P}, {@code E}
 * the read, program and reset latencies, {@code ch(b)} and {@code link(b)} the time to move b bytes
 * at channel and link bandwidth (⌈b × 10⁹ / bandwidth⌉), and a command of {@code n} bytes touching
 * pages i with {@code b_i} bytes each, on die {@code d_i} and channel {@code c_i}:
 *
 * <pre>
 *   read  (submit t):   for each page i, in order:
 *                         sense_i = max(t, free[d_i]) + R
 *                         xfer_i  = max(sense_i, free[c_i]) + ch(b_i)     free[c_i] = free[d_i] = xfer_i
 *                       done = max(max_i xfer_i, free[link]) + link(n)    free[link] = done
 *
 *   write (submit t):   in  = max(t, free[link]) + link(n)               free[link] = in
 *   (also append)       for each page i, in order:
 *                         xfer_i = max(in, free[c_i], free[d_i]) + ch(b_i)     free[c_i] = xfer_i
 *                         prog_i = xfer_i + P                                   free[d_i] = prog_i
 *                       done = max_i prog_i
 *
 *   reset (submit t):   for each die d of the zone:  end_d = max(t, free[d]) + E,  free[d] = end_d
 *                       done = max_d end_d            (no data crosses the link or the channels)
 * </pre>
 *
 * A partial page costs a whole read or program latency but only its own bytes of transfer. There is
 * no write cache: a write completes when its last page is programmed. Commands are served in the
 * order the model receives them, each stage in first-come first-served order per resource, so the
 * same sequence of calls always gives the same times, whatever the host's speed. A profile with
 * {@link TimingProfile#noDelays() no delays} completes every command at its submit time.
 */
public final class TimingModel {

  private final TimingProfile profile;
  private final long[] dieFree;
  private final long[] channelFree;
  private long linkFree;
  private long linkBytes;
  private long latestCompletion;

  /** A model of a drive with {@code profile}, idle at modeled time 0. */
  public TimingModel(TimingProfile profile) {
    this.profile = Objects.requireNonNull(profile, "profile");
    this.dieFree = new long[profile.dies()];
    this.channelFree = new long[profile.channels()];
  }

  /** The profile this model follows. */
  public TimingProfile profile() {
    return profile;
  }

  /**
   * Models reading {@code bytes} bytes at {@code zoneOffsetBytes} into {@code zone}, submitted at
   * modeled time {@code submitNanos}.
   *
   * @return the modeled completion time in ns, never before {@code submitNanos}
   */
  public synchronized long read(int zone, long zoneOffsetBytes, long bytes, long submitNanos) {
    check("read", zone, zoneOffsetBytes, bytes, submitNanos);
    if (profile.noDelays() || bytes == 0) {
      return complete(submitNanos, bytes);
    }
    long mediaDone =
        forEachPage(
            zone,
            zoneOffsetBytes,
            bytes,
            submitNanos,
            (die, channel, pageBytes) -> {
              long sensed = Math.max(submitNanos, dieFree[die]) + profile.readLatencyNanos();
              long transferred =
                  Math.max(sensed, channelFree[channel]) + profile.channelTransferNanos(pageBytes);
              channelFree[channel] = transferred;
              dieFree[die] = transferred;
              return transferred;
            });
    linkFree = Math.max(mediaDone, linkFree) + profile.linkTransferNanos(bytes);
    return complete(linkFree, bytes);
  }

  /**
   * Models writing (or appending) {@code bytes} bytes at {@code zoneOffsetBytes} into {@code zone},
   * submitted at modeled time {@code submitNanos}. For an append, pass the offset the data lands
   * at.
   *
   * @return the modeled completion time in ns, never before {@code submitNanos}
   */
  public synchronized long write(int zone, long zoneOffsetBytes, long bytes, long submitNanos) {
    check("write", zone, zoneOffsetBytes, bytes, submitNanos);
    if (profile.noDelays() || bytes == 0) {
      return complete(submitNanos, bytes);
    }
    linkFree = Math.max(submitNanos, linkFree) + profile.linkTransferNanos(bytes);
    return complete(program(zone, zoneOffsetBytes, bytes, linkFree), bytes);
  }

  /**
   * Models a Write Zeroes of {@code bytes} bytes at {@code zoneOffsetBytes} into {@code zone}: the
   * dies program as for a write, but no data crosses the host link.
   *
   * @return the modeled completion time in ns, never before {@code submitNanos}
   */
  public synchronized long writeZeroes(
      int zone, long zoneOffsetBytes, long bytes, long submitNanos) {
    check("write zeroes", zone, zoneOffsetBytes, bytes, submitNanos);
    if (profile.noDelays() || bytes == 0) {
      return complete(submitNanos, 0);
    }
    return complete(program(zone, zoneOffsetBytes, bytes, submitNanos), 0);
  }

  /** Moves the pages over their channels to their dies and programs them, from {@code arrived}. */
  private long program(int zone, long zoneOffsetBytes, long bytes, long arrived) {
    return forEachPage(
        zone,
        zoneOffsetBytes,
        bytes,
        arrived,
        (die, channel, pageBytes) -> {
          long transferred =
              Math.max(arrived, Math.max(channelFree[channel], dieFree[die]))
                  + profile.channelTransferNanos(pageBytes);
          channelFree[channel] = transferred;
          long programmed = transferred + profile.programLatencyNanos();
          dieFree[die] = programmed;
          return programmed;
        });
  }

  /**
   * Models a zone reset (erase) of {@code zone} submitted at {@code submitNanos}: every die the
   * zone maps to erases for the reset latency.
   *
   * @return the modeled completion time in ns, never before {@code submitNanos}
   */
  public synchronized long reset(int zone, long submitNanos) {
    check("reset", zone, 0, 0, submitNanos);
    if (profile.noDelays()) {
      return complete(submitNanos, 0);
    }
    long done = submitNanos;
    if (profile.mapping() == ZoneMapping.ONE_DIE_PER_ZONE) {
      done = erase(die(zone, 0), submitNanos);
    } else {
      for (int die = 0; die < dieFree.length; die++) {
        done = Math.max(done, erase(die, submitNanos));
      }
    }
    return complete(done, 0);
  }

  /** The work one stripe unit of a command does on its die and channel; returns when it ends. */
  @FunctionalInterface
  private interface PageStage {
    long run(int die, int channel, long pageBytes);
  }

  /**
   * Runs {@code stage} for each stripe unit the byte range touches, in order, and returns the
   * latest end time, or {@code startNanos} if none ends later.
   */
  private long forEachPage(
      int zone, long zoneOffsetBytes, long bytes, long startNanos, PageStage stage) {
    long done = startNanos;
    int unit = profile.stripeUnitBytes();
    long offset = zoneOffsetBytes;
    long end = zoneOffsetBytes + bytes;
    while (offset < end) {
      long pageBytes = Math.min(end - offset, unit - offset % unit);
      int die = die(zone, offset / unit);
      done = Math.max(done, stage.run(die, channelOf(die), pageBytes));
      offset += pageBytes;
    }
    return done;
  }

  private long erase(int die, long submitNanos) {
    dieFree[die] = Math.max(submitNanos, dieFree[die]) + profile.resetLatencyNanos();
    return dieFree[die];
  }

  /** The die that holds byte {@code zoneOffsetBytes} of {@code zone}. */
  public int dieOf(int zone, long zoneOffsetBytes) {
    check("dieOf", zone, zoneOffsetBytes, 0, 0);
    return die(zone, zoneOffsetBytes / profile.stripeUnitBytes());
  }

  /** The channel {@code die} sits on: {@code die % channels}. */
  public int channelOf(int die) {
    Objects.checkIndex(die, dieFree.length);
    return die % channelFree.length;
  }

  /** The modeled time until which {@code die} is busy (0 if it never worked). */
  public synchronized long dieBusyUntil(int die) {
    return dieFree[Objects.checkIndex(die, dieFree.length)];
  }

  /** The modeled time until which {@code channel} is busy (0 if it never worked). */
  public synchronized long channelBusyUntil(int channel) {
    return channelFree[Objects.checkIndex(channel, channelFree.length)];
  }

  /** The modeled time until which the host link is busy (0 if it never worked). */
  public synchronized long linkBusyUntil() {
    return linkFree;
  }

  /** Bytes moved over the host link by reads and writes so far. */
  public synchronized long linkBytes() {
    return linkBytes;
  }

  /** The latest completion time of any command so far (0 before the first). */
  public synchronized long latestCompletionNanos() {
    return latestCompletion;
  }

  private int die(int zone, long page) {
    int dies = dieFree.length;
    if (profile.mapping() == ZoneMapping.ONE_DIE_PER_ZONE) {
      return zone % dies;
    }
    return (int) (page % dies);
  }

  private long complete(long done, long bytes) {
    linkBytes += bytes;
    latestCompletion = Math.max(latestCompletion, done);
    return done;
  }

  private static void check(String command, int zone, long offset, long bytes, long submitNanos) {
    if (zone < 0 || offset < 0 || bytes < 0 || submitNanos < 0 || offset > Long.MAX_VALUE - bytes) {
      throw new IllegalArgumentException(
          "timing "
              + command
              + ": zone, offset, bytes and submit time "
              + "must not be negative and offset + bytes must fit in a long; zone="
              + zone
              + ", offset="
              + offset
              + ", bytes="
              + bytes
              + ", submitNanos="
              + submitNanos);
    }
  }

  @Override
  public synchronized String toString() {
    return "TimingModel["
        + profile.name()
        + ": "
        + dieFree.length
        + " dies, latest completion "
        + TimingProfile.duration(latestCompletion)
        + ", "
        + linkBytes
        + " bytes over the link]";
  }
}
