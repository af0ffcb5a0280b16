package org.csdlab.lab.kernel;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import org.dflib.jjava.jupyter.kernel.display.DisplayData;

/**
 * Delivers plotly.js to the notebook at most once per kernel session, just before the first
 * output whose HTML draws a Plotly chart (contains {@value #MARKER}), so that charts render with no
 * internet connection. Chart HTML therefore only calls {@code Plotly.newPlot(...)} and never loads
 * plotly.js itself; the script comes from the {@code org.webjars.npm:plotly.js-dist} jar on the
 * class path and is delivered as a {@code display_data} output holding a {@code <script>}.
 */
public final class PlotlyDelivery {

  /** What marks HTML that needs plotly.js. */
  public static final String MARKER = "Plotly.";

  private static final String WEBJAR = "META-INF/resources/webjars/plotly.js-dist/";
  private static final String WEBJAR_PROPERTIES = "META-INF/maven/org.webjars.npm/plotly.js-dist/pom.properties";

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

  /** The display data holding plotly.js, made global even where RequireJS is present (classic notebook). */
  static DisplayData scriptOutput() {
    String version = webjarVersion();
    String script = read(WEBJAR + version + "/plotly.js").replace("</script", "<\\/script");
    DisplayData data = new DisplayData("plotly.js " + version + " (loaded once for this notebook's charts)");
    data.putHTML("<script type=\"text/javascript\">(function(define, module, exports) {\n" + script
        + "\n}).call(window);</script>");
    return data;
  }

  private static String webjarVersion() {
    Properties properties = new Properties();
    try (InputStream in = resource(WEBJAR_PROPERTIES)) {
      properties.load(in);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + WEBJAR_PROPERTIES, e);
    }
    return properties.getProperty("version");
  }

  private static String read(String name) {
    try (InputStream in = resource(name)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + name, e);
    }
  }

  private static InputStream resource(String name) {
    InputStream in = PlotlyDelivery.class.getClassLoader().getResourceAsStream(name);
    if (in == null) {
      throw new IllegalStateException(name + " is not on the class path: the org.webjars.npm:plotly.js-dist jar is"
          + " missing, so charts cannot be drawn offline");
    }
    return in;
  }
}
