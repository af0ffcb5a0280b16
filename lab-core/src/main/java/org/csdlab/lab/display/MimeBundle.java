package org.csdlab.lab.display;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * One value in several representations keyed by MIME type, as Jupyter's {@code display_data}
 * carries them. {@code text/plain} is always present.
 */
public record MimeBundle(Map<String, String> data) {

  public static final String TEXT = "text/plain";
  public static final String HTML = "text/html";

  public MimeBundle {
    Objects.requireNonNull(data, "data");
    if (!data.containsKey(TEXT)) {
      throw new IllegalArgumentException(
          "a MIME bundle needs a text/plain entry, had " + data.keySet());
    }
    data = Collections.unmodifiableMap(new LinkedHashMap<>(data));
  }

  /** A bundle with only the text form. */
  public static MimeBundle text(String text) {
    return new MimeBundle(Map.of(TEXT, text));
  }

  /** A bundle with the text form and an HTML form. */
  public static MimeBundle textAndHtml(String text, String html) {
    Map<String, String> data = new LinkedHashMap<>();
    data.put(TEXT, text);
    data.put(HTML, html);
    return new MimeBundle(data);
  }

  public String text() {
    return data.get(TEXT);
  }

  /** The HTML form, or null when the value has none. */
  public String html() {
    return data.get(HTML);
  }
}
