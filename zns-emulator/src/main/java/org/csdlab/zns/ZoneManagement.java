package org.csdlab.zns;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Zone Management Send: Open, Close, Finish, Reset, Offline (one zone or Select All) and Set Zone
 * Descriptor Extension, each checked completely before any zone changes.
 */
final class ZoneManagement {
  private final Geometry geometry;
  private final ZoneSlot[] zones;
  private final ZoneResources resources;
  private final ZoneStorage backend;
  private final StatsRecorder stats;

  ZoneManagement(
      Geometry geometry,
      ZoneSlot[] zones,
      ZoneResources resources,
      ZoneStorage backend,
      StatsRecorder stats) {
    this.stats = stats;
    this.geometry = geometry;
    this.zones = zones;
    this.resources = resources;
    this.backend = backend;
  }

  /**
   * Applies a Zone Management Send action to one zone; returns the zones erased (the zone, if it
   * was reset from a state other than Empty).
   *
   * @throws ZnsException Invalid Zone State Transition, Too Many Open / Active Zones, Invalid Field
   *     (no such zone)
   */
  List<Integer> manage(int zoneId, ZoneAction action) {
    Objects.requireNonNull(action, "action");
    String command = action.commandName();
    if (zoneId < 0 || zoneId >= zones.length) {
      throw new ZnsException(
          StatusCode.INVALID_FIELD,
          command,
          zoneId,
          ZnsException.NONE,
          command + " zone " + zoneId + ": the device has zones 0 to " + (zones.length - 1));
    }
    ZoneSlot zone = zones[zoneId];
    zone.lock.lock();
    try {
      resources.lock.lock();
      try {
        ZoneState to = Transitions.afterAction(action, zone.state);
        if (to == null) {
          throw ZnsException.refuse(
              StatusCode.INVALID_ZONE_STATE_TRANSITION,
              command,
              zone,
              command
                  + " zone "
                  + zone.id
                  + ": the zone is "
                  + zone.state
                  + " (write pointer "
                  + zone.writePointer
                  + "); "
                  + command
                  + " is allowed from "
                  + Transitions.acceptedFrom(action));
        }
        checkResources(
            command,
            zone,
            activeNeeded(zone.state, to),
            !zone.state.isOpen() && to.isOpen() ? 1 : 0);
        return erased(zone, action, to);
      } finally {
        resources.lock.unlock();
      }
    } finally {
      zone.lock.unlock();
    }
  }

  /**
   * Applies a Zone Management Send action with Select All: to every zone in a state the spec
   * selects for that action (Open: Closed zones; Close: opened zones; Finish: opened and Closed;
   * Reset: opened, Closed and Full; Offline: Read Only). Either every selected zone changes or, if
   * the command fails, none does. Returns the zones erased (reset from a state other than Empty).
   *
   * @throws ZnsException Too Many Open Zones (Open would need more open zones than are free)
   */
  List<Integer> manageAll(ZoneAction action) {
    Objects.requireNonNull(action, "action");
    String command = action.commandName();
    for (ZoneSlot zone : zones) {
      zone.lock.lock();
    }
    try {
      resources.lock.lock();
      try {
        List<ZoneSlot> selected = new ArrayList<>();
        int openNeeded = 0;
        for (ZoneSlot zone : zones) {
          if (Transitions.selectAll(action).contains(zone.state)) {
            selected.add(zone);
            if (!zone.state.isOpen() && Transitions.afterAction(action, zone.state).isOpen()) {
              openNeeded++;
            }
          }
        }
        if (openNeeded > resources.freeOpen()) {
          throw new ZnsException(
              StatusCode.TOO_MANY_OPEN_ZONES,
              command + " all",
              ZnsException.NONE,
              ZnsException.NONE,
              command
                  + " all zones: "
                  + openNeeded
                  + " closed zones would open but only "
                  + resources.freeOpen()
                  + " of "
                  + resources.maxOpen()
                  + " open zones are free; no zone changed");
        }
        List<Integer> erased = new ArrayList<>();
        for (ZoneSlot zone : selected) {
          erased.addAll(erased(zone, action, Transitions.afterAction(action, zone.state)));
        }
        return erased;
      } finally {
        resources.lock.unlock();
      }
    } finally {
      for (int i = zones.length - 1; i >= 0; i--) {
        zones[i].lock.unlock();
      }
    }
  }

  /**
   * A zone that becomes active needs a free active resource. Finish of an Empty zone does not: the
   * zone goes straight to Full (the state machine of ZNS §2.1.1.3; QEMU does the same), so it
   * succeeds at the limit.
   */
  private static int activeNeeded(ZoneState from, ZoneState to) {
    return !from.isActive() && to.isActive() ? 1 : 0;
  }

  private void checkResources(String command, ZoneSlot zone, int activeNeeded, int openNeeded) {
    if (activeNeeded > resources.freeActive()) {
      throw ZnsException.refuse(
          StatusCode.TOO_MANY_ACTIVE_ZONES,
          command,
          zone,
          command
              + " zone "
              + zone.id
              + ": the zone would become active but "
              + resources.active()
              + " of "
              + resources.maxActive()
              + " zones are active; finish or reset one first");
    }
    if (openNeeded > resources.freeOpen()) {
      throw ZnsException.refuse(
          StatusCode.TOO_MANY_OPEN_ZONES,
          command,
          zone,
          command
              + " zone "
              + zone.id
              + ": the zone would open but "
              + resources.open()
              + " of "
              + resources.maxOpen()
              + " zones are open; close one first");
    }
  }

  /**
   * Set Zone Descriptor Extension: stores {@code extension} (exactly the geometry's extension size)
   * with an Empty zone, which becomes Closed and so takes an active resource. A reset removes it.
   *
   * @throws ZnsException Invalid Field (no extensions, wrong size), Invalid Zone State Transition
   *     (zone not Empty), Too Many Active Zones, Invalid Field (no such zone)
   */
  void setDescriptorExtension(int zoneId, byte[] extension) {
    Objects.requireNonNull(extension, "extension");
    String command = "set zone descriptor extension";
    if (zoneId < 0 || zoneId >= zones.length) {
      throw new ZnsException(
          StatusCode.INVALID_FIELD,
          command,
          zoneId,
          ZnsException.NONE,
          command + " of zone " + zoneId + ": the device has zones 0 to " + (zones.length - 1));
    }
    ZoneSlot zone = zones[zoneId];
    int size = geometry.zoneDescriptorExtensionBytes();
    if (size == 0 || extension.length != size) {
      throw ZnsException.refuse(
          StatusCode.INVALID_FIELD,
          command,
          zone,
          command
              + " of zone "
              + zoneId
              + ": "
              + (size == 0
                  ? "the device has no zone descriptor extensions"
                  : "extension is " + extension.length + " bytes; it must be " + size));
    }
    zone.lock.lock();
    try {
      resources.lock.lock();
      try {
        ZoneState to = Transitions.afterSetExtension(zone.state);
        if (to == null) {
          throw ZnsException.refuse(
              StatusCode.INVALID_ZONE_STATE_TRANSITION,
              command,
              zone,
              command
                  + " of zone "
                  + zoneId
                  + ": the zone is "
                  + zone.state
                  + "; an extension can only be set on an EMPTY zone");
        }
        checkResources(command, zone, 1, 0);
        zone.extension = extension.clone();
        resources.transition(zone, to);
        backend.saveZone(zone);
      } finally {
        resources.lock.unlock();
      }
    } finally {
      zone.lock.unlock();
    }
  }

  /** Applies the action; returns the zone in a list if it was erased, else an empty list. */
  private List<Integer> erased(ZoneSlot zone, ZoneAction action, ZoneState to) {
    boolean erase = action == ZoneAction.RESET && zone.state != ZoneState.EMPTY;
    apply(zone, action, to);
    return erase ? List.of(zone.id) : List.of();
  }

  private void apply(ZoneSlot zone, ZoneAction action, ZoneState to) {
    if (action == ZoneAction.RESET) {
      if (zone.state != ZoneState.EMPTY) {
        stats.zoneReset(zone.id);
      }
      backend.discard(zone.id);
      zone.extension = null;
      zone.writePointer = zone.startLba;
    } else if (action == ZoneAction.FINISH) {
      zone.writePointer = zone.capacityEnd();
    }
    resources.transition(zone, to);
    backend.saveZone(zone);
  }

  @Override
  public String toString() {
    return "ZoneManagement[" + zones.length + " zones]";
  }
}
