package org.csdlab.lab.monitor;

import java.util.function.Supplier;
import org.csdlab.lab.display.DisplaySink;

/**
 * A display shown once in a live sink (a notebook cell) and replaced in place, at most once per
 * interval while work goes on, and always at the end. A sink that fails stops the updates rather
 * than the workload. For a {@link ThroughputMonitor} it follows the operations the monitor started
 * from the {@code firstSequence}-th on, over {@code axis} time; other live charts of the lab (the
 * filesystem's write amplification) use it through {@link #in}.
 */
public final class LiveDisplay {
  private final DisplaySink sink;
  private final long intervalNanos;
  private final long firstSequence;
  private final TimeAxis axis;
  private String id;
  private volatile long lastUpdateNanos;
  private boolean broken;

  LiveDisplay(DisplaySink sink, long intervalNanos, long firstSequence, TimeAxis axis) {
    this.sink = sink;
    this.intervalNanos = intervalNanos;
    this.firstSequence = firstSequence;
    this.axis = axis;
  }

  /** A live display in {@code sink}, replaced at most every {@code intervalNanos}. */
  public static LiveDisplay in(DisplaySink sink, long intervalNanos) {
    return new LiveDisplay(sink, intervalNanos, 0, TimeAxis.WALL_CLOCK);
  }

  /** The sink it shows in. */
  public DisplaySink sink() {
    return sink;
  }

  /** Whether the chart shows {@code series}: it started after the chart was asked for. */
  boolean follows(SeriesRecorder series) {
    return series.sequence() >= firstSequence;
  }

  TimeAxis axis() {
    return axis;
  }

  /** Shows the content now if nothing is shown yet. */
  public synchronized void show(long now, Supplier<?> content) {
    if (id == null && !broken) {
      try {
        id = sink.show(content.get());
        lastUpdateNanos = now;
      } catch (RuntimeException e) {
        broken = true;
      }
    }
  }

  /** Replaces the display if the interval has passed since the last update. */
  public void maybeUpdate(long now, Supplier<?> content) {
    if (now - lastUpdateNanos < intervalNanos) {
      return; // the common case, decided without the lock
    }
    synchronized (this) {
      if (now - lastUpdateNanos < intervalNanos) {
        return;
      }
      update(now, content);
    }
  }

  /** Replaces the display now (the final state). */
  public synchronized void update(long now, Supplier<?> content) {
    if (id == null || broken) {
      return;
    }
    lastUpdateNanos = now;
    try {
      sink.update(id, content.get());
    } catch (RuntimeException e) {
      broken = true;
    }
  }
}
