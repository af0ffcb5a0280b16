package org.csdlab.fluffle;

import java.time.Instant;

/**
 * What {@link FluffleFs#stat} tells about a path.
 *
 * @param path the path asked about
 * @param type file or directory
 * @param inode the inode number (the root directory is 1)
 * @param sizeBytes file size in bytes; for a directory, the bytes of its entry list
 * @param modifiedNanos last modification, nanoseconds since the Unix epoch
 */
public record FileStat(String path, FileType type, long inode, long sizeBytes, long modifiedNanos) {

  /** The last modification time as an {@link Instant}. */
  public Instant modified() {
    return Instant.ofEpochSecond(0, modifiedNanos);
  }

  /** True for a regular file. */
  public boolean isFile() {
    return type == FileType.FILE;
  }

  /** True for a directory. */
  public boolean isDirectory() {
    return type == FileType.DIRECTORY;
  }

  /** Same as {@link #sizeBytes()}. */
  public long size() {
    return sizeBytes;
  }
}
