package org.csdlab.fluffle;

import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * An inode as the filesystem holds it in memory: attributes, the block map expanded to an array,
 * where its inode block and indirect nodes are, and what must be rewritten.
 */
final class Inode {
  final long ino;
  final FileType type;
  long parent;
  long sizeBytes;
  long modifiedNanos;

  /** Block index to LBA, -1 for a hole; indices past the end are holes. */
  private long[] blocks = new long[0];

  /** LBA of the inode block, -1 before it is first written. */
  long lba = -1;

  /** LBA of each indirect node that exists. */
  final Map<Long, Long> nodeLba = new HashMap<>();

  /** Indirect nodes whose contents changed since they were written. */
  final Set<Long> dirtyNodes = new HashSet<>();

  /** The inode block must be rewritten. */
  boolean dirty = true;

  /** Directories only: name to inode. */
  final TreeMap<String, Long> entries;

  /** Directories only: the entry list must be rewritten. */
  boolean entriesDirty;

  Inode(long ino, FileType type, long parent, long modifiedNanos) {
    this.ino = ino;
    this.type = type;
    this.parent = parent;
    this.modifiedNanos = modifiedNanos;
    this.entries = type == FileType.DIRECTORY ? new TreeMap<>() : null;
  }

  boolean isDirectory() {
    return type == FileType.DIRECTORY;
  }

  long block(long index) {
    return index < blocks.length ? blocks[(int) index] : -1;
  }

  void setBlock(long index, long lba) {
    if (index >= blocks.length) {
      if (lba < 0) {
        return;
      }
      int n = (int) Math.max(index + 1, Math.min(Integer.MAX_VALUE - 8, blocks.length * 2L));
      int old = blocks.length;
      blocks = Arrays.copyOf(blocks, n);
      Arrays.fill(blocks, old, n, -1);
    }
    blocks[(int) index] = lba;
  }

  /** Length of the block array (blocks at or past it are holes). */
  int blockSlots() {
    return blocks.length;
  }

  /** Blocks covering the size. */
  long blockCount(int blockSize) {
    return (sizeBytes + blockSize - 1) / blockSize;
  }

  @Override
  public String toString() {
    return "Inode[" + ino + ", " + type + ", size=" + sizeBytes + "]";
  }
}
