package org.csdlab.zns;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class SpecCodesTest {

  @Test
  void zoneStatesCarryTheSpecZoneStateValues() {
    assertEquals(0x1, ZoneState.EMPTY.code());
    assertEquals(0x2, ZoneState.IMPLICITLY_OPENED.code());
    assertEquals(0x3, ZoneState.EXPLICITLY_OPENED.code());
    assertEquals(0x4, ZoneState.CLOSED.code());
    assertEquals(0xD, ZoneState.READ_ONLY.code());
    assertEquals(0xE, ZoneState.FULL.code());
    assertEquals(0xF, ZoneState.OFFLINE.code());
  }

  @Test
  void zoneStatusCodesAreCommandSpecificWithSpecNumbers() {
    int expected = 0xB8;
    for (StatusCode code :
        new StatusCode[] {
          StatusCode.ZONE_BOUNDARY_ERROR,
          StatusCode.ZONE_IS_FULL,
          StatusCode.ZONE_IS_READ_ONLY,
          StatusCode.ZONE_IS_OFFLINE,
          StatusCode.ZONE_INVALID_WRITE,
          StatusCode.TOO_MANY_ACTIVE_ZONES,
          StatusCode.TOO_MANY_OPEN_ZONES,
          StatusCode.INVALID_ZONE_STATE_TRANSITION
        }) {
      assertEquals(expected++, code.code(), code.name());
      assertEquals(1, code.type().code(), code.name());
    }
  }

  @Test
  void genericAndMediaStatusCodesHaveSpecNumbers() {
    assertEquals(0x02, StatusCode.INVALID_FIELD.code());
    assertEquals(0, StatusCode.INVALID_FIELD.type().code());
    assertEquals(0x80, StatusCode.LBA_OUT_OF_RANGE.code());
    assertEquals(0, StatusCode.LBA_OUT_OF_RANGE.type().code());
    assertEquals(0x81, StatusCode.UNRECOVERED_READ_ERROR.code());
    assertEquals(2, StatusCode.UNRECOVERED_READ_ERROR.type().code());
  }

  @Test
  void reportFiltersCarryTheSpecReportingOptions() {
    for (ReportFilter f : ReportFilter.values()) {
      assertEquals(f.ordinal(), f.code());
    }
  }

  @Test
  void zoneActionsCarryTheSpecZoneSendActions() {
    assertEquals(1, ZoneAction.CLOSE.code());
    assertEquals(2, ZoneAction.FINISH.code());
    assertEquals(3, ZoneAction.OPEN.code());
    assertEquals(4, ZoneAction.RESET.code());
    assertEquals(5, ZoneAction.OFFLINE.code());
  }

  @Test
  void zoneToStringIsShort() {
    assertEquals(
        "Zone[id=3, state=CLOSED, wp=4096]",
        new Zone(3, ZoneState.CLOSED, 4000, 100, 4096, 128).toString());
  }
}
