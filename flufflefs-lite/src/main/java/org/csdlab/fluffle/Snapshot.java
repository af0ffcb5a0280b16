package org.csdlab.fluffle;

import java.util.Objects;

/**
 * A file as it was when the snapshot was taken. Its blocks are pinned: the cleaner skips the zones
 * holding them and no zone holding them is reset, so reads through the snapshot see the old
 * contents while writers go on. Close it to release the blocks; snapshots do not survive an
 * unmount.
 */
public final class Snapshot implements AutoCloseable {
  private final FluffleFs fs;
  private final String path;
  private final FileLayout layout;
  private final long modifiedNanos;
  private boolean closed;

  Snapshot(FluffleFs fs, String path, FileLayout layout, long modifiedNanos) {
    this.fs = fs;
    this.path = path;
    this.layout = layout;
    this.modifiedNanos = modifiedNanos;
  }

  /** The path the snapshot was taken of. */
  public String path() {
    return path;
  }

  /** The file's inode, size and block LBAs at the moment of the snapshot. */
  public FileLayout layout() {
    return layout;
  }

  /**
   * The file's stat at the moment of the snapshot: its path, inode, size and modification time
   * then.
   */
  public FileStat stat() {
    return new FileStat(path, layout.type(), layout.inode(), layout.sizeBytes(), modifiedNanos);
  }

  /**
   * Reads the snapshot's bytes, as {@link FileHandle#read(long, byte[], int, int)} does: -1 at or
   * past the snapshot's end ({@code len > 0}), 0 for {@code len == 0}.
   */
  public int read(long offset, byte[] buf, int off, int len) {
    Objects.checkFromIndexSize(off, len, buf.length);
    if (offset < 0) {
      throw new IllegalArgumentException("offset must be >= 0, was " + offset);
    }
    return fs.readSnapshot(this, offset, buf, off, len);
  }

  /**
   * Reads up to {@code len} bytes at {@code offset}: empty exactly where {@link #read(long, byte[],
   * int, int)} returns -1 or 0, as {@link FileHandle#read(long, int)}.
   */
  public byte[] read(long offset, int len) {
    if (len < 0) {
      throw new IllegalArgumentException("len must be >= 0, was " + len);
    }
    if (offset < 0) {
      throw new IllegalArgumentException("offset must be >= 0, was " + offset);
    }
    byte[] buf = new byte[(int) Math.max(0, Math.min(len, layout.sizeBytes() - offset))];
    read(offset, buf, 0, buf.length);
    return buf;
  }

  /** Whether the snapshot still pins its blocks. */
  public boolean isOpen() {
    return !closed;
  }

  void checkOpen() {
    if (closed) {
      throw new FsException(path, "the snapshot of " + path + " is closed");
    }
  }

  /** Releases the pinned blocks; closing twice does nothing. */
  @Override
  public void close() {
    if (!closed) {
      closed = true;
      fs.release(this);
    }
  }

  @Override
  public String toString() {
    return "Snapshot["
        + path
        + ", inode="
        + layout.inode()
        + ", size="
        + layout.sizeBytes()
        + (closed ? ", closed" : "")
        + "]";
  }
}
