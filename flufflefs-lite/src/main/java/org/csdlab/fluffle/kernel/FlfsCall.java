package org.csdlab.fluffle.kernel;

import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * The call information of one kernel run on a file, before it is laid out as bytes by {@link
 * FlfsCallDescriptor}: the request and the file, and the LBAs of the file blocks covering the
 * request.
 *
 * @param op why the kernel runs
 * @param size bytes of the request
 * @param offset file offset of the request's first byte
 * @param inode the file's inode number
 * @param parentInode its parent directory's inode number
 * @param directory whether the inode is a directory ({@code FLFS_DIR}) rather than a file
 * @param fileSize the file's size in bytes
 * @param lbas one LBA per file block from block {@code offset / blockSize} to the block holding the
 *     request's last byte; {@link #HOLE} for a block never written
 */
public record FlfsCall(
    FlfsOp op,
    long size,
    long offset,
    long inode,
    long parentInode,
    boolean directory,
    long fileSize,
    long[] lbas) {
  /** The LBA of a block never written (FLFS_HOLE, all ones, in C). */
  public static final long HOLE = -1;

  public FlfsCall {
    Objects.requireNonNull(op, "op");
    if (size < 0 || offset < 0 || fileSize < 0) {
      throw new IllegalArgumentException(
          "flfs_call: size "
              + size
              + ", offset "
              + offset
              + " and file size "
              + fileSize
              + " must not be negative");
    }
    lbas = lbas.clone();
  }

  /**
   * The call for a request of {@code size} bytes at {@code offset} on {@code file}, on a device of
   * {@code blockSizeBytes}: the LBAs of the blocks the request covers, blocks past the end of the
   * file's block map as holes. A read-stream request is clipped to the file's size first.
   */
  public static FlfsCall covering(
      FlfsOp op, KernelFile file, long offset, long size, int blockSizeBytes) {
    Objects.requireNonNull(file, "file");
    if (offset < 0 || size < 0) {
      throw new IllegalArgumentException(
          "a request needs offset >= 0 and size >= 0, was offset " + offset + ", size " + size);
    }
    long clipped =
        op == FlfsOp.READ_STREAM ? Math.max(0, Math.min(size, file.size() - offset)) : size;
    long[] lbas = new long[0];
    if (clipped > 0) {
      long first = offset / blockSizeBytes;
      long last = (offset + clipped - 1) / blockSizeBytes;
      lbas = new long[Math.toIntExact(last - first + 1)];
      List<Long> map = file.lbaOfBlock();
      for (int i = 0; i < lbas.length; i++) {
        long block = first + i;
        lbas[i] = block < map.size() && map.get((int) block) >= 0 ? map.get((int) block) : HOLE;
      }
    }
    return new FlfsCall(
        op, clipped, offset, file.inode(), file.parentInode(), file.directory(), file.size(), lbas);
  }

  /** The LBAs (a copy). */
  @Override
  public long[] lbas() {
    return lbas.clone();
  }

  /** Whether {@code lba} is one of the call's blocks (holes are not). */
  public boolean covers(long lba) {
    if (lba < 0) {
      return false;
    }
    for (long l : lbas) {
      if (l == lba) {
        return true;
      }
    }
    return false;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof FlfsCall c
        && op == c.op
        && size == c.size
        && offset == c.offset
        && inode == c.inode
        && parentInode == c.parentInode
        && directory == c.directory
        && fileSize == c.fileSize
        && Arrays.equals(lbas, c.lbas);
  }

  @Override
  public int hashCode() {
    return Objects.hash(op, size, offset, inode, parentInode, directory, fileSize) * 31
        + Arrays.hashCode(lbas);
  }

  @Override
  public String toString() {
    return "FlfsCall["
        + op
        + ", inode "
        + inode
        + ", "
        + size
        + " B at "
        + offset
        + ", "
        + lbas.length
        + " lbas]";
  }
}
