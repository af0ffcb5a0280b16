package org.csdlab.fluffle;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.csdlab.zns.Geometry;

/**
 * The superblock, block 0 of zone 0, written once at format. Little-endian:
 *
 * <pre>
 *   0                   8           12          16          20          24
 *   +-------------------+-----------+-----------+-----------+-----------+
 *   | magic "FLUFFLE1"  | version   | blockSize | zoneCount | reserve   |
 *   +-------------------+-----------+-----------+-----------+-----------+
 *   24                  32                      40          44          48          52          56
 *   +-------------------+-----------------------+-----------+-----------+-----------+-----------+
 *   | zoneSizeBlocks    | zoneCapacityBlocks    | policy    | bgFree    | cpZoneA   | cpZoneB   |
 *   +-------------------+-----------------------+-----------+-----------+-----------+-----------+
 *   56          60          64                  72
 *   +-----------+-----------+-------------------+
 *   | crc32c    | (zero)    | formatNanos       |   rest of the block: zeros
 *   +-----------+-----------+-------------------+
 * </pre>
 *
 * The CRC32C covers the first {@link #LENGTH} bytes with the crc field taken as zero. {@code
 * zoneCount} is the number of zones the filesystem uses, zones 0 to {@code zoneCount - 1}: the
 * whole device unless {@link FormatOptions#zoneCount()} chose fewer, leaving the zones after them
 * to other uses (raw zone appends on the same drive).
 */
record Superblock(
    int blockSizeBytes,
    int zoneCount,
    int reserveZones,
    long zoneSizeBlocks,
    long zoneCapacityBlocks,
    CleaningPolicy cleaningPolicy,
    int backgroundFreeZones,
    int checkpointZoneA,
    int checkpointZoneB,
    long formatNanos) {

  static final byte[] MAGIC = "FLUFFLE1".getBytes(StandardCharsets.US_ASCII);
  static final int VERSION = 1;
  static final int MAGIC_OFFSET = 0;
  static final int VERSION_OFFSET = 8;
  static final int BLOCK_SIZE_OFFSET = 12;
  static final int ZONE_COUNT_OFFSET = 16;
  static final int RESERVE_OFFSET = 20;
  static final int ZONE_SIZE_OFFSET = 24;
  static final int ZONE_CAPACITY_OFFSET = 32;
  static final int POLICY_OFFSET = 40;
  static final int BACKGROUND_FREE_OFFSET = 44;
  static final int CP_ZONE_A_OFFSET = 48;
  static final int CP_ZONE_B_OFFSET = 52;
  static final int CRC_OFFSET = 56;
  static final int FORMAT_NANOS_OFFSET = 64;
  static final int LENGTH = 72;

  /** The superblock for a filesystem on zones 0 to {@code zoneCount - 1} of {@code geometry}. */
  static Superblock of(
      Geometry geometry, int zoneCount, int reserveZones, FormatOptions options, long formatNanos) {
    return new Superblock(
        geometry.blockSizeBytes(),
        zoneCount,
        reserveZones,
        geometry.zoneSizeBlocks(),
        geometry.zoneCapacityBlocks(),
        options.cleaningPolicy(),
        options.backgroundFreeZones(),
        1,
        2,
        formatNanos);
  }

  /** One block holding this superblock. */
  byte[] encode() {
    byte[] block = new byte[blockSizeBytes];
    ByteBuffer b = ByteBuffer.wrap(block).order(ByteOrder.LITTLE_ENDIAN);
    b.put(MAGIC_OFFSET, MAGIC);
    b.putInt(VERSION_OFFSET, VERSION);
    b.putInt(BLOCK_SIZE_OFFSET, blockSizeBytes);
    b.putInt(ZONE_COUNT_OFFSET, zoneCount);
    b.putInt(RESERVE_OFFSET, reserveZones);
    b.putLong(ZONE_SIZE_OFFSET, zoneSizeBlocks);
    b.putLong(ZONE_CAPACITY_OFFSET, zoneCapacityBlocks);
    b.putInt(POLICY_OFFSET, cleaningPolicy.ordinal());
    b.putInt(BACKGROUND_FREE_OFFSET, backgroundFreeZones);
    b.putInt(CP_ZONE_A_OFFSET, checkpointZoneA);
    b.putInt(CP_ZONE_B_OFFSET, checkpointZoneB);
    b.putLong(FORMAT_NANOS_OFFSET, formatNanos);
    b.putInt(CRC_OFFSET, Checksums.crc32c(block, 0, LENGTH, CRC_OFFSET));
    return block;
  }

  /** True if {@code block} starts with the superblock magic. */
  static boolean hasMagic(byte[] block) {
    return Arrays.equals(block, MAGIC_OFFSET, MAGIC_OFFSET + MAGIC.length, MAGIC, 0, MAGIC.length);
  }

  /**
   * Decodes and checks a superblock against the device geometry.
   *
   * @throws NotFluffleFsException no magic
   * @throws CorruptImageException bad checksum, version or a geometry that does not match
   */
  static Superblock decode(byte[] block, Geometry geometry) {
    if (!hasMagic(block)) {
      throw new NotFluffleFsException(
          "",
          "the device holds no flufflefs-lite image: block 0 of zone 0 does not start"
              + " with the magic \"FLUFFLE1\"; format it with FluffleFs.format(device, options)");
    }
    ByteBuffer b = ByteBuffer.wrap(block).order(ByteOrder.LITTLE_ENDIAN);
    checkCrc(block, b.getInt(CRC_OFFSET));
    int version = b.getInt(VERSION_OFFSET);
    if (version != VERSION) {
      throw new CorruptImageException(
          "", "superblock: version " + version + " is not supported (expected " + VERSION + ")");
    }
    int policy = b.getInt(POLICY_OFFSET);
    if (policy < 0 || policy >= CleaningPolicy.values().length) {
      throw new CorruptImageException(
          "", "superblock: cleaning policy code " + policy + " is unknown");
    }
    Superblock sb =
        new Superblock(
            b.getInt(BLOCK_SIZE_OFFSET),
            b.getInt(ZONE_COUNT_OFFSET),
            b.getInt(RESERVE_OFFSET),
            b.getLong(ZONE_SIZE_OFFSET),
            b.getLong(ZONE_CAPACITY_OFFSET),
            CleaningPolicy.values()[policy],
            b.getInt(BACKGROUND_FREE_OFFSET),
            b.getInt(CP_ZONE_A_OFFSET),
            b.getInt(CP_ZONE_B_OFFSET),
            b.getLong(FORMAT_NANOS_OFFSET));
    sb.checkGeometry(geometry);
    return sb;
  }

  private static void checkCrc(byte[] block, int stored) {
    int actual = Checksums.crc32c(block, 0, LENGTH, CRC_OFFSET);
    if (actual != stored) {
      throw new CorruptImageException(
          "",
          String.format(
              "superblock: checksum mismatch (stored crc32c=%08x, computed %08x); the superblock is damaged",
              stored, actual));
    }
  }

  private void checkGeometry(Geometry g) {
    if (blockSizeBytes != g.blockSizeBytes()
        || zoneCount > g.zoneCount()
        || zoneSizeBlocks != g.zoneSizeBlocks()
        || zoneCapacityBlocks != g.zoneCapacityBlocks()) {
      throw new CorruptImageException(
          "",
          "superblock: formatted for "
              + zoneCount
              + " zones × "
              + zoneSizeBlocks
              + " blocks (capacity "
              + zoneCapacityBlocks
              + ") × "
              + blockSizeBytes
              + " B, but the device is "
              + g);
    }
    if (checkpointZoneA != 1
        || checkpointZoneB != 2
        || reserveZones < 1
        || reserveZones >= zoneCount) {
      throw new CorruptImageException(
          "",
          "superblock: checkpoint zones "
              + checkpointZoneA
              + ","
              + checkpointZoneB
              + " and reserve "
              + reserveZones
              + " are not valid");
    }
  }
}
