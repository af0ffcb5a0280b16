package org.csdlab.lab.monitor;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;
import org.csdlab.lab.chart.Chart;
import org.csdlab.lab.display.DisplaySink;
import org.csdlab.lab.display.Displays;
import org.csdlab.lab.display.HtmlRenderable;
import tech.tablesaw.api.Table;

/**
 * Follows long operations (dataset generation, host scans, offloaded scans) as named series of
 * bytes done over wall-clock time and, when they report it, modeled device time.
 *
 * <p>While an operation runs the monitor shows it: in a terminal (or JShell started by the
 * launcher) as a progress bar in MB with the current rate on standard error ({@link
 * ProgressBars}); in a notebook, where {@link Displays#sink()} is {@linkplain DisplaySink#live()
 * live}, as a throughput chart shown once and updated in place at most every {@link
 * Builder#displayInterval display interval}, with the final state shown when an operation ends.
 *
 * <pre>{@code
 * var monitor = ThroughputMonitor.create();
 * try (Progress p = monitor.start("host scan", 256L << 20)) {
 *   ... p.advance(chunkBytes, chunkModeledNanos) ...
 * }
 * monitor.chart(TimeAxis.MODELED)
 * }</pre>
 *
 * <p>Usable from any thread; reporting a chunk costs a lock, an addition and a clock read.
 */
public final class ThroughputMonitor implements HtmlRenderable {

  private final LongSupplier clock;
  private final long sampleIntervalNanos;
  private final long displayIntervalNanos;
  private final ProgressBars progressBars;
  private final DisplaySink fixedSink;
  /** The most series kept; starting more drops the oldest, so a loop of operations costs bounded memory. */
  public static final int MAX_SERIES = 256;
  /** The longest operation name {@link #toString()} shows whole, so that it stays one line. */
  private static final int MAX_NAME_CHARS = 40;

  private final CopyOnWriteArrayList<SeriesRecorder> series = new CopyOnWriteArrayList<>();
  private final AtomicLong droppedSeries = new AtomicLong();
  private volatile LiveDisplay live;

  private ThroughputMonitor(Builder builder) {
    this.clock = builder.clock;
    this.sampleIntervalNanos = builder.sampleInterval.toNanos();
    this.displayIntervalNanos = builder.displayInterval.toNanos();
    this.progressBars = builder.progressBars;
    this.fixedSink = builder.sink;
  }

  /** A monitor with the defaults: system clock, bars when in a terminal, live charts in notebooks. */
  public static ThroughputMonitor create() {
    return builder().build();
  }

  /** A monitor that only records: no bars, no displays (for batch work and tests). */
  public static ThroughputMonitor quiet() {
    return builder().progressBars(ProgressBars.OFF).sink(NoDisplay.INSTANCE).build();
  }

  /** A builder to change the clock, intervals, bars or display sink. */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Starts following an operation called {@code name} that will do {@code totalBytes} (0 if
   * unknown). Names need not be unique; each call starts a new series.
   *
   * @throws IllegalArgumentException blank name or negative total
   */
  public Progress start(String name, long totalBytes) {
    Objects.requireNonNull(name, "name");
    if (name.isBlank()) {
      throw new IllegalArgumentException("a monitored operation needs a name, e.g. \"host scan\"");
    }
    if (totalBytes < 0) {
      throw new IllegalArgumentException("total bytes of '" + name + "' must be at least 0 (0 = unknown), was " + totalBytes);
    }
    long now = now();
    SeriesRecorder recorder = new SeriesRecorder(name, totalBytes, now, sampleIntervalNanos);
    addBounded(recorder);
    DisplaySink sink = currentSink();
    boolean liveSink = sink.live();
    if (liveSink) {
      liveDisplay(sink).show(now, this::chart);
    }
    TerminalBar bar = progressBars.wanted(liveSink) ? TerminalBar.open(name, totalBytes) : null;
    return new Progress(this, recorder, bar);
  }

  /**
   * Shows the throughput chart in the current display now and keeps it updated while operations
   * run: in a notebook a live chart in this cell (later operations update it); in a terminal the
   * current state as text, once.
   */
  public void live() {
    DisplaySink sink = currentSink();
    if (sink.live()) {
      liveDisplay(sink).show(now(), this::chart);
    } else {
      sink.show(this);
    }
  }

  /** Every series so far, oldest first. */
  public List<Series> series() {
    return series.stream().map(SeriesRecorder::snapshot).toList();
  }

  /** The latest series called {@code name}, if any. */
  public Optional<Series> series(String name) {
    for (int i = series.size() - 1; i >= 0; i--) {
      SeriesRecorder recorder = series.get(i);
      if (recorder.name().equals(name)) {
        return Optional.of(recorder.snapshot());
      }
    }
    return Optional.empty();
  }

  private synchronized void addBounded(SeriesRecorder recorder) {
    series.add(recorder);
    while (series.size() > MAX_SERIES) {
      series.remove(0);
      droppedSeries.incrementAndGet();
    }
  }

  /** How many of the oldest series were dropped to keep at most {@link #MAX_SERIES}. */
  public long droppedSeries() {
    return droppedSeries.get();
  }

  /** Forgets every series (a live chart already shown keeps its last state). */
  public synchronized void clear() {
    series.clear();
    droppedSeries.set(0);
  }

  /** Throughput over wall-clock time, one line per series. */
  public Chart chart() {
    return chart(TimeAxis.WALL_CLOCK);
  }

  /** Throughput over {@code axis} time, one line per series (that has modeled time, for MODELED). */
  public Chart chart(TimeAxis axis) {
    return ThroughputChart.of(series(), axis, droppedSeries());
  }

  /** The samples as a table: series, wall s, modeled s, MB done, MB/s over the last interval. */
  public Table table() {
    return ThroughputChart.table(series(), TimeAxis.WALL_CLOCK);
  }

  @Override
  public String toHtml() {
    return chart().toHtml();
  }

  @Override
  public String toString() {
    List<Series> all = series();
    if (all.isEmpty()) {
      return "ThroughputMonitor[no operations yet]";
    }
    // One line however many operations ran: their number and the last one (the table has them all).
    long dropped = droppedSeries();
    long operations = all.size() + dropped;
    String last = all.get(all.size() - 1).name();
    return "ThroughputMonitor[" + operations + (operations == 1 ? " operation" : " operations")
        + (dropped > 0 ? " (" + dropped + " older dropped)" : "") + ", last: "
        + (last.length() <= MAX_NAME_CHARS ? last : last.substring(0, MAX_NAME_CHARS - 1) + "…")
        + "; see chart() or table()]";
  }

  long now() {
    return clock.getAsLong();
  }

  void progressed(long now) {
    LiveDisplay display = live;
    if (display != null) {
      display.maybeUpdate(now, this::chart);
    }
  }

  void finished() {
    LiveDisplay display = live;
    if (display != null) {
      display.update(now(), this::chart);
    }
  }

  private DisplaySink currentSink() {
    return fixedSink != null ? fixedSink : Displays.sink();
  }

  /** The live display in {@code sink}; a new one when the sink changed (a later notebook cell). */
  private synchronized LiveDisplay liveDisplay(DisplaySink sink) {
    if (live == null || live.sink() != sink) {
      live = new LiveDisplay(sink, displayIntervalNanos);
    }
    return live;
  }

  /** A sink that shows nothing, for {@link #quiet()}. */
  private enum NoDisplay implements DisplaySink {
    INSTANCE;

    @Override
    public String show(Object value) {
      return "none";
    }

    @Override
    public void update(String displayId, Object value) {}

    @Override
    public boolean live() {
      return false;
    }
  }

  /** Options of a {@link ThroughputMonitor}; every setter is optional. */
  public static final class Builder {
    private LongSupplier clock = System::nanoTime;
    private Duration sampleInterval = Duration.ofMillis(20);
    private Duration displayInterval = Duration.ofMillis(250);
    private ProgressBars progressBars = ProgressBars.AUTO;
    private DisplaySink sink;

    private Builder() {}

    /** The clock in nanoseconds (default {@link System#nanoTime()}); tests inject their own. */
    public Builder clock(LongSupplier clock) {
      this.clock = Objects.requireNonNull(clock, "clock");
      return this;
    }

    /** Keep a sample at most this often per series (default 20 ms). */
    public Builder sampleInterval(Duration interval) {
      this.sampleInterval = requireNotNegative(interval, "sample interval");
      return this;
    }

    /** Update a live chart at most this often (default 250 ms, four times a second). */
    public Builder displayInterval(Duration interval) {
      this.displayInterval = requireNotNegative(interval, "display interval");
      return this;
    }

    /** Whether to draw terminal progress bars (default {@link ProgressBars#AUTO}). */
    public Builder progressBars(ProgressBars progressBars) {
      this.progressBars = Objects.requireNonNull(progressBars, "progressBars");
      return this;
    }

    /** Show live charts in this sink instead of the running thread's {@link Displays#sink()}. */
    public Builder sink(DisplaySink sink) {
      this.sink = Objects.requireNonNull(sink, "sink");
      return this;
    }

    public ThroughputMonitor build() {
      return new ThroughputMonitor(this);
    }

    private static Duration requireNotNegative(Duration interval, String what) {
      Objects.requireNonNull(interval, what);
      if (interval.isNegative()) {
        throw new IllegalArgumentException(what + " must not be negative, was " + interval);
      }
      return interval;
    }
  }
}
