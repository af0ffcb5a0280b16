package org.csdlab.lab;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import org.csdlab.zns.CommandKind;
import org.csdlab.zns.ReportFilter;
import org.csdlab.zns.ZnsException;
import org.csdlab.zns.ZoneState;
import org.junit.jupiter.api.Test;

class LabDeviceTest {
  private final Lab lab = Seeded.smallLab();
  private final LabDevice device = lab.device();

  @Test
  void appendByZoneReturnsTheLbaWritten() {
    long zoneStart = device.geometry().zoneStartLba(2);
    assertEquals(zoneStart, device.append(2, new byte[4096]));
    assertEquals(zoneStart + 1, device.append(2, new byte[2 * 4096]));
    assertEquals(3, device.zone(2).writtenBlocks());
    assertEquals(ZoneState.IMPLICITLY_OPENED, device.zone(2).state());
  }

  @Test
  void zoneCommandsChangeStatesAndReportSeesThem() {
    device.append(0, new byte[4096]);
    device.append(1, new byte[4096]);
    device.finish(1).open(5).close(0);
    assertEquals(ZoneState.CLOSED, device.zone(0).state());
    assertEquals(ZoneState.FULL, device.zone(1).state());
    assertEquals(ZoneState.EXPLICITLY_OPENED, device.zone(5).state());
    assertEquals(1, device.report(ReportFilter.FULL).size());
    device.reset(1);
    assertEquals(ZoneState.EMPTY, device.zone(1).state());
    device.resetAll();
    assertEquals(16, device.report(ReportFilter.EMPTY).size());
  }

  @Test
  void textFormCountsZonesPerState() {
    device.append(0, new byte[4096]);
    device.finish(1).finish(2).finish(3);
    assertEquals(
        "ZnsDevice 16 zones × 256.0 KiB: 12 empty, 3 full, 1 implicitly open", device.toString());
  }

  @Test
  void storeFillsZonesInTurnAndGivesTheExtent() {
    byte[] data =
        Seeded.readings(70_000, 1); // 280 000 B: zone 4 full (262 144 B), 17 856 B in zone 5
    Extent extent = device.store(4, data);
    assertEquals(new Extent(4, 2, 280_000), extent);
    assertEquals(ZoneState.FULL, device.zone(4).state());
    assertEquals(5, device.zone(5).writtenBlocks()); // 17 856 B padded to 5 blocks
    // one read per zone: the device does not read across zone boundaries (RAZB off)
    byte[] zone4 = device.read(device.geometry().zoneStartLba(4), 64);
    byte[] zone5 = device.read(device.geometry().zoneStartLba(5), 5);
    byte[] back = Arrays.copyOf(zone4, zone4.length + zone5.length);
    System.arraycopy(zone5, 0, back, zone4.length, zone5.length);
    assertArrayEquals(data, Arrays.copyOf(back, data.length));
    assertEquals(new Extent(4, 2, 69 * 4096), device.extent(4, 2));
  }

  @Test
  void storeRefusesZonesThatHoldDataAndWritesNothing() {
    device.append(5, new byte[4096]);
    var e = assertThrows(IllegalStateException.class, () -> device.store(4, new byte[300_000]));
    assertTrue(e.getMessage().contains("zone 5"), e.getMessage());
    assertEquals(0, device.zone(4).writtenBlocks());
    var f = assertThrows(IllegalArgumentException.class, () -> device.store(15, new byte[300_000]));
    assertTrue(f.getMessage().contains("do not exist"), f.getMessage());
  }

  @Test
  void extentRefusesZonesThatAreNotOneStretch() {
    device.append(0, new byte[4096]);
    device.append(1, new byte[4096]);
    var e = assertThrows(IllegalStateException.class, () -> device.extent(0, 2));
    assertTrue(e.getMessage().contains("zone 0 is not written to capacity"), e.getMessage());
  }

  @Test
  void badZoneNumbersAndRefusedCommandsAreClearErrors() {
    var e = assertThrows(IllegalArgumentException.class, () -> device.append(16, new byte[4096]));
    assertEquals("no zone 16; the device has zones 0 to 15", e.getMessage());
    assertThrows(ZnsException.class, () -> device.write(5, new byte[4096]));
  }

  @Test
  void statsAndRawDeviceAreTheDrives() {
    device.append(0, new byte[4096]);
    device.read(0, 1);
    assertEquals(1, device.stats().commands(CommandKind.READ));
    assertEquals(8192, device.stats().hostLinkBytes());
    assertSame(lab.csd().raw().device(), device.raw());
    assertTrue(device.modeledNanos() > 0, "teaching timing moves the modeled clock");
  }
}
