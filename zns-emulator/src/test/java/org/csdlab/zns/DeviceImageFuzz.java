package org.csdlab.zns;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Optional;
import java.util.Random;
import java.util.function.Supplier;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Provide;
import org.csdlab.ebpf.fuzz.Fuzz;
import org.csdlab.ebpf.fuzz.FuzzOracle;

/**
 * Opening mutated device images: a small image is made, written to and closed, then its header
 * fields (with the CRC recomputed, so that mutations get past the checksum) and zone table entries
 * are overwritten with extreme and nearby values, or the file is cut short (one try in eight also
 * leaves the checksum wrong). Each mutant must open, report, read every zone and its descriptor
 * extension and close, or fail with an {@link InvalidImageException} (opening) or a {@link
 * ZnsException} (commands), and an image refused at open is left byte for byte as it was.
 */
class DeviceImageFuzz {
  private static final FuzzOracle ORACLE =
      FuzzOracle.expecting("device-image", InvalidImageException.class, ZnsException.class);
  private static final Geometry GEOMETRY =
      Geometry.builder()
          .zoneCount(6)
          .zoneSizeBlocks(16)
          .zoneCapacityBlocks(12)
          .blockSizeBytes(512)
          .maxOpenZones(3)
          .maxActiveZones(4)
          .zoneDescriptorExtensionBytes(64)
          .build();
  private static final int[] HEADER_INT_FIELDS = {
    DeviceImageLayout.VERSION_OFFSET,
    DeviceImageLayout.ZONE_COUNT_OFFSET,
    DeviceImageLayout.BLOCK_SIZE_OFFSET,
    DeviceImageLayout.MAX_OPEN_OFFSET,
    DeviceImageLayout.MAX_ACTIVE_OFFSET,
    DeviceImageLayout.EXTENSION_SIZE_OFFSET
  };
  private static final int[] HEADER_LONG_FIELDS = {
    DeviceImageLayout.ZONE_SIZE_OFFSET,
    DeviceImageLayout.ZONE_CAPACITY_OFFSET,
    DeviceImageLayout.DATA_OFFSET_OFFSET
  };
  private static final int[] ZONE_FIELDS = {
    DeviceImageLayout.ZONE_STATE_OFFSET,
    DeviceImageLayout.ZONE_FLAGS_OFFSET,
    DeviceImageLayout.ZONE_WRITE_POINTER_OFFSET,
    DeviceImageLayout.ZONE_EXTENT_OFFSET,
    DeviceImageLayout.ZONE_EXTENSION_OFFSET
  };
  private static final int TABLE_END = (int) DeviceImageLayout.dataOffset(GEOMETRY);
  private static final Path DIRECTORY = directory();
  private static final byte[] IMAGE = image();

  @Fuzz(tries = 800)
  void mutatedImages(@ForAll("mutants") byte[] mutant) throws IOException {
    Path file = DIRECTORY.resolve("mutant.img");
    Files.write(file, mutant);
    Supplier<String> input =
        () ->
            FuzzOracle.hex(Arrays.copyOf(mutant, Math.min(mutant.length, TABLE_END)))
                + " (the header and zone table; the data as the seed image has it)";
    Optional<ZnsDevice> opened = ORACLE.check(input, () -> ZnsDevice.open(file));
    if (opened.isEmpty()) {
      // a refused image is never repaired or truncated behind the user's back
      assertArrayEquals(mutant, Files.readAllBytes(file), "the refused image file changed");
      return;
    }
    try (ZnsDevice device = opened.get()) {
      ORACLE.check(input, () -> exercise(device));
    }
  }

  /** Reports, then reads the first blocks of every zone and its descriptor extension. */
  private static int exercise(ZnsDevice device) {
    {
      int blocks = 0;
      for (Zone zone : device.report(ReportFilter.ALL)) {
        long readable = Math.min(4, zone.capacityBlocks());
        if (readable > 0) {
          blocks +=
              device.read(zone.startLba(), (int) readable).length
                  / device.geometry().blockSizeBytes();
        }
        device.descriptorExtension(zone.id());
      }
      return blocks;
    }
  }

  @Provide
  Arbitrary<byte[]> mutants() {
    return Arbitraries.randomValue(
        random -> {
          byte[] bytes = IMAGE.clone();
          for (int m = 1 + random.nextInt(3); m > 0; m--) {
            mutate(random, bytes);
          }
          return random.nextInt(8) == 0
              ? Arrays.copyOf(bytes, random.nextInt(bytes.length))
              : bytes;
        });
  }

  private static void mutate(Random random, byte[] bytes) {
    ByteBuffer buffer = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
    switch (random.nextInt(5)) {
      case 0 ->
          buffer.putInt(
              HEADER_INT_FIELDS[random.nextInt(HEADER_INT_FIELDS.length)], (int) extreme(random));
      case 1 ->
          buffer.putLong(
              HEADER_LONG_FIELDS[random.nextInt(HEADER_LONG_FIELDS.length)], extreme(random));
      case 2, 3 -> {
        long entry =
            DeviceImageLayout.ZONE_TABLE_OFFSET
                + (long) random.nextInt(GEOMETRY.zoneCount())
                    * DeviceImageLayout.zoneEntryLength(GEOMETRY);
        int field = ZONE_FIELDS[random.nextInt(ZONE_FIELDS.length)];
        if (field == DeviceImageLayout.ZONE_WRITE_POINTER_OFFSET
            || field == DeviceImageLayout.ZONE_EXTENT_OFFSET) {
          buffer.putLong((int) entry + field, extreme(random));
        } else {
          buffer.putInt((int) entry + field, (int) extreme(random));
        }
      }
      default -> bytes[random.nextInt(bytes.length)] ^= (byte) (1 << random.nextInt(8));
    }
    if (random.nextInt(8) != 0) {
      buffer.putInt(DeviceImageLayout.CHECKSUM_OFFSET, DeviceImageLayout.checksum(buffer));
    }
  }

  private static long extreme(Random random) {
    return switch (random.nextInt(7)) {
      case 0 -> -1;
      case 1 -> 0;
      case 2 -> random.nextInt(16);
      case 3 -> 1L << random.nextInt(63);
      case 4 -> Integer.MAX_VALUE - random.nextInt(3);
      case 5 -> (1L << 26) + random.nextInt(3) - 1;
      default -> random.nextLong();
    };
  }

  /** A seed image with data in three zones (one full), descriptor extensions and an open zone. */
  private static byte[] image() {
    Path file = DIRECTORY.resolve("seed.img");
    try {
      Files.deleteIfExists(file);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    try (ZnsDevice device = ZnsDevice.builder(GEOMETRY).file(file).build()) {
      byte[] data = new byte[GEOMETRY.blockSizeBytes() * 3];
      new Random(7).nextBytes(data);
      device.append(GEOMETRY.zoneStartLba(0), data);
      device.write(GEOMETRY.zoneStartLba(1), data);
      device.manage(1, ZoneAction.FINISH);
      device.append(GEOMETRY.zoneStartLba(2), Arrays.copyOf(data, GEOMETRY.blockSizeBytes()));
      device.setDescriptorExtension(4, new byte[GEOMETRY.zoneDescriptorExtensionBytes()]);
      device.manage(3, ZoneAction.OPEN);
    }
    try {
      return Files.readAllBytes(file);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static Path directory() {
    try {
      return Files.createDirectories(Path.of("target", "fuzz", "device-images"));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
