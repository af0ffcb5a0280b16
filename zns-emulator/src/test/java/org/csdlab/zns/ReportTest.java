package org.csdlab.zns;

import static org.csdlab.zns.Devices.blocks;
import static org.csdlab.zns.Devices.start;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Report Zones with each reporting option. */
class ReportTest {

  /** Zone 0 IOPEN, 1 EOPEN, 2 CLOSED, 3 FULL, 4 READ_ONLY, 5 OFFLINE, 6 and 7 EMPTY. */
  private static ZnsDevice mixed() {
    ZnsDevice d =
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
    d.write(start(0), blocks(2, 1));
    d.manage(1, ZoneAction.OPEN);
    d.manage(3, ZoneAction.FINISH);
    d.faults().markReadOnly(4);
    d.faults().markOffline(5);
    return d;
  }

  @ParameterizedTest(name = "{0} lists zones {1}")
  @CsvSource({
    "ALL, 0 1 2 3 4 5 6 7",
    "EMPTY, 6 7",
    "IMPLICITLY_OPENED, 0",
    "EXPLICITLY_OPENED, 1",
    "CLOSED, 2",
    "FULL, 3",
    "READ_ONLY, 4",
    "OFFLINE, 5",
  })
  void filterListsZonesInItsState(ReportFilter filter, String ids) {
    List<Integer> expected = java.util.Arrays.stream(ids.split(" ")).map(Integer::valueOf).toList();
    assertEquals(expected, mixed().report(filter).stream().map(Zone::id).toList());
  }

  @Test
  void reportedZoneCarriesStartCapacityWritePointerAndSize() {
    Zone z = mixed().report(ReportFilter.IMPLICITLY_OPENED).get(0);
    assertEquals(new Zone(0, ZoneState.IMPLICITLY_OPENED, 0, 12, 2, 16), z);
    assertEquals(2, z.writtenBlocks());
    assertEquals(10, z.remainingBlocks());
  }
}
