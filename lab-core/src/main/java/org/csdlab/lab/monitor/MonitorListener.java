package org.csdlab.lab.monitor;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;
import org.csdlab.lab.ProgressListener;

/**
 * Feeds a lab's progress reports into a {@link ThroughputMonitor}, one series per operation. With
 * a modeled clock (a device's {@code modeledNanos()}), each report also carries the modeled time
 * that passed on that clock since the operation's previous report.
 */
final class MonitorListener implements ProgressListener {

  /** An operation being followed, with the modeled clock's reading at its last report. */
  private static final class Running {
    final Progress progress;
    long lastModeledNanos;

    Running(Progress progress, long lastModeledNanos) {
      this.progress = progress;
      this.lastModeledNanos = lastModeledNanos;
    }
  }

  private final ThroughputMonitor monitor;
  private final LongSupplier modeledClock;
  private final Map<String, Running> running = new ConcurrentHashMap<>();

  MonitorListener(ThroughputMonitor monitor, LongSupplier modeledClock) {
    this.monitor = monitor;
    this.modeledClock = modeledClock;
  }

  @Override
  public void started(String operation, long totalBytes) {
    Running previous = running.put(operation,
        new Running(monitor.start(operation, Math.max(0, totalBytes)), modeledNow()));
    if (previous != null) {
      previous.progress.finish();   // an operation of the same name that never reported its end
    }
  }

  @Override
  public void advanced(String operation, long bytes) {
    Running op = running.get(operation);
    if (op == null || bytes < 0) {
      return;   // not started through this listener: nothing to add it to
    }
    long modeled = Sample.NO_MODELED_TIME;
    if (modeledClock != null) {
      synchronized (op) {
        long now = modeledClock.getAsLong();
        modeled = Math.max(0, now - op.lastModeledNanos);
        op.lastModeledNanos = now;
      }
    }
    op.progress.advance(bytes, modeled);
  }

  @Override
  public void finished(String operation) {
    Running op = running.remove(operation);
    if (op != null) {
      op.progress.finish();
    }
  }

  private long modeledNow() {
    return modeledClock == null ? 0 : modeledClock.getAsLong();
  }
}
