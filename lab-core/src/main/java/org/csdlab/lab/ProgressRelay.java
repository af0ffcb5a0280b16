package org.csdlab.lab;

import java.util.Objects;

/**
 * The lab's current {@link ProgressListener}, shared by its parts, which it shields from the
 * listener's failures.
 */
final class ProgressRelay implements ProgressListener {
  private volatile ProgressListener listener = ProgressListener.NONE;

  void listener(ProgressListener listener) {
    this.listener = Objects.requireNonNull(listener, "listener");
  }

  ProgressListener listener() {
    return listener;
  }

  @Override
  public void started(String operation, long totalBytes) {
    try {
      listener.started(operation, totalBytes);
    } catch (RuntimeException e) {
      // a broken progress display must not break the measurement
    }
  }

  @Override
  public void advanced(String operation, long bytes) {
    try {
      listener.advanced(operation, bytes);
    } catch (RuntimeException e) {
      // as above
    }
  }

  @Override
  public void advanced(String operation, long bytes, long modeledNanos) {
    try {
      listener.advanced(operation, bytes, modeledNanos);
    } catch (RuntimeException e) {
      // as above
    }
  }

  @Override
  public void finished(String operation) {
    try {
      listener.finished(operation);
    } catch (RuntimeException e) {
      // as above
    }
  }
}
