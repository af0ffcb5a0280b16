package org.csdlab.zns;

import static org.csdlab.zns.Devices.blocks;
import static org.csdlab.zns.Devices.refused;
import static org.csdlab.zns.Devices.start;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** Reads across zone boundaries (RAZB): refused by default, allowed by a device setting. */
class ReadBoundaryTest {
  private final ZnsDevice d = Devices.small();

  @Test
  void readCrossingZoneBoundaryIsZoneBoundaryErrorAndLeavesBufferAlone() {
    d.write(start(0), blocks(12, 1));
    d.write(start(1), blocks(2, 2));
    byte[] buffer = new byte[7 * Devices.BLOCK];
    Arrays.fill(buffer, (byte) 0x5A);
    ZnsException e =
        refused(StatusCode.ZONE_BOUNDARY_ERROR, () -> d.read(start(0) + 11, 7, buffer, 0));
    assertEquals(
        "read from zone 0: 7 blocks at lba 11 cross the zone boundary at lba 16 into zone 1; the"
            + " device does not read across zone boundaries (RAZB is off), so read each zone"
            + " separately (Zone Boundary Error, status 0xB8)",
        e.getMessage());
    assertEquals(0, e.zone());
    byte[] untouched = new byte[buffer.length];
    Arrays.fill(untouched, (byte) 0x5A);
    assertArrayEquals(untouched, buffer);
    refused(StatusCode.ZONE_BOUNDARY_ERROR, () -> d.read(start(0), 17));
    assertEquals(0, d.stats().commands(CommandKind.READ));
  }

  @Test
  void readCommandCrossingZoneBoundaryCompletesWithSct1Sc88() {
    Completion c = d.submit(new Command.Read(start(2) - 1, 2, new byte[2 * Devices.BLOCK]));
    assertEquals(1, c.statusCodeType());
    assertEquals(0xB8, c.statusCode());
    assertTrue(c.doNotRetry());
  }

  @Test
  void readsUpToTheZoneEndStayAllowed() {
    d.write(start(0), blocks(12, 1));
    byte[] data = d.read(start(0), 16); // capacity 12, then 4 blocks of the zone's tail
    assertEquals(1, data[11 * Devices.BLOCK]);
    assertEquals(0, data[12 * Devices.BLOCK]);
    assertArrayEquals(blocks(1, 0), d.read(start(8) - 1, 1));
  }

  @Test
  void readMaySpanZonesWhenRazbIsOn() {
    ZnsDevice razb = ZnsDevice.builder(Devices.SMALL).readAcrossZoneBoundaries(true).build();
    razb.write(start(0), blocks(12, 1));
    razb.write(start(1), blocks(2, 2));
    byte[] data = razb.read(start(0) + 11, 7);
    assertEquals(1, data[0]);
    assertEquals(0, data[Devices.BLOCK]);
    assertEquals(2, data[5 * Devices.BLOCK]);
    assertEquals(0, data[4 * Devices.BLOCK + 1]);
    assertEquals(2, data[6 * Devices.BLOCK + 1]);
    assertEquals(1, razb.stats().commands(CommandKind.READ));
  }

  @Test
  void readAcrossZonesWithRazbStillRefusesAnOfflineZoneBeforeCopying() {
    ZnsDevice razb = ZnsDevice.builder(Devices.SMALL).readAcrossZoneBoundaries(true).build();
    razb.write(start(0), blocks(12, 1));
    razb.faults().markOffline(1);
    byte[] buffer = new byte[12 * Devices.BLOCK];
    ZnsException e =
        refused(StatusCode.ZONE_IS_OFFLINE, () -> razb.read(start(0) + 8, 12, buffer, 0));
    assertEquals(1, e.zone());
    assertArrayEquals(new byte[buffer.length], buffer);
  }

  @Test
  void identifyReportsRazb() {
    assertFalse(d.readsAcrossZoneBoundaries());
    assertFalse(d.identify().readAcrossZoneBoundaries());
    assertEquals(0, ozcs(d));
    ZnsDevice razb = ZnsDevice.builder(Devices.SMALL).readAcrossZoneBoundaries(true).build();
    assertTrue(razb.identify().readAcrossZoneBoundaries());
    assertEquals(NamespaceIdentity.OZCS_RAZB, ozcs(razb));
  }

  private static int ozcs(ZnsDevice device) {
    byte[] buffer = new byte[NamespaceIdentity.BYTES];
    assertTrue(device.submit(new Command.Identify(buffer)).isSuccess());
    return ByteBuffer.wrap(buffer)
        .order(ByteOrder.LITTLE_ENDIAN)
        .getShort(NamespaceIdentity.OZCS_OFFSET);
  }
}
