package org.csdlab.lab;

import java.util.List;
import org.csdlab.fluffle.FileHandle;
import org.csdlab.fluffle.FileLayout;
import org.csdlab.fluffle.FileStat;
import org.csdlab.lab.display.Html;
import org.csdlab.lab.display.HtmlRenderable;
import org.csdlab.zns.csd.CsdResult;

/**
 * An open file of the lab's filesystem, maybe with a kernel bound to it ({@link LabFile#offload} or
 * {@link LabFile#onWrite}). Close it (try-with-resources) to release the kernel and, for a
 * read-stream kernel, its snapshot: until then the cleaner leaves the snapshot's zones alone.
 *
 * <pre>{@code
 * try (var h = lab.fs().file("/readings.bin").offload(count)) {
 *   h.run()            // drive flfs_count_u32.o on /readings.bin = 8388028 · 8 B over the link · ...
 *   h.pin()            // the zones the snapshot holds back from the cleaner
 * }
 * }</pre>
 */
public final class LabHandle implements HtmlRenderable, AutoCloseable {
  private final LabFs fs;
  private final FileHandle handle;
  private final String kernel;
  private final boolean readStream;

  LabHandle(LabFs fs, FileHandle handle, String kernel, boolean readStream) {
    this.fs = fs;
    this.handle = handle;
    this.kernel = kernel;
    this.readStream = readStream;
  }

  /** The path the file was opened with. */
  public String path() {
    return handle.path();
  }

  /** The flufflefs-lite handle itself. */
  public FileHandle raw() {
    return handle;
  }

  /**
   * Runs the read-stream kernel over the whole file as it was when the kernel was bound, and
   * returns the run: its answer (the first 8 bytes it returned, as a u64), bytes over the host link
   * and modeled time, ready for {@code lab.compare}.
   *
   * @throws LabFsException no read-stream kernel is bound, or the kernel failed
   */
  public CsdRun run() {
    return run(0, snapshotSizeBytes());
  }

  /** As {@link #run()}, over {@code length} bytes from {@code offset} of the snapshot. */
  public CsdRun run(long offset, long length) {
    if (!readStream) {
      throw new LabFsException(
          "run",
          path(),
          LabFsException.Kind.BAD_ARGUMENT,
          "no read-stream kernel is bound to this handle; bind one with file.offload(kernel)",
          null);
    }
    if (length < 0 || length > Integer.MAX_VALUE) {
      throw new LabFsException(
          "run",
          path(),
          LabFsException.Kind.BAD_ARGUMENT,
          "a run covers 0 to " + Integer.MAX_VALUE + " bytes, was " + length,
          null);
    }
    long start = System.nanoTime();
    fs.call("run", path(), f -> handle.read(offset, (int) length));
    long wall = System.nanoTime() - start;
    return CsdRun.of(kernel + " on " + path(), null, handle.lastKernelResult(), wall);
  }

  /**
   * Reads up to {@code length} bytes at {@code offset}: the file's bytes, or with a read-stream
   * kernel bound, the kernel's answer for that range of the snapshot. Empty at or past the end of
   * the file (offset at or past {@link #sizeBytes()}) or for length 0, as {@link
   * FileHandle#read(long, int)}.
   */
  public byte[] read(long offset, int length) {
    return fs.call("read", path(), f -> handle.read(offset, length));
  }

  /**
   * Writes {@code data} at {@code offset}; a write-event kernel then runs on the blocks written.
   */
  public LabHandle write(long offset, byte[] data) {
    fs.call(
        "write",
        path(),
        f -> {
          handle.write(offset, data);
          return null;
        });
    return this;
  }

  /** Appends {@code data} and returns the offset it was written at. */
  public long append(byte[] data) {
    return fs.call("append", path(), f -> handle.append(data));
  }

  /** Sets the file's size. */
  public LabHandle truncate(long sizeBytes) {
    fs.call(
        "truncate",
        path(),
        f -> {
          handle.truncate(sizeBytes);
          return null;
        });
    return this;
  }

  /** Makes the file durable. */
  public LabHandle fsync() {
    fs.call(
        "fsync",
        path(),
        f -> {
          handle.fsync();
          return null;
        });
    return this;
  }

  /**
   * The file's size as reads through this handle see it: with a read-stream kernel bound, the
   * snapshot's (the file when the kernel was bound), whatever writers did since; otherwise the
   * file's size now. The live size is the path's: {@code lab.fs().stat(path)} or {@code
   * file.sizeBytes()}.
   */
  public long sizeBytes() {
    return fs.call("size", path(), f -> handle.size());
  }

  /**
   * The same as {@link #sizeBytes()}, named for snapshots: the size of the file when the
   * read-stream kernel was bound, or the live size without one.
   */
  public long snapshotSizeBytes() {
    return sizeBytes();
  }

  /**
   * The file's stat through this handle: with a read-stream kernel bound, the snapshot's (size and
   * modification time when the kernel was bound), as {@link #sizeBytes()}; otherwise the file's
   * now. {@code lab.fs().stat(path)} is always the live file's.
   */
  public FileStat stat() {
    return fs.call("stat", path(), f -> handle.stat());
  }

  /**
   * The last kernel run through this handle (read-stream or write-event), or null before the first.
   */
  public CsdRun lastRun() {
    CsdResult result = handle.lastKernelResult();
    return result == null ? null : CsdRun.of(kernel + " on " + path(), null, result, 0);
  }

  /**
   * Which zones the read-stream kernel's snapshot holds back from the cleaner.
   *
   * @throws LabFsException no read-stream kernel is bound
   */
  public SnapshotPin pin() {
    FileLayout layout = handle.readStreamLayout();
    if (layout == null) {
      throw new LabFsException(
          "pin",
          path(),
          LabFsException.Kind.BAD_ARGUMENT,
          "no read-stream kernel (and so no snapshot) is bound to this handle",
          null);
    }
    return SnapshotPin.ofHandle(fs, path(), layout, this);
  }

  /** Whether the handle is closed. */
  public boolean isClosed() {
    return handle.isClosed();
  }

  /** Closes the handle and releases its kernel and snapshot. */
  @Override
  public void close() {
    handle.close();
  }

  private String bound() {
    if (kernel == null) {
      return "no kernel";
    }
    return (readStream ? "read-stream " : "write-event ") + kernel;
  }

  /** As {@code LabHandle[/readings.bin, read-stream flfs_count_u32.o, open]}. */
  @Override
  public String toString() {
    return "LabHandle[" + path() + ", " + bound() + (isClosed() ? ", closed" : ", open") + "]";
  }

  @Override
  public String toHtml() {
    CsdRun last = lastRun();
    return Html.panel(
        "handle " + path(),
        Html.table(
            List.of("kernel", "state", "last kernel run"),
            List.of(
                List.of(
                    bound(),
                    isClosed() ? "closed" : "open",
                    last == null ? "none yet" : last.toString()))));
  }
}
