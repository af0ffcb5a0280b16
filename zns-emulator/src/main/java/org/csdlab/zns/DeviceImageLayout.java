package org.csdlab.zns;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.zip.CRC32;

/**
 * Layout of a persistent device image: one file holding a header, one metadata entry per zone, then
 * every zone's writable area at a fixed offset. All numbers are little-endian.
 *
 * <p>Header, at offset 0 (the region up to {@link #ZONE_TABLE_OFFSET} is reserved for it):
 *
 * <pre>
 *   0                   1                   2                   3
 *   0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 *  +---------------------------------------------------------------+  0
 *  |                    Magic "CSDZNS01" (8 bytes)                  |
 *  |                                                               |
 *  +---------------------------------------------------------------+  8
 *  |                        Format Version                         |
 *  +---------------------------------------------------------------+ 12
 *  |                          Zone Count                           |
 *  +---------------------------------------------------------------+ 16
 *  |                     Zone Size (blocks, long)                  |
 *  |                                                               |
 *  +---------------------------------------------------------------+ 24
 *  |                  Zone Capacity (blocks, long)                 |
 *  |                                                               |
 *  +---------------------------------------------------------------+ 32
 *  |                      Block Size (bytes)                       |
 *  +---------------------------------------------------------------+ 36
 *  |                        Max Open Zones                         |
 *  +---------------------------------------------------------------+ 40
 *  |                       Max Active Zones                        |
 *  +---------------------------------------------------------------+ 44
 *  |             Zone Descriptor Extension Size (bytes)            |
 *  +---------------------------------------------------------------+ 48
 *  |                 Data Offset (bytes, long)                     |
 *  |                                                               |
 *  +---------------------------------------------------------------+ 56
 *  |              CRC-32 of bytes 0 to 55 (Checksum)               |
 *  +---------------------------------------------------------------+ 60
 * </pre>
 *
 * <p>Zone entry {@code i}, at {@link #ZONE_TABLE_OFFSET} {@code + i *} {@link #zoneEntryLength}:
 *
 * <pre>
 *  +---------------------------------------------------------------+  0
 *  |             Zone State (ZS code)      |   Flags (bit 0: ZDEV) |
 *  +---------------------------------------------------------------+  8
 *  |                    Write Pointer (LBA, long)                  |
 *  +---------------------------------------------------------------+ 16
 *  |       Data Extent (bytes of the zone ever stored, long)       |
 *  +---------------------------------------------------------------+ 24
 *  |          Zone Descriptor Extension (geometry's size)       ...
 *  +---------------------------------------------------------------+
 * </pre>
 *
 * <p>Zone {@code i}'s data starts at Data Offset {@code + i *} zone capacity in bytes. Blocks
 * beyond a zone's data extent read as zeros, so a reset only sets the extent to 0.
 */
final class DeviceImageLayout {
  static final long MAGIC = 0x31305A4E445A5343L; // "CSDZNS01" read little-endian
  static final int FORMAT_VERSION = 1;

  static final int MAGIC_OFFSET = 0;
  static final int VERSION_OFFSET = 8;
  static final int ZONE_COUNT_OFFSET = 12;
  static final int ZONE_SIZE_OFFSET = 16;
  static final int ZONE_CAPACITY_OFFSET = 24;
  static final int BLOCK_SIZE_OFFSET = 32;
  static final int MAX_OPEN_OFFSET = 36;
  static final int MAX_ACTIVE_OFFSET = 40;
  static final int EXTENSION_SIZE_OFFSET = 44;
  static final int DATA_OFFSET_OFFSET = 48;
  static final int CHECKSUM_OFFSET = 56;
  static final int HEADER_LENGTH = 60;

  static final long ZONE_TABLE_OFFSET = 4096;
  static final int ZONE_STATE_OFFSET = 0;
  static final int ZONE_FLAGS_OFFSET = 4;
  static final int ZONE_WRITE_POINTER_OFFSET = 8;
  static final int ZONE_EXTENT_OFFSET = 16;
  static final int ZONE_EXTENSION_OFFSET = 24;
  static final int FLAG_EXTENSION = 1;

  private DeviceImageLayout() {}

  static int zoneEntryLength(Geometry geometry) {
    return ZONE_EXTENSION_OFFSET + geometry.zoneDescriptorExtensionBytes();
  }

  /**
   * Bytes of the zone table: at most {@link Geometry#MAX_ZONE_TABLE_BYTES}, since an entry is
   * smaller than an Extended Report Zones entry, so it fits in one buffer.
   */
  static int zoneTableBytes(Geometry geometry) {
    return Math.toIntExact(
        Math.multiplyExact((long) geometry.zoneCount(), zoneEntryLength(geometry)));
  }

  /** Zone data starts on the first 4 KiB boundary after the zone table. */
  static long dataOffset(Geometry geometry) {
    long tableEnd = ZONE_TABLE_OFFSET + zoneTableBytes(geometry);
    return (tableEnd + 4095) / 4096 * 4096;
  }

  /** At most {@link Geometry#MAX_SIZE_BYTES} plus the table, so it fits in a long. */
  static long fileLength(Geometry geometry) {
    return Math.addExact(
        dataOffset(geometry),
        Math.multiplyExact((long) geometry.zoneCount(), geometry.zoneCapacityBytes()));
  }

  static ByteBuffer header(Geometry geometry) {
    ByteBuffer b = ByteBuffer.allocate(HEADER_LENGTH).order(ByteOrder.LITTLE_ENDIAN);
    b.putLong(MAGIC_OFFSET, MAGIC)
        .putInt(VERSION_OFFSET, FORMAT_VERSION)
        .putInt(ZONE_COUNT_OFFSET, geometry.zoneCount())
        .putLong(ZONE_SIZE_OFFSET, geometry.zoneSizeBlocks())
        .putLong(ZONE_CAPACITY_OFFSET, geometry.zoneCapacityBlocks())
        .putInt(BLOCK_SIZE_OFFSET, geometry.blockSizeBytes())
        .putInt(MAX_OPEN_OFFSET, geometry.maxOpenZones())
        .putInt(MAX_ACTIVE_OFFSET, geometry.maxActiveZones())
        .putInt(EXTENSION_SIZE_OFFSET, geometry.zoneDescriptorExtensionBytes())
        .putLong(DATA_OFFSET_OFFSET, dataOffset(geometry));
    b.putInt(CHECKSUM_OFFSET, checksum(b));
    return b;
  }

  static int checksum(ByteBuffer header) {
    CRC32 crc = new CRC32();
    crc.update(header.array(), header.arrayOffset(), CHECKSUM_OFFSET);
    return (int) crc.getValue();
  }

  /** Checks the magic; {@code what} names the file in the message. */
  static void checkMagic(ByteBuffer header, String what) {
    long magic = header.getLong(MAGIC_OFFSET);
    if (magic != MAGIC) {
      throw new InvalidImageException(
          what
              + " is not a ZNS device image: magic is 0x"
              + Long.toHexString(magic)
              + ", expected 0x"
              + Long.toHexString(MAGIC)
              + " (\"CSDZNS01\")");
    }
  }

  static void checkVersion(ByteBuffer header, String what) {
    int version = header.getInt(VERSION_OFFSET);
    if (version != FORMAT_VERSION) {
      throw new InvalidImageException(
          what
              + ": image format version "
              + version
              + " is not supported (this build reads "
              + FORMAT_VERSION
              + ")");
    }
  }

  static void checkChecksum(ByteBuffer header, String what) {
    int stored = header.getInt(CHECKSUM_OFFSET);
    int computed = checksum(header);
    if (stored != computed) {
      throw new InvalidImageException(
          what
              + ": header checksum is 0x"
              + Integer.toHexString(stored)
              + " but the header bytes give 0x"
              + Integer.toHexString(computed)
              + "; the header is corrupt");
    }
  }

  /**
   * The geometry the header describes; throws, naming the field, if it breaks a geometry rule or
   * limit (so nothing is allocated for a geometry the device would refuse).
   */
  static Geometry geometry(ByteBuffer header, String what) {
    try {
      return new Geometry(
          header.getInt(ZONE_COUNT_OFFSET),
          header.getLong(ZONE_SIZE_OFFSET),
          header.getLong(ZONE_CAPACITY_OFFSET),
          header.getInt(BLOCK_SIZE_OFFSET),
          header.getInt(MAX_OPEN_OFFSET),
          header.getInt(MAX_ACTIVE_OFFSET),
          header.getInt(EXTENSION_SIZE_OFFSET));
    } catch (InvalidGeometryException e) {
      throw new InvalidImageException(
          e.field(), what + ": the header's " + e.field() + " is invalid: " + e.getMessage());
    }
  }

  static void checkDataOffset(ByteBuffer header, Geometry geometry, String what) {
    long stored = header.getLong(DATA_OFFSET_OFFSET);
    if (stored != dataOffset(geometry)) {
      throw new InvalidImageException(
          what + ": data offset is " + stored + ", expected " + dataOffset(geometry));
    }
  }

  /**
   * Checks that a zone entry agrees with the zone state rules: an Empty zone has its write pointer
   * at the zone start and no extension; an opened or Closed zone has not reached its capacity (it
   * would be Full); a Full zone's write pointer is its capacity end; an extension needs a geometry
   * with extensions; no flag but ZDEV is set. The write pointer is already known to lie in the
   * zone.
   */
  static void checkZoneEntry(
      ZoneSlot zone,
      ZoneState state,
      int flags,
      long writePointer,
      Geometry geometry,
      String what) {
    String where = what + ": zone " + zone.id;
    if ((flags & ~FLAG_EXTENSION) != 0) {
      throw new InvalidImageException(
          zone.id,
          where
              + " has unknown flag bits 0x"
              + Integer.toHexString(flags & ~FLAG_EXTENSION)
              + " (only bit 0, ZDEV, is defined)");
    }
    boolean extension = (flags & FLAG_EXTENSION) != 0;
    if (extension && geometry.zoneDescriptorExtensionBytes() == 0) {
      throw new InvalidImageException(
          zone.id,
          where + " has the zone descriptor extension flag but the geometry has no extensions");
    }
    if (state == ZoneState.EMPTY && writePointer != zone.startLba) {
      throw new InvalidImageException(
          zone.id,
          where
              + " is EMPTY but its write pointer "
              + writePointer
              + " is past the zone start "
              + zone.startLba);
    }
    if (state == ZoneState.EMPTY && extension) {
      throw new InvalidImageException(
          zone.id,
          where
              + " is EMPTY but has a valid zone descriptor extension; only a Closed, opened or"
              + " Full zone can hold one");
    }
    if (state.isActive() && writePointer == zone.capacityEnd()) {
      throw new InvalidImageException(
          zone.id,
          where
              + " is "
              + state
              + " but its write pointer "
              + writePointer
              + " is the zone capacity end; a zone written to its capacity is FULL");
    }
    if (state == ZoneState.FULL && writePointer != zone.capacityEnd()) {
      throw new InvalidImageException(
          zone.id,
          where
              + " is FULL but its write pointer "
              + writePointer
              + " is not the zone capacity end "
              + zone.capacityEnd());
    }
  }
}
