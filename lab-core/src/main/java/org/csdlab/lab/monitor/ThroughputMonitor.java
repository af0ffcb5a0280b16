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
 * <p>While an operation runs, a terminal (or JShell started by the launcher) shows it as a progress
 * bar in MiB with the current rate on standard error ({@link ProgressBars}). A notebook shows a
 * live chart only where a cell asks for one with {@link #live()}: the chart appears in that cell
 * and follows the operations the cell starts after the call, updated in place at most every {@link
 * Builder#displayInterval display interval} and once more when each ends. Other cells show no
 * chart, so a loop of small operations does not fill a cell with charts or a legend with entries.
 *
 * <pre>{@code
 * var monitor = ThroughputMonitor.create();
 * monitor.live();                               // in a notebook: a chart in this cell
 * try (Progress p = monitor.start("host scan", 256L << 20)) {
 *   ... p.advance(chunkBytes, chunkModeledNanos) ...
 * }
 * monitor.chart(TimeAxis.MODELED)               // every series kept, on one time origin
 * }</pre>
 *
 * <p>Sizes and rates are binary (MiB, MiB/s), as every size in the lab. Usable from any thread;
 * reporting a chunk costs a lock, an addition and a clock read.
 */
public final class ThroughputMonitor implements HtmlRenderable {

  private final LongSupplier clock;
  private final long sampleIntervalNanos;
  private final long displayIntervalNanos;
  private final ProgressBars progressBars;
  private final DisplaySink fixedSink;

  /**
   * The most series kept; starting more drops the oldest, so a loop of operations costs bounded
   * memory.
   */
  public static final int MAX_SERIES = 256;

  /** The longest operation name {@link #toString()} shows whole, so that it stays one line. */
  private static final int MAX_NAME_CHARS = 40;

  private final CopyOnWriteArrayList<SeriesRecorder> series = new CopyOnWriteArrayList<>();
  private final AtomicLong droppedSeries = new AtomicLong();
  private final AtomicLong startedSeries = new AtomicLong();
  private volatile LiveDisplay live;

  private ThroughputMonitor(Builder builder) {
    this.clock = builder.clock;
    this.sampleIntervalNanos = builder.sampleInterval.toNanos();
    this.displayIntervalNanos = builder.displayInterval.toNanos();
    this.progressBars = builder.progressBars;
    this.fixedSink = builder.sink;
  }

  /**
   * A monitor with the defaults: system clock, bars when in a terminal, live charts where {@link
   * #live()} asks.
   */
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
      throw new IllegalArgumentException(
          "total bytes of '" + name + "' must be at least 0 (0 = unknown), was " + totalBytes);
    }
    long now = now();
    SeriesRecorder recorder =
        new SeriesRecorder(
            startedSeries.getAndIncrement(), name, totalBytes, now, sampleIntervalNanos);
    addBounded(recorder);
    DisplaySink sink = currentSink();
    LiveDisplay display = live;
    if (display != null && display.sink() == sink) {
      display.maybeUpdate(now, () -> liveChart(display));
    } else if (display != null) {
      endLive(display); // started from a later cell: the earlier cell's chart is complete
    }
    TerminalBar bar = progressBars.wanted(sink.live()) ? TerminalBar.open(name, totalBytes) : null;
    return new Progress(this, recorder, bar);
  }

  /**
   * In a notebook, shows a throughput chart over wall-clock time in this cell, which follows the
   * operations started after this call while they run (one live chart per cell: a second call in
   * the same cell keeps the first chart; a later cell needs its own call). In a terminal it does
   * nothing: progress bars follow the operations there.
   */
  public void live() {
    live(TimeAxis.WALL_CLOCK);
  }

  /**
   * As {@link #live()}, with the chart's time axis {@code axis} (e.g. {@link TimeAxis#MODELED}).
   */
  public void live(TimeAxis axis) {
    Objects.requireNonNull(axis, "axis");
    DisplaySink sink = currentSink();
    if (!sink.live()) {
      return;
    }
    LiveDisplay display;
    synchronized (this) {
      if (live != null && live.sink() == sink) {
        return;
      }
      display = new LiveDisplay(sink, displayIntervalNanos, startedSeries.get(), axis);
      live = display;
    }
    display.show(now(), () -> liveChart(display));
  }

  private synchronized void endLive(LiveDisplay display) {
    if (live == display) {
      live = null;
    }
  }

  /** The chart a live display shows: the series started since it was asked for. */
  private Chart liveChart(LiveDisplay display) {
    List<Series> followed =
        series.stream().filter(display::follows).map(SeriesRecorder::snapshot).toList();
    return ThroughputChart.of(followed, display.axis(), 0);
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

  /** Throughput over wall-clock time, one line per series, all from the first series' start. */
  public Chart chart() {
    return chart(TimeAxis.WALL_CLOCK);
  }

  /**
   * Throughput over {@code axis} time, one line per series (that has modeled time, for MODELED), on
   * one time origin: operations run one after another appear one after another.
   */
  public Chart chart(TimeAxis axis) {
    return ThroughputChart.of(series(), axis, droppedSeries());
  }

  /**
   * The samples as a table: series, wall s and modeled s (from the charts' common origin), MiB
   * done, MiB/s (wall-clock) over the interval before the sample.
   */
  public Table table() {
    return ThroughputChart.table(series());
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
    return "ThroughputMonitor["
        + operations
        + (operations == 1 ? " operation" : " operations")
        + (dropped > 0 ? " (" + dropped + " older dropped)" : "")
        + ", last: "
        + (last.length() <= MAX_NAME_CHARS ? last : last.substring(0, MAX_NAME_CHARS - 1) + "…")
        + "; see chart() or table()]";
  }

  long now() {
    return clock.getAsLong();
  }

  void progressed(long now, SeriesRecorder recorder) {
    LiveDisplay display = live;
    if (display != null && display.follows(recorder)) {
      display.maybeUpdate(now, () -> liveChart(display));
    }
  }

  void finished(SeriesRecorder recorder) {
    LiveDisplay display = live;
    if (display != null && display.follows(recorder)) {
      display.update(now(), () -> liveChart(display));
    }
  }

  private DisplaySink currentSink() {
    return fixedSink != null ? fixedSink : Displays.sink();
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
