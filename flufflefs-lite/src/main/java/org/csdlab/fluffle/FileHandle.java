package org.csdlab.fluffle;

import java.util.Arrays;
import java.util.Objects;

/**
 * An open file. Reads and writes take explicit offsets; writes reach the device at once but are
 * durable across a power cut only after {@link #fsync()} (or {@link FluffleFs#sync()}). A handle
 * whose file was unlinked or renamed over refuses further use with {@link NoSuchPathException}.
 */
public final class FileHandle implements AutoCloseable {
  private final FluffleFs fs;
  private final long ino;
  private final String path;
  private boolean closed;

  /** Kernels bound by {@link FluffleFs#setxattr} or {@link FluffleFs#file}. */
  final HandleKernels kernels = new HandleKernels();

  FileHandle(FluffleFs fs, long ino, String path) {
    this.fs = fs;
    this.ino = ino;
    this.path = path;
  }

  /** The path the handle was opened with. */
  public String path() {
    return path;
  }

  /** The inode number of the open file. */
  public long inode() {
    return ino;
  }

  /**
   * Reads up to {@code len} bytes at {@code offset} into {@code buf[off..]}; holes read as zeros.
   * With a read-stream kernel bound, the kernel runs on the device over that range of the file as
   * it was when the kernel was bound, and its answer is what is read, as FluffleFS's FUSE read
   * gives it: cut to the request clipped to the file's size, shorter if the kernel returned less,
   * and with no kernel run at or past the end of the file.
   *
   * <p>End of file, as {@link java.io.InputStream#read(byte[], int, int)} says it: -1 when {@code
   * len > 0} and {@code offset >= size()} (the size reads through this handle see: the snapshot's
   * with a read-stream kernel bound); 0 when {@code len == 0}, wherever {@code offset} is. {@link
   * #read(long, int)} says the same with an empty array.
   *
   * @return bytes read (0 only for {@code len == 0}, or a kernel that answered nothing), or -1 at
   *     the end of the file
   * @throws org.csdlab.fluffle.kernel.KernelIoException the bound kernel failed (EIO on FluffleFS)
   */
  public int read(long offset, byte[] buf, int off, int len) {
    Objects.checkFromIndexSize(off, len, buf.length);
    checkOffset(offset);
    if (kernels.readStream() != null) {
      checkOpen();
      if (len == 0) {
        return 0;
      }
      if (offset >= kernels.readStreamSizeBytes()) {
        return -1;
      }
      byte[] answer = kernels.read(path, offset, len);
      System.arraycopy(answer, 0, buf, off, answer.length);
      return answer.length;
    }
    return fs.readFile(this, offset, buf, off, len);
  }

  /**
   * Reads up to {@code len} bytes at {@code offset}: shorter at the end of the file, and empty
   * exactly where {@link #read(long, byte[], int, int)} returns -1 (at or past the end, {@code
   * offset >= size()}) or 0 ({@code len == 0}, or a kernel that answered nothing). With a
   * read-stream kernel bound, returns the kernel's answer for that range cut as FluffleFS's FUSE
   * read cuts it: at most {@code len} bytes and at most the bytes of the file from {@code offset}
   * (a count is 8 bytes, a 1 KiB histogram of a 100-byte read is its first 100 bytes); {@link
   * #lastKernelResult()} holds the whole answer.
   */
  public byte[] read(long offset, int len) {
    if (len < 0) {
      throw new IllegalArgumentException("len must be >= 0, was " + len);
    }
    checkOffset(offset);
    if (kernels.readStream() != null) {
      checkOpen();
      return kernels.read(path, offset, len);
    }
    byte[] buf = new byte[(int) Math.max(0, Math.min(len, size() - offset))];
    int n = read(offset, buf, 0, buf.length);
    return n == buf.length ? buf : Arrays.copyOf(buf, Math.max(0, n));
  }

  /**
   * Writes all of {@code data} at {@code offset}, extending the file if needed (a gap reads as
   * zeros).
   */
  public void write(long offset, byte[] data) {
    write(offset, data, 0, data.length);
  }

  /**
   * Writes {@code data[off, off + len)} at {@code offset}. With a write-event kernel bound, the
   * kernel then runs on the device over exactly the blocks just written (if it fails, the write has
   * happened and a {@link org.csdlab.fluffle.kernel.KernelIoException} reports the kernel).
   */
  public void write(long offset, byte[] data, int off, int len) {
    Objects.checkFromIndexSize(off, len, data.length);
    checkOffset(offset);
    long sizeBefore = kernels.writeEvent() != null ? fs.sizeOf(this) : 0;
    fs.writeFile(this, offset, data, off, len);
    if (kernels.writeEvent() != null) {
      kernels.written(path, fs.layout(this), offset, len, sizeBefore, fs.device());
    }
  }

  /** Writes {@code data} at the end of the file; returns the offset it was written at. */
  public long append(byte[] data) {
    long at = fs.appendFile(this, data);
    if (kernels.writeEvent() != null) {
      kernels.written(path, fs.layout(this), at, data.length, at, fs.device());
    }
    return at;
  }

  /**
   * What the last kernel run through this handle (read-stream or write-event) returned and cost, or
   * null.
   */
  public org.csdlab.zns.csd.CsdResult lastKernelResult() {
    return kernels.last();
  }

  /**
   * The file as the bound read-stream kernel sees it (the snapshot taken when it was bound), or
   * null when no read-stream kernel is bound.
   */
  public FileLayout readStreamLayout() {
    return kernels.readStreamLayout();
  }

  /** Sets the file size: shrinking drops the bytes past it, extending adds zeros. */
  public void truncate(long size) {
    fs.truncateFile(this, size);
  }

  /** Makes the file's contents and size durable: they survive a power cut once this returns. */
  public void fsync() {
    fs.fsyncFile(this);
  }

  /**
   * The file's size as reads through this handle see it: with a read-stream kernel bound, the size
   * of the snapshot it reads (the file as it was when the kernel was bound), whatever was written
   * since; otherwise the file's size now. Writes and appends through the handle go to the file as
   * it is now; {@link FluffleFs#stat} of the path and a fresh handle see that live file.
   */
  public long size() {
    if (kernels.readStream() != null) {
      checkOpen();
      return kernels.readStreamSizeBytes();
    }
    return fs.sizeOf(this);
  }

  /**
   * The file's stat through this handle (fstat): with a read-stream kernel bound, the snapshot's
   * (its size and modification time when the kernel was bound, the path it was bound at), as {@link
   * #size()}; otherwise the file's now. {@link FluffleFs#stat} of the path is always the live
   * file's.
   */
  public FileStat stat() {
    if (kernels.readStream() != null) {
      checkOpen();
      return kernels.readStreamStat();
    }
    return fs.statOf(this);
  }

  /** Whether {@link #close()} was called. */
  public boolean isClosed() {
    return closed;
  }

  /** Closes the handle (it does not sync) and releases its kernels and their snapshot. */
  @Override
  public void close() {
    if (!closed) {
      closed = true;
      kernels.close();
      fs.closed(this);
    }
  }

  void checkOpen() {
    if (closed) {
      throw new FsException(path, "the handle for " + path + " is closed; open the file again");
    }
  }

  private void checkOffset(long offset) {
    if (offset < 0) {
      throw new IllegalArgumentException("offset must be >= 0, was " + offset);
    }
  }

  @Override
  public String toString() {
    return "FileHandle[" + path + ", inode=" + ino + (closed ? ", closed" : "") + "]";
  }
}
