package org.csdlab.lab.chart;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicBoolean;
import org.csdlab.lab.display.HtmlRenderable;
import org.csdlab.lab.display.Renderers;
import tech.tablesaw.api.NumericColumn;
import tech.tablesaw.api.Table;
import tech.tablesaw.plotly.components.Axis;
import tech.tablesaw.plotly.components.Figure;
import tech.tablesaw.plotly.components.Layout;
import tech.tablesaw.plotly.components.Marker;
import tech.tablesaw.plotly.traces.BarTrace;
import tech.tablesaw.plotly.traces.ScatterTrace;
import tech.tablesaw.plotly.traces.Trace;

/**
 * The lab's charts: lines (throughput over time), bytes moved host vs drive, crossover plots, and
 * pages of charts saved as standalone offline HTML. Every chart draws with the plotly.js shipped on
 * the class path; nothing is fetched from the internet.
 */
public final class Charts {
  private static final AtomicBoolean REGISTERED = new AtomicBoolean();
  static final int WIDTH = 800;
  private static final int HEIGHT = 420;

  private Charts() {}

  /**
   * Lets {@link Renderers} show Tablesaw figures as charts; {@link Chart}s render themselves. Safe
   * to call more than once; the kernel calls it at start.
   */
  public static void registerRenderers() {
    if (REGISTERED.compareAndSet(false, true)) {
      Renderers.register(Figure.class, figure -> Chart.of(figure).toHtml());
    }
  }

  /**
   * The {@code <script>} element that brings plotly.js (several MB) into a notebook and draws the
   * charts that were waiting for it. Send it once per notebook page.
   */
  public static String plotlyLoader() {
    return PlotlyJs.loaderHtml();
  }

  /**
   * A loader like {@link #plotlyLoader()} at about a third of its size (plotly.js gzip-compressed
   * in base64), for notebooks that are saved with their outputs. The browser unpacks it with {@code
   * DecompressionStream} (Chrome 80+, Firefox 113+, Safari 16.4+), asynchronously: charts already
   * shown wait for it and draw when it is done.
   */
  public static String compressedPlotlyLoader() {
    return PlotlyJs.compressedLoaderHtml();
  }

  /** The version of the plotly.js that charts embed. */
  public static String plotlyVersion() {
    return PlotlyJs.version();
  }

  /** A line chart, one line per entry (lines with markers). */
  public static Chart lines(String title, String xTitle, String yTitle, List<Line> lines) {
    Objects.requireNonNull(lines, "lines");
    Trace[] traces =
        lines.stream()
            .map(
                line ->
                    ScatterTrace.builder(line.x(), line.y())
                        .name(label(line.name()))
                        .mode(
                            line.size() > 60
                                ? ScatterTrace.Mode.LINE
                                : ScatterTrace.Mode.LINE_AND_MARKERS)
                        .build())
            .toArray(Trace[]::new);
    Figure figure = new Figure(layout(title, xTitle, yTitle, Axis.Type.LINEAR), traces);
    int points = lines.stream().mapToInt(Line::size).sum();
    return Chart.of(
        figure,
        title,
        lines.size() + (lines.size() == 1 ? " line, " : " lines, ") + points + " points");
  }

  /**
   * Grouped bars (Plotly's default bar mode) of the bytes each run read on the drive and carried to
   * the host, on a log axis (an offloaded count moves bytes where a host scan moves megabytes).
   */
  public static Chart bytesMoved(String title, List<BytesMoved> runs) {
    Objects.requireNonNull(runs, "runs");
    if (runs.isEmpty()) {
      throw new IllegalArgumentException("a bytes-moved chart needs at least one run");
    }
    Object[] names = runs.stream().map(run -> label(run.run())).toArray();
    double[] read = runs.stream().mapToDouble(BytesMoved::readOnDriveBytes).toArray();
    double[] link = runs.stream().mapToDouble(BytesMoved::hostLinkBytes).toArray();
    Figure figure =
        new Figure(
            Layout.builder()
                .title(label(title))
                .width(WIDTH)
                .height(HEIGHT)
                .xAxis(Axis.builder().title("run").build())
                .yAxis(Axis.builder().title("bytes (log scale)").type(Axis.Type.LOG).build())
                .build(),
            BarTrace.builder(names, read).name("read on the drive").build(),
            BarTrace.builder(names, link).name("over the host link").build());
    StringBuilder summary = new StringBuilder();
    for (BytesMoved run : runs) {
      summary
          .append(summary.length() == 0 ? "" : "; ")
          .append(run.run())
          .append(' ')
          .append(run.hostLinkBytes())
          .append(" B over the link");
    }
    return Chart.of(figure, title, summary.toString());
  }

  /**
   * Host vs offloaded time as {@code x} varies, with the crossover points (where the faster side
   * changes, by linear interpolation) marked.
   */
  public static Chart crossover(String title, String xTitle, List<CrossoverPoint> points) {
    Objects.requireNonNull(points, "points");
    if (points.size() < 2) {
      throw new IllegalArgumentException(
          "a crossover plot needs at least 2 points, had " + points.size());
    }
    List<CrossoverPoint> sorted =
        points.stream().sorted(Comparator.comparingDouble(CrossoverPoint::x)).toList();
    double[] x = sorted.stream().mapToDouble(CrossoverPoint::x).toArray();
    List<Trace> traces = new ArrayList<>();
    traces.add(
        ScatterTrace.builder(x, sorted.stream().mapToDouble(CrossoverPoint::hostSeconds).toArray())
            .name("host")
            .mode(ScatterTrace.Mode.LINE_AND_MARKERS)
            .build());
    traces.add(
        ScatterTrace.builder(
                x, sorted.stream().mapToDouble(CrossoverPoint::offloadedSeconds).toArray())
            .name("offloaded")
            .mode(ScatterTrace.Mode.LINE_AND_MARKERS)
            .build());
    List<double[]> crossings = crossings(sorted);
    if (!crossings.isEmpty()) {
      traces.add(
          ScatterTrace.builder(
                  crossings.stream().mapToDouble(c -> c[0]).toArray(),
                  crossings.stream().mapToDouble(c -> c[1]).toArray())
              .name("crossover")
              .mode(ScatterTrace.Mode.MARKERS)
              .marker(
                  Marker.builder()
                      .size(14)
                      .symbol(tech.tablesaw.plotly.components.Symbol.DIAMOND)
                      .build())
              .build());
    }
    Figure figure =
        new Figure(
            layout(title, xTitle, "modeled time (s)", Axis.Type.LINEAR),
            traces.toArray(Trace[]::new));
    String summary =
        points.size()
            + " points, "
            + (crossings.isEmpty()
                ? "no crossover"
                : "crossover at "
                    + xTitle
                    + " ~ "
                    + crossings.stream().map(c -> String.format("%.3g", c[0])).toList());
    return Chart.of(figure, title, summary);
  }

  /** A crossover plot from a table's numeric columns (x, host seconds, offloaded seconds). */
  public static Chart crossover(
      String title, Table table, String xColumn, String hostColumn, String offloadedColumn) {
    Objects.requireNonNull(table, "table");
    NumericColumn<?> x = numeric(table, xColumn);
    NumericColumn<?> host = numeric(table, hostColumn);
    NumericColumn<?> offloaded = numeric(table, offloadedColumn);
    List<CrossoverPoint> points = new ArrayList<>();
    for (int row = 0; row < table.rowCount(); row++) {
      points.add(
          new CrossoverPoint(x.getDouble(row), host.getDouble(row), offloaded.getDouble(row)));
    }
    return crossover(title, xColumn, points);
  }

  /** The x (and time) where the faster side changes between consecutive points, interpolated. */
  static List<double[]> crossings(List<CrossoverPoint> sorted) {
    List<double[]> crossings = new ArrayList<>();
    for (int i = 0; i < sorted.size(); i++) {
      CrossoverPoint a = sorted.get(i);
      if (a.advantage() == 0) {
        crossings.add(new double[] {a.x(), a.hostSeconds()}); // a tie at a measured point
      } else if (i + 1 < sorted.size()) {
        CrossoverPoint b = sorted.get(i + 1);
        if (b.advantage() != 0 && Math.signum(a.advantage()) != Math.signum(b.advantage())) {
          double t = a.advantage() / (a.advantage() - b.advantage());
          crossings.add(
              new double[] {
                a.x() + t * (b.x() - a.x()),
                a.hostSeconds() + t * (b.hostSeconds() - a.hostSeconds())
              });
        }
      }
    }
    return crossings;
  }

  /**
   * A standalone HTML page: {@code title} as its heading, then {@code parts} in order (charts, and
   * any other rendering: tables, text), with plotly.js embedded once.
   */
  public static String page(String title, List<? extends HtmlRenderable> parts) {
    Objects.requireNonNull(parts, "parts");
    StringBuilder html =
        new StringBuilder(PlotlyJs.script().length() + 4096)
            .append(
                "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\"/>\n<title>")
            .append(escape(title))
            .append("</title>\n")
            .append(
                "<style>body{font-family:system-ui,-apple-system,'Segoe UI',sans-serif;margin:1.5em;max-width:")
            .append(WIDTH + 160)
            .append("px;line-height:1.45}</style>\n")
            .append(PlotlyJs.loaderHtml())
            .append("\n</head>\n<body>\n<h1>")
            .append(escape(title))
            .append("</h1>\n");
    for (HtmlRenderable part : parts) {
      html.append(part.toHtml()).append('\n');
    }
    return html.append("</body>\n</html>\n").toString();
  }

  /** Writes {@link #page} to {@code file} (creating its directory) and returns {@code file}. */
  public static Path saveHtml(Path file, String title, List<? extends HtmlRenderable> parts) {
    Chart.write(file, page(title, parts));
    return file;
  }

  static Layout layout(String title, String xTitle, String yTitle, Axis.Type yType) {
    return Layout.builder()
        .title(label(title))
        .width(WIDTH)
        .height(HEIGHT)
        .xAxis(Axis.builder().title(label(xTitle)).build())
        .yAxis(Axis.builder().title(label(yTitle)).type(yType).build())
        .build();
  }

  /**
   * Text safe inside Tablesaw's single-quoted JavaScript strings: Tablesaw escapes quotes and
   * markup as HTML entities but not backslashes or line breaks.
   */
  static String label(String text) {
    return Objects.requireNonNull(text, "text")
        .replace('\\', '/')
        .replaceAll("[\\r\\n\\u2028\\u2029]+", " ");
  }

  private static String escape(String text) {
    return label(text).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
  }

  private static NumericColumn<?> numeric(Table table, String name) {
    if (!table.columnNames().contains(name)) {
      throw new IllegalArgumentException(
          "table '"
              + table.name()
              + "' has no column '"
              + name
              + "'; it has "
              + table.columnNames());
    }
    if (!(table.column(name) instanceof NumericColumn<?> column)) {
      throw new IllegalArgumentException(
          "column '"
              + name
              + "' of table '"
              + table.name()
              + "' is not numeric (it is "
              + table.column(name).type()
              + ")");
    }
    return column;
  }
}
