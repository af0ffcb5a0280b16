package org.csdlab.zns;

import java.util.LinkedHashSet;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Open and active zone accounting, and the only place zone states change. Every method must be
 * called with {@link #lock} held.
 */
final class ZoneResources {
  final ReentrantLock lock = new ReentrantLock();
  private final int maxOpen;
  private final int maxActive;
  private int open;
  private int active;

  /** Implicitly opened zones, least recently opened first. */
  private final LinkedHashSet<ZoneSlot> implicitlyOpened = new LinkedHashSet<>();

  ZoneResources(int maxOpen, int maxActive) {
    this.maxOpen = maxOpen;
    this.maxActive = maxActive;
  }

  int open() {
    return open;
  }

  int active() {
    return active;
  }

  /** How many more zones may be opened right now. */
  long freeOpen() {
    return (long) maxOpen - open;
  }

  /** How many more zones may become active right now. */
  long freeActive() {
    return (long) maxActive - active;
  }

  int maxOpen() {
    return maxOpen;
  }

  int maxActive() {
    return maxActive;
  }

  /** The implicitly opened zone opened longest ago, or null if there is none. */
  ZoneSlot leastRecentlyImplicitlyOpened() {
    return implicitlyOpened.isEmpty() ? null : implicitlyOpened.iterator().next();
  }

  /** Moves {@code zone} to {@code to} by a host command, as the spec's state machine allows. */
  void transition(ZoneSlot zone, ZoneState to) {
    if (!Transitions.isAllowed(zone.state, to)) {
      throw new IllegalStateException(
          "zone " + zone.id + ": " + zone.state + " -> " + to + " is not a spec transition");
    }
    apply(zone, to);
  }

  /** Moves {@code zone} to Read Only or Offline because of a device fault. */
  void fault(ZoneSlot zone, ZoneState to) {
    if (!Transitions.isFault(zone.state, to)) {
      throw new IllegalStateException(
          "zone " + zone.id + ": " + zone.state + " -> " + to + " is not a fault transition");
    }
    apply(zone, to);
  }

  /** Puts {@code zone} in {@code to} as a stored image says, counting its resources. */
  void restore(ZoneSlot zone, ZoneState to) {
    apply(zone, to);
  }

  private void apply(ZoneSlot zone, ZoneState to) {
    ZoneState from = zone.state;
    if (from == to) {
      return;
    }
    open += (to.isOpen() ? 1 : 0) - (from.isOpen() ? 1 : 0);
    active += (to.isActive() ? 1 : 0) - (from.isActive() ? 1 : 0);
    if (from == ZoneState.IMPLICITLY_OPENED) {
      implicitlyOpened.remove(zone);
    }
    if (to == ZoneState.IMPLICITLY_OPENED) {
      implicitlyOpened.add(zone);
    }
    zone.state = to;
  }

  @Override
  public String toString() {
    return "open "
        + open
        + "/"
        + Geometry.limitText(maxOpen)
        + ", active "
        + active
        + "/"
        + Geometry.limitText(maxActive);
  }
}
