package org.csdlab.lab.monitor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.csdlab.lab.Extent;
import org.csdlab.lab.Lab;
import org.csdlab.lab.ProgressListener;
import org.csdlab.lab.dataset.ByteUnit;
import org.csdlab.lab.dataset.Datasets;
import org.csdlab.lab.dataset.WrittenDataset;
import org.junit.jupiter.api.Test;

class MonitorListenerTest {
  private static final long MS = 1_000_000;

  @Test
  void eachOperationBecomesASeriesWithModeledTimeFromTheClock() {
    AtomicLong wall = new AtomicLong();
    AtomicLong device = new AtomicLong(5_000 * MS);
    ThroughputMonitor monitor = ThroughputMonitor.builder().clock(wall::get).sampleInterval(Duration.ZERO)
        .progressBars(ProgressBars.OFF).build();
    ProgressListener listener = monitor.listener(device::get);
    listener.started("host scan", 2_000_000);
    wall.addAndGet(10 * MS);
    device.addAndGet(4 * MS);
    listener.advanced("host scan", 1_000_000);
    listener.advanced("never started", 7);
    wall.addAndGet(10 * MS);
    device.addAndGet(6 * MS);
    listener.advanced("host scan", 1_000_000);
    listener.finished("host scan");
    listener.finished("never started");

    assertEquals(1, monitor.series().size(), "reports of unknown operations are dropped");
    Series series = monitor.series().get(0);
    assertEquals(List.of(new Sample(0, 0, 0), new Sample(10 * MS, 1_000_000, 4 * MS), new Sample(20 * MS, 2_000_000, 10 * MS)),
        series.samples());
    assertTrue(series.finished());
  }

  @Test
  void aLabsHostScanIsFollowed() {
    try (Lab lab = Lab.create()) {
      ThroughputMonitor monitor = ThroughputMonitor.quiet();
      WrittenDataset readings = Datasets.u32Readings(2, ByteUnit.MiB).seed(7).monitor(monitor).writeToZones(lab.device().raw(), 0);
      lab.reportProgressTo(monitor.listener(lab.device()::modeledNanos));
      var run = lab.host().countU32Above(new Extent(readings.firstZone(), readings.zoneCount(), readings.sizeBytes()),
          Datasets.RAND_MAX_HALF);
      Series scan = monitor.series().get(1);
      assertTrue(scan.name().startsWith("host"), scan.name());
      assertEquals(2L << 20, scan.bytesDone());
      assertTrue(scan.finished());
      assertTrue(scan.hasModeledTime());
      assertEquals(0.5, run.value() / (double) (readings.sizeBytes() / 4), 0.01, "half the readings are above RAND_MAX/2");
    }
  }
}
