package org.csdlab.lab.chart;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;
import org.csdlab.lab.display.HtmlRenderable;
import tech.tablesaw.plotly.components.Figure;

/**
 * A Plotly chart (a Tablesaw {@link Figure}) that renders with no internet.
 *
 * <ul>
 *   <li>{@link #toHtml()}: for notebooks, a {@code <div>} and a script that draws it with the
 *       page's {@code window.Plotly}; if plotly.js is not loaded yet the chart waits for it.
 *       Whoever shows charts (the kernel) sends {@link Charts#plotlyLoader()} once per notebook,
 *       before or after the first chart, or uses {@link #toHtml(boolean) toHtml(true)}.
 *   <li>{@link #saveHtml(Path)}: a standalone page with plotly.js embedded once, inline.
 *   <li>{@link #toString()}: one line for JShell.
 * </ul>
 */
public final class Chart implements HtmlRenderable {
  private static final AtomicLong IDS = new AtomicLong();

  static {
    Charts.registerRenderers();
  }

  private final Figure figure;
  private final String title;
  private final String summary;

  private Chart(Figure figure, String title, String summary) {
    this.figure = Objects.requireNonNull(figure, "figure");
    this.title = Objects.requireNonNull(title, "title");
    this.summary = Objects.requireNonNull(summary, "summary");
  }

  /** A chart of any Tablesaw figure, titled by its layout's title. */
  public static Chart of(Figure figure) {
    Objects.requireNonNull(figure, "figure");
    int traces = figure.getTraces() == null ? 0 : figure.getTraces().length;
    return new Chart(figure, "chart", traces + (traces == 1 ? " trace" : " traces"));
  }

  /** A chart with a title and a one-line summary of what it shows (for {@link #toString()}). */
  public static Chart of(Figure figure, String title, String summary) {
    return new Chart(figure, title, summary);
  }

  /** The Tablesaw figure, to change or reuse. */
  public Figure figure() {
    return figure;
  }

  /** The chart's title. */
  public String title() {
    return title;
  }

  /** The notebook form: the chart alone, assuming plotly.js is (or will be) loaded on the page. */
  @Override
  public String toHtml() {
    return toHtml(false);
  }

  /**
   * The notebook form; with {@code includePlotly} the fragment first carries plotly.js (several
   * MB), which is what a kernel sends with the first chart of a notebook.
   */
  public String toHtml(boolean includePlotly) {
    String div = "csdlab_chart_" + IDS.incrementAndGet() + "_" + Long.toHexString(ThreadLocalRandom.current().nextLong() >>> 16);
    return "<div class=\"csdlab-chart\">"
        + (includePlotly ? PlotlyJs.loaderHtml() : "")
        + "<div id=\"" + div + "\"></div>"
        + "<script type=\"text/javascript\">//<![CDATA[\n"
        + drawScript(div)
        + "//]]></script></div>";
  }

  /**
   * Writes a standalone HTML page with this chart and plotly.js embedded, which opens in a
   * browser with no internet. Returns {@code file}.
   */
  public Path saveHtml(Path file) {
    return Charts.saveHtml(file, title, List.of(this));
  }

  /** The JavaScript that draws the figure into the element {@code div} once Plotly is there. */
  String drawScript(String div) {
    String tablesaw = figure.asJavascript(div).strip();
    String body = tablesaw.substring("<script>".length(), tablesaw.length() - "</script>".length())
        // The figure's strings are the only text here that a user chose; none may close the CDATA.
        .replace("]]>", "]]\\>");
    return "(function () {\n"
        + "function draw() {\n" + body.strip() + "\n}\n"
        + "if (window.Plotly) { draw(); } else { (" + PlotlyJs.QUEUE + " = " + PlotlyJs.QUEUE + " || []).push(draw); }\n"
        + "})();\n";
  }

  @Override
  public String toString() {
    return "Chart[" + title + ": " + summary + "]";
  }

  static void write(Path file, String html) {
    Objects.requireNonNull(file, "file");
    try {
      Path parent = file.toAbsolutePath().getParent();
      if (parent != null) {
        Files.createDirectories(parent);
      }
      Files.writeString(file, html, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the chart page " + file + ": " + e.getMessage(), e);
    }
  }
}
