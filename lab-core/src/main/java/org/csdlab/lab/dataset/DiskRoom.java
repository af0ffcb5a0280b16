package org.csdlab.lab.dataset;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Whether a file system has room for a dataset: the bytes it lets this user write where the file
 * goes must cover the dataset and {@link #MARGIN_BYTES} more, so that a dataset never fills a disk
 * to its last byte. Checked before the first byte of a dataset file or of a dataset appended to a
 * device image (whose file is sparse and grows as zones are written).
 */
public final class DiskRoom {
  /** Space left free beyond the dataset: 64 MiB. */
  public static final long MARGIN_BYTES = 64L << 20;

  /** The bytes a file system lets this user write in {@code directory}. */
  interface FreeSpace {
    long usableBytes(Path directory) throws IOException;
  }

  /** The real file systems. */
  static final DiskRoom SYSTEM =
      new DiskRoom(directory -> Files.getFileStore(directory).getUsableSpace());

  private final FreeSpace freeSpace;

  DiskRoom(FreeSpace freeSpace) {
    this.freeSpace = freeSpace;
  }

  /**
   * Refuses {@code sizeBytes} more in {@code file}'s file system when they do not fit with the
   * margin. When the space cannot be known (the query fails) nothing is refused.
   *
   * @param freedBytes bytes writing frees first, such as those of a file that is replaced
   * @throws DatasetWriteException there is not room, with the figures
   */
  public static void require(Path file, long sizeBytes, long freedBytes) {
    SYSTEM.check(file, sizeBytes, freedBytes);
  }

  void check(Path file, long sizeBytes, long freedBytes) {
    Path absolute = file.toAbsolutePath();
    long usable;
    try {
      usable =
          freeSpace.usableBytes(absolute.getParent() == null ? absolute : absolute.getParent());
    } catch (IOException e) {
      return; // unknown here; a write that fails part way is still reported and cleaned up
    }
    long available = usable + freedBytes;
    if (sizeBytes > available - MARGIN_BYTES) {
      throw DatasetWriteException.noRoom(file, sizeBytes, available, MARGIN_BYTES);
    }
  }
}
