package org.csdlab.lab.dataset;

import static org.csdlab.lab.dataset.ByteUnit.KiB;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.csdlab.lab.monitor.Series;
import org.csdlab.lab.monitor.ThroughputMonitor;
import org.csdlab.zns.Geometry;
import org.csdlab.zns.ZnsDevice;
import org.csdlab.zns.ZoneState;
import org.csdlab.zns.timing.TimingProfile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DatasetWriteTest {
  // 8 zones of 16 blocks of 4 KiB (64 KiB), capacity 12 blocks (48 KiB).
  private static final Geometry GEOMETRY =
      Geometry.builder().zoneCount(8).zoneSizeBlocks(16).zoneCapacityBlocks(12).build();

  private static ZnsDevice device() {
    return ZnsDevice.builder(GEOMETRY).timing(TimingProfile.teaching()).build();
  }

  @Test
  void writeToZonesFillsConsecutiveZonesWithTheBytes() {
    ZnsDevice device = device();
    ThroughputMonitor monitor = ThroughputMonitor.quiet();
    Dataset dataset = Datasets.u32Readings(100, KiB).seed(7).monitor(monitor);
    WrittenDataset written = dataset.writeToZones(device, 2);

    assertEquals(2, written.firstZone());
    assertEquals(3, written.zoneCount()); // 48 + 48 + 4 KiB
    assertEquals(4, written.lastZone());
    assertEquals(GEOMETRY.zoneStartLba(2), written.firstLba());
    assertEquals(100 * 1024, written.sizeBytes());
    assertEquals(dataset.sha256(), written.sha256());

    byte[] expected = dataset.bytes();
    byte[] stored = new byte[expected.length];
    for (int z = 0; z < 3; z++) {
      int length = Math.min(48 * 1024, expected.length - z * 48 * 1024);
      byte[] zone = device.read(GEOMETRY.zoneStartLba(2 + z), 12);
      System.arraycopy(zone, 0, stored, z * 48 * 1024, length);
      if (z == 2) {
        assertTrue(
            Arrays.equals(
                new byte[48 * 1024 - length], Arrays.copyOfRange(zone, length, zone.length)),
            "the rest of the last zone reads as zeros");
      }
    }
    assertArrayEquals(expected, stored);
    assertEquals(ZoneState.FULL, device.zone(2).state());
    assertEquals(ZoneState.FULL, device.zone(3).state());
    assertEquals(
        ZoneState.CLOSED,
        device.zone(4).state(),
        "a partly written last zone is closed, not left open");
    assertEquals(ZoneState.EMPTY, device.zone(5).state());

    assertEquals(
        "WrittenDataset[u32-readings 100 KiB seed=7 in zones 2..4, sha256="
            + written.sha256().substring(0, 12)
            + "...]",
        written.toString());
    String html = written.toHtml();
    assertTrue(
        html.startsWith("<table class=\"csdlab-dataset\">") && html.endsWith("</table>"), html);
    assertTrue(
        html.contains("<td style=\"text-align:left\">2 to 4</td>")
            && html.contains(written.sha256()),
        html);

    Series series = monitor.series().get(0);
    assertEquals("generate u32-readings to zones 2..4", series.name());
    assertEquals(100 * 1024, series.bytesDone());
    assertTrue(series.finished());
    assertTrue(
        series.hasModeledTime() && series.last().modeledNanos() > 0,
        "appends report modeled device time");
  }

  @Test
  void aRecordsDatasetEndsWithAZeroRecordInItsLastBlock() {
    ZnsDevice device = device();
    Datasets.sensorRecords(4064, ByteUnit.B)
        .monitor(ThroughputMonitor.quiet())
        .writeToZones(device, 0);
    byte[] block = device.read(0, 1);
    assertEquals(
        0, SensorRecord.decode(block, 4064).sensorId(), "id 0 ends the data for a scanning kernel");
    assertTrue(SensorRecord.decode(block, 4032).sensorId() > 0);
  }

  @Test
  void zonesThatAreNotEmptyAreRefusedBeforeAnythingIsWritten() {
    ZnsDevice device = device();
    device.append(GEOMETRY.zoneStartLba(3), new byte[4096]);
    Dataset dataset = Datasets.u32Readings(100, KiB).monitor(ThroughputMonitor.quiet());
    var e = assertThrows(IllegalStateException.class, () -> dataset.writeToZones(device, 2));
    assertTrue(
        e.getMessage().startsWith("zone 3 is IMPLICITLY_OPENED (write pointer "), e.getMessage());
    assertTrue(e.getMessage().contains("device.manage(3, ZoneAction.RESET)"), e.getMessage());
    assertEquals(ZoneState.EMPTY, device.zone(2).state(), "nothing was written");
  }

  @Test
  void aDatasetLargerThanTheRestOfTheDeviceIsRefused() {
    ZnsDevice device = device();
    Dataset dataset = Datasets.u32Readings(100, KiB).monitor(ThroughputMonitor.quiet());
    var e = assertThrows(IllegalArgumentException.class, () -> dataset.writeToZones(device, 6));
    assertEquals(
        "100 KiB needs 3 zones of 48 KiB from zone 6, but the device ends at zone 7; start at zone 5 or lower,"
            + " or write less",
        e.getMessage());
    var missing =
        assertThrows(IllegalArgumentException.class, () -> dataset.writeToZones(device, 8));
    assertEquals("zone 8 does not exist; the device has zones 0 to 7", missing.getMessage());
    assertEquals(ZoneState.EMPTY, device.zone(6).state());
  }

  @Test
  void aDatasetLargerThanTheWholeDeviceSaysSoInsteadOfAFirstZone() {
    ZnsDevice device = device();
    Dataset dataset = Datasets.u32Readings(400, KiB).monitor(ThroughputMonitor.quiet());
    var e = assertThrows(DatasetPlacementException.class, () -> dataset.writeToZones(device, 0));
    assertEquals(
        "400 KiB needs 9 zones of 48 KiB, but the device has only 8 (384 KiB); write at most that much, or"
            + " use a device with more zones",
        e.getMessage());
    assertEquals(0, e.firstZone());
    assertEquals(9, e.zonesNeeded());
    assertEquals(8, e.deviceZones());
    assertTrue(e.largerThanDevice());
    assertEquals(ZoneState.EMPTY, device.zone(0).state(), "nothing was written");
  }

  @Test
  void writeToFileWritesTheSameBytes(@TempDir Path dir) throws Exception {
    Dataset dataset = Datasets.logLines(10, KiB).seed(3).monitor(ThroughputMonitor.quiet());
    DatasetFile file = dataset.writeToFile(dir.resolve("logs.txt"));
    assertArrayEquals(dataset.bytes(), Files.readAllBytes(dir.resolve("logs.txt")));
    assertEquals(dataset.sha256(), file.sha256());
    assertEquals(10 * 1024, file.sizeBytes());
    var e =
        assertThrows(
            IllegalArgumentException.class,
            () -> dataset.writeToFile(dir.resolve("no/such/logs.txt")));
    assertTrue(e.getMessage().contains("does not exist"), e.getMessage());
    assertFalse(Files.exists(dir.resolve("no")));
    Files.createDirectory(dir.resolve("taken"));
    assertThrows(UncheckedIOException.class, () -> dataset.writeToFile(dir.resolve("taken")));
  }

  @Test
  void bytesOfAHugeDatasetPointsToStreams() {
    var e =
        assertThrows(
            IllegalStateException.class, () -> Datasets.u32Readings(4, ByteUnit.GiB).bytes());
    assertTrue(e.getMessage().contains("stream()"), e.getMessage());
  }
}
