package org.csdlab.lab;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.csdlab.lab.dataset.ByteUnit;
import org.csdlab.lab.dataset.Datasets;
import org.csdlab.lab.dataset.WrittenDataset;
import org.csdlab.lab.dataset.ZoneNotEmptyException;
import org.junit.jupiter.api.Test;

class LabDatasetsTest {
  private final Lab lab = Lab.builder().geometry(Seeded.smallGeometry()).build();

  @Test
  void labDatasetsAreWrittenToTheLabsDrive() {
    WrittenDataset readings = lab.datasets().u32Readings(64, ByteUnit.KiB).seed(3).writeToZones(1);
    assertEquals(1, readings.firstZone());
    assertEquals(
        64 * 1024, lab.device().zone(1).writtenBlocks() * lab.device().geometry().blockSizeBytes());
    assertEquals(Extent.of(readings), new Extent(1, readings.zoneCount(), 64 * 1024));
  }

  @Test
  void hostAndDriveCountTheSameInALabDataset() {
    WrittenDataset readings =
        lab.datasets().u32Readings(256, ByteUnit.KiB).seed(9).selectivity(0.25).writeToZones(0);
    long onHost = lab.host().countU32Above(readings, Lab.RAND_MAX / 2).value();
    assertEquals(onHost, lab.csd().countU32Above(readings, Lab.RAND_MAX / 2).value());
    assertEquals(0.25, onHost / (256.0 * 1024 / 4), 0.01);
  }

  @Test
  void aWrittenZoneIsRefusedNamingTheLabsResetCallWhichWorks() {
    lab.datasets().u32Readings(4, ByteUnit.KiB).writeToZones(0);
    var e =
        assertThrows(
            ZoneNotEmptyException.class,
            () -> lab.datasets().u32Readings(4, ByteUnit.KiB).writeToZones(0));
    assertEquals(0, e.zone());
    assertEquals(
        "zone 0 is CLOSED (write pointer 1), but a dataset is written to Empty zones 0 to 0; reset it with"
            + " lab.device().reset(0) (or every zone with lab.device().resetAll()), or choose other zones",
        e.getMessage());
    lab.device().reset(0); // what the message says
    assertEquals(0, lab.datasets().u32Readings(4, ByteUnit.KiB).writeToZones(0).firstZone());
  }

  @Test
  void aDatasetWhoseZoneWasResetIsRefusedByTheHostAndTheDrive() {
    WrittenDataset readings = lab.datasets().u32Readings(512, ByteUnit.KiB).seed(7).writeToZones(0);
    long threshold = Lab.RAND_MAX / 2;
    long answer = lab.host().countU32Above(readings, threshold).value();
    assertEquals(answer, lab.csd().countU32Above(readings, threshold).value());
    lab.device().reset(0);
    String expected =
        "dataset u32-readings 512 KiB seed=7 in zones 0..1 is no longer on the drive: zone 0 was reset"
            + " once after the dataset was written and now holds none of its 64 blocks. Write it again on Empty zones:"
            + " lab.device().reset(n) each of zones 0 to 1 that holds data (or lab.device().resetAll()), then"
            + " lab.datasets().of(dataset.spec()).writeToZones(0)";
    var onHost =
        assertThrows(
            StaleDatasetException.class, () -> lab.host().countU32Above(readings, threshold));
    assertEquals(expected, onHost.getMessage());
    assertEquals(0, onHost.change().zone());
    assertEquals(1, onHost.change().resetsSince());
    var onDrive =
        assertThrows(
            StaleDatasetException.class, () -> lab.csd().countU32Above(readings, threshold));
    assertEquals(expected, onDrive.getMessage());
    // what the message says to do gives the same answer again
    lab.device().resetAll();
    WrittenDataset again = lab.datasets().of(readings.spec()).writeToZones(0);
    assertEquals(answer, lab.host().countU32Above(again, threshold).value());
    assertEquals(answer, lab.csd().countU32Above(again, threshold).value());
  }

  @Test
  void aDatasetWhoseZonesWereRewrittenIsRefusedToo() {
    WrittenDataset readings = lab.datasets().u32Readings(512, ByteUnit.KiB).seed(7).writeToZones(0);
    lab.device().resetAll();
    WrittenDataset other = lab.datasets().u32Readings(512, ByteUnit.KiB).seed(8).writeToZones(0);
    var onHost =
        assertThrows(StaleDatasetException.class, () -> lab.host().countU32Above(readings, 1));
    assertTrue(
        onHost
            .getMessage()
            .contains(
                ": zone 0 was reset once after the dataset was written and written again:"
                    + " its 64 blocks are not the dataset's."),
        onHost.getMessage());
    assertThrows(StaleDatasetException.class, () -> lab.csd().countU32Above(readings, 1));
    // the dataset written last is the one the zones hold
    assertEquals(
        lab.host().countU32Above(other, 1).value(), lab.csd().countU32Above(other, 1).value());
  }

  @Test
  void appendingAfterADatasetInItsLastZoneLeavesItValid() {
    WrittenDataset readings = lab.datasets().u32Readings(8, ByteUnit.KiB).seed(7).writeToZones(3);
    lab.device().append(3, new byte[4096]);
    assertTrue(readings.changeOn(lab.device().raw()).isEmpty());
    assertEquals(
        lab.host().countU32Above(readings, 1).value(),
        lab.csd().countU32Above(readings, 1).value());
  }

  @Test
  void aDatasetOnNoDeviceSaysHowToWriteIt() {
    var e =
        assertThrows(
            IllegalStateException.class,
            () -> Datasets.u32Readings(4, ByteUnit.KiB).writeToZones(0));
    assertTrue(e.getMessage().contains("on no device"), e.getMessage());
  }
}
