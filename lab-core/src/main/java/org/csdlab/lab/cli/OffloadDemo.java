package org.csdlab.lab.cli;

import java.nio.file.Path;
import java.util.List;
import org.csdlab.lab.Comparison;
import org.csdlab.lab.CsdRun;
import org.csdlab.lab.Extent;
import org.csdlab.lab.HostRun;
import org.csdlab.lab.Lab;
import org.csdlab.lab.chart.BytesMoved;
import org.csdlab.lab.chart.Chart;
import org.csdlab.lab.chart.Charts;
import org.csdlab.lab.dataset.ByteUnit;
import org.csdlab.lab.dataset.Datasets;
import org.csdlab.lab.dataset.WrittenDataset;
import org.csdlab.lab.monitor.Progress;
import org.csdlab.lab.monitor.ProgressBars;
import org.csdlab.lab.monitor.ThroughputMonitor;
import org.csdlab.lab.monitor.TimeAxis;
import org.csdlab.zns.Geometry;

/**
 * The offloaded-filtering demo, built from the lab: seeded u32 sensor readings written to the
 * zones of {@link Lab#create()}'s drive, the values above RAND_MAX/2 counted on the host (every
 * byte crosses the host link) and by the lab's counting kernel on the drive (only the count
 * does), zone by zone so that the throughput monitor's bars and charts move as it goes.
 */
final class OffloadDemo {
  /** RAND_MAX/2, the threshold of OpenCSD's experiments and of the tutorial kernel {@code count_u32.c}. */
  static final long THRESHOLD = Datasets.RAND_MAX_HALF;

  /** The comparison, the data it was made on, and the chart file (null if none was asked for). */
  record Result(Comparison comparison, WrittenDataset dataset, Path chart) {
  }

  private final Lab lab = Lab.create();
  private final ThroughputMonitor monitor;

  OffloadDemo(ProgressBars bars) {
    this.monitor = ThroughputMonitor.builder().progressBars(bars).build();
  }

  /** The lab the demo runs in. */
  Lab lab() {
    return lab;
  }

  /**
   * Writes {@code bytes} of readings (whole zones) with {@code seed}, counts them both ways and,
   * unless {@code chartFile} is null, saves the charts there.
   */
  Result run(long bytes, long seed, Path chartFile) {
    Geometry g = lab.device().geometry();
    long zoneBytes = g.zoneCapacityBytes();
    if (bytes <= 0 || bytes % zoneBytes != 0 || bytes / zoneBytes > g.zoneCount()) {
      throw new CliException("the dataset size must be a whole number of " + ByteSize.format(zoneBytes)
          + " zones, at most " + g.zoneCount() + " (" + ByteSize.format(zoneBytes * g.zoneCount()) + "), got "
          + ByteSize.format(bytes));
    }
    WrittenDataset data = Datasets.u32Readings(bytes, ByteUnit.B).seed(seed).monitor(monitor)
        .writeToZones(lab.device().raw(), 0);
    Extent extent = lab.device().extent(data.firstZone(), data.zoneCount());
    HostRun host = countOnHost(extent);
    CsdRun drive = countOnDrive(extent);
    Comparison comparison = lab.compare(host, drive);
    Path chart = chartFile == null ? null : saveCharts(chartFile, host, drive);
    return new Result(comparison, data, chart);
  }

  private HostRun countOnHost(Extent extent) {
    HostRun total = null;
    try (Progress progress = monitor.start("host", extent.lengthBytes())) {
      for (int zone = extent.firstZone(); zone <= extent.lastZone(); zone++) {
        HostRun run = lab.host().countU32Above(zone, THRESHOLD);
        progress.advance(run.extent().lengthBytes(), run.modeledNanos());
        total = total == null ? run : new HostRun(run.operation(), extent, total.value() + run.value(),
            total.hostBytes() + run.hostBytes(), total.modeledNanos() + run.modeledNanos(),
            total.wallNanos() + run.wallNanos());
      }
    }
    return total;
  }

  private CsdRun countOnDrive(Extent extent) {
    CsdRun total = null;
    try (Progress progress = monitor.start("drive", extent.lengthBytes())) {
      for (int zone = extent.firstZone(); zone <= extent.lastZone(); zone++) {
        CsdRun run = lab.csd().countU32Above(lab.device().extent(zone, 1), THRESHOLD);
        if (run.r0() != 0) {
          throw new IllegalStateException(run.kernel() + " failed on zone " + zone + " with error " + run.r0());
        }
        progress.advance(run.mediaBytesRead(), run.modeledNanos());
        total = total == null ? run : new CsdRun(run.kernel(), extent, total.value() + run.value(), 0,
            total.instructions() + run.instructions(), total.mediaBytesRead() + run.mediaBytesRead(),
            total.hostBytes() + run.hostBytes(), total.mediaNanos() + run.mediaNanos(),
            total.computeNanos() + run.computeNanos(), total.linkNanos() + run.linkNanos(),
            total.wallNanos() + run.wallNanos(), List.of());
      }
    }
    return total;
  }

  private Path saveCharts(Path file, HostRun host, CsdRun drive) {
    Chart bytes = Charts.bytesMoved("Bytes moved: counting on the host vs on the drive", List.of(
        new BytesMoved("host", host.hostBytes(), host.hostBytes()),
        new BytesMoved("drive (eBPF)", drive.mediaBytesRead(), drive.hostBytes())));
    return Charts.saveHtml(file, "csdlab demo: offloaded filtering",
        List.of(bytes, monitor.chart(TimeAxis.MODELED), monitor.chart(TimeAxis.WALL_CLOCK)));
  }
}
