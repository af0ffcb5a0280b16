package org.csdlab.lab;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.util.ArrayList;
import java.util.List;
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
    assertEquals(List.of("started host countU32Above(0x3fffffff) 400000", "finished host countU32Above(0x3fffffff)"),
        recorder.events);
    assertEquals(400_000, recorder.advanced);
  }

  @Test
  void driveKernelsReportWhenTheyAreDone() {
    Extent extent = lab.device().store(0, Seeded.readings(100_000, 1));
    lab.reportProgressTo(recorder).csd().countU32Above(extent, THRESHOLD);
    assertEquals(List.of("started drive count_u32_above 400000", "finished drive count_u32_above"), recorder.events);
    assertEquals(400_000, recorder.advanced);
  }

  @Test
  void aFailingListenerDoesNotBreakTheWork() {
    Extent extent = lab.device().store(0, Seeded.readings(1_000, 1));
    lab.reportProgressTo(new ProgressListener() {
      @Override
      public void advanced(String operation, long bytes) {
        throw new IllegalStateException("display gone");
      }
    });
    assertEquals(Seeded.countAbove(Seeded.readings(1_000, 1), THRESHOLD),
        lab.host().countU32Above(extent, THRESHOLD).value());
  }

  @Test
  void noListenerUntilOneIsSet() {
    assertSame(ProgressListener.NONE, lab.progressListener());
    lab.reportProgressTo(recorder);
    assertSame(recorder, lab.progressListener());
  }
}
