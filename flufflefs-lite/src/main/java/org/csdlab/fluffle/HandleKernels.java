package org.csdlab.fluffle;

import org.csdlab.fluffle.kernel.FileKernelRunner;
import org.csdlab.fluffle.kernel.FlfsCall;
import org.csdlab.fluffle.kernel.FlfsOp;
import org.csdlab.fluffle.kernel.KernelFile;
import org.csdlab.zns.csd.CsdKernel;
import org.csdlab.zns.csd.CsdResult;

/**
 * The kernels bound to one open handle: a read-stream kernel with the snapshot it reads, and a
 * write-event kernel. Not thread-safe on its own; a handle is used by one thread at a time.
 */
final class HandleKernels {
  /** A kernel and where it came from (what {@link FluffleFs#getxattr} reports). */
  record Bound(CsdKernel kernel, String source) {}

  private Bound readStream;
  private Snapshot snapshot;
  private Bound writeEvent;
  private CsdResult last;

  Bound readStream() {
    return readStream;
  }

  Bound writeEvent() {
    return writeEvent;
  }

  CsdResult last() {
    return last;
  }

  /** Binds a read-stream kernel over {@code snapshot} (taken now), releasing an earlier one. */
  void bindReadStream(Bound kernel, Snapshot snapshot) {
    unbindReadStream();
    this.readStream = kernel;
    this.snapshot = snapshot;
  }

  /** The layout of the read-stream kernel's snapshot, or null. */
  FileLayout readStreamLayout() {
    return snapshot == null ? null : snapshot.layout();
  }

  void bindWriteEvent(Bound kernel) {
    this.writeEvent = kernel;
  }

  void unbindReadStream() {
    if (snapshot != null) {
      snapshot.close();
    }
    readStream = null;
    snapshot = null;
  }

  void unbindWriteEvent() {
    writeEvent = null;
  }

  /** The read-stream kernel's answer for {@code length} bytes at {@code offset} of the snapshot. */
  byte[] read(String path, long offset, long length) {
    FlfsCall call =
        FlfsCall.covering(
            FlfsOp.READ_STREAM,
            KernelFile.of(snapshot.layout()),
            offset,
            length,
            snapshot.layout().blockSizeBytes());
    last = FileKernelRunner.run(readStream.kernel(), path, call);
    return last.returnData();
  }

  /**
   * Runs the write-event kernel on the blocks a write of {@code length} bytes at {@code offset}
   * just stored.
   */
  void written(String path, FileLayout after, long offset, long length) {
    if (length == 0) {
      return;
    }
    FlfsCall call =
        FlfsCall.covering(
            FlfsOp.WRITE_EVENT, KernelFile.of(after), offset, length, after.blockSizeBytes());
    last = FileKernelRunner.run(writeEvent.kernel(), path, call);
  }

  void close() {
    unbindReadStream();
    unbindWriteEvent();
  }
}
