package org.csdlab.lab.kernel;

import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import org.csdlab.lab.chart.Charts;
import org.dflib.jjava.jupyter.kernel.display.DisplayData;

/**
 * Delivers plotly.js to the notebook at most once per kernel session, just before the first output
 * whose HTML draws a Plotly chart (contains {@value #MARKER}), so that charts render with no
 * internet connection. Chart HTML therefore never loads plotly.js itself (charts drawn before it
 * arrives wait in the charts package's queue); the script comes from the {@code
 * org.webjars.npm:plotly.js-dist} jar through {@link Charts#compressedPlotlyLoader()} and is
 * delivered as a {@code display_data} output holding a {@code <script>}. Should that output be lost
 * (cleared, not saved, or its scripts not run in an untrusted notebook), no chart stays blank: each
 * says in words why it is not drawn and what to do ({@link
 * org.csdlab.lab.chart.Chart#MISSING_PLOTLY}).
 */
public final class PlotlyDelivery {

  /** What marks HTML that needs plotly.js. */
  public static final String MARKER = "Plotly.";

  private final AtomicBoolean delivered = new AtomicBoolean();

  /** True when {@code html} draws a Plotly chart. */
  public static boolean needsPlotly(String html) {
    return html != null && html.contains(MARKER);
  }

  /**
   * Sends plotly.js through {@code publish} if {@code html} needs it and this session has not
   * delivered it yet. Returns whether it sent it now.
   */
  public boolean deliverBefore(String html, Consumer<DisplayData> publish) {
    if (!needsPlotly(html) || !delivered.compareAndSet(false, true)) {
      return false;
    }
    publish.accept(scriptOutput());
    return true;
  }

  /** Whether plotly.js has been delivered in this session. */
  public boolean delivered() {
    return delivered.get();
  }

  /**
   * The display data holding plotly.js: the charts package's compressed loader (about a third of
   * plotly.js's size in a saved notebook), which defines the global even where RequireJS is present
   * (classic notebook) and then draws the charts that were waiting for it.
   */
  static DisplayData scriptOutput() {
    DisplayData data =
        new DisplayData(
            "plotly.js " + Charts.plotlyVersion() + " (loaded once for this notebook's charts)");
    data.putHTML(Charts.compressedPlotlyLoader());
    return data;
  }
}
