package org.csdlab.fluffle;

import java.util.Arrays;
import org.csdlab.fluffle.kernel.FileKernelRunner;
import org.csdlab.fluffle.kernel.FlfsCall;
import org.csdlab.fluffle.kernel.FlfsWriteCall;
import org.csdlab.fluffle.kernel.KernelFile;
import org.csdlab.zns.ZnsDevice;
import org.csdlab.zns.Zone;
import org.csdlab.zns.csd.CsdKernel;
import org.csdlab.zns.csd.CsdResult;

/**
 * The kernels bound to one open handle: a read-stream kernel with the snapshot it reads, and a
 * write-event kernel. Not thread-safe on its own; a handle is used by one thread at a time.
 */
final class HandleKernels {
  /**
   * A kernel and its attribute value: the bytes {@link FluffleFs#setxattr} was given, returned by
   * {@link FluffleFs#getxattr} unchanged (for a fluent binding, the name it was bound under).
   */
  record Bound(CsdKernel kernel, byte[] attributeValue) {
    Bound {
      attributeValue = attributeValue.clone();
    }

    /** A fluent binding ({@link FileRef}), whose attribute value is {@code name} as UTF-8. */
    static Bound named(CsdKernel kernel, String name) {
      return new Bound(kernel, name.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    @Override
    public byte[] attributeValue() {
      return attributeValue.clone();
    }
  }

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

  /** The size of the file as the read-stream kernel sees it: its snapshot's. */
  long readStreamSizeBytes() {
    return snapshot.layout().sizeBytes();
  }

  /** The file's stat as the read-stream kernel sees it: its snapshot's. */
  FileStat readStreamStat() {
    return snapshot.stat();
  }

  /**
   * The read-stream kernel's answer to a read of {@code length} bytes at {@code offset} of the
   * snapshot, as FluffleFS's FUSE read passes it on: the request is clipped to the snapshot's size;
   * a request that is then empty is answered with no bytes without running the kernel; otherwise
   * the kernel's return data is cut to the clipped request ({@code min(result size, size)}). The
   * whole return data stays in {@link #last()}.
   */
  byte[] read(String path, long offset, long length) {
    FlfsCall call =
        FlfsCall.readStream(
            KernelFile.of(snapshot.layout()), offset, length, snapshot.layout().blockSizeBytes());
    if (call.size() == 0) {
      return new byte[0];
    }
    last = FileKernelRunner.run(readStream.kernel(), path, call);
    byte[] answer = last.returnData();
    return answer.length <= call.size() ? answer : Arrays.copyOf(answer, (int) call.size());
  }

  /**
   * Runs the write-event kernel on the blocks a write of {@code length} bytes at {@code offset}
   * just stored, in a file of {@code sizeBeforeBytes} before the write, now laid out as {@code
   * after} on {@code device}.
   */
  void written(
      String path,
      FileLayout after,
      long offset,
      long length,
      long sizeBeforeBytes,
      ZnsDevice device) {
    if (length == 0) {
      return;
    }
    int block = after.blockSizeBytes();
    long lastLba = after.lbaOfBlock().get((int) ((offset + length - 1) / block));
    if (lastLba == FileLayout.NO_BLOCK) {
      throw new IllegalStateException(
          path + ": block " + (offset + length - 1) / block + " was just written but is a hole");
    }
    Zone logZone = device.zone(device.geometry().zoneOf(lastLba));
    FlfsCall call =
        FlfsCall.writeEvent(
            KernelFile.of(after),
            offset,
            length,
            block,
            FlfsWriteCall.of(offset, length, sizeBeforeBytes, block, logZone));
    last = FileKernelRunner.run(writeEvent.kernel(), path, call);
  }

  void close() {
    unbindReadStream();
    unbindWriteEvent();
  }
}
