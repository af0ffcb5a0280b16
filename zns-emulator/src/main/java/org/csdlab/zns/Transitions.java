package org.csdlab.zns;

import static org.csdlab.zns.ZoneState.CLOSED;
import static org.csdlab.zns.ZoneState.EMPTY;
import static org.csdlab.zns.ZoneState.EXPLICITLY_OPENED;
import static org.csdlab.zns.ZoneState.FULL;
import static org.csdlab.zns.ZoneState.IMPLICITLY_OPENED;
import static org.csdlab.zns.ZoneState.OFFLINE;
import static org.csdlab.zns.ZoneState.READ_ONLY;

import java.util.Collections;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;

/**
 * The zone state machine of ZNS spec §2.1.1.3, as data: which state changes exist at all, and what
 * each host command does from each state. Every state change the device makes is checked against
 * {@link #ALLOWED} (host-caused) or {@link #isFault} (device-caused).
 */
final class Transitions {

  /** Every host-caused state change of the spec (from → to); nothing else may happen. */
  static final Map<ZoneState, Set<ZoneState>> ALLOWED =
      table(
          EMPTY, EnumSet.of(IMPLICITLY_OPENED, EXPLICITLY_OPENED, CLOSED, FULL),
          IMPLICITLY_OPENED, EnumSet.of(EMPTY, EXPLICITLY_OPENED, CLOSED, FULL),
          EXPLICITLY_OPENED, EnumSet.of(EMPTY, CLOSED, FULL),
          CLOSED, EnumSet.of(EMPTY, IMPLICITLY_OPENED, EXPLICITLY_OPENED, FULL),
          FULL, EnumSet.of(EMPTY),
          READ_ONLY, EnumSet.of(OFFLINE),
          OFFLINE, EnumSet.noneOf(ZoneState.class));

  /**
   * What each Zone Send Action does from each state; a missing state means the action is refused.
   */
  private static final Map<ZoneAction, Map<ZoneState, ZoneState>> ACTIONS =
      new EnumMap<>(ZoneAction.class);

  /**
   * What a write or append does to its zone's state; a missing state means the write is refused.
   */
  private static final Map<ZoneState, ZoneState> WRITE = new EnumMap<>(ZoneState.class);

  /**
   * What Set Zone Descriptor Extension does: only an Empty zone accepts one, and becomes Closed.
   */
  private static final Map<ZoneState, ZoneState> SET_EXTENSION = new EnumMap<>(ZoneState.class);

  /** The states whose zones an action with Select All applies to; others are skipped. */
  private static final Map<ZoneAction, Set<ZoneState>> SELECT_ALL = new EnumMap<>(ZoneAction.class);

  static {
    action(
        ZoneAction.OPEN,
        EMPTY,
        EXPLICITLY_OPENED,
        IMPLICITLY_OPENED,
        EXPLICITLY_OPENED,
        EXPLICITLY_OPENED,
        EXPLICITLY_OPENED,
        CLOSED,
        EXPLICITLY_OPENED);
    action(ZoneAction.CLOSE, IMPLICITLY_OPENED, CLOSED, EXPLICITLY_OPENED, CLOSED, CLOSED, CLOSED);
    action(
        ZoneAction.FINISH,
        EMPTY,
        FULL,
        IMPLICITLY_OPENED,
        FULL,
        EXPLICITLY_OPENED,
        FULL,
        CLOSED,
        FULL,
        FULL,
        FULL);
    action(
        ZoneAction.RESET,
        EMPTY,
        EMPTY,
        IMPLICITLY_OPENED,
        EMPTY,
        EXPLICITLY_OPENED,
        EMPTY,
        CLOSED,
        EMPTY,
        FULL,
        EMPTY);
    action(ZoneAction.OFFLINE, READ_ONLY, OFFLINE, OFFLINE, OFFLINE);

    WRITE.put(EMPTY, IMPLICITLY_OPENED);
    WRITE.put(IMPLICITLY_OPENED, IMPLICITLY_OPENED);
    WRITE.put(EXPLICITLY_OPENED, EXPLICITLY_OPENED);
    WRITE.put(CLOSED, IMPLICITLY_OPENED);

    SET_EXTENSION.put(EMPTY, CLOSED);

    SELECT_ALL.put(ZoneAction.OPEN, EnumSet.of(CLOSED));
    SELECT_ALL.put(ZoneAction.CLOSE, EnumSet.of(IMPLICITLY_OPENED, EXPLICITLY_OPENED));
    SELECT_ALL.put(ZoneAction.FINISH, EnumSet.of(IMPLICITLY_OPENED, EXPLICITLY_OPENED, CLOSED));
    SELECT_ALL.put(
        ZoneAction.RESET, EnumSet.of(IMPLICITLY_OPENED, EXPLICITLY_OPENED, CLOSED, FULL));
    SELECT_ALL.put(ZoneAction.OFFLINE, EnumSet.of(READ_ONLY));

    ACTIONS.values().forEach(m -> m.forEach(Transitions::requireAllowed));
    WRITE.forEach(Transitions::requireAllowed);
    SET_EXTENSION.forEach(Transitions::requireAllowed);
  }

  private Transitions() {}

  /** The state {@code action} leads to from {@code from}, or null if the spec refuses it. */
  static ZoneState afterAction(ZoneAction action, ZoneState from) {
    return ACTIONS.get(action).get(from);
  }

  /** The states from which {@code action} is accepted. */
  static Set<ZoneState> acceptedFrom(ZoneAction action) {
    return ACTIONS.get(action).keySet();
  }

  /** The state a write or append leads to from {@code from}, or null if it is refused. */
  static ZoneState afterWrite(ZoneState from) {
    return WRITE.get(from);
  }

  /** The state Set Zone Descriptor Extension leads to from {@code from}, or null if refused. */
  static ZoneState afterSetExtension(ZoneState from) {
    return SET_EXTENSION.get(from);
  }

  /** The states an action with Select All applies to. */
  static Set<ZoneState> selectAll(ZoneAction action) {
    return SELECT_ALL.get(action);
  }

  /** True if the host may cause {@code from → to} (staying in a state is always allowed). */
  static boolean isAllowed(ZoneState from, ZoneState to) {
    return from == to || ALLOWED.get(from).contains(to);
  }

  /**
   * True if a device fault may cause {@code from → to}: to Read Only or Offline, never out of
   * Offline.
   */
  static boolean isFault(ZoneState from, ZoneState to) {
    return from != OFFLINE && (to == READ_ONLY || to == OFFLINE);
  }

  private static void requireAllowed(ZoneState from, ZoneState to) {
    if (!isAllowed(from, to)) {
      throw new AssertionError(
          "transition table names " + from + " -> " + to + ", not in the spec");
    }
  }

  private static void action(ZoneAction action, ZoneState... fromTo) {
    Map<ZoneState, ZoneState> m = new EnumMap<>(ZoneState.class);
    for (int i = 0; i < fromTo.length; i += 2) {
      m.put(fromTo[i], fromTo[i + 1]);
    }
    ACTIONS.put(action, Collections.unmodifiableMap(m));
  }

  private static Map<ZoneState, Set<ZoneState>> table(Object... fromTo) {
    Map<ZoneState, Set<ZoneState>> m = new EnumMap<>(ZoneState.class);
    for (int i = 0; i < fromTo.length; i += 2) {
      @SuppressWarnings("unchecked")
      Set<ZoneState> to = (Set<ZoneState>) fromTo[i + 1];
      m.put((ZoneState) fromTo[i], Collections.unmodifiableSet(to));
    }
    return Collections.unmodifiableMap(m);
  }
}
