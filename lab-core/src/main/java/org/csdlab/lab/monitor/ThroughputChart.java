package org.csdlab.lab.monitor;

import java.util.ArrayList;
import java.util.List;
import org.csdlab.lab.chart.Chart;
import org.csdlab.lab.chart.Charts;
import org.csdlab.lab.chart.Line;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/**
 * Throughput over time from a monitor's series: each point is the rate over the interval between
 * two samples, placed at the interval's end.
 */
final class ThroughputChart {

  private ThroughputChart() {}

  /** How the rendering says that older series were dropped. */
  static String droppedNote(long droppedSeries) {
    return droppedSeries + " older operation" + (droppedSeries == 1 ? "" : "s") + " dropped (the monitor keeps the last "
        + ThroughputMonitor.MAX_SERIES + ")";
  }

  static Chart of(List<Series> series, TimeAxis axis, long droppedSeries) {
    List<Line> lines = new ArrayList<>();
    StringBuilder summary = new StringBuilder();
    for (Series one : series) {
      if (axis == TimeAxis.MODELED && !one.hasModeledTime()) {
        continue;
      }
      List<double[]> points = points(one, axis);
      lines.add(new Line(one.name(),
          points.stream().mapToDouble(p -> p[0]).toArray(),
          points.stream().mapToDouble(p -> p[1]).toArray()));
      double average = axis == TimeAxis.MODELED ? one.modeledMegabytesPerSecond() : one.wallMegabytesPerSecond();
      summary.append(summary.length() == 0 ? "" : "; ").append(one.name())
          .append(Double.isNaN(average) ? "" : String.format(" %.0f MB/s", average));
    }
    if (droppedSeries > 0) {
      summary.append(summary.length() == 0 ? "" : "; ").append(droppedNote(droppedSeries));
    }
    long thinned = series.stream().mapToLong(Series::droppedSamples).sum();
    if (thinned > 0) {
      summary.append(summary.length() == 0 ? "" : "; ").append(thinned)
          .append(" samples thinned out to keep each series at most ").append(SeriesRecorder.MAX_SAMPLES);
    }
    String title = axis == TimeAxis.MODELED ? "Throughput over modeled device time" : "Throughput over wall-clock time";
    Chart lineChart = Charts.lines(title, axis.title(), "throughput (MB/s)", lines);
    return Chart.of(lineChart.figure(), title, lines.isEmpty() ? "no operations yet" : summary.toString());
  }

  static Table table(List<Series> series, TimeAxis axis) {
    StringColumn names = StringColumn.create("series");
    DoubleColumn wall = DoubleColumn.create("wall s");
    DoubleColumn modeled = DoubleColumn.create("modeled s");
    DoubleColumn megabytes = DoubleColumn.create("MB done");
    DoubleColumn rate = DoubleColumn.create("MB/s");
    for (Series one : series) {
      List<Sample> samples = one.samples();
      for (int i = 0; i < samples.size(); i++) {
        Sample sample = samples.get(i);
        names.append(one.name());
        wall.append(sample.wallNanos() / 1e9);
        if (sample.hasModeledTime()) {
          modeled.append(sample.modeledNanos() / 1e9);
        } else {
          modeled.appendMissing();
        }
        megabytes.append(sample.bytes() / 1e6);
        double r = i == 0 ? Double.NaN : rate(samples.get(i - 1), sample, axis);
        if (Double.isNaN(r)) {
          rate.appendMissing();
        } else {
          rate.append(r);
        }
      }
    }
    return Table.create("throughput", names, wall, modeled, megabytes, rate);
  }

  /** (time in seconds, MB/s over the interval ending then) for each sample after the first. */
  static List<double[]> points(Series series, TimeAxis axis) {
    List<double[]> points = new ArrayList<>();
    List<Sample> samples = series.samples();
    for (int i = 1; i < samples.size(); i++) {
      double r = rate(samples.get(i - 1), samples.get(i), axis);
      if (!Double.isNaN(r)) {
        points.add(new double[] {time(samples.get(i), axis) / 1e9, r});
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
