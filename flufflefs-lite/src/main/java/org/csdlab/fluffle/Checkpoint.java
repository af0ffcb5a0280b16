package org.csdlab.fluffle;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * A checkpoint pack: everything needed to find the filesystem again, written with one append to one
 * of the two checkpoint zones (1 and 2, used alternately: a pack goes after the previous one in the
 * current zone; when it does not fit, the other zone is reset and takes it, so the latest complete
 * pack always survives). Little-endian:
 *
 * <pre>
 *   0           4           8           12          16                      24
 *   +-----------+-----------+-----------+-----------+-----------------------+
 *   | magic     | version   | crc32c    | packBlocks| seq                   |
 *   +-----------+-----------+-----------+-----------+-----------------------+
 *   24                      32                      40          44          48          52          56
 *   +-----------------------+-----------------------+-----------+-----------+-----------+-----------+
 *   | nextMetaSeq           | metaNextLba           | metaZone  | metaNext  | hotZone   | coldZone  |
 *   +-----------------------+-----------------------+-----------+-----------+-----------+-----------+
 *   56          64          72          80          88          96          104         112
 *   +-----------+-----------+-----------+-----------+-----------+-----------+-----------+
 *   | nextIno   | clock     | hostBytes | devBytes  | resets    | passes    | moved     |
 *   +-----------+-----------+-----------+-----------+-----------+-----------+-----------+
 *   112         116         120
 *   +-----------+-----------+------------------------------------+--------------------------+
 *   | zoneCount | inodes    | zone usage table: zoneCount × 16 B  | inode map: inodes × 16 B |
 *   +-----------+-----------+------------------------------------+--------------------------+
 *   zone entry: role u8, 3 zero bytes, valid u32, lastModified u64
 *   inode map entry: ino u64, lba of the inode block u64
 * </pre>
 *
 * The CRC32C covers all {@code packBlocks} blocks with the crc field taken as zero, so a torn
 * append of a pack is detected. {@code metaNextLba} and {@code nextMetaSeq} say where roll-forward
 * starts in the metadata log.
 */
record Checkpoint(
    long seq,
    long nextMetaSeq,
    long metaNextLba,
    int metaZone,
    int metaNextZone,
    int hotZone,
    int coldZone,
    long nextIno,
    long clock,
    FsCounters counters,
    byte[] roles,
    int[] valid,
    long[] modified,
    long[] inodeNumbers,
    long[] inodeLbas) {

  static final int MAGIC = 0x50434C46; // "FLCP"
  static final int VERSION = 1;
  static final int MAGIC_OFFSET = 0;
  static final int VERSION_OFFSET = 4;
  static final int CRC_OFFSET = 8;
  static final int PACK_BLOCKS_OFFSET = 12;
  static final int SEQ_OFFSET = 16;
  static final int NEXT_META_SEQ_OFFSET = 24;
  static final int META_NEXT_LBA_OFFSET = 32;
  static final int META_ZONE_OFFSET = 40;
  static final int META_NEXT_ZONE_OFFSET = 44;
  static final int HOT_ZONE_OFFSET = 48;
  static final int COLD_ZONE_OFFSET = 52;
  static final int NEXT_INO_OFFSET = 56;
  static final int CLOCK_OFFSET = 64;
  static final int COUNTERS_OFFSET = 72;
  static final int ZONE_COUNT_OFFSET = 112;
  static final int INODE_COUNT_OFFSET = 116;
  static final int TABLE_OFFSET = 120;
  static final int ZONE_ENTRY_LENGTH = 16;
  static final int INODE_ENTRY_LENGTH = 16;

  /** Bytes of a pack for this many zones and inodes, before padding to blocks. */
  static long lengthBytes(int zones, long inodes) {
    return TABLE_OFFSET + (long) zones * ZONE_ENTRY_LENGTH + inodes * INODE_ENTRY_LENGTH;
  }

  /** The most inodes a pack fitting in one zone can list. */
  static long maxInodes(int zones, long zoneCapacityBytes) {
    return (zoneCapacityBytes - TABLE_OFFSET - (long) zones * ZONE_ENTRY_LENGTH)
        / INODE_ENTRY_LENGTH;
  }

  /** The pack, padded to whole blocks. */
  byte[] encode(int blockSize) {
    long len = lengthBytes(roles.length, inodeNumbers.length);
    int blocks = (int) ((len + blockSize - 1) / blockSize);
    byte[] pack = new byte[blocks * blockSize];
    ByteBuffer b = ByteBuffer.wrap(pack).order(ByteOrder.LITTLE_ENDIAN);
    b.putInt(MAGIC_OFFSET, MAGIC)
        .putInt(VERSION_OFFSET, VERSION)
        .putInt(PACK_BLOCKS_OFFSET, blocks);
    b.putLong(SEQ_OFFSET, seq)
        .putLong(NEXT_META_SEQ_OFFSET, nextMetaSeq)
        .putLong(META_NEXT_LBA_OFFSET, metaNextLba);
    b.putInt(META_ZONE_OFFSET, metaZone).putInt(META_NEXT_ZONE_OFFSET, metaNextZone);
    b.putInt(HOT_ZONE_OFFSET, hotZone).putInt(COLD_ZONE_OFFSET, coldZone);
    b.putLong(NEXT_INO_OFFSET, nextIno).putLong(CLOCK_OFFSET, clock);
    b.putLong(COUNTERS_OFFSET, counters.hostBytesWritten())
        .putLong(COUNTERS_OFFSET + 8, counters.deviceBytesWritten())
        .putLong(COUNTERS_OFFSET + 16, counters.zoneResets())
        .putLong(COUNTERS_OFFSET + 24, counters.cleaningPasses())
        .putLong(COUNTERS_OFFSET + 32, counters.blocksMoved());
    b.putInt(ZONE_COUNT_OFFSET, roles.length).putInt(INODE_COUNT_OFFSET, inodeNumbers.length);
    int at = TABLE_OFFSET;
    for (int z = 0; z < roles.length; z++, at += ZONE_ENTRY_LENGTH) {
      b.put(at, roles[z]).putInt(at + 4, valid[z]).putLong(at + 8, modified[z]);
    }
    for (int i = 0; i < inodeNumbers.length; i++, at += INODE_ENTRY_LENGTH) {
      b.putLong(at, inodeNumbers[i]).putLong(at + 8, inodeLbas[i]);
    }
    b.putInt(CRC_OFFSET, Checksums.crc32c(pack, 0, pack.length, CRC_OFFSET));
    return pack;
  }

  /**
   * Blocks of the pack starting at {@code from} in {@code area}, or 0 if no complete, valid pack
   * starts there.
   */
  static int packBlocksAt(byte[] area, int from, int blockSize) {
    if (area.length - from < blockSize) {
      return 0;
    }
    ByteBuffer b = ByteBuffer.wrap(area).order(ByteOrder.LITTLE_ENDIAN);
    if (b.getInt(from + MAGIC_OFFSET) != MAGIC || b.getInt(from + VERSION_OFFSET) != VERSION) {
      return 0;
    }
    int blocks = b.getInt(from + PACK_BLOCKS_OFFSET);
    if (blocks <= 0 || (long) blocks * blockSize > area.length - from) {
      return 0;
    }
    int end = from + blocks * blockSize;
    int crc = Checksums.crc32c(area, from, end, from + CRC_OFFSET);
    return crc == b.getInt(from + CRC_OFFSET) ? blocks : 0;
  }

  /**
   * Decodes a pack already checked by {@link #packBlocksAt}; null if its contents are inconsistent.
   */
  static Checkpoint decode(byte[] area, int from, int zoneCount, int blockSize) {
    ByteBuffer b = ByteBuffer.wrap(area).order(ByteOrder.LITTLE_ENDIAN);
    int zones = b.getInt(from + ZONE_COUNT_OFFSET);
    int inodes = b.getInt(from + INODE_COUNT_OFFSET);
    if (zones != zoneCount
        || inodes < 0
        || lengthBytes(zones, inodes) > (long) b.getInt(from + PACK_BLOCKS_OFFSET) * blockSize) {
      return null;
    }
    byte[] roles = new byte[zones];
    int[] valid = new int[zones];
    long[] modified = new long[zones];
    int at = from + TABLE_OFFSET;
    for (int z = 0; z < zones; z++, at += ZONE_ENTRY_LENGTH) {
      roles[z] = b.get(at);
      valid[z] = b.getInt(at + 4);
      modified[z] = b.getLong(at + 8);
      if (roles[z] < 0 || roles[z] >= ZoneTable.Role.values().length) {
        return null;
      }
    }
    long[] inos = new long[inodes];
    long[] lbas = new long[inodes];
    for (int i = 0; i < inodes; i++, at += INODE_ENTRY_LENGTH) {
      inos[i] = b.getLong(at);
      lbas[i] = b.getLong(at + 8);
    }
    FsCounters counters =
        new FsCounters(
            b.getLong(from + COUNTERS_OFFSET),
            b.getLong(from + COUNTERS_OFFSET + 8),
            b.getLong(from + COUNTERS_OFFSET + 16),
            b.getLong(from + COUNTERS_OFFSET + 24),
            b.getLong(from + COUNTERS_OFFSET + 32));
    return new Checkpoint(
        b.getLong(from + SEQ_OFFSET),
        b.getLong(from + NEXT_META_SEQ_OFFSET),
        b.getLong(from + META_NEXT_LBA_OFFSET),
        b.getInt(from + META_ZONE_OFFSET),
        b.getInt(from + META_NEXT_ZONE_OFFSET),
        b.getInt(from + HOT_ZONE_OFFSET),
        b.getInt(from + COLD_ZONE_OFFSET),
        b.getLong(from + NEXT_INO_OFFSET),
        b.getLong(from + CLOCK_OFFSET),
        counters,
        roles,
        valid,
        modified,
        inos,
        lbas);
  }
}
