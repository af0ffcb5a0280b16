package org.csdlab.lab.monitor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.csdlab.lab.chart.Chart;
import org.csdlab.lab.display.DisplaySink;
import org.csdlab.lab.display.Displays;
import org.csdlab.lab.display.RecordingSink;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tech.tablesaw.api.Table;

class ThroughputMonitorTest {
  private static final long MS = 1_000_000;
  private static final long MIB = 1 << 20;

  private final AtomicLong clock = new AtomicLong(1_000 * MS);

  private ThroughputMonitor.Builder monitor() {
    return ThroughputMonitor.builder().clock(clock::get).progressBars(ProgressBars.OFF);
  }

  @AfterEach
  void resetDisplays() {
    Displays.reset();
  }

  @Test
  void samplesRecordBytesAtWallAndModeledTime() {
    RecordingSink terminal = new RecordingSink();
    terminal.live = false;
    ThroughputMonitor monitor =
        monitor().sampleInterval(Duration.ofMillis(10)).sink(terminal).build();
    try (Progress progress = monitor.start("offloaded scan", 3 * MIB)) {
      clock.addAndGet(10 * MS);
      progress.advance(MIB, 2 * MS);
      clock.addAndGet(5 * MS); // within the interval: no sample
      progress.advance(MIB, 2 * MS);
      clock.addAndGet(5 * MS);
      progress.advance(MIB, 4 * MS);
    }
    Series series = monitor.series("offloaded scan").orElseThrow();
    assertEquals(
        List.of(
            new Sample(0, 0, 0),
            new Sample(10 * MS, MIB, 2 * MS),
            new Sample(20 * MS, 3 * MIB, 8 * MS)),
        series.samples());
    assertTrue(series.finished());
    assertEquals(List.of(), terminal.calls, "a sink that is not live gets no chart");
    assertEquals(3 * MIB, series.bytesDone());
    assertEquals(150.0, series.wallMebibytesPerSecond(), 1e-9); // 3 MiB in 20 ms
    assertEquals(375.0, series.modeledMebibytesPerSecond(), 1e-9); // 3 MiB in 8 ms modeled
    assertEquals(
        "offloaded scan: 3.0 MiB in 0.02 s (150 MiB/s), modeled 0.008 s", series.toString());
  }

  @Test
  void anOperationWithoutModeledTimeHasNone() {
    ThroughputMonitor monitor =
        ThroughputMonitor.builder().clock(clock::get).progressBars(ProgressBars.OFF).build();
    Progress progress = monitor.start("generate", 0);
    clock.addAndGet(100 * MS);
    progress.advance(500);
    progress.finish();
    Series series = monitor.series().get(0);
    assertFalse(series.hasModeledTime());
    assertTrue(Double.isNaN(series.modeledSeconds()));
    assertEquals(
        List.of(
            new Sample(0, 0, Sample.NO_MODELED_TIME),
            new Sample(100 * MS, 500, Sample.NO_MODELED_TIME)),
        series.samples());
  }

  @Test
  void samplesStayBoundedOnLongRuns() {
    ThroughputMonitor monitor = monitor().sampleInterval(Duration.ZERO).build();
    Progress progress = monitor.start("long", 0);
    int chunks = 10 * SeriesRecorder.MAX_SAMPLES;
    for (int i = 0; i < chunks; i++) {
      clock.addAndGet(MS);
      progress.advance(10);
    }
    progress.finish();
    Series series = progress.snapshot();
    assertTrue(
        series.samples().size() <= SeriesRecorder.MAX_SAMPLES + 1,
        "kept " + series.samples().size());
    assertTrue(
        series.samples().size() > SeriesRecorder.MAX_SAMPLES / 4,
        "kept " + series.samples().size());
    assertEquals(new Sample(0, 0, Sample.NO_MODELED_TIME), series.samples().get(0));
    assertEquals(new Sample(chunks * MS, chunks * 10L, Sample.NO_MODELED_TIME), series.last());
    assertEquals(
        chunks + 1,
        series.samples().size() + series.droppedSamples(),
        "every sample is kept or counted");
    assertTrue(
        series
            .toString()
            .contains(", " + series.samples().size() + " of " + (chunks + 1) + " samples kept"),
        series.toString());
    assertTrue(
        monitor
            .chart()
            .toString()
            .contains(
                series.droppedSamples()
                    + " samples thinned out to keep each series"
                    + " at most "
                    + SeriesRecorder.MAX_SAMPLES),
        monitor.chart().toString());
  }

  @Test
  void seriesStayBoundedWhenALoopStartsManyOperations() {
    ThroughputMonitor monitor = monitor().build();
    int operations = ThroughputMonitor.MAX_SERIES + 10;
    for (int i = 0; i < operations; i++) {
      monitor.start("scan " + i, 10).finish();
    }
    assertEquals(ThroughputMonitor.MAX_SERIES, monitor.series().size());
    assertEquals(10, monitor.droppedSeries());
    assertEquals("scan 10", monitor.series().get(0).name(), "the oldest are dropped");
    String note =
        "10 older operations dropped (the monitor keeps the last "
            + ThroughputMonitor.MAX_SERIES
            + ")";
    assertEquals(
        "ThroughputMonitor["
            + operations
            + " operations (10 older dropped), last: scan "
            + (operations - 1)
            + "; see chart() or table()]",
        monitor.toString());
    assertTrue(monitor.chart().toString().contains(note), monitor.chart().toString());
    monitor.clear();
    assertEquals(0, monitor.droppedSeries());
  }

  @Test
  void liveSinkShowsOnceUpdatesAtMostPerIntervalAndAlwaysAtTheEnd() {
    RecordingSink sink = new RecordingSink();
    Displays.install(sink);
    ThroughputMonitor monitor = monitor().displayInterval(Duration.ofMillis(250)).build();
    monitor.live();
    assertEquals(List.of("show"), sink.calls);
    Progress progress = monitor.start("host scan", 100 * MIB);
    assertEquals(List.of("show"), sink.calls, "no update within the interval");
    for (int i = 0; i < 100; i++) { // 100 chunks, 10 ms apart: 1 s
      clock.addAndGet(10 * MS);
      progress.advance(MIB);
    }
    assertEquals(4, sink.calls.size() - 1, "one update per 250 ms: " + sink.calls);
    progress.finish();
    assertEquals("update d1", sink.calls.get(sink.calls.size() - 1));
    assertEquals(6, sink.calls.size());
    Chart last = (Chart) sink.values.get(sink.values.size() - 1);
    assertTrue(
        last.toString().startsWith("Chart[Throughput over wall-clock time: host scan 100 MiB/s"),
        last.toString());
    progress.finish(); // a second finish changes nothing
    assertEquals(6, sink.calls.size());
  }

  @Test
  void aSecondSeriesSharesTheLiveChart() {
    RecordingSink sink = new RecordingSink();
    ThroughputMonitor monitor = monitor().sink(sink).build();
    monitor.live();
    monitor.start("host", 10).close();
    monitor.start("drive", 10).close();
    assertEquals(1, sink.calls.stream().filter("show"::equals).count(), sink.calls.toString());
    Chart chart = (Chart) sink.values.get(sink.values.size() - 1);
    assertTrue(chart.toHtml().contains("name: 'drive'"), "the final chart has both series");
    assertTrue(chart.toHtml().contains("name: 'host'"));
  }

  @Test
  void aLaterCellGetsItsOwnLiveChartOnlyIfItAsks() {
    ThroughputMonitor monitor = monitor().build();
    RecordingSink first = new RecordingSink();
    Displays.install(first);
    monitor.live();
    monitor.start("cell 1", 1).close();
    RecordingSink second = new RecordingSink();
    Displays.install(second);
    monitor.start("cell 2", 1).close();
    RecordingSink third = new RecordingSink();
    Displays.install(third);
    monitor.live();
    monitor.start("cell 3", 1).close();
    assertEquals(
        List.of("show", "update d1"),
        first.calls,
        "cell 2's operation does not touch cell 1's chart");
    assertEquals(List.of(), second.calls, "no live chart unless the cell asks for one");
    assertEquals(List.of("show", "update d1"), third.calls);
    Chart third3 = (Chart) third.values.get(1);
    assertTrue(
        third3.toString().startsWith("Chart[Throughput over wall-clock time: cell 3"),
        third3.toString());
    assertFalse(
        third3.toHtml().contains("cell 1"), "the chart follows what its cell started after live()");
  }

  @Test
  void anOperationWithoutLiveShowsNoChartEvenInANotebook() {
    RecordingSink notebook = new RecordingSink();
    ThroughputMonitor monitor = monitor().sink(notebook).build();
    try (Progress progress = monitor.start("generate u32 readings", MIB)) {
      clock.addAndGet(10 * MS);
      progress.advance(MIB);
    }
    assertEquals(List.of(), notebook.calls);
    assertEquals(1, monitor.series().size(), "it is still recorded for chart()");
  }

  @Test
  void oneLiveChartPerCellWhateverTheLoop() {
    RecordingSink cell = new RecordingSink();
    ThroughputMonitor monitor = monitor().sink(cell).build();
    monitor.live();
    monitor.live();
    for (int i = 0; i < 25; i++) {
      monitor.start("drive count_u32.o", 1).close();
    }
    assertEquals(1, cell.calls.stream().filter("show"::equals).count(), cell.calls.toString());
  }

  @Test
  void liveInATerminalShowsNothingBarsFollowTheWorkThere() {
    RecordingSink terminal = new RecordingSink();
    terminal.live = false;
    ThroughputMonitor monitor = monitor().sink(terminal).build();
    monitor.live();
    monitor.live(TimeAxis.MODELED);
    monitor.start("scan", 1).close();
    assertEquals(List.of(), terminal.calls);
  }

  @Test
  void everySeriesOfAChartSharesOneTimeOrigin() {
    ThroughputMonitor monitor = monitor().sampleInterval(Duration.ZERO).build();
    try (Progress generate = monitor.start("generate", 0)) { // 0 to 2.3 s, no modeled time
      clock.addAndGet(2300 * MS);
      generate.advance(230 * MIB);
    }
    try (Progress host = monitor.start("host scan", 0)) { // 2.3 s to 2.35 s, modeled 0 to 4 s
      clock.addAndGet(50 * MS);
      host.advance(8 * MIB, 4000 * MS);
    }
    try (Progress drive = monitor.start("drive scan", 0)) { // 2.35 s to 2.45 s, modeled 4 s to 6 s
      clock.addAndGet(100 * MS);
      drive.advance(8 * MIB, 2000 * MS);
    }
    Table table = monitor.table();
    assertEquals(
        List.of(0.0, 2.3, 2.3, 2.35, 2.35, 2.45),
        table.doubleColumn("wall s").asList(),
        "wall-clock time from the first operation's start");
    assertEquals(4.0, table.doubleColumn("modeled s").get(3), 1e-9);
    assertEquals(
        4.0, table.doubleColumn("modeled s").get(4), 1e-9, "the drive starts where the host ended");
    assertEquals(6.0, table.doubleColumn("modeled s").get(5), 1e-9);
    String wall = monitor.chart().toHtml();
    assertTrue(
        wall.contains("\"2.35\""), "the host's point at 2.35 s, after the generation: " + wall);
    String modeled = monitor.chart(TimeAxis.MODELED).toHtml();
    assertTrue(modeled.contains("\"4.0\"") && modeled.contains("\"6.0\""), modeled);

    assertEquals(
        List.of(0L, 0L),
        List.of(origins(overlapping(), 0), origins(overlapping(), 1)),
        "operations that overlap in wall-clock time start together in modeled time");
  }

  private static List<Series> overlapping() {
    Series first =
        new Series(
            "a", 0, 1, true, List.of(new Sample(0, 0, 0), new Sample(100 * MS, 1, 50 * MS)), 0, 0);
    Series second =
        new Series(
            "b",
            0,
            1,
            true,
            List.of(new Sample(0, 0, 0), new Sample(100 * MS, 1, 50 * MS)),
            0,
            10 * MS);
    return List.of(first, second);
  }

  private static long origins(List<Series> series, int index) {
    return ThroughputChart.origins(series, TimeAxis.MODELED)[index];
  }

  @Test
  void aFailingSinkDoesNotStopTheWork() {
    DisplaySink failing =
        new DisplaySink() {
          @Override
          public String show(Object value) {
            return "d";
          }

          @Override
          public void update(String displayId, Object value) {
            throw new IllegalStateException("kernel gone");
          }

          @Override
          public boolean live() {
            return true;
          }
        };
    ThroughputMonitor monitor = monitor().sink(failing).displayInterval(Duration.ZERO).build();
    try (Progress progress = monitor.start("scan", 0)) {
      clock.addAndGet(MS);
      progress.advance(5);
      progress.advance(5);
    }
    assertEquals(10, monitor.series().get(0).bytesDone());
  }

  @Test
  void progressFromManyThreadsAddsUp() throws Exception {
    ThroughputMonitor monitor = ThroughputMonitor.builder().progressBars(ProgressBars.OFF).build();
    Progress progress = monitor.start("parallel", 8 * 10_000);
    List<Thread> threads = new ArrayList<>();
    for (int t = 0; t < 8; t++) {
      threads.add(
          new Thread(
              () -> {
                for (int i = 0; i < 10_000; i++) {
                  progress.advance(1, 3);
                }
              }));
    }
    threads.forEach(Thread::start);
    for (Thread thread : threads) {
      thread.join();
    }
    progress.finish();
    assertEquals(80_000, progress.bytesDone());
    assertEquals(
        new Sample(progress.snapshot().last().wallNanos(), 80_000, 240_000),
        progress.snapshot().last());
  }

  @Test
  void misuseIsRefusedWithAReason() {
    ThroughputMonitor monitor = monitor().build();
    assertThrows(IllegalArgumentException.class, () -> monitor.start(" ", 1));
    assertThrows(IllegalArgumentException.class, () -> monitor.start("x", -1));
    Progress progress = monitor.start("x", 1);
    var back = assertThrows(IllegalArgumentException.class, () -> progress.advance(-1));
    assertEquals("progress of series 'x' must not go back: bytes=-1", back.getMessage());
    assertThrows(IllegalArgumentException.class, () -> progress.advance(1, -5));
    progress.finish();
    var finished = assertThrows(IllegalStateException.class, () -> progress.advance(1));
    assertTrue(finished.getMessage().contains("has finished"), finished.getMessage());
  }

  @Test
  void chartsAndTableShowEachSeries() {
    ThroughputMonitor monitor = monitor().sampleInterval(Duration.ZERO).build();
    try (Progress host = monitor.start("host scan", 0)) {
      clock.addAndGet(100 * MS);
      host.advance(10 * MIB, 50 * MS); // 100 MiB/s wall, 200 MiB/s modeled
    }
    try (Progress generate = monitor.start("generate", 0)) {
      clock.addAndGet(10 * MS);
      generate.advance(5 * MIB); // 500 MiB/s, no modeled time
    }
    Chart wall = monitor.chart();
    assertEquals(
        "Chart[Throughput over wall-clock time: host scan 100 MiB/s; generate 500 MiB/s]",
        wall.toString());
    String html = monitor.chart(TimeAxis.MODELED).toHtml();
    assertTrue(html.contains("name: 'host scan'"));
    assertFalse(
        html.contains("generate"), "only series with modeled time are on the modeled chart");
    assertTrue(html.contains("modeled device time (s)"));
    assertTrue(
        html.contains("\"0.05\"") && html.contains("\"200.0\""),
        "the point (0.05 s, 200 MiB/s): " + html);

    Table table = monitor.table();
    assertEquals(
        List.of("series", "wall s", "modeled s", "MiB done", "MiB/s"), table.columnNames());
    assertEquals(4, table.rowCount());
    assertEquals(100.0, table.doubleColumn("MiB/s").get(1), 1e-9);
    assertEquals(
        "ThroughputMonitor[2 operations, last: generate; see chart() or table()]",
        monitor.toString());
    assertEquals("ThroughputMonitor[no operations yet]", ThroughputMonitor.quiet().toString());
    assertEquals(
        "Chart[Throughput over wall-clock time: no operations yet]",
        ThroughputMonitor.quiet().chart().toString());
    assertTrue(
        ThroughputMonitor.quiet().toHtml().contains("Plotly.newPlot("),
        "an empty monitor still draws its axes");
  }
}
