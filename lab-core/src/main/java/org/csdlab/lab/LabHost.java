package org.csdlab.lab;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.List;
import java.util.function.LongPredicate;
import org.csdlab.lab.dataset.WrittenDataset;
import org.csdlab.lab.display.Html;
import org.csdlab.lab.display.HtmlRenderable;
import org.csdlab.zns.Geometry;
import org.csdlab.zns.csd.ComputationalStorage;
import org.csdlab.zns.csd.HostReadResult;

/**
 * Work done the ordinary way: the host reads the data over the modeled host link ({@link
 * ComputationalStorage#hostRead}) and processes it itself. Each operation returns a {@link HostRun}
 * with the answer, the bytes that crossed the link and the modeled and wall time, ready to be
 * compared with the same work offloaded to the drive.
 */
public final class LabHost implements HtmlRenderable {
  /** Blocks read per host command: 1 MiB with 4 KiB blocks, so large zones need no huge arrays. */
  static final int READ_BYTES = 1 << 20;

  private final ComputationalStorage csd;
  private final ProgressListener progress;

  LabHost(ComputationalStorage csd, ProgressListener progress) {
    this.csd = csd;
    this.progress = progress;
  }

  /**
   * Counts the little-endian u32 values greater than {@code threshold} (unsigned) in {@code
   * extent}, reading it over the host link in whole blocks. Bytes past the extent's length in its
   * last block are read but not counted.
   */
  public HostRun countU32Above(Extent extent, long threshold) {
    checkThreshold(threshold);
    return countU32(
        extent, "countU32Above(0x" + Long.toHexString(threshold) + ")", value -> value > threshold);
  }

  /**
   * Counts the little-endian u32 values (0 to 2³² − 1) in {@code extent} that {@code test} accepts,
   * e.g. {@code countU32(data, "even", v -> v % 2 == 0)}; {@code operation} names the run.
   */
  public HostRun countU32(Extent extent, String operation, LongPredicate test) {
    Geometry g = csd.device().geometry();
    extent.checkFits(g);
    int blockSize = g.blockSizeBytes();
    int blocksPerRead = Math.max(1, READ_BYTES / blockSize);
    String label = "host " + operation;
    long count = 0;
    long hostBytes = 0;
    long modeled = 0;
    progress.started(label, extent.lengthBytes());
    long start = System.nanoTime();
    try {
      for (int i = 0; i < extent.zoneCount(); i++) {
        long length = extent.bytesInZone(i, g);
        long blocks = (length + blockSize - 1) / blockSize;
        for (long sector = 0; sector < blocks; sector += blocksPerRead) {
          int n = (int) Math.min(blocksPerRead, blocks - sector);
          HostReadResult read = csd.hostRead(extent.firstZone() + i, sector, n);
          hostBytes += read.hostBytes();
          modeled += read.modeledNanos();
          long valid = Math.min(read.data().length, length - sector * blockSize);
          count += count(read.data(), (int) valid, test);
          progress.advanced(label, valid, read.modeledNanos());
        }
      }
    } finally {
      progress.finished(label);
    }
    long wall = System.nanoTime() - start;
    return new HostRun(operation, extent, count, hostBytes, modeled, wall);
  }

  /**
   * Counts the u32 values greater than {@code threshold} in a dataset written to the drive.
   *
   * @throws StaleDatasetException a zone of the dataset was reset (or rewritten) since it was
   *     written
   */
  public HostRun countU32Above(WrittenDataset dataset, long threshold) {
    StaleDatasetException.checkUnchanged(dataset, csd.device());
    return countU32Above(Extent.of(dataset), threshold);
  }

  /**
   * Counts the u32 values greater than {@code threshold} in what zone {@code zone} holds (its
   * written blocks).
   */
  public HostRun countU32Above(int zone, long threshold) {
    return countU32Above(new LabDevice(csd.device()).extent(zone, 1), threshold);
  }

  /**
   * Counts the little-endian u32 values greater than {@code threshold} in the file {@code file} of
   * the lab's filesystem, reading its blocks over the host link as a host reading the file would:
   * runs of consecutive blocks in one command (up to 1 MiB), holes not read (they are zeros). The
   * file is pinned while it is read, so writers and the cleaner do not change what is counted.
   */
  public HostRun countU32Above(LabFile file, long threshold) {
    checkThreshold(threshold);
    Geometry g = csd.device().geometry();
    int blockSize = g.blockSizeBytes();
    int blocksPerRead = Math.max(1, READ_BYTES / blockSize);
    String operation = "countU32Above(0x" + Long.toHexString(threshold) + ") of " + file.path();
    String label = "host " + operation;
    long count = 0;
    long hostBytes = 0;
    long modeled = 0;
    long start = System.nanoTime();
    try (SnapshotPin pin = file.snapshot()) {
      List<Long> lbas = pin.layout().lbaOfBlock();
      long size = pin.layout().sizeBytes();
      progress.started(label, size);
      try {
        for (int i = 0; i < lbas.size(); ) {
          long first = lbas.get(i);
          int n = 1;
          while (i + n < lbas.size()
              && n < blocksPerRead
              && first >= 0
              && lbas.get(i + n) == first + n
              && g.zoneOf(first + n) == g.zoneOf(first)) {
            n++;
          }
          if (first >= 0) {
            int zone = g.zoneOf(first);
            HostReadResult read = csd.hostRead(zone, first - g.zoneStartLba(zone), n);
            hostBytes += read.hostBytes();
            modeled += read.modeledNanos();
            long valid = Math.min(read.data().length, size - (long) i * blockSize);
            count += count(read.data(), (int) valid, value -> value > threshold);
            progress.advanced(label, valid, read.modeledNanos());
          }
          i += n;
        }
      } finally {
        progress.finished(label);
      }
    }
    long wall = System.nanoTime() - start;
    return new HostRun(operation, null, count, hostBytes, modeled, wall);
  }

  static void checkThreshold(long threshold) {
    if (threshold < 0 || threshold > 0xFFFF_FFFFL) {
      throw new IllegalArgumentException(
          "threshold must be a u32 value, 0 to 4294967295 (0xffffffff), was " + threshold);
    }
  }

  private static long count(byte[] data, int length, LongPredicate test) {
    ByteBuffer values = ByteBuffer.wrap(data, 0, length).order(ByteOrder.LITTLE_ENDIAN);
    long count = 0;
    for (int at = 0; at + 4 <= length; at += 4) {
      if (test.test(Integer.toUnsignedLong(values.getInt(at)))) {
        count++;
      }
    }
    return count;
  }

  @Override
  public String toString() {
    return "LabHost[reads over the host link, " + csd.device().timing().name() + " timing]";
  }

  @Override
  public String toHtml() {
    return Html.panel(
        "Host",
        Html.escape(
            "Reads data over the modeled host link ("
                + csd.device().timing()
                + ") and "
                + "processes it itself: countU32Above(extent, threshold), countU32(extent, name, test)."));
  }
}
