package org.csdlab.fluffle.kernel;

import java.util.List;
import org.csdlab.fluffle.FileLayout;
import org.csdlab.fluffle.FileType;

/**
 * What a kernel call needs to know of a file: its inode, parent, type, size and where each of its
 * blocks lies on the device.
 *
 * @param inode the file's inode number
 * @param parentInode its parent directory's inode number
 * @param directory whether it is a directory
 * @param size bytes
 * @param lbaOfBlock the LBA of each file block in order, {@link FileLayout#NO_BLOCK} for a hole
 */
public record KernelFile(
    long inode, long parentInode, boolean directory, long size, List<Long> lbaOfBlock) {
  public KernelFile {
    lbaOfBlock = List.copyOf(lbaOfBlock);
  }

  /** The file a filesystem layout (or a snapshot's) describes. */
  public static KernelFile of(FileLayout layout) {
    return new KernelFile(
        layout.inode(),
        layout.parentInode(),
        layout.type() == FileType.DIRECTORY,
        layout.sizeBytes(),
        layout.lbaOfBlock());
  }
}
