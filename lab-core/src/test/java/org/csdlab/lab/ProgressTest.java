package org.csdlab.lab;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.csdlab.lab.dataset.ByteUnit;
import org.csdlab.lab.monitor.Series;
import org.junit.jupiter.api.Test;

class ProgressTest {
  static final long THRESHOLD = Lab.RAND_MAX / 2;

  /** Remembers every call as text and the bytes advanced per operation. */
  static final class Recorder implements ProgressListener {
    final List<String> events = new ArrayList<>();
    long advanced;

    @Override
    public void started(String operation, long totalBytes) {
      events.add("started " + operation + " " + totalBytes);
    }

    @Override
    public void advanced(String operation, long bytes) {
      advanced += bytes;
    }

    @Override
    public void finished(String operation) {
      events.add("finished " + operation);
    }
  }

  private final Lab lab = Lab.builder().geometry(Seeded.smallGeometry()).build();
  private final Recorder recorder = new Recorder();

  @Test
  void hostScansReportEveryByteTheyProcess() {
    Extent extent = lab.device().store(0, Seeded.readings(100_000, 1));
    lab.reportProgressTo(recorder).host().countU32Above(extent, THRESHOLD);
    assertEquals(
        List.of(
            "started host countU32Above(0x3fffffff) 400000",
            "finished host countU32Above(0x3fffffff)"),
        recorder.events);
    assertEquals(400_000, recorder.advanced);
  }

  @Test
  void driveKernelsReportWhenTheyAreDone() {
    Extent extent = lab.device().store(0, Seeded.readings(100_000, 1));
    lab.reportProgressTo(recorder).csd().countU32Above(extent, THRESHOLD);
    assertEquals(
        List.of("started drive count_u32_above 400000", "finished drive count_u32_above"),
        recorder.events);
    assertEquals(400_000, recorder.advanced);
  }

  @Test
  void aFailingListenerDoesNotBreakTheWork() {
    Extent extent = lab.device().store(0, Seeded.readings(1_000, 1));
    lab.reportProgressTo(
        new ProgressListener() {
          @Override
          public void advanced(String operation, long bytes) {
            throw new IllegalStateException("display gone");
          }
        });
    assertEquals(
        Seeded.countAbove(Seeded.readings(1_000, 1), THRESHOLD),
        lab.host().countU32Above(extent, THRESHOLD).value());
  }

  @Test
  void theMonitorHearsProgressUntilAnotherListenerIsSet() {
    ProgressListener toMonitor = lab.progressListener();
    lab.reportProgressTo(recorder);
    assertSame(recorder, lab.progressListener());
    lab.reportProgressToMonitor();
    assertSame(toMonitor, lab.progressListener());
  }

  @Test
  void hostScansAndDatasetsAppearInTheLabsMonitorWithModeledTime() {
    var readings = lab.datasets().u32Readings(64, ByteUnit.KiB).seed(3).writeToZones(0);
    HostRun run = lab.host().countU32Above(readings, THRESHOLD);

    List<Series> series = lab.monitor().series();
    assertEquals(2, series.size(), () -> "series: " + series);
    assertTrue(series.get(0).name().startsWith("generate"), series.get(0).name());
    Series scan = series.get(1);
    assertEquals("host countU32Above(0x3fffffff)", scan.name());
    assertEquals(64 * 1024, scan.bytesDone());
    assertTrue(scan.finished());
    assertTrue(scan.hasModeledTime(), "host reads report the modeled time they took");
    assertEquals(run.modeledNanos() / 1e9, scan.modeledSeconds(), 1e-9);
  }

  @Test
  void anElfKernelsRunsAreNamedAfterItsFileNotItsSection() {
    lab.device().store(0, Seeded.readings(1024, 1));
    lab.csd().load(LabEbpfTest.PROGRAMS.resolve("count_u32.o")).run(0L);
    List<Series> series = lab.monitor().series();
    assertEquals("drive count_u32.o", series.get(series.size() - 1).name());
  }
}
