package org.csdlab.fluffle.kernel;

import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.function.LongPredicate;
import org.csdlab.fluffle.FileLayout;

/**
 * The call information of one kernel run on a file, before it is laid out as bytes by {@link
 * FlfsCallDescriptor}: the request and the file, the write call of a write event, and the LBAs of
 * the file blocks covering the request.
 *
 * @param op why the kernel runs
 * @param size bytes of the request
 * @param offset file offset of the request's first byte
 * @param inode the file's inode number
 * @param parentInode its parent directory's inode number
 * @param directory whether the inode is a directory ({@code FLFS_DIR}) rather than a file
 * @param fileSize the file's size in bytes
 * @param writeCall a write event's {@code flfs_write_call}; null for a read stream, whose call has
 *     none
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
    FlfsWriteCall writeCall,
    long[] lbas) {
  /**
   * The LBA of a block never written: 0, as FluffleFS marks a hole (its kernels test {@code *lba ==
   * 0}); FLFS_HOLE in C. LBA 0 can never hold file data: it is flufflefs-lite's superblock (block 0
   * of zone 0, which format always takes and finishes), and mount refuses an image whose block map
   * points into the system zones.
   */
  public static final long HOLE = 0;

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
    if ((op == FlfsOp.WRITE_EVENT) != (writeCall != null)) {
      throw new IllegalArgumentException(
          "flfs_call: a WRITE_EVENT call carries an flfs_write_call and a READ_STREAM call none,"
              + " but this "
              + op
              + " call has "
              + (writeCall == null ? "none" : writeCall));
    }
    lbas = lbas.clone();
    for (int i = 0; i < lbas.length; i++) {
      if (lbas[i] < 0) {
        throw new IllegalArgumentException(
            "flfs_call: lbas["
                + i
                + "] = "
                + lbas[i]
                + " is not an LBA (a hole is "
                + HOLE
                + ", FLFS_HOLE)");
      }
    }
  }

  /**
   * The call for a read of {@code size} bytes at {@code offset} of {@code file} on a device of
   * {@code blockSizeBytes}: the request clipped to the file's size (as FluffleFS's read does before
   * it calls the kernel), and the LBAs of the blocks it covers, blocks past the end of the file's
   * block map as holes.
   */
  public static FlfsCall readStream(KernelFile file, long offset, long size, int blockSizeBytes) {
    Objects.requireNonNull(file, "file");
    checkRequest(offset, size);
    long clipped = Math.max(0, Math.min(size, file.size() - offset));
    return new FlfsCall(
        FlfsOp.READ_STREAM,
        clipped,
        offset,
        file.inode(),
        file.parentInode(),
        file.directory(),
        file.size(),
        null,
        lbasCovering(file, offset, clipped, blockSizeBytes));
  }

  /**
   * The call for a write of {@code size} bytes at {@code offset} that {@code file} (as it is after
   * the write) just stored, with its {@code writeCall}.
   */
  public static FlfsCall writeEvent(
      KernelFile file, long offset, long size, int blockSizeBytes, FlfsWriteCall writeCall) {
    Objects.requireNonNull(file, "file");
    Objects.requireNonNull(writeCall, "writeCall");
    checkRequest(offset, size);
    return new FlfsCall(
        FlfsOp.WRITE_EVENT,
        size,
        offset,
        file.inode(),
        file.parentInode(),
        file.directory(),
        file.size(),
        writeCall,
        lbasCovering(file, offset, size, blockSizeBytes));
  }

  private static void checkRequest(long offset, long size) {
    if (offset < 0 || size < 0) {
      throw new IllegalArgumentException(
          "a request needs offset >= 0 and size >= 0, was offset " + offset + ", size " + size);
    }
  }

  /** The LBAs of the blocks covering [offset, offset + size): FluffleFS's flattened blocks. */
  private static long[] lbasCovering(KernelFile file, long offset, long size, int blockSizeBytes) {
    if (size == 0) {
      return new long[0];
    }
    long first = offset / blockSizeBytes;
    long last = (offset + size - 1) / blockSizeBytes;
    long[] lbas = new long[Math.toIntExact(last - first + 1)];
    List<Long> map = file.lbaOfBlock();
    for (int i = 0; i < lbas.length; i++) {
      long block = first + i;
      long lba = block < map.size() ? map.get((int) block) : FileLayout.NO_BLOCK;
      if (lba == HOLE) {
        throw new IllegalArgumentException(
            "block "
                + block
                + " of inode "
                + file.inode()
                + " is at LBA 0, where flufflefs-lite keeps its superblock; a kernel would take it"
                + " for a hole (FLFS_HOLE is LBA 0)");
      }
      lbas[i] = lba == FileLayout.NO_BLOCK ? HOLE : lba;
    }
    return lbas;
  }

  /** The LBAs (a copy). */
  @Override
  public long[] lbas() {
    return lbas.clone();
  }

  /**
   * The call's blocks as a membership test over LBAs: what the kernel may read. {@link #HOLE} is
   * not among them (it is no block, and LBA 0 is the superblock).
   */
  public LongPredicate readableLbas() {
    long[] sorted = Arrays.stream(lbas).filter(l -> l != HOLE).sorted().toArray();
    return lba -> Arrays.binarySearch(sorted, lba) >= 0;
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
        && Objects.equals(writeCall, c.writeCall)
        && Arrays.equals(lbas, c.lbas);
  }

  @Override
  public int hashCode() {
    return Objects.hash(op, size, offset, inode, parentInode, directory, fileSize, writeCall) * 31
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
