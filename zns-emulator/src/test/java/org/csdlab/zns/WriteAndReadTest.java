package org.csdlab.zns;

import static org.csdlab.zns.Devices.assertCounts;
import static org.csdlab.zns.Devices.blocks;
import static org.csdlab.zns.Devices.refused;
import static org.csdlab.zns.Devices.start;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** Read, Write and Zone Append: data, write pointer, capacity boundary and their errors. */
class WriteAndReadTest {
  private final ZnsDevice d = Devices.small();

  @Test
  void writtenDataReadsBack() {
    d.write(start(2), blocks(3, 7));
    assertArrayEquals(blocks(3, 7), d.read(start(2), 3));
  }

  @Test
  void writeAdvancesWritePointerAndOpensZoneImplicitly() {
    d.write(start(2), blocks(3, 7));
    Zone z = d.zone(2);
    assertEquals(start(2) + 3, z.writePointer());
    assertEquals(ZoneState.IMPLICITLY_OPENED, z.state());
    assertCounts(d, 1, 1);
  }

  @Test
  void unwrittenBlocksReadAsZeros() {
    assertArrayEquals(new byte[2 * Devices.BLOCK], d.read(start(5), 2));
  }

  @Test
  void blocksBetweenCapacityAndZoneSizeReadAsZeros() {
    d.manage(1, ZoneAction.FINISH);
    assertArrayEquals(new byte[4 * Devices.BLOCK], d.read(start(1) + 12, 4));
  }

  @Test
  void writeNotAtWritePointerIsZoneInvalidWrite() {
    d.write(start(3), blocks(2, 1));
    ZnsException e =
        refused(StatusCode.ZONE_INVALID_WRITE, () -> d.write(start(3) + 5, blocks(1, 1)));
    assertEquals(
        "write to zone 3: lba 53 is not the write pointer 50 (Zone Invalid Write, status 0xBC)",
        e.getMessage());
    assertEquals(3, e.zone());
    assertEquals(50, e.writePointer());
    assertEquals("write", e.command());
  }

  @Test
  void refusedWriteChangesNothing() {
    refused(StatusCode.ZONE_INVALID_WRITE, () -> d.write(start(3) + 1, blocks(1, 1)));
    assertEquals(new Zone(3, ZoneState.EMPTY, start(3), 12, start(3), 16), d.zone(3));
    assertCounts(d, 0, 0);
    assertEquals(8L * 8, d.storedBytes());
  }

  @Test
  void writeCrossingCapacityIsZoneBoundaryError() {
    d.write(start(1), blocks(10, 1));
    ZnsException e =
        refused(StatusCode.ZONE_BOUNDARY_ERROR, () -> d.write(start(1) + 10, blocks(3, 1)));
    assertEquals(start(1) + 10, d.zone(1).writePointer());
    assertEquals(e.writePointer(), d.zone(1).writePointer());
  }

  @Test
  void writeReachingCapacityMakesZoneFullAndFreesResources() {
    d.write(start(1), blocks(12, 1));
    assertEquals(ZoneState.FULL, d.zone(1).state());
    assertCounts(d, 0, 0);
  }

  @Test
  void writeToFullZoneIsZoneIsFull() {
    d.manage(1, ZoneAction.FINISH);
    refused(StatusCode.ZONE_IS_FULL, () -> d.write(start(1) + 12, blocks(1, 1)));
  }

  @Test
  void writeToReadOnlyZoneIsZoneIsReadOnly() {
    d.faults().markReadOnly(1);
    refused(StatusCode.ZONE_IS_READ_ONLY, () -> d.write(start(1), blocks(1, 1)));
  }

  @Test
  void writeToOfflineZoneIsZoneIsOffline() {
    d.faults().markOffline(1);
    refused(StatusCode.ZONE_IS_OFFLINE, () -> d.write(start(1), blocks(1, 1)));
  }

  @Test
  void readOfOfflineZoneIsZoneIsOffline() {
    d.faults().markOffline(1);
    refused(StatusCode.ZONE_IS_OFFLINE, () -> d.read(start(1), 1));
  }

  @Test
  void readOnlyZoneStillReads() {
    d.write(start(1), blocks(1, 9));
    d.faults().markReadOnly(1);
    assertArrayEquals(blocks(1, 9), d.read(start(1), 1));
  }

  @Test
  void readPastDeviceEndIsLbaOutOfRange() {
    refused(StatusCode.LBA_OUT_OF_RANGE, () -> d.read(Devices.SMALL.totalBlocks() - 1, 2));
  }

  @Test
  void writePastDeviceEndIsLbaOutOfRange() {
    refused(StatusCode.LBA_OUT_OF_RANGE, () -> d.write(Devices.SMALL.totalBlocks(), blocks(1, 1)));
  }

  @Test
  void dataNotAWholeNumberOfBlocksIsInvalidField() {
    refused(StatusCode.INVALID_FIELD, () -> d.write(start(0), new byte[100]));
  }

  @Test
  void appendReturnsLbaOfFirstBlock() {
    assertEquals(start(4), d.append(start(4), blocks(2, 1)));
    assertEquals(start(4) + 2, d.append(start(4), blocks(3, 2)));
    byte[] data = d.read(start(4), 5);
    assertEquals(1, data[Devices.BLOCK]);
    assertEquals(2, data[2 * Devices.BLOCK]);
  }

  @Test
  void appendNotToZoneStartIsInvalidField() {
    refused(StatusCode.INVALID_FIELD, () -> d.append(start(4) + 1, blocks(1, 1)));
  }

  @Test
  void appendCrossingCapacityIsZoneBoundaryError() {
    d.append(start(4), blocks(11, 1));
    refused(StatusCode.ZONE_BOUNDARY_ERROR, () -> d.append(start(4), blocks(2, 1)));
  }

  @Test
  void appendToFullZoneIsZoneIsFull() {
    d.append(start(4), blocks(12, 1));
    refused(StatusCode.ZONE_IS_FULL, () -> d.append(start(4), blocks(1, 1)));
  }

  @Test
  void resetZoneGivesBackItsMemory() {
    long before = d.storedBytes();
    d.write(start(0), blocks(12, 3));
    d.manage(0, ZoneAction.RESET);
    assertEquals(before, d.storedBytes());
    assertArrayEquals(new byte[12 * Devices.BLOCK], d.read(start(0), 12));
  }

  @Test
  void largeGeometryWithFourKibBlocksRoundTrips() {
    ZnsDevice big = ZnsDevice.create();
    byte[] data = new byte[300 * 4096];
    Arrays.fill(data, (byte) 5);
    data[data.length - 1] = 6;
    long lba = big.append(big.geometry().zoneStartLba(7), data);
    assertArrayEquals(data, big.read(lba, 300));
  }
}
