package org.csdlab.fluffle;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.csdlab.zns.ZnsDevice;
import org.csdlab.zns.Zone;
import org.junit.jupiter.api.Test;

/**
 * A filesystem on the first zones of a device ({@link FormatOptions#zoneCount()}) leaves the other
 * zones alone through format, cleaning-heavy writes, unmount, power cut and mount, so raw zone
 * appends and files share one drive.
 */
class PartOfDeviceTest {
  private static final int FS_ZONES = 16;
  private final ZnsDevice device = TestDevices.memory(TestDevices.small()); // 32 zones
  private final int block = device.geometry().blockSizeBytes();

  private List<Zone> rawZones() {
    return device.zones().subList(FS_ZONES, device.geometry().zoneCount());
  }

  @Test
  void theZonesAfterTheFilesystemsKeepTheirDataThroughCleaningRemountAndPowerCut() {
    byte[] raw = TestDevices.random(7, 3 * block);
    device.append(device.geometry().zoneStartLba(20), raw);
    device.append(device.geometry().zoneStartLba(31), raw);
    List<Zone> before = rawZones();

    FluffleFs fs = FluffleFs.format(device, FormatOptions.builder().zoneCount(FS_ZONES).build());
    assertEquals(FS_ZONES, fs.zoneCount());
    long total = fs.statfs().totalBytes();
    long zoneData = (device.geometry().zoneCapacityBlocks() - 1) * block;
    assertEquals(
        (FS_ZONES - Volume.SYSTEM_ZONES - fs.reserveZones() - Volume.LOG_ZONES) * zoneData, total);
    byte[] cold = TestDevices.random(1, (int) (total / 3));
    try (FileHandle h = fs.open("/cold", OpenMode.CREATE)) {
      h.write(0, cold);
      h.fsync();
    }
    for (int round = 0; round < 30; round++) { // overwrites that make the cleaner work
      try (FileHandle h = fs.open("/hot", OpenMode.CREATE)) {
        h.write(0, TestDevices.random(100 + round, (int) (total / 4)));
      }
    }
    assertTrue(fs.counters().cleaningPasses() > 0, "the workload needed cleaning");
    assertTrue(fs.check().ok(), fs.check().toString());
    fs.unmount();
    FluffleFs again = FluffleFs.mount(device);
    assertEquals(FS_ZONES, again.zoneCount());
    try (FileHandle h = again.open("/cold")) {
      assertArrayEquals(cold, h.read(0, cold.length));
    }
    again.abandon(); // a power cut
    FluffleFs recovered = FluffleFs.mount(device);
    assertTrue(recovered.check().ok());

    assertEquals(before, rawZones(), "no command reached the zones after the filesystem's");
    for (int z = FS_ZONES; z < device.geometry().zoneCount(); z++) {
      assertEquals(0, device.zoneResets(z), "zone " + z + " was never reset");
    }
    assertArrayEquals(raw, device.read(device.geometry().zoneStartLba(20), 3));
    assertArrayEquals(raw, device.read(device.geometry().zoneStartLba(31), 3));
    List<ZoneUse> uses = recovered.zoneUses();
    assertEquals(device.geometry().zoneCount(), uses.size());
    assertEquals(ZoneUse.Kind.NOT_IN_FILESYSTEM, uses.get(20).kind());
    assertEquals(3, uses.get(20).writtenBlocks());
    assertEquals(0, uses.get(20).liveBlocks());
    assertEquals(0, uses.get(20).deadBlocks());
  }

  @Test
  void moreZonesThanTheDeviceHasIsRefusedBeforeAnythingIsWritten() {
    device.append(0, new byte[block]);
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> FluffleFs.format(device, FormatOptions.builder().zoneCount(33).build()));
    assertEquals(
        "cannot format 33 zones: the device has 32 (FormatOptions.zoneCount is at most the"
            + " device's zone count)",
        e.getMessage());
    assertEquals(1, device.zone(0).writtenBlocks(), "nothing was reset");
    assertThrows(
        IllegalArgumentException.class, () -> FormatOptions.builder().zoneCount(-1).build());
  }
}
