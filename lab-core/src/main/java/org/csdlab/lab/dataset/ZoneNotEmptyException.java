package org.csdlab.lab.dataset;

import org.csdlab.zns.ZoneState;

/**
 * A dataset was to be written to zones of which one is not Empty; nothing was written. The message
 * is the {@linkplain #problem() problem} and advice that names a call working where the dataset is
 * written (see {@link Dataset#resetAdvice}); callers with other means (the command line) build
 * their own from the fields.
 */
public final class ZoneNotEmptyException extends IllegalStateException {
  private static final long serialVersionUID = 1L;

  private final int zone;
  private final ZoneState state;
  private final long writePointer;
  private final int firstZone;
  private final int lastZone;

  ZoneNotEmptyException(
      int zone, ZoneState state, long writePointer, int firstZone, int lastZone, String advice) {
    super(problem(zone, state, writePointer, firstZone, lastZone) + "; " + advice);
    this.zone = zone;
    this.state = state;
    this.writePointer = writePointer;
    this.firstZone = firstZone;
    this.lastZone = lastZone;
  }

  private static String problem(
      int zone, ZoneState state, long writePointer, int firstZone, int lastZone) {
    return "zone "
        + zone
        + " is "
        + state
        + " (write pointer "
        + writePointer
        + "), but a dataset is written to Empty"
        + " zones "
        + firstZone
        + " to "
        + lastZone;
  }

  /** What was wrong, without advice. */
  public String problem() {
    return problem(zone, state, writePointer, firstZone, lastZone);
  }

  /** The first zone that is not Empty. */
  public int zone() {
    return zone;
  }

  /** Its state. */
  public ZoneState state() {
    return state;
  }

  /** Its write pointer. */
  public long writePointer() {
    return writePointer;
  }

  /** The first zone the dataset needs. */
  public int firstZone() {
    return firstZone;
  }

  /** The last zone the dataset needs. */
  public int lastZone() {
    return lastZone;
  }
}
