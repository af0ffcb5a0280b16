package org.csdlab.zns;

import static org.csdlab.zns.Devices.blocks;
import static org.csdlab.zns.Devices.start;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import org.junit.jupiter.api.Test;

/** NVMe command values submitted to the device, and their completions. */
class CommandTest {
  private final ZnsDevice d = Devices.small();

  @Test
  void appendCompletionCarriesLbaInDw0AndDw1() {
    d.write(start(3), blocks(2, 1));
    Completion c = d.submit(new Command.ZoneAppend(start(3), blocks(1, 2)));
    assertTrue(c.isSuccess(), c.toString());
    assertEquals(start(3) + 2, c.dw0());
    assertEquals(0, c.dw1());
    assertEquals(start(3) + 2, c.value());
  }

  @Test
  void refusedWriteCompletesWithStatusInsteadOfThrowing() {
    Completion c = d.submit(new Command.Write(start(3) + 1, blocks(1, 1)));
    assertEquals(1, c.statusCodeType());
    assertEquals(0xBC, c.statusCode());
    assertEquals(StatusCode.ZONE_INVALID_WRITE, c.status());
  }

  @Test
  void readFillsHostBuffer() {
    d.submit(new Command.Write(start(1), blocks(2, 4)));
    byte[] buffer = new byte[2 * Devices.BLOCK];
    assertTrue(d.submit(new Command.Read(start(1), 2, buffer)).isSuccess());
    assertArrayEquals(blocks(2, 4), buffer);
  }

  @Test
  void zoneManagementSendNeedsZoneStartLba() {
    Completion c = d.submit(new Command.ZoneManagementSend(start(1) + 1, ZoneAction.OPEN, false));
    assertEquals(StatusCode.INVALID_FIELD, c.status());
  }

  @Test
  void zoneManagementSendAtOrPastNamespaceSizeIsInvalidField() {
    for (long slba : new long[] {Devices.SMALL.totalBlocks(), Long.MAX_VALUE, -1}) {
      Completion c = d.submit(new Command.ZoneManagementSend(slba, ZoneAction.OPEN, false));
      assertEquals(StatusCode.INVALID_FIELD, c.status(), "slba " + slba);
      assertEquals(0, c.statusCodeType());
      assertEquals(0x02, c.statusCode());
    }
    ZnsException e = Devices.refused(StatusCode.INVALID_FIELD, () -> d.manage(8, ZoneAction.OPEN));
    assertEquals(
        "open zone 8: the device has zones 0 to 7 (Invalid Field in Command, status 0x02)",
        e.getMessage());
  }

  @Test
  void zoneManagementSendWithSelectAllActsOnAllZones() {
    d.write(start(1), blocks(1, 1));
    d.write(start(2), blocks(1, 1));
    assertTrue(d.submit(new Command.ZoneManagementSend(0, ZoneAction.CLOSE, true)).isSuccess());
    assertEquals(2, d.report(ReportFilter.CLOSED).size());
  }

  @Test
  void reportZonesWritesDescriptors() {
    d.write(start(2), blocks(3, 1));
    byte[] buffer = new byte[ZoneReportLayout.HEADER_BYTES + 8 * ZoneReportLayout.DESCRIPTOR_BYTES];
    assertTrue(
        d.submit(new Command.ZoneManagementReceive(start(1), ReportFilter.ALL, false, buffer))
            .isSuccess());
    assertEquals(7, ZoneReportLayout.numberOfZones(buffer));
    assertEquals(start(2), ZoneReportLayout.startLba(buffer, 1));
    assertEquals(ZoneState.IMPLICITLY_OPENED, ZoneReportLayout.state(buffer, 1));
    assertEquals(start(2) + 3, ZoneReportLayout.writePointer(buffer, 1));
    assertEquals(12, ZoneReportLayout.capacity(buffer, 1));
  }

  @Test
  void reportWithoutPartialBitCountsEveryMatchingZone() {
    byte[] buffer = new byte[ZoneReportLayout.HEADER_BYTES + 2 * ZoneReportLayout.DESCRIPTOR_BYTES];
    d.submit(new Command.ZoneManagementReceive(0, ReportFilter.EMPTY, false, buffer));
    assertEquals(8, ZoneReportLayout.numberOfZones(buffer));
  }

  @Test
  void reportWithPartialBitCountsDescriptorsReturned() {
    byte[] buffer = new byte[ZoneReportLayout.HEADER_BYTES + 2 * ZoneReportLayout.DESCRIPTOR_BYTES];
    d.submit(new Command.ZoneManagementReceive(0, ReportFilter.EMPTY, true, buffer));
    assertEquals(2, ZoneReportLayout.numberOfZones(buffer));
  }

  @Test
  void identifyReportsMarAndMorZeroBased() {
    NamespaceIdentity id = d.identify();
    assertEquals(2, id.maxActiveResources());
    assertEquals(1, id.maxOpenResources());
    assertEquals(128, id.sizeBlocks());
    byte[] buffer = new byte[NamespaceIdentity.BYTES];
    assertTrue(d.submit(new Command.Identify(buffer)).isSuccess());
    ByteBuffer b = ByteBuffer.wrap(buffer).order(ByteOrder.LITTLE_ENDIAN);
    assertEquals(2, b.getInt(NamespaceIdentity.MAR_OFFSET));
    assertEquals(1, b.getInt(NamespaceIdentity.MOR_OFFSET));
    assertEquals(16, b.getLong(NamespaceIdentity.ZSZE_OFFSET));
  }

  @Test
  void identifyReportsNoLimitAsAllOnes() {
    ZnsDevice open =
        ZnsDevice.builder(
                Geometry.builder()
                    .maxOpenZones(Geometry.UNLIMITED)
                    .maxActiveZones(Geometry.UNLIMITED)
                    .build())
            .build();
    assertEquals(0xFFFF_FFFF, open.identify().maxOpenResources());
    assertEquals(0xFFFF_FFFF, open.identify().maxActiveResources());
  }
}
