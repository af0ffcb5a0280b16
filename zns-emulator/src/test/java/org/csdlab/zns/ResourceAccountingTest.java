package org.csdlab.zns;

import static org.csdlab.zns.Devices.assertCounts;
import static org.csdlab.zns.Devices.blocks;
import static org.csdlab.zns.Devices.refused;
import static org.csdlab.zns.Devices.start;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** Open and active limits (MOR 2, MAR 3 on the small device) and implicit close. */
class ResourceAccountingTest {
  private final ZnsDevice d = Devices.small();

  @Test
  void implicitOpenBeyondLimitClosesLeastRecentlyOpenedZone() {
    d.write(start(0), blocks(1, 1));
    d.write(start(1), blocks(1, 1));
    d.write(start(2), blocks(1, 1));
    assertEquals(ZoneState.CLOSED, d.zone(0).state());
    assertEquals(ZoneState.IMPLICITLY_OPENED, d.zone(1).state());
    assertEquals(ZoneState.IMPLICITLY_OPENED, d.zone(2).state());
    assertCounts(d, 2, 3);
  }

  @Test
  void implicitCloseNeverClosesExplicitlyOpenedZones() {
    d.manage(0, ZoneAction.OPEN);
    d.write(start(1), blocks(1, 1));
    d.write(start(2), blocks(1, 1));
    assertEquals(ZoneState.EXPLICITLY_OPENED, d.zone(0).state());
    assertEquals(ZoneState.CLOSED, d.zone(1).state());
    assertCounts(d, 2, 3);
  }

  @Test
  void implicitOpenWithOnlyExplicitlyOpenedZonesIsTooManyOpenZones() {
    d.manage(0, ZoneAction.OPEN);
    d.manage(1, ZoneAction.OPEN);
    refused(StatusCode.TOO_MANY_OPEN_ZONES, () -> d.write(start(2), blocks(1, 1)));
    assertCounts(d, 2, 2);
    assertEquals(ZoneState.EMPTY, d.zone(2).state());
  }

  @Test
  void implicitOpenBeyondLimitFailsWhenImplicitCloseIsOff() {
    ZnsDevice strict = ZnsDevice.builder(Devices.SMALL).implicitClose(false).build();
    strict.write(start(0), blocks(1, 1));
    strict.write(start(1), blocks(1, 1));
    refused(StatusCode.TOO_MANY_OPEN_ZONES, () -> strict.write(start(2), blocks(1, 1)));
    assertEquals(ZoneState.IMPLICITLY_OPENED, strict.zone(0).state());
    assertCounts(strict, 2, 2);
  }

  @Test
  void explicitOpenBeyondOpenLimitIsTooManyOpenZones() {
    d.write(start(0), blocks(1, 1));
    d.write(start(1), blocks(1, 1));
    refused(StatusCode.TOO_MANY_OPEN_ZONES, () -> d.manage(2, ZoneAction.OPEN));
    assertCounts(d, 2, 2);
  }

  @Test
  void explicitOpenBeyondActiveLimitIsTooManyActiveZones() {
    for (int z = 0; z < 3; z++) {
      d.write(start(z), blocks(1, 1));
      d.manage(z, ZoneAction.CLOSE);
    }
    refused(StatusCode.TOO_MANY_ACTIVE_ZONES, () -> d.manage(3, ZoneAction.OPEN));
    assertCounts(d, 0, 3);
  }

  @Test
  void writeBeyondActiveLimitIsTooManyActiveZones() {
    for (int z = 0; z < 3; z++) {
      d.write(start(z), blocks(1, 1));
      d.manage(z, ZoneAction.CLOSE);
    }
    refused(StatusCode.TOO_MANY_ACTIVE_ZONES, () -> d.write(start(3), blocks(1, 1)));
    assertEquals(start(3), d.zone(3).writePointer());
  }

  @Test
  void finishOfEmptyZoneAtActiveLimitGoesStraightToFull() {
    for (int z = 0; z < 3; z++) {
      d.write(start(z), blocks(1, 1));
      d.manage(z, ZoneAction.CLOSE);
    }
    d.manage(3, ZoneAction.FINISH); // Empty -> Full needs no active resource (ZNS §2.1.1.3.6)
    assertEquals(ZoneState.FULL, d.zone(3).state());
    assertEquals(start(3) + 12, d.zone(3).writePointer());
    assertCounts(d, 0, 3);
  }

  @Test
  void finishOfFullZoneNeedsNoResource() {
    d.manage(4, ZoneAction.FINISH);
    for (int z = 0; z < 3; z++) {
      d.write(start(z), blocks(1, 1));
      d.manage(z, ZoneAction.CLOSE);
    }
    d.manage(4, ZoneAction.FINISH);
    assertCounts(d, 0, 3);
  }

  @Test
  void reopeningClosedZoneAtActiveLimitNeedsOnlyAnOpenResource() {
    for (int z = 0; z < 3; z++) {
      d.write(start(z), blocks(1, 1));
      d.manage(z, ZoneAction.CLOSE);
    }
    d.write(start(0) + 1, blocks(1, 1));
    assertCounts(d, 1, 3);
  }

  @Test
  void countsFollowEveryCommand() {
    d.write(start(0), blocks(1, 1));
    assertCounts(d, 1, 1);
    d.manage(0, ZoneAction.OPEN);
    assertCounts(d, 1, 1);
    d.manage(0, ZoneAction.CLOSE);
    assertCounts(d, 0, 1);
    d.manage(1, ZoneAction.OPEN);
    assertCounts(d, 1, 2);
    d.manage(1, ZoneAction.FINISH);
    assertCounts(d, 0, 1);
    d.manage(0, ZoneAction.RESET);
    assertCounts(d, 0, 0);
    d.faults().markReadOnly(2);
    assertCounts(d, 0, 0);
  }

  @Test
  void readOnlyFaultFreesResourcesOfAnOpenZone() {
    d.manage(0, ZoneAction.OPEN);
    d.faults().markReadOnly(0);
    assertCounts(d, 0, 0);
  }

  @Test
  void unlimitedDeviceOpensEveryZone() {
    ZnsDevice open =
        ZnsDevice.builder(
                Geometry.builder()
                    .zoneCount(8)
                    .zoneSizeBlocks(16)
                    .blockSizeBytes(512)
                    .maxOpenZones(Geometry.UNLIMITED)
                    .maxActiveZones(Geometry.UNLIMITED)
                    .build())
            .build();
    for (int z = 0; z < 8; z++) {
      open.manage(z, ZoneAction.OPEN);
    }
    assertCounts(open, 8, 8);
  }
}
