package org.csdlab.fluffle;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * Every block of the metadata log: an inode, an indirect (block-map) node or a directory-entry
 * block. Each carries a header that makes it self-validating, so roll-forward can walk the log
 * after the last checkpoint and stop at the first block that is not the next one written.
 *
 * <pre>
 *   0           4     5     6           8           12          16                      24
 *   +-----------+-----+-----+-----------+-----------+-----------+-----------------------+
 *   | magic     |kind |flags| (zero)    | crc32c    | nextZone  | seq (log sequence no.)|
 *   +-----------+-----+-----+-----------+-----------+-----------+-----------------------+
 *   24                      32                      40
 *   +-----------------------+-----------------------+--------------- body ---------------
 *   | ino (owner)           | key                   |
 *   +-----------------------+-----------------------+------------------------------------
 * </pre>
 *
 * <ul>
 *   <li>{@code nextZone}: the zone the metadata log moves to when its current zone is full
 *       (reserved in advance, so roll-forward can follow the log across zones).
 *   <li>{@code seq}: consecutive over the whole metadata log; the checkpoint names the next one
 *       expected. A block with another seq is stale or torn and ends roll-forward.
 *   <li>{@code flags} {@link #FLAG_FSYNC}: an inode written by fsync; roll-forward applies only
 *       these (a checkpoint's own inode blocks are committed by the checkpoint itself).
 *   <li>{@code key}: for indirect nodes the node key ({@link BlockTree}), for directory-entry
 *       blocks the block index in the directory, 0 for inodes.
 * </ul>
 *
 * Inode body (from 40): {@code type u8, 7 zero bytes, parent u64, size u64, mtimeNanos u64}, then
 * the direct pointers and the roots of the single, double and triple indirect trees (LBAs, -1 for
 * none). Indirect body: pointers. Directory body: a slice of the entry list. The CRC32C covers the
 * whole block with the crc field taken as zero.
 */
final class NodeBlock {
  static final int MAGIC = 0x444E4C46; // "FLND"
  static final byte KIND_INODE = 1;
  static final byte KIND_INDIRECT = 2;
  static final byte KIND_DENTRY = 3;
  static final int FLAG_FSYNC = 1;

  static final int MAGIC_OFFSET = 0;
  static final int KIND_OFFSET = 4;
  static final int FLAGS_OFFSET = 5;
  static final int CRC_OFFSET = 8;
  static final int NEXT_ZONE_OFFSET = 12;
  static final int SEQ_OFFSET = 16;
  static final int INO_OFFSET = 24;
  static final int KEY_OFFSET = 32;
  static final int HEADER_LENGTH = 40;

  static final int TYPE_OFFSET = 40;
  static final int PARENT_OFFSET = 48;
  static final int SIZE_OFFSET = 56;
  static final int MTIME_OFFSET = 64;
  static final int POINTERS_OFFSET = 72;

  private NodeBlock() {}

  /** A block of {@code blockSize} bytes with kind, owner and key set (header finished later). */
  static ByteBuffer create(int blockSize, byte kind, long ino, long key) {
    ByteBuffer b = ByteBuffer.allocate(blockSize).order(ByteOrder.LITTLE_ENDIAN);
    b.putInt(MAGIC_OFFSET, MAGIC);
    b.put(KIND_OFFSET, kind);
    b.putLong(INO_OFFSET, ino);
    b.putLong(KEY_OFFSET, key);
    return b;
  }

  /** Fills in the log position fields and the checksum, just before the block is appended. */
  static void seal(byte[] block, int flags, long seq, int nextZone) {
    ByteBuffer b = ByteBuffer.wrap(block).order(ByteOrder.LITTLE_ENDIAN);
    b.put(FLAGS_OFFSET, (byte) flags);
    b.putLong(SEQ_OFFSET, seq);
    b.putInt(NEXT_ZONE_OFFSET, nextZone);
    b.putInt(CRC_OFFSET, Checksums.crc32c(block, 0, block.length, CRC_OFFSET));
  }

  /** True if the block has the magic and a correct checksum. */
  static boolean isValid(byte[] block) {
    ByteBuffer b = ByteBuffer.wrap(block).order(ByteOrder.LITTLE_ENDIAN);
    return b.getInt(MAGIC_OFFSET) == MAGIC
        && b.getInt(CRC_OFFSET) == Checksums.crc32c(block, 0, block.length, CRC_OFFSET);
  }

  /**
   * Checks that the block at {@code lba} is a valid node of {@code kind} owned by {@code ino} with
   * {@code key}; anything else means the image is damaged.
   */
  static ByteBuffer check(byte[] block, long lba, byte kind, long ino, long key) {
    if (!isValid(block)) {
      throw new CorruptImageException(
          "",
          "metadata block at lba "
              + lba
              + " has a bad magic or checksum (expected "
              + kindName(kind)
              + " of inode "
              + ino
              + ")");
    }
    ByteBuffer b = ByteBuffer.wrap(block).order(ByteOrder.LITTLE_ENDIAN);
    if (b.get(KIND_OFFSET) != kind
        || b.getLong(INO_OFFSET) != ino
        || b.getLong(KEY_OFFSET) != key) {
      throw new CorruptImageException(
          "",
          "metadata block at lba "
              + lba
              + " is "
              + kindName(b.get(KIND_OFFSET))
              + " of inode "
              + b.getLong(INO_OFFSET)
              + " key "
              + b.getLong(KEY_OFFSET)
              + ", expected "
              + kindName(kind)
              + " of inode "
              + ino
              + " key "
              + key);
    }
    return b;
  }

  static String kindName(byte kind) {
    return switch (kind) {
      case KIND_INODE -> "an inode";
      case KIND_INDIRECT -> "an indirect node";
      case KIND_DENTRY -> "a directory block";
      default -> "kind " + kind;
    };
  }
}
