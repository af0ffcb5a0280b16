package org.csdlab.fluffle;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * The on-disk summary of a data zone (Sprite LFS's segment summary, F2FS's SSA): the last {@link
 * #blocksPerZone} blocks of every hot or cold log zone name, for each data block before them, the
 * inode it was written for and its block index in that file. The log appends them as soon as its
 * data blocks fill the zone, so a sealed data zone describes itself; the cleaner reads them to find
 * each block's owner and treats a block as live only if that inode's block map still points at it.
 *
 * <pre>
 *   0           4           8           12          16                      24                      32
 *   +-----------+-----------+-----------+-----------+-----------------------+-----------------------+--
 *   | magic     | crc32c    | zone      | first     | ino (0: none)         | block index in file   | ...
 *   +-----------+-----------+-----------+-----------+-----------------------+-----------------------+--
 *                                                   |&lt;- entry of data block first ----------------&gt;| ...
 * </pre>
 *
 * <ul>
 *   <li>{@code zone}: the zone the block summarises (a summary read from another zone is not this
 *       zone's).
 *   <li>{@code first}: the offset in the zone of the data block the first entry describes; summary
 *       block {@code i} describes data blocks {@code i} × {@link #entriesPerBlock} onwards, up to
 *       {@link #entriesPerBlock} of them or the last data block of the zone (with 16-byte entries
 *       and a 16-byte header, a 4 KiB block describes 255 blocks, so a zone of up to 256 blocks
 *       needs one).
 *   <li>An entry with ino 0 names no file (the block was already dead when the summary was written,
 *       e.g. after a crash the summary is written from the rebuilt maps).
 * </ul>
 *
 * The CRC32C covers the whole block with the crc field taken as zero. A zone whose summary blocks
 * are missing (a crash before they were appended) or fail their checks (torn) has no summary: the
 * cleaner then falls back to the zone table rebuilt from the block maps at mount. Roll-forward
 * never reads summaries.
 */
final class ZoneSummary {
  static final int MAGIC = 0x53534C46; // "FLSS"
  static final int MAGIC_OFFSET = 0;
  static final int CRC_OFFSET = 4;
  static final int ZONE_OFFSET = 8;
  static final int FIRST_OFFSET = 12;
  static final int ENTRIES_OFFSET = 16;
  static final int ENTRY_LENGTH = 16;

  final int entriesPerBlock;

  /** Summary blocks at the end of every data zone. */
  final int blocksPerZone;

  /** Data blocks a data zone holds before its summary. */
  final int dataBlocksPerZone;

  ZoneSummary(int blockSize, int zoneCapacity) {
    entriesPerBlock = (blockSize - ENTRIES_OFFSET) / ENTRY_LENGTH;
    blocksPerZone =
        (zoneCapacity + entriesPerBlock) / (entriesPerBlock + 1); // ceil(cap / (per + 1))
    dataBlocksPerZone = zoneCapacity - blocksPerZone;
  }

  /**
   * Encodes the summary blocks of {@code zone} from the owner and block index of each data block.
   */
  byte[] encode(int zone, long[] inos, long[] indexes, int blockSize) {
    byte[] out = new byte[blocksPerZone * blockSize];
    for (int s = 0; s < blocksPerZone; s++) {
      int first = s * entriesPerBlock;
      int count = Math.max(0, Math.min(entriesPerBlock, dataBlocksPerZone - first));
      ByteBuffer b =
          ByteBuffer.wrap(out, s * blockSize, blockSize).slice().order(ByteOrder.LITTLE_ENDIAN);
      b.putInt(MAGIC_OFFSET, MAGIC);
      b.putInt(ZONE_OFFSET, zone);
      b.putInt(FIRST_OFFSET, first);
      for (int i = 0; i < count; i++) {
        b.putLong(ENTRIES_OFFSET + i * ENTRY_LENGTH, inos[first + i]);
        b.putLong(ENTRIES_OFFSET + i * ENTRY_LENGTH + 8, indexes[first + i]);
      }
      int from = s * blockSize;
      b.putInt(CRC_OFFSET, Checksums.crc32c(out, from, from + blockSize, from + CRC_OFFSET));
    }
    return out;
  }

  /** One zone's summary as read from the device: the owner and block index of each data block. */
  record Entries(long[] inos, long[] indexes) {}

  /**
   * Decodes the summary of {@code zone} from its {@link #blocksPerZone} blocks, or null if any of
   * them is missing, torn or not this zone's.
   */
  Entries decode(int zone, byte[] blocks, int blockSize) {
    long[] inos = new long[dataBlocksPerZone];
    long[] indexes = new long[dataBlocksPerZone];
    for (int s = 0; s < blocksPerZone; s++) {
      int from = s * blockSize;
      ByteBuffer b =
          ByteBuffer.wrap(blocks, from, blockSize).slice().order(ByteOrder.LITTLE_ENDIAN);
      int first = s * entriesPerBlock;
      int count = Math.max(0, Math.min(entriesPerBlock, dataBlocksPerZone - first));
      if (b.getInt(MAGIC_OFFSET) != MAGIC
          || b.getInt(CRC_OFFSET)
              != Checksums.crc32c(blocks, from, from + blockSize, from + CRC_OFFSET)
          || b.getInt(ZONE_OFFSET) != zone
          || b.getInt(FIRST_OFFSET) != first) {
        return null;
      }
      for (int i = 0; i < count; i++) {
        inos[first + i] = b.getLong(ENTRIES_OFFSET + i * ENTRY_LENGTH);
        indexes[first + i] = b.getLong(ENTRIES_OFFSET + i * ENTRY_LENGTH + 8);
      }
    }
    return new Entries(inos, indexes);
  }
}
