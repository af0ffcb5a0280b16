package org.csdlab.lab;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.csdlab.lab.dataset.ByteUnit;
import org.csdlab.lab.dataset.Datasets;
import org.csdlab.lab.dataset.WrittenDataset;
import org.junit.jupiter.api.Test;

class LabDatasetsTest {
  private final Lab lab = Lab.builder().geometry(Seeded.smallGeometry()).build();

  @Test
  void labDatasetsAreWrittenToTheLabsDrive() {
    WrittenDataset readings = lab.datasets().u32Readings(64, ByteUnit.KiB).seed(3).writeToZones(1);
    assertEquals(1, readings.firstZone());
    assertEquals(64 * 1024, lab.device().zone(1).writtenBlocks() * lab.device().geometry().blockSizeBytes());
    assertEquals(Extent.of(readings), new Extent(1, readings.zoneCount(), 64 * 1024));
  }

  @Test
  void hostAndDriveCountTheSameInALabDataset() {
    WrittenDataset readings = lab.datasets().u32Readings(256, ByteUnit.KiB).seed(9).selectivity(0.25).writeToZones(0);
    long onHost = lab.host().countU32Above(readings, Lab.RAND_MAX / 2).value();
    assertEquals(onHost, lab.csd().countU32Above(readings, Lab.RAND_MAX / 2).value());
    assertEquals(0.25, onHost / (256.0 * 1024 / 4), 0.01);
  }

  @Test
  void aDatasetOnNoDeviceSaysHowToWriteIt() {
    var e = assertThrows(IllegalStateException.class, () -> Datasets.u32Readings(4, ByteUnit.KiB).writeToZones(0));
    assertTrue(e.getMessage().contains("on no device"), e.getMessage());
  }
}
