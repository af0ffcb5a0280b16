package org.csdlab.lab.monitor;

/**
 * The handle a long operation reports its progress through, from any thread. Close it (or call
 * {@link #finish()}) when the operation ends, also when it fails, so bars and charts show the end.
 *
 * <pre>{@code
 * try (Progress progress = monitor.start("host scan", sizeBytes)) {
 *   for (...) { ...; progress.advance(chunk.length, modeledNanosOfChunk); }
 * }
 * }</pre>
 */
public final class Progress implements AutoCloseable {
  private final ThroughputMonitor monitor;
  private final SeriesRecorder series;
  private final TerminalBar bar;

  Progress(ThroughputMonitor monitor, SeriesRecorder series, TerminalBar bar) {
    this.monitor = monitor;
    this.series = series;
    this.bar = bar;
  }

  /** The series' name. */
  public String name() {
    return series.name();
  }

  /** Reports {@code bytes} more done, with no modeled device time. */
  public void advance(long bytes) {
    advance(bytes, Sample.NO_MODELED_TIME);
  }

  /**
   * Reports {@code bytes} more done that took {@code modeledNanos} of modeled device time (or
   * {@link Sample#NO_MODELED_TIME}).
   *
   * @throws IllegalArgumentException negative bytes or modeled time
   * @throws IllegalStateException the series has finished
   */
  public void advance(long bytes, long modeledNanos) {
    if (bytes < 0) {
      throw new IllegalArgumentException(
          "progress of series '" + name() + "' must not go back: bytes=" + bytes);
    }
    if (modeledNanos < 0 && modeledNanos != Sample.NO_MODELED_TIME) {
      throw new IllegalArgumentException(
          "modeled time of series '"
              + name()
              + "' must be at least 0 ns (or NO_MODELED_TIME), was "
              + modeledNanos);
    }
    long now = monitor.now();
    long done = series.advance(now, bytes, modeledNanos);
    if (bar != null) {
      bar.stepTo(done);
    }
    monitor.progressed(now, series);
  }

  /** The bytes done so far. */
  public long bytesDone() {
    return series.bytes();
  }

  /** This series as it stands now. */
  public Series snapshot() {
    return series.snapshot();
  }

  /**
   * Marks the operation as ended: the last sample, the bar closed, the live chart's final state.
   */
  public void finish() {
    if (series.finish(monitor.now())) {
      if (bar != null) {
        bar.close();
      }
      monitor.finished(series);
    }
  }

  @Override
  public void close() {
    finish();
  }

  @Override
  public String toString() {
    return "Progress[" + series.snapshot() + "]";
  }
}
