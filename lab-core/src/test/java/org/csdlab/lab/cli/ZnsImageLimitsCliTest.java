package org.csdlab.lab.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.RandomAccessFile;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.util.zip.CRC32;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code zns report} and {@code zns create} on geometries over the limits: one clean line, no
 * internal error.
 */
class ZnsImageLimitsCliTest {
  /**
   * Header offsets of the image format (DeviceImageLayout): zone count, extension size, checksum of
   * bytes 0..55.
   */
  private static final int ZONE_COUNT_OFFSET = 12;

  private static final int EXTENSION_SIZE_OFFSET = 44;
  private static final int CHECKSUM_OFFSET = 56;

  @TempDir Path dir;

  /**
   * A valid image made by {@code zns create}, then one header field changed and the checksum made
   * valid again.
   */
  private Path patched(int fieldOffset, int value) throws Exception {
    Path file = dir.resolve("drive.img");
    assertEquals(
        0,
        CliRun.of("zns", "create", file.toString(), "--zones", "8", "--zone-size", "64KiB")
            .status());
    try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "rw")) {
      byte[] header = new byte[CHECKSUM_OFFSET + 4];
      raf.readFully(header);
      ByteBuffer b =
          ByteBuffer.wrap(header).order(ByteOrder.LITTLE_ENDIAN).putInt(fieldOffset, value);
      CRC32 crc = new CRC32();
      crc.update(header, 0, CHECKSUM_OFFSET);
      b.putInt(CHECKSUM_OFFSET, (int) crc.getValue());
      raf.seek(0);
      raf.write(header);
    }
    return file;
  }

  @Test
  void reportRefusesAHugeDescriptorExtension() throws Exception {
    Path file = patched(EXTENSION_SIZE_OFFSET, 1 << 28);
    CliRun run = CliRun.of("zns", "report", file.toString());
    assertEquals(1, run.status());
    assertEquals(
        "csdlab zns report: device image "
            + file
            + ": the header's zoneDescriptorExtensionBytes is invalid:"
            + " invalid geometry: zone descriptor extension size 268435456 exceeds the limit of 16320 bytes"
            + " (Geometry.MAX_ZONE_DESCRIPTOR_EXTENSION_BYTES)",
        run.errorLine());
  }

  @Test
  void reportRefusesFiftyMillionZones() throws Exception {
    Path file = patched(ZONE_COUNT_OFFSET, 50_000_000);
    CliRun run = CliRun.of("zns", "report", file.toString());
    assertEquals(1, run.status());
    assertEquals(
        "csdlab zns report: device image "
            + file
            + ": the header's zoneCount is invalid: invalid geometry:"
            + " zone count 50000000 exceeds the limit of 262144 (Geometry.MAX_ZONE_COUNT)",
        run.errorLine());
  }

  @Test
  void createRefusesFiftyMillionZones() {
    CliRun run =
        CliRun.of(
            "zns",
            "create",
            dir.resolve("new.img").toString(),
            "--zones",
            "50000000",
            "--zone-size",
            "4KiB");
    assertEquals(2, run.status());
    assertEquals(
        "csdlab zns create: --zones: invalid geometry: zone count 50000000 exceeds the limit of 262144"
            + " (Geometry.MAX_ZONE_COUNT) (see csdlab zns create --help)",
        run.errorLine());
  }
}
