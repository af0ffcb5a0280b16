package org.csdlab.zns.timing;

import java.util.Objects;

/**
 * A modeled "now" for a host that drives a {@link TimingModel}, so callers need not carry submit
 * times around. Synchronous commands ({@link #read}, {@link #write}, {@link #reset}) are submitted
 * at {@link #now()} and move now to their completion; asynchronous ones ({@link #submitRead},
 * {@link #submitWrite}, {@link #submitReset}) are all submitted at now, which stays put until
 * {@link #awaitAll()} moves it to the last of their completions — the way a host keeps several
 * commands in flight (queue depth &gt; 1).
 *
 * <pre>{@code
 * var clock = new ModeledClock(new TimingModel(TimingProfile.teaching()));
 * clock.write(0, 0, 4096);         // 650_000: 50 µs link + 100 µs channel + 500 µs program
 * clock.now();                     // 650_000
 * }</pre>
 *
 * Thread-safe; like the model, the times depend only on the order of the calls.
 */
public final class ModeledClock {

  private final TimingModel model;
  private long now;
  private long inFlightUntil;

  /** A clock at modeled time 0 driving {@code model}. */
  public ModeledClock(TimingModel model) {
    this.model = Objects.requireNonNull(model, "model");
  }

  /** A clock at modeled time 0 driving a fresh model of {@code profile}. */
  public static ModeledClock of(TimingProfile profile) {
    return new ModeledClock(new TimingModel(profile));
  }

  /** The model this clock drives. */
  public TimingModel model() {
    return model;
  }

  /** The current modeled time in ns. */
  public synchronized long now() {
    return now;
  }

  /** Moves now forward by {@code nanos} (host think time). */
  public synchronized long advanceBy(long nanos) {
    if (nanos < 0) {
      throw new IllegalArgumentException("modeled time cannot go back: advanceBy(" + nanos + ")");
    }
    now = Math.addExact(now, nanos);
    return now;
  }

  /** Moves now to {@code nanos} if that is later; never moves it back. */
  public synchronized long advanceTo(long nanos) {
    now = Math.max(now, nanos);
    return now;
  }

  /**
   * Reads synchronously at now; now moves to the completion.
   *
   * @return the command's latency in ns
   */
  public synchronized long read(int zone, long zoneOffsetBytes, long bytes) {
    return finish(model.read(zone, zoneOffsetBytes, bytes, now));
  }

  /**
   * Writes or appends synchronously at now; now moves to the completion.
   *
   * @return the latency in ns
   */
  public synchronized long write(int zone, long zoneOffsetBytes, long bytes) {
    return finish(model.write(zone, zoneOffsetBytes, bytes, now));
  }

  /**
   * Writes zeroes synchronously at now (no data over the host link); now moves to the completion.
   *
   * @return the latency in ns
   */
  public synchronized long writeZeroes(int zone, long zoneOffsetBytes, long bytes) {
    return finish(model.writeZeroes(zone, zoneOffsetBytes, bytes, now));
  }

  /**
   * Resets a zone synchronously at now; now moves to the completion.
   *
   * @return the latency in ns
   */
  public synchronized long reset(int zone) {
    return finish(model.reset(zone, now));
  }

  /**
   * Submits a read at now without waiting.
   *
   * @return its modeled completion time in ns
   */
  public synchronized long submitRead(int zone, long zoneOffsetBytes, long bytes) {
    return inFlight(model.read(zone, zoneOffsetBytes, bytes, now));
  }

  /**
   * Submits a write or append at now without waiting.
   *
   * @return its modeled completion time in ns
   */
  public synchronized long submitWrite(int zone, long zoneOffsetBytes, long bytes) {
    return inFlight(model.write(zone, zoneOffsetBytes, bytes, now));
  }

  /**
   * Submits a zone reset at now without waiting.
   *
   * @return its modeled completion time in ns
   */
  public synchronized long submitReset(int zone) {
    return inFlight(model.reset(zone, now));
  }

  /**
   * Waits for every submitted command: now moves to the latest of their completions.
   *
   * @return now
   */
  public synchronized long awaitAll() {
    now = Math.max(now, inFlightUntil);
    return now;
  }

  private long finish(long completion) {
    long latency = completion - now;
    now = completion;
    inFlightUntil = Math.max(inFlightUntil, completion);
    return latency;
  }

  private long inFlight(long completion) {
    inFlightUntil = Math.max(inFlightUntil, completion);
    return completion;
  }

  @Override
  public synchronized String toString() {
    return "ModeledClock[" + model.profile().name() + ", now " + TimingProfile.duration(now) + "]";
  }
}
