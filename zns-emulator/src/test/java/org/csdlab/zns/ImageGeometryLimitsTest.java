package org.csdlab.zns;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.RandomAccessFile;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Images with a valid checksum whose geometry declares tables too large to allocate (issue 11):
 * refused by the geometry's limits, naming the file and field, before anything is allocated, with
 * the file left as it was.
 */
class ImageGeometryLimitsTest {
  @TempDir Path dir;

  /**
   * A sparse image whose header declares this geometry, with a valid checksum and the data offset
   * the old int arithmetic computed, and a length that passes the truncation check.
   */
  private Path image(
      int zones, long zoneSizeBlocks, int blockSize, int extensionBytes, long lengthBytes)
      throws Exception {
    ByteBuffer header =
        ByteBuffer.allocate(DeviceImageLayout.HEADER_LENGTH).order(ByteOrder.LITTLE_ENDIAN);
    int wrappedTable =
        zones * (DeviceImageLayout.ZONE_EXTENSION_OFFSET + extensionBytes); // as before the fix
    header
        .putLong(DeviceImageLayout.MAGIC_OFFSET, DeviceImageLayout.MAGIC)
        .putInt(DeviceImageLayout.VERSION_OFFSET, DeviceImageLayout.FORMAT_VERSION)
        .putInt(DeviceImageLayout.ZONE_COUNT_OFFSET, zones)
        .putLong(DeviceImageLayout.ZONE_SIZE_OFFSET, zoneSizeBlocks)
        .putLong(DeviceImageLayout.ZONE_CAPACITY_OFFSET, zoneSizeBlocks)
        .putInt(DeviceImageLayout.BLOCK_SIZE_OFFSET, blockSize)
        .putInt(DeviceImageLayout.MAX_OPEN_OFFSET, 4)
        .putInt(DeviceImageLayout.MAX_ACTIVE_OFFSET, 4)
        .putInt(DeviceImageLayout.EXTENSION_SIZE_OFFSET, extensionBytes)
        .putLong(
            DeviceImageLayout.DATA_OFFSET_OFFSET,
            (DeviceImageLayout.ZONE_TABLE_OFFSET + wrappedTable + 4095) / 4096 * 4096);
    header.putInt(DeviceImageLayout.CHECKSUM_OFFSET, DeviceImageLayout.checksum(header));
    Path file = dir.resolve("bomb.img");
    try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "rw")) {
      raf.setLength(lengthBytes);
      raf.write(header.array());
    }
    return file;
  }

  private static InvalidImageException refusedUnchanged(Path file) throws Exception {
    byte[] before = Files.readAllBytes(file);
    InvalidImageException e = assertThrows(InvalidImageException.class, () -> ZnsDevice.open(file));
    assertTrue(e.getMessage().startsWith("device image " + file + ": "), e.getMessage());
    assertTrue(Arrays.equals(before, Files.readAllBytes(file)), "the image was changed");
    return e;
  }

  @Test
  void largeDescriptorExtensionIsRefusedNamingTheFieldAndLimit() throws Exception {
    // 8 zones x (24 + 2^28) wrapped the old int table size; the report then threw
    // IndexOutOfBoundsException
    Path file = image(8, 16, 512, 1 << 28, 1 << 20);
    InvalidImageException e = refusedUnchanged(file);
    assertEquals("zoneDescriptorExtensionBytes", e.field());
    assertEquals(
        "device image "
            + file
            + ": the header's zoneDescriptorExtensionBytes is invalid: invalid geometry:"
            + " zone descriptor extension size 268435456 exceeds the limit of 16320 bytes"
            + " (Geometry.MAX_ZONE_DESCRIPTOR_EXTENSION_BYTES)",
        e.getMessage());
  }

  @Test
  void fiftyMillionOneBlockZonesAreRefusedBeforeAllocatingThem() throws Exception {
    Path file = image(50_000_000, 1, 512, 0, 1 << 20);
    InvalidImageException e = refusedUnchanged(file);
    assertEquals("zoneCount", e.field());
    assertTrue(
        e.getMessage()
            .endsWith("zone count 50000000 exceeds the limit of 262144 (Geometry.MAX_ZONE_COUNT)"),
        e.getMessage());
  }

  @Test
  void zoneTablesOverTheirLimitAreRefusedEvenWhenEachFieldIsAllowed() throws Exception {
    Path file =
        image(
            Geometry.MAX_ZONE_COUNT, 1, 512, Geometry.MAX_ZONE_DESCRIPTOR_EXTENSION_BYTES, 1 << 20);
    InvalidImageException e = refusedUnchanged(file);
    assertEquals("zoneDescriptorExtensionBytes", e.field());
    assertTrue(
        e.getMessage()
            .endsWith(
                "262144 zones with 16320-byte descriptor extensions need zone tables of"
                    + " 4294967296 bytes, more than the limit of 67108864 (Geometry.MAX_ZONE_TABLE_BYTES)"),
        e.getMessage());
  }

  @Test
  void geometryBuiltByTheApiHasTheSameLimits() {
    InvalidGeometryException e =
        assertThrows(
            InvalidGeometryException.class,
            () -> Geometry.builder().zoneCount(50_000_000).zoneSizeBlocks(1).build());
    assertEquals("zoneCount", e.field());
    assertEquals(
        "invalid geometry: zone count 50000000 exceeds the limit of 262144 (Geometry.MAX_ZONE_COUNT)",
        e.getMessage());
    e =
        assertThrows(
            InvalidGeometryException.class,
            () -> Geometry.builder().zoneDescriptorExtensionBytes(16384).build());
    assertEquals("zoneDescriptorExtensionBytes", e.field());
    e =
        assertThrows(
            InvalidGeometryException.class,
            () ->
                Geometry.builder()
                    .zoneCount(Geometry.MAX_ZONE_COUNT)
                    .zoneSizeBlocks(Long.MAX_VALUE / 2)
                    .build());
    assertEquals("zoneSizeBlocks", e.field());
    Geometry largest =
        Geometry.builder()
            .zoneCount(Geometry.MAX_ZONE_COUNT)
            .zoneSizeBlocks(1)
            .zoneDescriptorExtensionBytes(64)
            .build();
    assertEquals(Geometry.MAX_ZONE_COUNT * 128L, largest.zoneTableBytes());
  }

  @Test
  void reportLayoutArithmeticDoesNotWrap() {
    assertEquals(0, ZoneReportLayout.capacity(1 << 20, Integer.MAX_VALUE - 63));
    assertEquals(1, ZoneReportLayout.capacity(64 + 64 + 16320, 16320));
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> ZoneReportLayout.descriptorOffset(1 << 20, 1 << 20));
    assertEquals(
        "descriptor 1048576 of a report with 1048576-byte extensions is outside any report buffer",
        e.getMessage());
  }

  @Test
  void aLegalImageAtTheLimitsOpens() throws Exception {
    Path file = dir.resolve("wide.img");
    Geometry wide =
        Geometry.builder()
            .zoneCount(4096)
            .zoneSizeBlocks(1)
            .blockSizeBytes(512)
            .maxOpenZones(4)
            .maxActiveZones(4)
            .zoneDescriptorExtensionBytes(Geometry.MAX_ZONE_DESCRIPTOR_EXTENSION_BYTES)
            .build();
    ZnsDevice.builder(wide).file(file).build().close();
    try (ZnsDevice device = ZnsDevice.open(file)) {
      assertEquals(wide, device.geometry());
      assertEquals(4096, device.report(ReportFilter.ALL).size());
    }
  }
}
