package org.csdlab.lab.monitor;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.csdlab.lab.chart.Chart;
import org.csdlab.lab.chart.Charts;
import org.csdlab.lab.chart.Line;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/**
 * Throughput over time from a monitor's series: each point is the rate over the interval between
 * two samples, placed at the interval's end.
 *
 * <p>Every series of one chart shares one time origin, the start of the chart's first operation: on
 * the wall-clock axis a series starts when it started; on the modeled axis it starts where the
 * modeled time of the operations that had ended before it began ends (operations run one after
 * another add up their modeled time; ones that overlap in wall-clock time start together), since
 * each operation reports only its own modeled time.
 */
final class ThroughputChart {

  private ThroughputChart() {}

  /** How the rendering says that older series were dropped. */
  static String droppedNote(long droppedSeries) {
    return droppedSeries
        + " older operation"
        + (droppedSeries == 1 ? "" : "s")
        + " dropped (the monitor keeps the last "
        + ThroughputMonitor.MAX_SERIES
        + ")";
  }

  static Chart of(List<Series> series, TimeAxis axis, long droppedSeries) {
    List<Series> shown =
        axis == TimeAxis.MODELED ? series.stream().filter(Series::hasModeledTime).toList() : series;
    long[] origins = origins(shown, axis);
    List<Line> lines = new ArrayList<>();
    StringBuilder summary = new StringBuilder();
    for (int i = 0; i < shown.size(); i++) {
      Series one = shown.get(i);
      List<double[]> points = points(one, axis, origins[i]);
      lines.add(
          new Line(
              one.name(),
              points.stream().mapToDouble(p -> p[0]).toArray(),
              points.stream().mapToDouble(p -> p[1]).toArray()));
      double average =
          axis == TimeAxis.MODELED ? one.modeledMebibytesPerSecond() : one.wallMebibytesPerSecond();
      summary
          .append(summary.length() == 0 ? "" : "; ")
          .append(one.name())
          .append(Double.isNaN(average) ? "" : String.format(Locale.ROOT, " %.0f MiB/s", average));
    }
    if (droppedSeries > 0) {
      summary.append(summary.length() == 0 ? "" : "; ").append(droppedNote(droppedSeries));
    }
    long thinned = series.stream().mapToLong(Series::droppedSamples).sum();
    if (thinned > 0) {
      summary
          .append(summary.length() == 0 ? "" : "; ")
          .append(thinned)
          .append(" samples thinned out to keep each series at most ")
          .append(SeriesRecorder.MAX_SAMPLES);
    }
    String title =
        axis == TimeAxis.MODELED
            ? "Throughput over modeled device time"
            : "Throughput over wall-clock time";
    Chart lineChart = Charts.lines(title, axis.title(), "throughput (MiB/s)", lines);
    return Chart.of(
        lineChart.figure(), title, lines.isEmpty() ? "no operations yet" : summary.toString());
  }

  /**
   * Where each series starts on the chart's {@code axis}, in ns from the common origin (see the
   * class comment). {@code series} are in the order they started.
   */
  static long[] origins(List<Series> series, TimeAxis axis) {
    long[] origins = new long[series.size()];
    if (series.isEmpty()) {
      return origins;
    }
    long first = series.stream().mapToLong(Series::startNanos).min().orElseThrow();
    for (int i = 0; i < series.size(); i++) {
      Series one = series.get(i);
      if (axis == TimeAxis.WALL_CLOCK) {
        origins[i] = one.startNanos() - first;
        continue;
      }
      long start = 0;
      for (int j = 0; j < i; j++) {
        Series before = series.get(j);
        if (before.finished() && before.lastNanos() <= one.startNanos()) {
          start = Math.max(start, origins[j] + before.last().modeledNanos());
        }
      }
      origins[i] = start;
    }
    return origins;
  }

  static Table table(List<Series> series) {
    StringColumn names = StringColumn.create("series");
    DoubleColumn wall = DoubleColumn.create("wall s");
    DoubleColumn modeled = DoubleColumn.create("modeled s");
    DoubleColumn mebibytes = DoubleColumn.create("MiB done");
    DoubleColumn rate = DoubleColumn.create("MiB/s");
    long[] wallOrigins = origins(series, TimeAxis.WALL_CLOCK);
    List<Series> withModeledTime = series.stream().filter(Series::hasModeledTime).toList();
    long[] modeledOrigins = origins(withModeledTime, TimeAxis.MODELED);
    int modeledIndex = -1;
    for (int s = 0; s < series.size(); s++) {
      Series one = series.get(s);
      modeledIndex += one.hasModeledTime() ? 1 : 0;
      List<Sample> samples = one.samples();
      for (int i = 0; i < samples.size(); i++) {
        Sample sample = samples.get(i);
        names.append(one.name());
        wall.append((wallOrigins[s] + sample.wallNanos()) / 1e9);
        if (sample.hasModeledTime() && one.hasModeledTime()) {
          modeled.append((modeledOrigins[modeledIndex] + sample.modeledNanos()) / 1e9);
        } else {
          modeled.appendMissing();
        }
        mebibytes.append(sample.bytes() / Series.MIB);
        double r = i == 0 ? Double.NaN : rate(samples.get(i - 1), sample, TimeAxis.WALL_CLOCK);
        if (Double.isNaN(r)) {
          rate.appendMissing();
        } else {
          rate.append(r);
        }
      }
    }
    return Table.create("throughput", names, wall, modeled, mebibytes, rate);
  }

  /**
   * (time in seconds from the chart's origin, MiB/s over the interval ending then) for each sample
   * after the first; the series starts {@code originNanos} after the origin.
   */
  static List<double[]> points(Series series, TimeAxis axis, long originNanos) {
    List<double[]> points = new ArrayList<>();
    List<Sample> samples = series.samples();
    for (int i = 1; i < samples.size(); i++) {
      double r = rate(samples.get(i - 1), samples.get(i), axis);
      if (!Double.isNaN(r)) {
        points.add(new double[] {(originNanos + time(samples.get(i), axis)) / 1e9, r});
      }
    }
    return points;
  }

  private static double rate(Sample from, Sample to, TimeAxis axis) {
    if (axis == TimeAxis.MODELED && !(from.hasModeledTime() && to.hasModeledTime())) {
      return Double.NaN;
    }
    return Series.rate(to.bytes() - from.bytes(), time(to, axis) - time(from, axis));
  }

  private static long time(Sample sample, TimeAxis axis) {
    return axis == TimeAxis.MODELED ? sample.modeledNanos() : sample.wallNanos();
  }
}
