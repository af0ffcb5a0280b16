package org.csdlab.zns;

import static org.csdlab.zns.Devices.assertCounts;
import static org.csdlab.zns.Devices.blocks;
import static org.csdlab.zns.Devices.refused;
import static org.csdlab.zns.Devices.start;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;

/** Every Zone Management Send transition of spec §2.1.1.3, accepted and refused. */
class ZoneTransitionTest {

  /** A small device whose zone 1 is in {@code state}, reached the way the spec reaches it. */
  static ZnsDevice withZone1In(ZoneState state) {
    ZnsDevice d = Devices.small();
    switch (state) {
      case EMPTY -> {}
      case IMPLICITLY_OPENED -> d.write(start(1), blocks(1, 1));
      case EXPLICITLY_OPENED -> d.manage(1, ZoneAction.OPEN);
      case CLOSED -> {
        d.write(start(1), blocks(1, 1));
        d.manage(1, ZoneAction.CLOSE);
      }
      case FULL -> d.manage(1, ZoneAction.FINISH);
      case READ_ONLY -> d.faults().markReadOnly(1);
      case OFFLINE -> d.faults().markOffline(1);
    }
    assertEquals(state, d.zone(1).state());
    return d;
  }

  private static void assertCountsMatch(ZnsDevice d, ZoneState state) {
    assertCounts(d, state.isOpen() ? 1 : 0, state.isActive() ? 1 : 0);
  }

  @ParameterizedTest(name = "{0} --{1}--> {2}")
  @CsvSource({
    "EMPTY, OPEN, EXPLICITLY_OPENED",
    "IMPLICITLY_OPENED, OPEN, EXPLICITLY_OPENED",
    "EXPLICITLY_OPENED, OPEN, EXPLICITLY_OPENED",
    "CLOSED, OPEN, EXPLICITLY_OPENED",
    "IMPLICITLY_OPENED, CLOSE, CLOSED",
    "EXPLICITLY_OPENED, CLOSE, CLOSED",
    "CLOSED, CLOSE, CLOSED",
    "EMPTY, FINISH, FULL",
    "IMPLICITLY_OPENED, FINISH, FULL",
    "EXPLICITLY_OPENED, FINISH, FULL",
    "CLOSED, FINISH, FULL",
    "FULL, FINISH, FULL",
    "EMPTY, RESET, EMPTY",
    "IMPLICITLY_OPENED, RESET, EMPTY",
    "EXPLICITLY_OPENED, RESET, EMPTY",
    "CLOSED, RESET, EMPTY",
    "FULL, RESET, EMPTY",
    "READ_ONLY, OFFLINE, OFFLINE",
    "OFFLINE, OFFLINE, OFFLINE",
  })
  void actionMovesZoneAsTheSpecSays(ZoneState from, ZoneAction action, ZoneState to) {
    ZnsDevice d = withZone1In(from);
    d.manage(1, action);
    assertEquals(to, d.zone(1).state());
    assertCountsMatch(d, to);
  }

  @ParameterizedTest(name = "{1} from {0} is refused")
  @CsvSource({
    "FULL, OPEN",
    "READ_ONLY, OPEN",
    "OFFLINE, OPEN",
    "EMPTY, CLOSE",
    "FULL, CLOSE",
    "READ_ONLY, CLOSE",
    "OFFLINE, CLOSE",
    "READ_ONLY, FINISH",
    "OFFLINE, FINISH",
    "READ_ONLY, RESET",
    "OFFLINE, RESET",
    "EMPTY, OFFLINE",
    "IMPLICITLY_OPENED, OFFLINE",
    "EXPLICITLY_OPENED, OFFLINE",
    "CLOSED, OFFLINE",
    "FULL, OFFLINE",
  })
  void refusedActionFailsWithInvalidTransitionAndChangesNothing(ZoneState from, ZoneAction action) {
    ZnsDevice d = withZone1In(from);
    Zone before = d.zone(1);
    ZnsException e = refused(StatusCode.INVALID_ZONE_STATE_TRANSITION, () -> d.manage(1, action));
    assertEquals(before, d.zone(1));
    assertCountsMatch(d, from);
    assertEquals(1, e.zone());
    assertTrue(e.getMessage().contains("the zone is " + from), e.getMessage());
  }

  @Test
  void finishMovesWritePointerToCapacityEnd() {
    ZnsDevice d = withZone1In(ZoneState.IMPLICITLY_OPENED);
    d.manage(1, ZoneAction.FINISH);
    assertEquals(start(1) + 12, d.zone(1).writePointer());
  }

  @Test
  void resetMovesWritePointerToZoneStartAndForgetsData() {
    ZnsDevice d = withZone1In(ZoneState.CLOSED);
    d.manage(1, ZoneAction.RESET);
    assertEquals(start(1), d.zone(1).writePointer());
    assertEquals(0, d.read(start(1), 1)[0]);
  }

  @Test
  void closedZoneReopensImplicitlyOnWrite() {
    ZnsDevice d = withZone1In(ZoneState.CLOSED);
    d.write(start(1) + 1, blocks(1, 2));
    assertEquals(ZoneState.IMPLICITLY_OPENED, d.zone(1).state());
    assertCounts(d, 1, 1);
  }

  @Test
  void explicitlyOpenedZoneStaysExplicitOnWrite() {
    ZnsDevice d = withZone1In(ZoneState.EXPLICITLY_OPENED);
    d.write(start(1), blocks(1, 2));
    assertEquals(ZoneState.EXPLICITLY_OPENED, d.zone(1).state());
  }

  @Test
  void manageOfUnknownZoneIsInvalidField() {
    refused(StatusCode.INVALID_FIELD, () -> Devices.small().manage(8, ZoneAction.OPEN));
  }

  @ParameterizedTest
  @EnumSource(ZoneState.class)
  void faultCanMakeAnyLiveZoneOffline(ZoneState from) {
    ZnsDevice d = withZone1In(from);
    if (from == ZoneState.OFFLINE) {
      assertThrows(IllegalStateException.class, () -> d.faults().markReadOnly(1));
    } else {
      d.faults().markOffline(1);
      assertEquals(ZoneState.OFFLINE, d.zone(1).state());
      assertCounts(d, 0, 0);
    }
  }

  @Test
  void transitionTableHoldsExactlyTheSpecTransitions() {
    assertEquals(
        Set.of(
            ZoneState.IMPLICITLY_OPENED,
            ZoneState.EXPLICITLY_OPENED,
            ZoneState.CLOSED,
            ZoneState.FULL),
        Transitions.ALLOWED.get(ZoneState.EMPTY));
    assertEquals(Set.of(ZoneState.EMPTY), Transitions.ALLOWED.get(ZoneState.FULL));
    assertEquals(Set.of(ZoneState.OFFLINE), Transitions.ALLOWED.get(ZoneState.READ_ONLY));
    assertEquals(Set.of(), Transitions.ALLOWED.get(ZoneState.OFFLINE));
    int count = Transitions.ALLOWED.values().stream().mapToInt(Set::size).sum();
    assertEquals(4 + 4 + 3 + 4 + 1 + 1, count, Map.copyOf(Transitions.ALLOWED).toString());
  }
}
