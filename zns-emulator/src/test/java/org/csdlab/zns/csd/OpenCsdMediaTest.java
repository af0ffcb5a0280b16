package org.csdlab.zns.csd;

import static org.csdlab.zns.csd.CsdTestSupport.*;
import static org.junit.jupiter.api.Assertions.*;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.util.Arrays;
import org.csdlab.ebpf.asm.Assembler;
import org.csdlab.ebpf.elf.ElfObject;
import org.csdlab.zns.Geometry;
import org.csdlab.zns.ZnsDevice;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * read and write as OpenCSD's memory backend has them (issue 13, points 4 and 5), on {@link
 * CsdTestSupport#GEOMETRY}: 4 zones of capacity 32 sectors of 4 KiB, so the device's linear space
 * is 4 × 128 KiB = 524,288 bytes.
 */
class OpenCsdMediaTest {
  private static final int SECTOR = 4096;
  private static final int MEMORY_BYTES = 64 * 1024;

  /**
   * Call info: u64 zone, sector, offset, size, returned. Fills {@code returned} bytes of the memory
   * after the call info with 0x77, reads into it, returns those bytes; exits with read's result.
   */
  private static final String READ_PROBE =
      """
          r6 = r1
          r1 = r10
          r1 += -8
          r2 = r10
          r2 += -16
          call 7
          r7 = *(u64 *)(r10 - 8)
          r1 = r7
          r2 = *(u64 *)(r6 + 32)
          r2 += r7
          r3 = 0x77
          fill:
          if r1 >= r2 goto filled
          *(u8 *)(r1 + 0) = r3
          r1 += 1
          goto fill
          filled:
          r1 = *(u64 *)(r6 + 0)
          r2 = *(u64 *)(r6 + 8)
          r3 = *(u64 *)(r6 + 16)
          r4 = *(u64 *)(r6 + 24)
          r5 = r7
          call 2
          r8 = r0
          r1 = r7
          r2 = *(u64 *)(r6 + 32)
          call 1
          r0 = r8
          exit
          """;

  private static CsdKernel kernel(ZnsDevice device, String source) {
    return ComputationalStorage.builder(device)
        .memoryBytes(MEMORY_BYTES)
        .build()
        .load(Assembler.assemble(source));
  }

  private static CsdResult read(
      ZnsDevice device, long zone, long sector, long offset, long size, long returned) {
    return kernel(device, READ_PROBE).run(longs(zone, sector, offset, size, returned));
  }

  private static byte[] longs(long... values) {
    ByteBuffer out = ByteBuffer.allocate(values.length * 8).order(ByteOrder.LITTLE_ENDIAN);
    for (long v : values) {
      out.putLong(v);
    }
    return out.array();
  }

  private static byte[] filled(int length) {
    byte[] out = new byte[length];
    Arrays.fill(out, (byte) 0x77);
    return out;
  }

  /** A read refused with -1, the buffer unchanged, nothing read, and exactly this reason. */
  private static void assertRefused(CsdResult result, String refusal) {
    assertEquals(-1, (int) result.r0(), result.toString());
    assertArrayEquals(filled(result.returnData().length), result.returnData(), "buffer unchanged");
    assertEquals(0, result.mediaBytesRead());
    assertEquals(1, result.refusals().size());
    assertEquals(refusal, result.refusals().get(0).toString());
  }

  @Test
  void readReturnsMinusOneAndLeavesTheBufferForEachOfOpenCsdsRefusals() {
    ZnsDevice device = device();
    device.append(GEOMETRY.zoneStartLba(0), dataset(1, 4));
    device.append(GEOMETRY.zoneStartLba(3), dataset(2, 32));
    assertRefused(
        read(device, 4, 0, 0, 8, 8),
        "read zone 4 sector 0 offset 0 size 8: zone 4 is not below the zone count 4");
    assertRefused(
        read(device, -1, 0, 0, 8, 8),
        "read zone -1 sector 0 offset 0 size 8: zone -1 is not below the zone count 4");
    assertRefused(
        read(device, 0, 32, 0, 8, 8),
        "read zone 0 sector 32 offset 0 size 8: sector 32 is not below the zone capacity of 32");
    assertRefused(
        read(device, 0, 0, 4096, 8, 8),
        "read zone 0 sector 0 offset 4096 size 8: offset 4096 is not below the sector size of"
            + " 4096 bytes");
    // the last sector of the last zone, whole: start + size == device bytes, refused by '>='
    assertRefused(
        read(device, 3, 31, 0, 4096, 8),
        "read zone 3 sector 31 offset 0 size 4096: start byte 520192 + size 4096 is at or past"
            + " the device's 524288 bytes (OpenCSD's in_range refuses a range that reaches its"
            + " end)");
    assertRefused(
        read(device, 0, 0, 0, -1, 8),
        "read zone 0 sector 0 offset 0 size -1: start byte 0 + size 18446744073709551615 is at or"
            + " past the device's 524288 bytes (OpenCSD's in_range refuses a range that reaches"
            + " its end)");
    assertRefused(
        read(device, 0, 4, 0, 8, 8),
        "read zone 0 sector 4 offset 0 size 8: at or above the write pointer 4");
    assertRefused(
        read(device, 1, 0, 0, 8, 8),
        "read zone 1 sector 0 offset 0 size 8: at or above the write pointer 0");
    // one byte less than the device's end is readable
    CsdResult lastButOne = read(device, 3, 31, 0, 4095, 4095);
    assertEquals(0, lastButOne.r0(), lastButOne.toString());
    assertArrayEquals(
        Arrays.copyOfRange(dataset(2, 32), 31 * SECTOR, 32 * SECTOR - 1), lastButOne.returnData());
    assertTrue(lastButOne.refusals().isEmpty());
  }

  @Test
  void aReadCrossesSectorsAndReadsWholeSectorsFromTheMedia() {
    ZnsDevice device = device();
    byte[] data = dataset(3, 4);
    device.append(GEOMETRY.zoneStartLba(0), data);
    CsdResult result = read(device, 0, 1, 4000, 200, 200);
    assertEquals(0, result.r0());
    assertArrayEquals(Arrays.copyOfRange(data, SECTOR + 4000, SECTOR + 4200), result.returnData());
    assertEquals(2 * SECTOR, result.mediaBytesRead());
  }

  @Test
  void aReadCrossesAZonesCapacityIntoTheNextZone() {
    ZnsDevice device = device();
    byte[] zone0 = dataset(4, 32);
    byte[] zone1 = dataset(5, 2);
    device.append(GEOMETRY.zoneStartLba(0), zone0);
    device.append(GEOMETRY.zoneStartLba(1), zone1);
    // the last 100 bytes of zone 0's capacity, then zone 1 from its start (LBA 64, not 32)
    CsdResult result = read(device, 0, 31, 3996, 100 + 5000, 5100);
    assertEquals(0, result.r0(), result.toString());
    byte[] expected = new byte[5100];
    System.arraycopy(zone0, 32 * SECTOR - 100, expected, 0, 100);
    System.arraycopy(zone1, 0, expected, 100, 5000);
    assertArrayEquals(expected, result.returnData());
    assertEquals(3 * SECTOR, result.mediaBytesRead(), "sector 31 of zone 0, sectors 0-1 of zone 1");
  }

  @Test
  void bytesAtOrAboveAWritePointerReadAsZeros() {
    ZnsDevice device = device();
    byte[] data = dataset(6, 2);
    device.append(GEOMETRY.zoneStartLba(0), data);
    // from sector 1 (written) into sectors 2-3 (not written)
    CsdResult result = read(device, 0, 1, 0, 3 * SECTOR, 3 * SECTOR);
    assertEquals(0, result.r0());
    byte[] expected = new byte[3 * SECTOR];
    System.arraycopy(data, SECTOR, expected, 0, SECTOR);
    assertArrayEquals(expected, result.returnData());
    // and across a capacity into an empty zone
    device.append(GEOMETRY.zoneStartLba(1), dataset(7, 32));
    CsdResult intoEmpty = read(device, 1, 31, 4000, 200, 200);
    assertEquals(0, intoEmpty.r0());
    byte[] tail = new byte[200];
    System.arraycopy(dataset(7, 32), 32 * SECTOR - 96, tail, 0, 96);
    assertArrayEquals(tail, intoEmpty.returnData());
  }

  /**
   * Call info: u64 zone, offset, size, then the data. Writes it with bpf_write (*sector preset to
   * 0x5555) and returns *sector; exits with write's result.
   */
  private static final String WRITE_PROBE =
      """
          r6 = r1
          r1 = 0x5555
          *(u64 *)(r10 - 8) = r1
          r1 = *(u64 *)(r6 + 0)
          r2 = r10
          r2 += -8
          r3 = *(u64 *)(r6 + 8)
          r4 = *(u64 *)(r6 + 16)
          r5 = r6
          r5 += 24
          call 3
          r6 = r0
          r1 = r10
          r1 += -8
          r2 = 8
          call 1
          r0 = r6
          exit
          """;

  private static CsdResult write(ZnsDevice device, long zone, long offset, byte[] data) {
    byte[] info = new byte[24 + data.length];
    ByteBuffer.wrap(info)
        .order(ByteOrder.LITTLE_ENDIAN)
        .putLong(zone)
        .putLong(offset)
        .putLong(data.length)
        .put(data);
    return kernel(device, WRITE_PROBE).run(info);
  }

  @Test
  void writeZeroFillsBeforeTheOffsetPadsTheLastSectorAndGivesTheWritePointerBefore() {
    ZnsDevice device = device();
    device.append(GEOMETRY.zoneStartLba(1), dataset(8, 3));
    byte[] data = new byte[5000];
    Arrays.fill(data, (byte) 0xab);
    CsdResult result = write(device, 1, 100, data);
    assertEquals(0, result.r0(), result.toString());
    assertEquals(3, result.returnedLong(), "*sector: the write pointer before the write");
    assertEquals(2 * SECTOR, result.mediaBytesWritten(), "ceil((100 + 5000) / 4096) sectors");
    assertEquals(5, device.zone(1).writtenBlocks());
    byte[] expected = new byte[2 * SECTOR];
    System.arraycopy(data, 0, expected, 100, data.length);
    assertArrayEquals(expected, device.read(GEOMETRY.zoneStartLba(1) + 3, 2));
  }

  @Test
  void anEmptyWriteGivesTheWritePointerAndWritesNothing() {
    ZnsDevice device = device();
    device.append(GEOMETRY.zoneStartLba(2), dataset(9, 7));
    CsdResult result = write(device, 2, 0, new byte[0]);
    assertEquals(0, result.r0());
    assertEquals(7, result.returnedLong());
    assertEquals(0, result.mediaBytesWritten());
    assertEquals(7, device.zone(2).writtenBlocks());
  }

  @Test
  void aWriteTheDeviceRefusesReturnsMinusOneWithTheDevicesReason() {
    Geometry oneOpenZone =
        Geometry.builder()
            .zoneCount(4)
            .zoneSizeBlocks(64)
            .zoneCapacityBlocks(32)
            .blockSizeBytes(SECTOR)
            .maxOpenZones(1)
            .maxActiveZones(1)
            .build();
    ZnsDevice device = ZnsDevice.builder(oneOpenZone).build();
    device.append(oneOpenZone.zoneStartLba(0), new byte[SECTOR]);
    CsdResult result = write(device, 1, 0, new byte[8]);
    assertEquals(-1, (int) result.r0(), result.toString());
    assertEquals(0x5555, result.returnedLong(), "*sector untouched");
    assertTrue(result.refusals().get(0).toString().startsWith("write zone 1 offset 0 size 8: "));
    assertTrue(
        result.refusals().get(0).reason().toLowerCase().contains("active"),
        result.refusals().get(0).reason());
    assertEquals(0, device.zone(1).writtenBlocks());
  }

  @Test
  void refusalsAreBoundedAndTheRestCounted() {
    ZnsDevice device = device();
    CsdKernel kernel =
        ComputationalStorage.builder(device)
            .refusalLimit(2)
            .build()
            .load(
                Assembler.assemble(
                    """
                    r6 = 0
                    loop:
                    r1 = 1
                    r2 = r6
                    r3 = 0
                    r4 = 8
                    r5 = r10
                    r5 += -8
                    call 2
                    r6 += 1
                    if r6 < 5 goto loop
                    r0 = 0
                    exit
                    """));
    CsdResult result = kernel.run();
    assertEquals(2, result.refusals().size());
    assertEquals(3, result.refusalsDropped());
    assertEquals(
        "read zone 1 sector 1 offset 0 size 8: at or above the write pointer 0",
        result.refusals().get(1).toString());
    assertTrue(
        result
            .toString()
            .endsWith(
                ", 5 helper calls returned -1 (first: read zone 1 sector 0 offset 0 size 8: at or"
                    + " above the write pointer 0)]"),
        result.toString());
    assertEquals(2, kernel.run().refusals().size(), "each run starts with none");
  }

  /**
   * A zone filter written like OpenCSD's bpf_zone_int_filter: every sector of the zone's capacity
   * read into the same buffer, read's result ignored, every u32 of the buffer above RAND_MAX/2
   * counted. Its source: {@code src/test/c/zone_filter.c}.
   */
  private static final Path ZONE_FILTER_C = Path.of("src", "test", "c", "zone_filter.c");

  @Test
  void aZoneFilterOverAPartlyWrittenZoneCountsAsOnOpenCsd(@TempDir Path dir) throws IOException {
    ZnsDevice device = device();
    int written = 10;
    byte[] data = dataset(13, written);
    device.append(GEOMETRY.zoneStartLba(0), data);
    CsdKernel kernel =
        ComputationalStorage.of(device)
            .load(ElfObject.parse(compileC(ZONE_FILTER_C, dir)).program(".text"));
    CsdResult result = kernel.run();
    assertEquals(0, result.r0(), result.toString());

    // the same rule in Java: a refused read leaves the buffer as the last successful read left it
    byte[] buffer = new byte[SECTOR]; // the memory starts zeroed
    long expected = 0;
    for (int sector = 0; sector < GEOMETRY.zoneCapacityBlocks(); sector++) {
      if (sector < written) {
        buffer = Arrays.copyOfRange(data, sector * SECTOR, (sector + 1) * SECTOR);
      }
      expected += countAboveHalf(buffer);
    }
    assertEquals(expected, result.returnedLong());
    long lastSector =
        countAboveHalf(Arrays.copyOfRange(data, (written - 1) * SECTOR, written * SECTOR));
    assertEquals(countAboveHalf(data) + 22 * lastSector, result.returnedLong());
    assertEquals(22, result.refusals().size(), "sectors 10-31: at or above the write pointer");
    assertEquals(written * (long) SECTOR, result.mediaBytesRead());
  }
}
