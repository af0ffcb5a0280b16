package org.csdlab.fluffle;

/**
 * The device failed a command. A block of file data that cannot be read fails only the operation
 * that needed it ({@link #lba()} names the block); any other failure (a write, a read of metadata)
 * stops the filesystem: what was not yet synced may be lost, and every later operation is refused
 * until it is mounted again.
 */
public class FsIoException extends FsException {
  private static final long serialVersionUID = 1L;
  private final long lba;

  /** A device failure while working on {@code path}, not tied to one block. */
  public FsIoException(String path, String message, Throwable cause) {
    this(path, -1, message, cause);
  }

  /** A device failure reading block {@code lba} while working on {@code path}. */
  public FsIoException(String path, long lba, String message, Throwable cause) {
    super(path, message, cause);
    this.lba = lba;
  }

  /** The LBA that could not be read, or -1 when the failure is not about one block. */
  public long lba() {
    return lba;
  }
}
