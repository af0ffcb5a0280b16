package org.csdlab.zns;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class GeometryTest {

  private static String refusal(Geometry.Builder builder) {
    return assertThrows(IllegalArgumentException.class, builder::build).getMessage();
  }

  @Test
  void defaultsAreTheTeachingGeometry() {
    Geometry g = Geometry.defaults();
    assertEquals(64, g.zoneCount());
    assertEquals(4096, g.zoneSizeBlocks());
    assertEquals(4096, g.zoneCapacityBlocks());
    assertEquals(4096, g.blockSizeBytes());
    assertEquals(14, g.maxOpenZones());
    assertEquals(14, g.maxActiveZones());
    assertEquals(1L << 30, g.sizeBytes());
  }

  @Test
  void capacityDefaultsToZoneSize() {
    assertEquals(100, Geometry.builder().zoneSizeBlocks(100).build().zoneCapacityBlocks());
  }

  @Test
  void capacityLargerThanZoneSizeIsRefused() {
    assertTrue(
        refusal(Geometry.builder().zoneSizeBlocks(8).zoneCapacityBlocks(9))
            .contains("zone capacity"));
  }

  @Test
  void blockSizeOtherThan512Or4096IsRefused() {
    assertTrue(refusal(Geometry.builder().blockSizeBytes(1024)).contains("512 or 4096"));
  }

  @Test
  void moreOpenThanActiveZonesIsRefused() {
    assertTrue(
        refusal(Geometry.builder().maxOpenZones(5).maxActiveZones(4))
            .contains("must not exceed max active"));
  }

  @Test
  void unlimitedOpenWithLimitedActiveIsRefused() {
    assertTrue(
        refusal(Geometry.builder().maxOpenZones(Geometry.UNLIMITED).maxActiveZones(4))
            .contains("max open zones (unlimited)"));
  }

  @Test
  void unlimitedOpenAndActiveIsAccepted() {
    Geometry g =
        Geometry.builder()
            .maxOpenZones(Geometry.UNLIMITED)
            .maxActiveZones(Geometry.UNLIMITED)
            .build();
    assertTrue(g.toString().contains("MOR=unlimited"));
  }

  @Test
  void descriptorExtensionNotMultipleOf64IsRefused() {
    assertTrue(
        refusal(Geometry.builder().zoneDescriptorExtensionBytes(100)).contains("multiple of 64"));
  }

  @Test
  void zeroZonesIsRefused() {
    assertTrue(refusal(Geometry.builder().zoneCount(0)).contains("zone count"));
  }

  @Test
  void zoneOfAndStartLbaAgree() {
    Geometry g = Devices.SMALL;
    assertEquals(48, g.zoneStartLba(3));
    assertEquals(3, g.zoneOf(48));
    assertEquals(3, g.zoneOf(63));
  }
}
