package org.csdlab.lab;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.csdlab.lab.monitor.Progress;
import org.csdlab.lab.monitor.ThroughputMonitor;

/**
 * Feeds a lab's progress events to its {@link ThroughputMonitor}: one series per running operation.
 */
final class MonitorProgress implements ProgressListener {
  private final ThroughputMonitor monitor;
  private final Map<String, Progress> running = new ConcurrentHashMap<>();

  MonitorProgress(ThroughputMonitor monitor) {
    this.monitor = monitor;
  }

  @Override
  public void started(String operation, long totalBytes) {
    Progress previous = running.put(operation, monitor.start(operation, totalBytes));
    if (previous != null) {
      previous.finish(); // an operation of the same name that never reported its end
    }
  }

  @Override
  public void advanced(String operation, long bytes) {
    Progress progress = running.get(operation);
    if (progress != null) {
      progress.advance(bytes);
    }
  }

  @Override
  public void advanced(String operation, long bytes, long modeledNanos) {
    Progress progress = running.get(operation);
    if (progress != null) {
      progress.advance(bytes, modeledNanos);
    }
  }

  @Override
  public void finished(String operation) {
    Progress progress = running.remove(operation);
    if (progress != null) {
      progress.finish();
    }
  }

  @Override
  public String toString() {
    return "MonitorProgress[" + monitor + "]";
  }
}
