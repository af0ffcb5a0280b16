package org.csdlab.lab;

import java.util.ArrayList;
import java.util.List;
import org.csdlab.fluffle.FsCounters;
import org.csdlab.lab.display.DisplaySink;
import org.csdlab.lab.display.Displays;
import org.csdlab.lab.monitor.LiveDisplay;

/**
 * The filesystem's write counters after each call of {@link LabFs} that writes, for the chart of
 * write amplification over the data written, and the live display of that chart in a notebook cell.
 * At most {@link #MAX_SAMPLES} are kept: when full, every other sample is dropped, so a long
 * workload keeps its whole span at half the resolution.
 */
final class WriteAmplificationSamples {
  /** Samples kept before thinning. */
  static final int MAX_SAMPLES = 2048;

  /** A live chart is redrawn at most this often. */
  static final long DISPLAY_INTERVAL_NANOS = 250_000_000L;

  /** Host and device bytes written since format, at one moment. */
  record Sample(long hostBytes, long deviceBytes, long cleaningPasses) {
    double writeAmplification() {
      return hostBytes == 0 ? 0 : (double) deviceBytes / hostBytes;
    }
  }

  private final List<Sample> samples = new ArrayList<>();
  private LiveDisplay live;
  private java.util.function.Supplier<Object> liveContent;

  synchronized void record(FsCounters counters) {
    Sample sample =
        new Sample(
            counters.hostBytesWritten(), counters.deviceBytesWritten(), counters.cleaningPasses());
    if (!samples.isEmpty() && samples.get(samples.size() - 1).equals(sample)) {
      return; // a call that wrote nothing (a read-only check, a failed write) adds no point
    }
    if (samples.size() == MAX_SAMPLES) {
      for (int i = samples.size() - 2; i > 0; i -= 2) {
        samples.remove(i);
      }
    }
    samples.add(sample);
    LiveDisplay display = live;
    if (display != null) {
      if (display.sink() == Displays.sink()) {
        display.maybeUpdate(System.nanoTime(), liveContent);
      } else {
        display.update(System.nanoTime(), liveContent); // a later cell: the earlier chart ends
        live = null;
      }
    }
  }

  synchronized List<Sample> samples() {
    return List.copyOf(samples);
  }

  synchronized void clear() {
    samples.clear();
  }

  /**
   * Shows {@code content} in the current cell, redrawn as samples come; nothing outside a notebook.
   * A second call in the same cell keeps the first display.
   */
  synchronized void live(java.util.function.Supplier<Object> content) {
    DisplaySink sink = Displays.sink();
    if (!sink.live() || (live != null && live.sink() == sink)) {
      return;
    }
    live = LiveDisplay.in(sink, DISPLAY_INTERVAL_NANOS);
    liveContent = content;
    live.show(System.nanoTime(), content);
  }
}
