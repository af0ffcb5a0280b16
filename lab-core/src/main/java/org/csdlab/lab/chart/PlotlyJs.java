package org.csdlab.lab.chart;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.ref.SoftReference;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Properties;
import java.util.zip.Deflater;
import java.util.zip.GZIPOutputStream;

/**
 * plotly.js from the {@code org.webjars.npm:plotly.js-dist} webjar on the class path, so charts
 * draw with no internet. The script is read once and kept while memory allows.
 */
final class PlotlyJs {
  private static final String WEBJAR = "META-INF/resources/webjars/plotly.js-dist/";
  private static final String POM_PROPERTIES =
      "META-INF/maven/org.webjars.npm/plotly.js-dist/pom.properties";

  /**
   * Charts drawn before plotly.js is loaded wait in this global queue; the loader drains it. It
   * lets a notebook show a chart's output before or after the loader's.
   */
  static final String QUEUE = "window.__csdlabPlotlyQueue";

  private static SoftReference<String> script = new SoftReference<>(null);
  private static SoftReference<String> compressed = new SoftReference<>(null);
  private static String version;

  private PlotlyJs() {}

  /** The webjar's plotly.js version, e.g. {@code 2.35.3}. */
  static synchronized String version() {
    if (version == null) {
      Properties properties = new Properties();
      try (InputStream in = resource(POM_PROPERTIES)) {
        properties.load(in);
      } catch (IOException e) {
        throw new UncheckedIOException("cannot read " + POM_PROPERTIES + " from the class path", e);
      }
      version = properties.getProperty("version");
    }
    return version;
  }

  /** The full plotly.js source. */
  static synchronized String script() {
    String source = script.get();
    if (source == null) {
      String path = WEBJAR + version() + "/plotly.js";
      try (InputStream in = resource(path)) {
        source = new String(in.readAllBytes(), StandardCharsets.UTF_8);
      } catch (IOException e) {
        throw new UncheckedIOException("cannot read " + path + " from the class path", e);
      }
      if (source.contains("]]>") || source.toLowerCase().contains("</script")) {
        throw new IllegalStateException(
            path + " cannot be embedded in a <script> element as it is");
      }
      script = new SoftReference<>(source);
    }
    return source;
  }

  /**
   * One {@code <script>} element that defines {@code window.Plotly} (unless a page already has it)
   * and then draws the charts waiting for it. An AMD loader (require.js in classic notebooks) is
   * hidden meanwhile, or plotly.js would register with it instead of defining the global.
   */
  static String loaderHtml() {
    return "<script type=\"text/javascript\">//<![CDATA[\n"
        + "if (!window.Plotly) { (function () {\n"
        + "var amdDefine = window.define;\n"
        + "window.define = undefined;\n"
        + "try {\n"
        + script()
        + "\n} finally { window.define = amdDefine; }\n"
        + "})(); }\n"
        + "(function () { var waiting = "
        + QUEUE
        + "; "
        + QUEUE
        + " = undefined;"
        + " if (waiting) { waiting.forEach(function (draw) { draw(); }); } })();\n"
        + "//]]></script>";
  }

  /**
   * Like {@link #loaderHtml()} but about a third of the size: plotly.js gzip-compressed in base64,
   * unpacked by the browser's {@code DecompressionStream} (Chrome 80, Firefox 113, Safari 16.4) and
   * run with a global eval. Loading is asynchronous; charts queue until it is done.
   */
  static String compressedLoaderHtml() {
    return "<script type=\"text/javascript\">//<![CDATA[\n"
        + "(function () {\n"
        + "if (window.Plotly || window.__csdlabPlotlyLoading) { return; }\n"
        + "window.__csdlabPlotlyLoading = true;\n"
        + "var packed = Uint8Array.from(atob(\""
        + compressedBase64()
        + "\"), function (c) { return c.charCodeAt(0); });\n"
        + "var source = new Blob([packed]).stream().pipeThrough(new DecompressionStream(\"gzip\"));\n"
        + "new Response(source).text().then(function (plotly) {\n"
        + "var amdDefine = window.define;\n"
        + "window.define = undefined;\n"
        + "try { (0, eval)(plotly); } finally { window.define = amdDefine; window.__csdlabPlotlyLoading = false; }\n"
        + "var waiting = "
        + QUEUE
        + "; "
        + QUEUE
        + " = undefined;\n"
        + "if (waiting) { waiting.forEach(function (draw) { draw(); }); }\n"
        + "});\n"
        + "})();\n"
        + "//]]></script>";
  }

  /** plotly.js gzip-compressed, in base64. */
  static synchronized String compressedBase64() {
    String packed = compressed.get();
    if (packed == null) {
      ByteArrayOutputStream bytes = new ByteArrayOutputStream(4 << 20);
      try (GZIPOutputStream gzip =
          new GZIPOutputStream(bytes) {
            {
              def.setLevel(Deflater.BEST_COMPRESSION);
            }
          }) {
        gzip.write(script().getBytes(StandardCharsets.UTF_8));
      } catch (IOException e) {
        throw new UncheckedIOException("cannot compress plotly.js in memory", e);
      }
      packed = Base64.getEncoder().encodeToString(bytes.toByteArray());
      compressed = new SoftReference<>(packed);
    }
    return packed;
  }

  private static InputStream resource(String path) throws IOException {
    InputStream in = PlotlyJs.class.getClassLoader().getResourceAsStream(path);
    if (in == null) {
      throw new IOException(
          path + " is not on the class path (the org.webjars.npm:plotly.js-dist jar is missing)");
    }
    return in;
  }
}
