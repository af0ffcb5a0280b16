package org.csdlab.fluffle;

import java.util.ArrayList;
import java.util.List;

/**
 * Where a file's blocks are on the device at one moment, for code that reads them without the
 * filesystem (kernels running on the device).
 *
 * @param inode the inode number
 * @param parentInode the inode number of the directory holding it (the root's parent is itself)
 * @param type file or directory
 * @param sizeBytes file size in bytes
 * @param blockSizeBytes the block size
 * @param lbaOfBlock block index to device LBA, {@link #NO_BLOCK} for a hole (reads as zeros);
 *     covers the size (a directory's blocks are metadata blocks whose entry bytes follow a 40-byte
 *     header)
 */
public record FileLayout(
    long inode,
    long parentInode,
    FileType type,
    long sizeBytes,
    int blockSizeBytes,
    List<Long> lbaOfBlock) {
  /**
   * The {@link #lbaOfBlock} entry of a hole, a block never written. (Kernels see holes as LBA 0,
   * {@link org.csdlab.fluffle.kernel.FlfsCall#HOLE}, as FluffleFS shows them.)
   */
  public static final long NO_BLOCK = -1;

  /** Copies the list so the layout never changes. */
  public FileLayout {
    lbaOfBlock = List.copyOf(lbaOfBlock);
  }

  /** Blocks covering the file. */
  public int blockCount() {
    return lbaOfBlock.size();
  }

  /**
   * The LBAs (in file order, {@link #NO_BLOCK} for holes) of the blocks covering bytes {@code
   * [offset, offset + length)}, clipped to the file size.
   */
  public List<Long> lbasCovering(long offset, long length) {
    if (offset < 0 || length < 0) {
      throw new IllegalArgumentException(
          "offset and length must be >= 0, were " + offset + " and " + length);
    }
    long end = Math.min(sizeBytes, offset + length);
    List<Long> out = new ArrayList<>();
    for (long b = offset / blockSizeBytes; b * blockSizeBytes < end; b++) {
      out.add(lbaOfBlock.get((int) b));
    }
    return out;
  }
}
