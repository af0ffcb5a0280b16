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
import org.csdlab.lab.display.Html;
import org.csdlab.lab.display.HtmlRenderable;
import tech.tablesaw.plotly.components.Figure;

/**
 * A Plotly chart (a Tablesaw {@link Figure}) that renders with no internet.
 *
 * <ul>
 *   <li>{@link #toHtml()}: for notebooks, a {@code <div>} and a script that draws it with the
 *       page's {@code window.Plotly}; if plotly.js is not loaded yet the chart waits for it.
 *       Whoever shows charts (the kernel) sends {@link Charts#plotlyLoader()} once per notebook,
 *       before or after the first chart, or uses {@link #toHtml(boolean) toHtml(true)}. A chart is
 *       never blank: until it is drawn it shows, in words, why not and what to do ({@link
 *       #MISSING_PLOTLY}), which is what stays on a page whose plotly.js is gone (its output
 *       cleared or not saved) or where scripts do not run (an untrusted notebook).
 *   <li>{@link #saveHtml(Path)}: a standalone page with plotly.js embedded once, inline.
 *   <li>{@link #toString()}: one line for JShell.
 * </ul>
 */
public final class Chart implements HtmlRenderable {
  private static final AtomicLong IDS = new AtomicLong();

  /**
   * What a chart says until it is drawn, and for good where plotly.js never comes: why it is not
   * drawn and what to do. The kernel sends plotly.js once per session, in the output before the
   * session's first chart.
   */
  public static final String MISSING_PLOTLY =
      "This chart is not drawn: plotly.js, which draws it, is not on this page."
          + " The csdlab kernel sends plotly.js once per kernel session, in the output just before the session's first"
          + " chart; that output was cleared or not saved, or this notebook is not trusted, so its scripts do not run."
          + " To draw the charts, trust the notebook, or restart the kernel and run all cells"
          + " (Kernel › Restart Kernel and Run All Cells).";

  /**
   * What a chart says while plotly.js may still be on its way (the kernel's loader unpacks it in
   * the background).
   */
  public static final String LOADING_PLOTLY = "Drawing the chart once plotly.js has loaded…";

  /**
   * How long a chart waits for plotly.js before it goes back to {@link #MISSING_PLOTLY}; unpacking
   * plotly.js takes well under a second in a current browser.
   */
  static final int PLOTLY_WAIT_MILLIS = 4000;

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
    String div =
        "csdlab_chart_"
            + IDS.incrementAndGet()
            + "_"
            + Long.toHexString(ThreadLocalRandom.current().nextLong() >>> 16);
    return "<div class=\"csdlab-chart\">"
        + (includePlotly ? PlotlyJs.loaderHtml() : "")
        + "<div id=\""
        + div
        + "_missing\" class=\"csdlab-chart-missing\" data-chart-title=\""
        + Html.escape(title)
        + "\" style=\"border:1px dashed "
        + Html.BORDER
        + ";border-radius:4px;padding:6px 10px;margin:4px 0;"
        + "max-width:"
        + Charts.WIDTH
        + "px;text-align:left\"><b>"
        + Html.escape(title)
        + "</b><br/>"
        + "<span class=\"csdlab-chart-reason\">"
        + Html.escape(MISSING_PLOTLY)
        + "</span></div>"
        + "<div id=\""
        + div
        + "\"></div>"
        + "<script type=\"text/javascript\">//<![CDATA[\n"
        + drawScript(div)
        + "//]]></script></div>";
  }

  /**
   * Writes a standalone HTML page with this chart and plotly.js embedded, which opens in a browser
   * with no internet. Returns {@code file}.
   */
  public Path saveHtml(Path file) {
    return Charts.saveHtml(file, title, List.of(this));
  }

  /**
   * The JavaScript that draws the figure into the element {@code div} once Plotly is there, and
   * then removes the words that stood in for it. While it waits it says that it is loading, and
   * goes back to why it is not drawn if plotly.js has not come after {@value #PLOTLY_WAIT_MILLIS}
   * ms.
   */
  String drawScript(String div) {
    String tablesaw = figure.asJavascript(div).strip();
    String body =
        tablesaw
            .substring("<script>".length(), tablesaw.length() - "</script>".length())
            // The figure's strings are the only text here that a user chose; none may close the
            // CDATA.
            .replace("]]>", "]]\\>");
    return "(function () {\n"
        + "var missing = document.getElementById('"
        + div
        + "_missing');\n"
        + "var reason = missing && missing.querySelector('.csdlab-chart-reason');\n"
        + "function draw() {\n"
        + body.strip()
        + "\n"
        + "if (missing && missing.parentNode) { missing.parentNode.removeChild(missing); }\n}\n"
        + "if (window.Plotly) { draw(); return; }\n"
        + "("
        + PlotlyJs.QUEUE
        + " = "
        + PlotlyJs.QUEUE
        + " || []).push(draw);\n"
        + "if (reason) {\n"
        + "var why = reason.textContent;\n"
        + "reason.textContent = '"
        + LOADING_PLOTLY
        + "';\n"
        + "setTimeout(function () { if (!window.Plotly && missing.parentNode) { reason.textContent = why; } }, "
        + PLOTLY_WAIT_MILLIS
        + ");\n"
        + "}\n"
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
      throw new UncheckedIOException(
          "cannot write the chart page " + file + ": " + e.getMessage(), e);
    }
  }
}
