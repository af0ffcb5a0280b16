package org.csdlab.zns;

import static org.csdlab.zns.Devices.assertCounts;
import static org.csdlab.zns.Devices.blocks;
import static org.csdlab.zns.Devices.refused;
import static org.csdlab.zns.Devices.start;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Zone Management Send with Select All: which zones each action selects, and all-or-nothing
 * failure.
 */
class SelectAllTest {
  private ZnsDevice d;

  /** Zone 0 IOPEN, 1 EOPEN, 2 CLOSED, 3 FULL, 4 READ_ONLY, 5 OFFLINE, 6 and 7 EMPTY. */
  @BeforeEach
  void mixedDevice() {
    d =
        ZnsDevice.builder(
                Geometry.builder()
                    .zoneCount(8)
                    .zoneSizeBlocks(16)
                    .zoneCapacityBlocks(12)
                    .blockSizeBytes(512)
                    .maxOpenZones(3)
                    .maxActiveZones(4)
                    .build())
            .build();
    d.write(start(2), blocks(1, 1));
    d.manage(2, ZoneAction.CLOSE);
    d.write(start(0), blocks(1, 1));
    d.manage(1, ZoneAction.OPEN);
    d.manage(3, ZoneAction.FINISH);
    d.faults().markReadOnly(4);
    d.faults().markOffline(5);
  }

  private List<ZoneState> states() {
    return d.zones().stream().map(Zone::state).toList();
  }

  private static List<ZoneState> states(ZoneState... s) {
    return List.of(s);
  }

  @Test
  void closeAllClosesOpenedZonesOnly() {
    d.manageAll(ZoneAction.CLOSE);
    assertEquals(
        states(
            ZoneState.CLOSED,
            ZoneState.CLOSED,
            ZoneState.CLOSED,
            ZoneState.FULL,
            ZoneState.READ_ONLY,
            ZoneState.OFFLINE,
            ZoneState.EMPTY,
            ZoneState.EMPTY),
        states());
    assertCounts(d, 0, 3);
  }

  @Test
  void finishAllFinishesOpenedAndClosedZonesOnly() {
    d.manageAll(ZoneAction.FINISH);
    assertEquals(
        states(
            ZoneState.FULL,
            ZoneState.FULL,
            ZoneState.FULL,
            ZoneState.FULL,
            ZoneState.READ_ONLY,
            ZoneState.OFFLINE,
            ZoneState.EMPTY,
            ZoneState.EMPTY),
        states());
    assertCounts(d, 0, 0);
  }

  @Test
  void resetAllEmptiesOpenedClosedAndFullZonesOnly() {
    d.manageAll(ZoneAction.RESET);
    assertEquals(
        states(
            ZoneState.EMPTY,
            ZoneState.EMPTY,
            ZoneState.EMPTY,
            ZoneState.EMPTY,
            ZoneState.READ_ONLY,
            ZoneState.OFFLINE,
            ZoneState.EMPTY,
            ZoneState.EMPTY),
        states());
    assertCounts(d, 0, 0);
  }

  @Test
  void openAllOpensClosedZonesOnly() {
    d.manageAll(ZoneAction.OPEN);
    assertEquals(
        states(
            ZoneState.IMPLICITLY_OPENED,
            ZoneState.EXPLICITLY_OPENED,
            ZoneState.EXPLICITLY_OPENED,
            ZoneState.FULL,
            ZoneState.READ_ONLY,
            ZoneState.OFFLINE,
            ZoneState.EMPTY,
            ZoneState.EMPTY),
        states());
    assertCounts(d, 3, 3);
  }

  @Test
  void offlineAllTakesReadOnlyZonesOffline() {
    d.manageAll(ZoneAction.OFFLINE);
    assertEquals(ZoneState.OFFLINE, d.zone(4).state());
    assertEquals(ZoneState.IMPLICITLY_OPENED, d.zone(0).state());
  }

  @Test
  void openAllBeyondOpenLimitFailsAndChangesNoZone() {
    d.write(start(6), blocks(1, 1));
    d.manage(6, ZoneAction.CLOSE);
    d.manage(0, ZoneAction.CLOSE);
    List<Zone> before = d.zones();
    refused(StatusCode.TOO_MANY_OPEN_ZONES, () -> d.manageAll(ZoneAction.OPEN));
    assertEquals(before, d.zones());
    assertCounts(d, 1, 4);
  }
}
