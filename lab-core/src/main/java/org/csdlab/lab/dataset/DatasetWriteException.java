package org.csdlab.lab.dataset;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileSystemException;
import java.nio.file.Path;
import org.csdlab.ebpf.Excerpt;

/**
 * A dataset that was not written to a file: the file system had no room for it (nothing was
 * written), or a write failed part way, the disk filling up for instance (the partial file was
 * removed). The message says which, with the figures; the fields carry them.
 */
public final class DatasetWriteException extends UncheckedIOException {
  private static final long serialVersionUID = 1L;

  private final transient Path file;
  private final long sizeBytes;
  private final long writtenBytes;
  private final long usableBytes;

  private DatasetWriteException(
      String message,
      IOException cause,
      Path file,
      long sizeBytes,
      long writtenBytes,
      long usableBytes) {
    super(message, cause);
    this.file = file;
    this.sizeBytes = sizeBytes;
    this.writtenBytes = writtenBytes;
    this.usableBytes = usableBytes;
  }

  /**
   * Refused before the first byte: {@code usableBytes} are free where {@code sizeBytes} plus the
   * margin are needed.
   */
  static DatasetWriteException noRoom(
      Path file, long sizeBytes, long usableBytes, long marginBytes) {
    Path directory = file.toAbsolutePath().getParent();
    String message =
        "not enough disk space to write "
            + ByteUnit.approximate(sizeBytes)
            + " to "
            + shown(file)
            + ": "
            + shown(directory)
            + " has "
            + ByteUnit.approximate(usableBytes)
            + " free, and "
            + ByteUnit.approximate(marginBytes)
            + " are kept free beyond the data; choose a smaller size or a directory on a larger disk";
    return new DatasetWriteException(
        message,
        new FileSystemException(file.toString(), null, "not enough space"),
        file,
        sizeBytes,
        0,
        usableBytes);
  }

  /**
   * A write that failed after {@code writtenBytes}.
   *
   * @param aftermath what became of the partial file ({@code the partial file was removed}), or
   *     null when the target was a device or FIFO, which holds no file
   */
  static DatasetWriteException failed(
      Path file, long sizeBytes, long writtenBytes, IOException cause, String aftermath) {
    String reason = String.valueOf(cause.getMessage());
    String what =
        reason.contains("No space left on device")
            ? "the disk filled up (No space left on device)"
            : "the write failed (" + Excerpt.of(reason, Excerpt.MAX_LIST_CHARS) + ")";
    String message =
        "writing "
            + shown(file)
            + " stopped after "
            + ByteUnit.approximate(writtenBytes)
            + " of "
            + ByteUnit.approximate(sizeBytes)
            + ": "
            + what
            + (aftermath == null ? "" : "; " + aftermath);
    return new DatasetWriteException(message, cause, file, sizeBytes, writtenBytes, -1);
  }

  private static String shown(Path path) {
    return Excerpt.of(String.valueOf(path), Excerpt.MAX_LIST_CHARS);
  }

  /** The file that was to be written. */
  public Path file() {
    return file;
  }

  /** The dataset's size. */
  public long sizeBytes() {
    return sizeBytes;
  }

  /** Bytes written before the failure (0 when refused before writing). */
  public long writtenBytes() {
    return writtenBytes;
  }

  /**
   * Bytes the file system had free when the write was refused for lack of room; -1 for a failed
   * write.
   */
  public long usableBytes() {
    return usableBytes;
  }
}
