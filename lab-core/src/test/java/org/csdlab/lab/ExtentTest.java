package org.csdlab.lab;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class ExtentTest {
  private final org.csdlab.zns.Geometry geometry = Seeded.smallGeometry(); // 16 zones of 256 KiB

  @Test
  void ofTakesAsManyZonesAsTheLengthNeeds() {
    assertEquals(new Extent(3, 1, 0), Extent.of(3, 0, geometry));
    assertEquals(new Extent(3, 1, 262_144), Extent.of(3, 262_144, geometry));
    assertEquals(new Extent(3, 2, 262_145), Extent.of(3, 262_145, geometry));
  }

  @Test
  void bytesInZoneSplitsTheLengthOverTheZones() {
    Extent extent = new Extent(0, 3, 300_000);
    assertEquals(262_144, extent.bytesInZone(0, geometry));
    assertEquals(300_000 - 262_144, extent.bytesInZone(1, geometry));
    assertEquals(0, extent.bytesInZone(2, geometry));
  }

  @Test
  void badValuesAreRefusedWithTheRule() {
    assertTrue(
        assertThrows(IllegalArgumentException.class, () -> new Extent(-1, 1, 0))
            .getMessage()
            .contains("first zone must be 0 or more"));
    assertTrue(
        assertThrows(IllegalArgumentException.class, () -> new Extent(0, 0, 0))
            .getMessage()
            .contains("zone count must be at least 1"));
    assertTrue(
        assertThrows(IllegalArgumentException.class, () -> new Extent(0, 1, -1))
            .getMessage()
            .contains("length must be 0 or more"));
    assertEquals(
        "extent zones 14–17, 0 B: zones 14 to 17 do not exist; the device has zones 0 to 15",
        assertThrows(IllegalArgumentException.class, () -> new Extent(14, 4, 0).checkFits(geometry))
            .getMessage());
  }
}
